/**
 * The ledger with real proofs from the real artifacts, through the Demo Commons' sequencer (its
 * fold uses the Groth16 verifier of resources/zk): a duplicate uniqueness nullifier and a reused
 * ballot nullifier are refused, a fresh enrolment and a first ballot are accepted.
 */
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { attest, keySigner, signAction } from '../../../shared/commons/build';
import { type Action } from '../../../shared/commons/log';
import { deriveVaultAddress } from '../../../shared/commons/vaults';
import { pkhDid } from '../../../shared/commons/identity-did';
import { type Hex, canonicalHash } from '../../../shared/crypto/canonical';
import { demoIdentity } from '../../../shared/zk/demo-identities';
import { CHOICE_CODE, fieldOfHash } from '../../../shared/zk/field';
import { merkleProof } from '../../../shared/zk/merkle';
import { identityCommitment, uniquenessNullifier } from '../../../shared/zk/poseidon';
import { createDemoSequencer } from '../ledger/demo-sequencer';
import { emulatorDemoKeys, emulatorDemoLog } from '../ledger/demo';
import { createProver } from './prover';

const prover = createProver({ artifactsDir: 'resources/zk' });
afterAll(() => prover.close());
const dataDir = mkdtempSync(join(tmpdir(), 'c3-demo-sequencer-'));
const logFile = join(dataDir, 'demo-commons.jsonl');
const sequencer = createDemoSequencer({ file: logFile });
const keys = emulatorDemoKeys();
const attestor = keySigner(keys.trezor(9));
const FAR = 4_000_000_000;

async function enrolment(label: string, secret: bigint, bioKey: bigint, key: ReturnType<typeof keySigner>): Promise<Action> {
  const state = sequencer.state();
  const commonsField = fieldOfHash(state.commonsId);
  const { proof, publicSignals } = await prover.prove('identity', { secret, bioKey, commonsId: commonsField });
  const commitment = String(identityCommitment(secret, bioKey));
  const nullifier = String(uniquenessNullifier(bioKey, commonsField));
  const did = pkhDid(key.address);
  return signAction(
    state.commonsId,
    {
      kind: 'member.enrol',
      vault: deriveVaultAddress(state.commonsId, did, 'main'),
      nonce: 0,
      validUntil: FAR,
      payload: {
        did,
        label,
        faction: 'Guild',
        commitment,
        nullifier,
        publicSignals,
        proof,
        attestor: attestor.address,
        attestorSig: attest(state.commonsId, commitment, nullifier, attestor),
        vault: { name: `${label}'s vault`, signers: [{ address: key.address, device: 'ledger', label, path: "m/44'/60'/0'/0/30" }], threshold: 1, salt: 'main' },
      },
    },
    [key],
  );
}

async function ballot(secret: bigint, bioKey: bigint, proposal: Hex, choice: 'yes' | 'no' | 'abstain'): Promise<Action> {
  const state = sequencer.state();
  const leaves = state.memberTree.leaves.map(BigInt);
  const path = merkleProof(leaves, leaves.indexOf(identityCommitment(secret, bioKey)));
  const { proof, publicSignals } = await prover.prove('membership', {
    secret,
    bioKey,
    pathElements: path.pathElements,
    pathIndices: path.pathIndices,
    scope: fieldOfHash(proposal),
    message: CHOICE_CODE[choice],
  });
  return {
    kind: 'ballot.anonymous',
    vault: state.treasury,
    nonce: 0,
    validUntil: FAR,
    payload: { proposal, choice, root: publicSignals[0]!, nullifier: publicSignals[1]!, publicSignals, proof },
    sigs: [],
  };
}

describe('the ledger with real zero-knowledge proofs', () => {
  it('refuses a second enrolment of the same person (same uniqueness nullifier U), and accepts a new person', async () => {
    const alice = demoIdentity('Alice');
    // Alice again, with a new secret and a new key: C differs, U (from her bioKey) does not.
    const again = await enrolment('Alice again', alice.secret + 1n, alice.bioKey, keySigner(keys.ledger(30)));
    expect(sequencer.submit(again)).toMatchObject({ ok: false, error: { kind: 'DuplicateNullifier', seq: sequencer.state().height } });

    const before = sequencer.state().memberTree.leaves.length;
    const newcomer = await enrolment('Gita', 123_456_789n, 987_654_321n, keySigner(keys.ledger(31)));
    expect(sequencer.submit(newcomer)).toMatchObject({ ok: true });
    expect(sequencer.state().memberTree.leaves).toHaveLength(before + 1);
  }, 30_000);

  it('counts one anonymous ballot per member per proposal and refuses a reused nullifier', async () => {
    const proposal = canonicalHash({ proposal: 'loss sharing, second quarter' });
    const alice = demoIdentity('Alice');
    expect(sequencer.submit(await ballot(alice.secret, alice.bioKey, proposal, 'yes'))).toMatchObject({ ok: true });
    expect(sequencer.state().ballots.get(proposal)).toEqual({ yes: 1, no: 0, abstain: 0 });
    // The same member again, even with another choice: the nullifier is the same.
    const second = await ballot(alice.secret, alice.bioKey, proposal, 'no');
    expect(sequencer.submit(second)).toMatchObject({ ok: false, error: { kind: 'DuplicateScopeNullifier', scope: proposal } });
    expect(sequencer.state().ballots.get(proposal)).toEqual({ yes: 1, no: 0, abstain: 0 });

    const bob = demoIdentity('Bob');
    const bobs = await ballot(bob.secret, bob.bioKey, proposal, 'no');
    if (bobs.kind !== 'ballot.anonymous') throw new Error('unexpected kind');
    // A proof altered in transit, or made against a root the ledger never had, is refused.
    const tampered = { ...bobs, payload: { ...bobs.payload, proof: { ...bobs.payload.proof, pi_a: [bobs.payload.proof.pi_c[0], bobs.payload.proof.pi_c[1], '1'] as [string, string, string] } } };
    expect(sequencer.submit(tampered)).toMatchObject({ ok: false, error: { kind: 'InvalidProof', circuit: 'membership' } });
    const foreignRoot = { ...bobs, payload: { ...bobs.payload, root: '42', publicSignals: ['42', ...bobs.payload.publicSignals.slice(1)] } };
    expect(sequencer.submit(foreignRoot)).toMatchObject({ ok: false, error: { kind: 'UnknownMemberRoot' } });
    expect(sequencer.submit(bobs)).toMatchObject({ ok: true });
    expect(sequencer.state().ballots.get(proposal)).toEqual({ yes: 1, no: 1, abstain: 0 });
  }, 30_000);

  it('picks up where it stopped after a restart, and sets aside a saved log that does not verify', () => {
    const restarted = createDemoSequencer({ file: logFile });
    expect(restarted.entries()).toEqual(sequencer.entries());
    expect(restarted.state().headHash).toBe(sequencer.state().headHash);
    expect(restarted.entries().length).toBeGreaterThan(emulatorDemoLog().length);

    const lines = readFileSync(logFile, 'utf8').trimEnd().split('\n');
    const target = lines.findIndex((line) => /"amount":"\d+"/.test(line));
    lines[target] = lines[target]!.replace(/"amount":"(\d+)"/, (_m, digits: string) => `"amount":"${BigInt(digits) + 1n}"`);
    writeFileSync(logFile, `${lines.join('\n')}\n`);
    const afterTampering = createDemoSequencer({ file: logFile });
    expect(afterTampering.entries()).toHaveLength(emulatorDemoLog().length);
    expect(readdirSync(dataDir).some((name) => name.startsWith('demo-commons.jsonl.set-aside-'))).toBe(true);
  });
});
