// @ts-check
/**
 * Layering as an allow-list, in the style of VS Code's `code-layering`: each layer lists what it
 * MAY import, and anything else is an error. Relative imports are resolved to a repo path and
 * matched against the importing file's layer; bare imports are Node built-ins or npm packages.
 * The layers themselves live in eslint.config.js (`layers`), the rule's test in scripts/lint-layers.test.ts.
 */
import { builtinModules } from 'node:module';
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';

const builtins = new Set(builtinModules);

/** @param {string} specifier */
const isNodeBuiltin = (specifier) => specifier.startsWith('node:') || builtins.has(specifier.split('/')[0] ?? '');

/** The npm package a bare specifier names: `@scope/name` or `name`. @param {string} specifier */
const packageOf = (specifier) => {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? specifier);
};

/**
 * A pattern matches a repo path (without extension): `dir/**` any file under dir, `dir/*` a file
 * directly in dir, otherwise the exact module. `<svc>` stands for the importing file's own service.
 * @param {string} pattern @param {string} target @param {Record<string, string>} vars
 */
function matchesPath(pattern, target, vars) {
  const p = pattern.replace(/<(\w+)>/g, (_, name) => vars[name] ?? '<none>');
  if (p.endsWith('/**')) return target.startsWith(p.slice(0, -2));
  if (p.endsWith('/*')) {
    const dir = p.slice(0, -1);
    return target.startsWith(dir) && !target.slice(dir.length).includes('/');
  }
  return target === p;
}

/** A package pattern: `name`, `@scope/*`, or `*` (any package). @param {string} pattern @param {string} pkg */
const matchesPackage = (pattern, pkg) => pattern === '*' || pattern === pkg || (pattern.endsWith('/*') && pkg.startsWith(pattern.slice(0, -1)));

/** The repo path a relative import names, without extension and with `/index` for a folder. @param {string} root @param {string} fromFile @param {string} specifier */
function resolveRelative(root, fromFile, specifier) {
  const absolute = path.resolve(path.dirname(path.join(root, fromFile)), specifier);
  let target = path.relative(root, absolute).split(path.sep).join('/').replace(/\.(m?[jt]sx?|json)$/, '');
  if (existsSync(absolute) && statSync(absolute).isDirectory()) target += '/index';
  return target;
}

/**
 * @typedef {{
 *   name: string,
 *   files: string,
 *   paths?: string[],
 *   packages?: string[],
 *   node?: boolean,
 *   test?: { paths?: string[], packages?: string[] },
 *   anything?: boolean,
 * }} Layer
 * @typedef {{ layers: Layer[], testFiles: string }} LayeringOptions
 * (`files` and `testFiles`: regular expressions over the repo path, as strings)
 */

/** @type {import('eslint').Rule.RuleModule} */
export const layeringRule = {
  meta: {
    type: 'problem',
    docs: { description: 'Each layer imports only what its allow-list names (VS Code code-layering).' },
    schema: [{ type: 'object', additionalProperties: true }],
    messages: {
      refused: '{{layer}} may not import "{{specifier}}" ({{what}}): not in its allow-list in eslint.config.js.',
      unlayered: '{{file}} belongs to no layer: add it to the layers in eslint.config.js.',
    },
  },
  create(context) {
    const options = /** @type {LayeringOptions} */ (context.options[0]);
    const root = context.cwd;
    const file = path.relative(root, context.filename).split(path.sep).join('/');
    const layer = options.layers.find((l) => new RegExp(l.files).test(file));
    if (!layer) {
      return {
        Program(node) {
          context.report({ node, messageId: 'unlayered', data: { file } });
        },
      };
    }
    if (layer.anything) return {};
    const isTest = new RegExp(options.testFiles).test(file);
    const vars = { svc: /^electron\/services\/([^/]+)\//.exec(file)?.[1] ?? '' };
    const paths = [...(layer.paths ?? []), ...(isTest ? (layer.test?.paths ?? []) : [])];
    const packages = [...(layer.packages ?? []), ...(isTest ? (layer.test?.packages ?? []) : [])];

    /** @param {import('estree').Node} node @param {unknown} source */
    const check = (node, source) => {
      if (typeof source !== 'string') return;
      let allowed;
      let what;
      if (source.startsWith('.')) {
        const target = resolveRelative(root, file, source);
        what = target;
        allowed = paths.some((p) => matchesPath(p, target, vars));
      } else if (isNodeBuiltin(source)) {
        what = 'a Node built-in';
        allowed = layer.node === true;
      } else {
        const pkg = packageOf(source);
        what = `the package ${pkg}`;
        allowed = packages.some((p) => matchesPackage(p, pkg)) && !packages.includes(`!${pkg}`);
      }
      if (!allowed) context.report({ node, messageId: 'refused', data: { layer: layer.name, specifier: source, what } });
    };
    return {
      ImportDeclaration: (node) => check(node, node.source.value),
      ExportNamedDeclaration: (node) => node.source && check(node, node.source.value),
      ExportAllDeclaration: (node) => check(node, node.source.value),
      ImportExpression: (node) => node.source.type === 'Literal' && check(node, node.source.value),
    };
  },
};

export default { rules: { layering: layeringRule } };
