import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { emptyFrontier, insertLeaf, insertLeaves } from '../../zk/merkle';
import { plainState, restoredState, storedState } from '../plain';
import { type CommonsState } from '../state';
import { addMember } from './handlers';
import { type MemberTree, ROOT_HISTORY } from './state';

/** The member tree as it was computed before: one full Poseidon path per enrolment, at once. */
function eagerTree(commitments: readonly string[]): { leaves: string[]; frontier: ReturnType<typeof emptyFrontier>; recentRoots: string[] } {
  let frontier = emptyFrontier();
  let recentRoots = [frontier.root];
  for (const c of commitments) {
    frontier = insertLeaf(frontier, BigInt(c));
    recentRoots = [...recentRoots, frontier.root].slice(-ROOT_HISTORY);
  }
  return { leaves: [...commitments], frontier, recentRoots };
}

const start = (): MemberTree => ({ leaves: [], frontier: emptyFrontier(), recentRoots: [emptyFrontier().root] });
const snapshot = (tree: MemberTree) => ({ leaves: [...tree.leaves], frontier: tree.frontier, recentRoots: [...tree.recentRoots] });

describe('the member tree, computed when read', () => {
  it('inserting leaves together gives the frontier and roots of inserting them one at a time', () => {
    for (const [before, count, roots] of [[0, 1, 1], [0, 70, 30], [5, 64, 3], [31, 33, 1], [3, 2, 30]] as const) {
      const first = Array.from({ length: before }, (_, i) => BigInt(1000 + i));
      const rest = Array.from({ length: count }, (_, i) => BigInt(5000 + i));
      let one = first.reduce((f, leaf) => insertLeaf(f, leaf), emptyFrontier());
      const batch = insertLeaves(one, rest, roots);
      const each: string[] = [];
      for (const leaf of rest) {
        one = insertLeaf(one, leaf);
        each.push(one.root);
      }
      expect(batch.frontier).toEqual(one);
      expect(batch.roots).toEqual(each.slice(-roots));
    }
  });

  it('gives the same leaves, frontier and recent roots as the eager tree, whenever it is read', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 1, max: 1_000_000 }), fc.boolean()), { maxLength: 40 }), (steps) => {
        let tree = start();
        const commitments: string[] = [];
        for (const [value, read] of steps) {
          commitments.push(String(value));
          tree = addMember(tree, String(value));
          // Reading now (a ballot checks its root) or not must not change any later value.
          if (read) expect(snapshot(tree)).toEqual(eagerTree(commitments));
        }
        expect(snapshot(tree)).toEqual(eagerTree(commitments));
      }),
      { numRuns: 12 },
    );
  });

  it('an earlier tree keeps its own roots after later enrolments are added on top of it', () => {
    let tree = start();
    for (let i = 0; i < 40; i++) tree = addMember(tree, String(7 + i));
    const earlier = tree;
    const later = addMember(addMember(earlier, '99'), '100');
    expect(snapshot(later)).toEqual(eagerTree([...Array.from({ length: 40 }, (_, i) => String(7 + i)), '99', '100']));
    expect(snapshot(earlier)).toEqual(eagerTree(Array.from({ length: 40 }, (_, i) => String(7 + i))));
  });

  it('is plain data to the state hash, to structured clone and to the stored form', () => {
    let tree = start();
    for (let i = 0; i < 12; i++) tree = addMember(tree, String(31 * i + 1));
    const expected = eagerTree(Array.from({ length: 12 }, (_, i) => String(31 * i + 1)));
    expect(structuredClone(tree)).toEqual(expected);
    expect(JSON.parse(JSON.stringify(tree))).toEqual(expected);
    const state = { memberTree: tree } as unknown as CommonsState;
    expect(plainState(state)['memberTree']).toEqual(expected);
    expect(snapshot(restoredState(storedState(state)).memberTree)).toEqual(expected);
  });

  it('two enrolments on the same earlier tree (a branch) each see only their own leaf; the earlier tree is unchanged', () => {
    let base = start();
    for (let i = 0; i < 5; i++) base = addMember(base, String(100 + i));
    const first = addMember(base, '7');
    const firstOn = addMember(first, '8');
    const other = addMember(base, '9');
    const otherOn = addMember(other, '10');
    const leaves = ['100', '101', '102', '103', '104'];
    expect(snapshot(base)).toEqual(eagerTree(leaves));
    expect(snapshot(first)).toEqual(eagerTree([...leaves, '7']));
    expect(snapshot(firstOn)).toEqual(eagerTree([...leaves, '7', '8']));
    expect(snapshot(other)).toEqual(eagerTree([...leaves, '9']));
    expect(snapshot(otherOn)).toEqual(eagerTree([...leaves, '9', '10']));
    // Leaves read before a later enrolment do not grow with it.
    const read = base.leaves;
    addMember(firstOn, '11');
    expect(read).toEqual(leaves);
  });

  it('refuses a commitment that is not a number when it is enrolled, not later', () => {
    expect(() => addMember(start(), 'not a number')).toThrow(SyntaxError);
  });
});
