/**
 * The Commons this process has verified itself (issue 10, item 1): the Demo Commons its own
 * sequencer folds, and a member's own Commons whose log was handed to `ledger.openCommons` and
 * folded here with this process's verifier and recoverer. The prover makes an enrolment proof
 * only for a Commons found here, never for an id the renderer merely names.
 */
import { type Hex } from '../../../shared/crypto/canonical';
import { type CommonsState } from '../../../shared/commons/state';

export interface VerifiedCommons {
  readonly commonsId: Hex;
  readonly name: string;
  readonly height: number;
  readonly headHash: Hex;
  readonly source: 'demo' | 'opened';
}

export interface CommonsRegistry {
  /** The verified Commons with this id (any case), or null. */
  find(commonsId: string): VerifiedCommons | null;
  /** Records a Commons whose log this process has just folded with its own verifier. */
  add(state: CommonsState): VerifiedCommons;
}

const describe = (state: CommonsState, source: VerifiedCommons['source']): VerifiedCommons => ({
  commonsId: state.commonsId.toLowerCase() as Hex,
  name: state.name,
  height: state.height,
  headHash: state.headHash,
  source,
});

/** `demo`, when given, is the demo sequencer's state (folded when first asked). */
export function createCommonsRegistry(sources: { demo?: () => CommonsState } = {}): CommonsRegistry {
  const opened = new Map<string, VerifiedCommons>();
  return {
    find(commonsId) {
      const id = commonsId.toLowerCase();
      const demo = sources.demo?.();
      if (demo && demo.commonsId.toLowerCase() === id) return describe(demo, 'demo');
      return opened.get(id) ?? null;
    },
    add(state) {
      const found = describe(state, 'opened');
      opened.set(found.commonsId, found);
      return found;
    },
  };
}
