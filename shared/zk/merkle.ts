/**
 * The Commons' member and credential trees: binary Poseidon Merkle trees of fixed depth (20, about
 * a million members), filled left to right, empty leaves 0, as the circuits' MerkleRoot expects.
 * The ledger keeps only the frontier (one node per level), so an insertion costs `depth` hashes.
 */
import { MERKLE_DEPTH } from './artifacts';
import { hash2 } from './poseidon';

const zeros: bigint[] = [0n];
for (let i = 1; i <= MERKLE_DEPTH; i++) zeros.push(hash2(zeros[i - 1]!, zeros[i - 1]!));

/** The root of an empty tree of `depth` levels. */
export const emptyRoot = (depth = MERKLE_DEPTH): bigint => zeros[depth]!;

export interface Frontier {
  /** Leaves inserted so far. */
  readonly size: number;
  /** For each level, the last left node that is waiting for its right sibling (decimal strings). */
  readonly filled: readonly string[];
  readonly root: string;
}

export const emptyFrontier = (depth = MERKLE_DEPTH): Frontier => ({ size: 0, filled: zeros.slice(0, depth).map(String), root: String(zeros[depth]) });

/** Appends a leaf; pure. */
export function insertLeaf(frontier: Frontier, leaf: bigint, depth = MERKLE_DEPTH): Frontier {
  if (frontier.size >= 2 ** depth) throw new RangeError('the tree is full');
  const filled = [...frontier.filled];
  let node = leaf;
  let index = frontier.size;
  for (let level = 0; level < depth; level++) {
    if (index % 2 === 0) {
      filled[level] = String(node);
      node = hash2(node, zeros[level]!);
    } else {
      node = hash2(BigInt(filled[level]!), node);
    }
    index = Math.floor(index / 2);
  }
  return { size: frontier.size + 1, filled, root: String(node) };
}

/**
 * Appends `leaves` in order and returns the frontier and the roots after each of the last
 * `roots` (≥ 1) of them — the same frontier and roots as `insertLeaf` one leaf at a time. The
 * leaves before those only fill the frontier: a node is hashed when its subtree is complete, so
 * they cost about one hash each instead of `depth` (no root is computed for them).
 */
export function insertLeaves(frontier: Frontier, leaves: readonly bigint[], roots: number, depth = MERKLE_DEPTH): { frontier: Frontier; roots: string[] } {
  if (roots < 1) throw new RangeError('insertLeaves: at least the last root is computed');
  if (frontier.size + leaves.length > 2 ** depth) throw new RangeError('the tree is full');
  const quiet = Math.max(0, leaves.length - roots);
  const filled = [...frontier.filled];
  let size = frontier.size;
  for (let i = 0; i < quiet; i++) {
    // Up through the levels where the new node is a right child; at the first left one it waits.
    let node = leaves[i]!;
    let index = size;
    let level = 0;
    while (index % 2 === 1) {
      node = hash2(BigInt(filled[level]!), node);
      index = Math.floor(index / 2);
      level += 1;
    }
    if (level < depth) filled[level] = String(node);
    size += 1;
  }
  // The last leaves as insertLeaf does them: their paths rewrite the frontier's partial nodes too.
  let next: Frontier = { size, filled, root: frontier.root };
  const after: string[] = [];
  for (let i = quiet; i < leaves.length; i++) {
    next = insertLeaf(next, leaves[i]!, depth);
    after.push(next.root);
  }
  return { frontier: next, roots: after };
}

export interface MerkleProof {
  readonly root: bigint;
  readonly pathElements: bigint[];
  /** 1 where the node on the path is a right child. */
  readonly pathIndices: number[];
}

/** The inclusion proof of leaf `index` among `leaves` (all of them, in order). */
export function merkleProof(leaves: readonly bigint[], index: number, depth = MERKLE_DEPTH): MerkleProof {
  if (index < 0 || index >= leaves.length) throw new RangeError(`no leaf ${index} among ${leaves.length}`);
  let level = [...leaves];
  const pathElements: bigint[] = [];
  const pathIndices: number[] = [];
  let position = index;
  for (let d = 0; d < depth; d++) {
    const sibling = position % 2 === 0 ? (level[position + 1] ?? zeros[d]!) : level[position - 1]!;
    pathElements.push(sibling);
    pathIndices.push(position % 2);
    const next: bigint[] = [];
    for (let i = 0; i < level.length; i += 2) next.push(hash2(level[i]!, level[i + 1] ?? zeros[d]!));
    level = next;
    position = Math.floor(position / 2);
  }
  return { root: level[0]!, pathElements, pathIndices };
}

/** The root of a tree holding exactly `leaves`. */
export const rootOf = (leaves: readonly bigint[], depth = MERKLE_DEPTH): bigint => (leaves.length === 0 ? zeros[depth]! : merkleProof(leaves, 0, depth).root);
