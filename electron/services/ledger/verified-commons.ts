/**
 * The Commons this process has verified itself (issue 10, item 1): the Demo Commons its own
 * sequencer folds, and every Commons whose log the ledger service stored (each entry verified
 * here, with this process's verifier and recoverer, before it was stored). The prover makes an
 * enrolment proof only for a Commons found here, never for an id the renderer merely names.
 */
import { type Hex } from '../../../shared/crypto/canonical';
import { type CommonsState } from '../../../shared/commons/state';

export interface VerifiedCommons {
  readonly commonsId: Hex;
  readonly name: string;
  readonly height: number;
  readonly headHash: Hex;
  readonly source: 'demo' | 'stored';
}

export interface CommonsRegistry {
  /** The verified Commons with this id (any case), or null. */
  find(commonsId: string): VerifiedCommons | null;
}

const describe = (state: CommonsState, source: VerifiedCommons['source']): VerifiedCommons => ({
  commonsId: state.commonsId.toLowerCase() as Hex,
  name: state.name,
  height: state.height,
  headHash: state.headHash,
  source,
});

/** `demo`: the demo sequencer's state, when the demo counts (its stewards are emulated keys); `stored`: the member's stored Commons. */
export function createCommonsRegistry(sources: { demo?: () => CommonsState; stored: () => Iterable<CommonsState> }): CommonsRegistry {
  return {
    find(commonsId) {
      const id = commonsId.toLowerCase();
      const demo = sources.demo?.();
      if (demo && demo.commonsId.toLowerCase() === id) return describe(demo, 'demo');
      for (const state of sources.stored()) if (state.commonsId.toLowerCase() === id) return describe(state, 'stored');
      return null;
    },
  };
}
