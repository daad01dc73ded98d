/**
 * The stewards' pure pieces: the genesis draft refuses, before any device is asked, what the fold
 * would refuse; the inbox's batch check leaves a refused action out and the state as it was.
 */
import { describe, expect, it } from 'vitest';
import { apply, genesis } from '../commons/apply';
import { signAction, sealEntry } from '../commons/build';
import { keys, spec, testRecoverer, testVerifier } from '../commons/fixtures';
import { DEFAULT_PARAMS_V2 } from '../commons/params/defaults';
import { hexBytes } from '../crypto/recover';
import { unwrap } from '../result';
import { checkBatch } from './batch';
import { type GenesisChoices, draftGenesis, treasuryAddressOf, withSequencerSignatures } from './genesis';

const ctx = { verifier: testVerifier, recoverer: testRecoverer };
const KEYS = { identity: '1'.repeat(64), membership: '2'.repeat(64), credential: '3'.repeat(64) };
const T = 1_800_000_000;
const choices: GenesisChoices = {
  name: 'River Co-op',
  salt: 'r1',
  stewards: [spec(keys.steward1, 'Dana'), spec(keys.steward2, 'Emeka'), spec(keys.steward3, 'Fatima')],
  threshold: 2,
  attestors: [keys.attestor.address],
  params: DEFAULT_PARAMS_V2,
  time: T,
};

describe('the genesis draft', () => {
  it('signed by the quorum, is a genesis the fold accepts, stating the verification keys', () => {
    const draft = unwrap(draftGenesis(choices, KEYS));
    const signed = withSequencerSignatures(draft.entry, [keys.steward2, keys.steward1].map((k) => ({ signer: k.address, sig: k.sign(hexBytes(draft.digest)) })));
    expect(signed.sequencerSigs.map((s) => s.signer)).toEqual([keys.steward1.address, keys.steward2.address].sort());
    const state = unwrap(genesis(signed, ctx));
    expect(state).toMatchObject({ commonsId: draft.commonsId, headHash: draft.digest, treasury: treasuryAddressOf('r1') });
    expect(draft.entry.actions[0]!.payload).toMatchObject({ zkKeys: KEYS, logVersion: 2 });
  });

  it('a steward named twice, an attestor named twice, a name too long are refused before any device is asked', () => {
    expect(draftGenesis({ ...choices, stewards: [spec(keys.steward1), spec(keys.steward1)], threshold: 1 }, KEYS)).toMatchObject({ ok: false, error: { kind: 'DuplicateSigner' } });
    expect(draftGenesis({ ...choices, attestors: [keys.attestor.address, keys.attestor.address] }, KEYS)).toMatchObject({ ok: false, error: { kind: 'GenesisInvalid' } });
    expect(draftGenesis({ ...choices, name: 'x'.repeat(101) }, KEYS)).toMatchObject({ ok: false, error: { kind: 'GenesisInvalid' } });
  });

  it('parameters outside SPEC §4’s bounds are refused with the bound they break', () => {
    const params = { ...DEFAULT_PARAMS_V2, liquidationThresholdBps: { ...DEFAULT_PARAMS_V2.liquidationThresholdBps, ETH: 9_600 } };
    // 9600 × (10000 + 500) > 10000²: a liquidation could not pay its penalty out of the collateral.
    expect(draftGenesis({ ...choices, params }, KEYS)).toMatchObject({ ok: false, error: { kind: 'ParamOutOfBounds', param: 'liquidationThresholdBps.ETH' } });
  });
});

describe('the inbox’s batch', () => {
  const draft = unwrap(draftGenesis(choices, KEYS));
  const entry0 = withSequencerSignatures(draft.entry, [keys.steward1, keys.steward2].map((k) => ({ signer: k.address, sig: k.sign(hexBytes(draft.digest)) })));
  const state = unwrap(genesis(entry0, ctx));
  const attest = (nonce: number, price: bigint, signers = [keys.steward1, keys.steward2]) =>
    signAction(state.commonsId, { kind: 'price.attest', vault: state.treasury, nonce, validUntil: T + 86_400, payload: { asset: 'ADA', price } }, signers);

  it('an action refused in the inbox is left out of the entry; the ones after it run on the state without it', () => {
    const forged = attest(0, 1n, [keys.steward1, keys.mallory]);
    const batch = checkBatch(state, [forged, attest(0, 450_000n), attest(0, 460_000n)], ctx, T + 60);
    expect(batch.verdicts.map((v) => (v.accepted ? 'ok' : v.refusal.kind))).toEqual(['NotASigner', 'ok', 'NonceMismatch']);
    expect(batch.entry!.actions).toHaveLength(1);
    // Sealed by the quorum, the entry is the next one the fold accepts, with its digest as the new head.
    const sealed = sealEntry(state.commonsId, batch.entry!, [keys.steward1, keys.steward3], 2);
    expect(unwrap(apply(state, sealed, ctx)).headHash).toBe(batch.digest);
  });

  it('nothing accepted: no entry to seal', () => {
    expect(checkBatch(state, [attest(3, 1n)], ctx, T + 60)).toMatchObject({ entry: null, digest: null });
  });
});
