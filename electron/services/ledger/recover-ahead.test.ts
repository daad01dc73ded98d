import { describe, expect, it } from 'vitest';
import { keccak_256 } from '@noble/hashes/sha3.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { fold } from '../../../shared/commons/apply';
import { sealEntry } from '../../../shared/commons/build';
import { enrolmentDigestBytes } from '../../../shared/crypto/eip712';
import { DAY, act, enrolAction, genesisEntry, genesisState, keys, member, testRecoverer, testVerifier } from '../../../shared/commons/fixtures';
import { type Entry } from '../../../shared/commons/log';
import { collectSignatures, encodeLog } from '../../../shared/commons/verify';
import { unwrap } from '../../../shared/result';
import { addressCache } from './native';
import { replayParallel } from './replay';

/** A log of genesis and one entry holding `enrolment`, sealed by stewards 1 and 2. */
function logWith(enrolment: (state: ReturnType<typeof genesisState>) => Entry['actions'][number]): Entry[] {
  const state = genesisState();
  const entry = sealEntry(state.commonsId, { seq: 1, prevHash: state.headHash, time: state.time + DAY, actions: [enrolment(state)] }, [keys.steward1, keys.steward2], state.version);
  return [genesisEntry(), entry];
}

describe('signatures recovered ahead of the fold (worker threads)', () => {
  it('an enrolment’s attestor signature is recovered with the vault’s, over the Enrolment digest of its own (C, U)', async () => {
    const entries = logWith((state) => enrolAction(state, member('Dave', 'Guild', [keys.dave], 1, state.commonsId)));
    const enrol = entries[1]!.actions[0]!;
    if (enrol.kind !== 'member.enrol') throw new Error('unexpected kind');
    const jobs = collectSignatures(entries);
    const attestation = jobs.find((j) => j.sigHex === enrol.payload.attestorSig);
    expect(attestation?.digest).toEqual(enrolmentDigestBytes(genesisState().commonsId, BigInt(enrol.payload.commitment), BigInt(enrol.payload.nullifier)));
    const parallel = unwrap(await replayParallel(encodeLog(entries), { verifier: testVerifier, workers: 2, batch: 1 }));
    expect(parallel.headHash).toBe(unwrap(fold(entries, { verifier: testVerifier, recoverer: testRecoverer })).headHash);
    expect(parallel.members.size).toBe(1);
  });

  it('an attestor signature made over other values is refused on worker threads too (BadAttestation), nothing kept after it', async () => {
    const entries = logWith((state) => {
      const dave = member('Dave', 'Guild', [keys.dave], 1, state.commonsId);
      const honest = enrolAction(state, dave);
      if (honest.kind !== 'member.enrol') throw new Error('unexpected kind');
      // The attestor's genuine signature, but over another commitment: the vault's keys sign the forged payload.
      const forged = { ...honest.payload, commitment: '999999', publicSignals: ['999999', ...honest.payload.publicSignals.slice(1)] };
      return act(state, 'member.enrol', dave.vault, forged, [keys.dave], { nonce: 0 });
    });
    const result = await replayParallel(encodeLog(entries), { verifier: testVerifier, workers: 2, batch: 1 });
    expect(result).toEqual({ ok: false, error: expect.objectContaining({ kind: 'BadAttestation', seq: 1, action: 0 }) });
    expect(fold(entries, { verifier: testVerifier, recoverer: testRecoverer })).toEqual(result);
  });
});

describe('the public key → address cache of the recoverers', () => {
  it('a key that shares its first bytes with a cached one is not given the cached address', () => {
    const addressOf = addressCache();
    const first = new Uint8Array(65).fill(7);
    first[0] = 4;
    const second = first.slice();
    second[64] = 8; // same prefix (the cache's key), another key
    const expected = (key: Uint8Array) => `0x${bytesToHex(keccak_256(key.subarray(1)).subarray(12))}`;
    expect(addressOf(first)).toBe(expected(first));
    expect(addressOf(second)).toBe(expected(second));
    expect(addressOf(first)).toBe(expected(first));
    expect(addressOf(second)).toBe(expected(second));
  });
});
