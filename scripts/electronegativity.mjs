#!/usr/bin/env node
/**
 * Runs Doyensec's electronegativity over electron/ for the Electron version we ship, and
 * fails on any finding of high or medium severity that is not suppressed below, each with
 * the reason it does not apply. Offline it cannot fetch Electron's release list: it warns
 * and goes on, which is why the version is given with -e.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const require = createRequire(import.meta.url);
const electronVersion = require('electron/package.json').version;

/** The one place findings are suppressed: check name → why it does not apply here. */
export const SUPPRESSED = {
  PRELOAD_JS_CHECK:
    'The preload is reviewed: it exposes through contextBridge one function per row of the contract table (shared/contract/channels.ts) and a subscription to its events, nothing else; main validates every message against the same schemas.',
};

const dir = mkdtempSync(join(tmpdir(), 'c3-eneg-'));
const csv = join(dir, 'findings.csv');
const run = spawnSync(process.execPath, [require.resolve('@doyensec/electronegativity/dist/index.js'), '-i', 'electron', '-e', electronVersion, '-r', '-o', csv], {
  encoding: 'utf8',
  env: { ...process.env, NO_UPDATE_NOTIFIER: '1' },
});
if (run.status !== 0) {
  console.error(run.stdout, run.stderr);
  console.error('electronegativity did not run.');
  process.exit(1);
}

const rows = readFileSync(csv, 'utf8').trim().split('\n').slice(1).map(parseCsvLine);
rmSync(dir, { recursive: true, force: true });
const findings = rows.map(([check, severity, confidence, file, location, , description]) => ({ check, severity, confidence, file, location, description }));
const blocking = findings.filter((f) => (f.severity === 'HIGH' || f.severity === 'MEDIUM') && !(f.check in SUPPRESSED));

console.log(`electronegativity ${require('@doyensec/electronegativity/package.json').version} over electron/ for Electron ${electronVersion}: ${findings.length} finding(s)`);
for (const f of findings) {
  const note = f.check in SUPPRESSED ? `  [suppressed: ${SUPPRESSED[f.check]}]` : '';
  console.log(`  ${f.severity.padEnd(6)} ${f.check} ${f.file}:${f.location} — ${f.description}${note}`);
}
if (blocking.length > 0) {
  console.error(`electronegativity: ${blocking.length} finding(s) of high or medium severity.`);
  process.exit(1);
}
console.log('electronegativity: no high or medium finding left.');

function parseCsvLine(line) {
  const cells = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      cells.push(cell.trim());
      cell = '';
    } else cell += ch;
  }
  cells.push(cell.trim());
  return cells;
}
