/**
 * The member tree, computed when it is read. An enrolment appends its commitment at once; the
 * frontier and the recent roots (a depth-20 Poseidon path per enrolment, some 4 ms here, 40 s
 * for the 10,000 enrolments of a large Commons) are computed the first time someone reads them
 * — a ballot checking its root, a view, the state's hash — for all the enrolments since the last
 * read together (`insertLeaves`: about one hash per leaf, and a full path only for the roots that
 * the history keeps). The values are exactly those of inserting one leaf at a time; the tree is
 * still a plain record (its `frontier` and `recentRoots` are enumerable getters), so views,
 * `plainState`, structured clone and equality see the same data as before.
 */
import { type Frontier, insertLeaves } from '../../zk/merkle';
import { type MemberTree, ROOT_HISTORY } from './state';

/** A tree's frontier and recent roots, computed, at `frontier.size` leaves. */
export interface TreeBase {
  readonly frontier: Frontier;
  readonly recentRoots: readonly string[];
}

/** For each lazy tree: the latest computed base it can start from (its own value once read). */
const bases = new WeakMap<MemberTree, () => TreeBase>();

/** Where a tree after `tree` starts from: what `tree` has computed, without computing anything. */
export const baseOf = (tree: MemberTree): TreeBase => bases.get(tree)?.() ?? { frontier: tree.frontier, recentRoots: tree.recentRoots };

/**
 * For each lazy tree: the append-only array its leaves are the first `count` of. The newest tree
 * on an array extends it in place (an enrolment then costs no copy of 10,000 leaves, which made
 * the enrolments of a large Commons quadratic); any other tree's extension copies its prefix.
 */
const shared = new WeakMap<MemberTree, { readonly array: string[]; readonly count: number }>();

/** The tree after one more leaf; `tree` itself is unchanged. */
export function appendLeaf(tree: MemberTree, leaf: string): MemberTree {
  const own = shared.get(tree);
  if (own && own.array.length === own.count) {
    own.array.push(leaf);
    return sharedMemberTree(own.array, own.count + 1, baseOf(tree));
  }
  const leaves = own ? own.array.slice(0, own.count) : [...tree.leaves];
  leaves.push(leaf);
  return sharedMemberTree(leaves, leaves.length, baseOf(tree));
}

/** A tree of `leaves` whose first `base.frontier.size` are already in `base`. */
export const lazyMemberTree = (leaves: readonly string[], base: TreeBase): MemberTree => sharedMemberTree([...leaves], leaves.length, base);

/** A tree of the first `count` of `array` (which only ever grows), the first `base.frontier.size` already in `base`. */
function sharedMemberTree(array: string[], count: number, base: TreeBase): MemberTree {
  let value: TreeBase | undefined;
  let leaves: readonly string[] | undefined;
  const computed = (): TreeBase => {
    if (!value) {
      const pending = array.slice(base.frontier.size, count).map((leaf) => BigInt(leaf));
      if (pending.length === 0) value = base;
      else {
        const { frontier, roots } = insertLeaves(base.frontier, pending, ROOT_HISTORY);
        value = { frontier, recentRoots: [...base.recentRoots, ...roots].slice(-ROOT_HISTORY) };
      }
    }
    return value;
  };
  const tree = {} as { leaves: readonly string[] };
  // Read as a copy of the prefix: later enrolments extend the shared array, never this tree's leaves.
  Object.defineProperty(tree, 'leaves', { enumerable: true, get: () => (leaves ??= array.slice(0, count)) });
  Object.defineProperty(tree, 'frontier', { enumerable: true, get: () => computed().frontier });
  Object.defineProperty(tree, 'recentRoots', { enumerable: true, get: () => computed().recentRoots });
  const lazy = tree as MemberTree;
  bases.set(lazy, () => value ?? base);
  shared.set(lazy, { array, count });
  return lazy;
}
