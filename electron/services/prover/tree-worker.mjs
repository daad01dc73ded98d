// Worker thread of the prover's trees (electron/services/prover/trees.ts): the Commons' member and
// credential trees, kept between requests and updated incrementally, so that building a path over
// 100,000 members (about 100,000 Poseidon hashes, 20 s or more) never runs on the main thread, and
// a tree that only grew since the last request costs a few hashes per new member.
// The same tree as shared/zk/merkle.ts (a test pins them together): binary Poseidon, fixed depth,
// filled left to right, a missing right child is the empty subtree of its level.
// Plain JavaScript so that it starts the same under tsx, vitest and the bundled main process.
// In:  { type: 'path', id, tree: 'member' | 'credential', keys, index, depth }
//      keys: one line per leaf — a commitment (member) or "commitment/faction/tier" (credential)
// Out: { type: 'path', id, root, pathElements, pathIndices, reused } (decimal strings), or
//      { type: 'failed', id, message }; reused = leaves whose hashes were kept from the last request
import { parentPort } from 'node:worker_threads';
import { poseidon2, poseidon3 } from 'poseidon-lite';

/** zeros[d]: the root of an empty subtree of d levels. */
const zeros = [0n];
const zero = (d) => {
  while (zeros.length <= d) zeros.push(poseidon2([zeros[zeros.length - 1], zeros[zeros.length - 1]]));
  return zeros[d];
};

const leafOf = {
  member: (key) => BigInt(key),
  credential: (key) => {
    const [commitment, faction, tier] = key.split('/');
    return poseidon3([BigInt(commitment), BigInt(faction), BigInt(tier)]);
  },
};

/** tree name → { depth, keys: string[], levels: bigint[][] } (levels[d]: the non-empty nodes of level d). */
const trees = new Map();

/** Brings a tree to `keys`, rehashing only from the first leaf that differs from the last request. */
function update(name, keys, depth) {
  let tree = trees.get(name);
  if (!tree || tree.depth !== depth) {
    tree = { depth, keys: [], levels: Array.from({ length: depth + 1 }, () => []) };
    trees.set(name, tree);
  }
  const same = Math.min(tree.keys.length, keys.length);
  let first = 0;
  while (first < same && tree.keys[first] === keys[first]) first++;
  const reused = first;
  const leaves = tree.levels[0];
  leaves.length = keys.length;
  for (let i = first; i < keys.length; i++) leaves[i] = leafOf[name](keys[i]);
  for (let d = 0; d < depth; d++) {
    const below = tree.levels[d];
    const above = tree.levels[d + 1];
    above.length = Math.ceil(below.length / 2);
    first = Math.floor(first / 2);
    for (let i = first; i < above.length; i++) above[i] = poseidon2([below[2 * i], below[2 * i + 1] ?? zero(d)]);
  }
  tree.keys = keys;
  return { tree, reused };
}

function path({ tree: name, keys, index, depth }) {
  if (!(name in leafOf)) throw new Error(`no tree named ${name}`);
  const list = keys === '' ? [] : keys.split('\n');
  if (!Number.isInteger(index) || index < 0 || index >= list.length) throw new Error(`no leaf ${index} among ${list.length}`);
  const { tree, reused } = update(name, list, depth);
  const pathElements = [];
  const pathIndices = [];
  let position = index;
  for (let d = 0; d < depth; d++) {
    pathElements.push(String(tree.levels[d][position ^ 1] ?? zero(d)));
    pathIndices.push(position % 2);
    position = Math.floor(position / 2);
  }
  return { root: String(tree.levels[depth][0]), pathElements, pathIndices, reused };
}

parentPort.on('message', (message) => {
  if (message.type !== 'path') return;
  try {
    parentPort.postMessage({ type: 'path', id: message.id, ...path(message) });
  } catch (error) {
    // A key that did not parse may have left the tree half updated: start it again next time.
    trees.delete(message.tree);
    parentPort.postMessage({ type: 'failed', id: message.id, message: error instanceof Error ? error.message : String(error) });
  }
});
