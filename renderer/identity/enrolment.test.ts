import { describe, expect, it } from 'vitest';
import { keccak_256 } from '@noble/hashes/sha3.js';
import { hexToBytes, utf8ToBytes } from '@noble/hashes/utils.js';
import { applyAction } from '../../shared/commons/apply';
import { attest, keySigner } from '../../shared/commons/build';
import { testRecoverer } from '../../shared/commons/fixtures';
import { genesisState } from '../../shared/commons/fixtures';
import { vaultActionMessage as ledgerActionMessage } from '../../shared/commons/quorum';
import { type CommonsState } from '../../shared/commons/state';
import { encodeRequestFile, ledgerActionOf, parseRequestFile } from '../../shared/quorum/request';
import { unwrap } from '../../shared/result';
import { attestationValid, enrolment, signedEnrolment } from './enrolment';
import { vaultActionDigest } from '../../shared/crypto/eip712';
import { fieldOfHash } from '../../shared/zk/field';

const key = keySigner(keccak_256(utf8ToBytes('enrolment test member')));
const attestor = keySigner(keccak_256(utf8ToBytes('enrolment test attestor')));

/** The test Commons with one more attestor registered (as the treasury quorum would). */
function registerAttestorState(attestor: string): CommonsState {
  const state = genesisState();
  return { ...state, attestors: { ...state.attestors, [attestor]: true } };
}

describe('an enrolment built in the renderer', () => {
  it('is accepted by the ledger exactly as the renderer built and the device signed it, and travels as a signing request', () => {
    const state = registerAttestorState(attestor.address);
    const proof = { commitment: '1234', nullifier: '5678', publicSignals: ['1234', '5678', String(fieldOfHash(state.commonsId))], proof: { pi_a: ['1', '0', '0'] as [string, string, string], pi_b: [['0', '0'], ['0', '0'], ['0', '0']] as [[string, string], [string, string], [string, string]], pi_c: ['0', '0', '0'] as [string, string, string], protocol: 'groth16' as const, curve: 'bn128' as const } };
    const sig = attest(state.commonsId, proof.commitment, proof.nullifier, attestor);
    expect(attestationValid(state.commonsId, proof, attestor.address, sig)).toBe(true);
    expect(attestationValid(state.commonsId, { ...proof, nullifier: '5679' }, attestor.address, sig)).toBe(false);

    const { request, message } = enrolment({ commonsId: state.commonsId, proof, attestor: { address: attestor.address, sig }, label: 'Gita', faction: 'Guild', key: { address: key.address, path: "m/44'/60'/0'/0/0", device: 'ledger' }, validUntil: state.time + 1000 });
    // The device is asked for the ledger's own message: one vaultActionMessage for both.
    expect(message).toEqual(ledgerActionMessage(state.commonsId, request.action));
    const signature = key.sign(vaultActionDigest(message));
    expect(signedEnrolment(request, attestor.address, signature)).toBeNull();
    const signed = signedEnrolment(request, key.address, signature);
    if (!signed) throw new Error('not signed');
    // What a real Commons' stewards receive: a signing request file, read back as the same request.
    expect(unwrap(parseRequestFile(JSON.stringify(encodeRequestFile(signed))))).toEqual(signed);
    // The test verifier accepts proofs whose pi_a[0] is "1"; everything else is checked for real.
    const after = applyAction(state, ledgerActionOf(signed, [key.address]), { verifier: { verify: (_c, _s, p) => p.pi_a[0] === '1' }, recoverer: testRecoverer, time: state.time });
    expect(after.ok && [...after.value.members.values()].find((m) => m.label === 'Gita')).toMatchObject({ faction: 'Guild', commitment: '1234' });
    expect(hexToBytes(signature.slice(2))).toHaveLength(65);
  });
});
