/**
 * Issue 10, "Trust nothing unsigned": each attack built with the ledger's own builders, shown
 * refused with a typed error, and the state left as it was.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { keccak_256 } from '@noble/hashes/sha3.js';
import { utf8ToBytes } from '@noble/hashes/utils.js';
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { unwrap } from '../result';
import { type Hex, canonicalHash } from '../crypto/canonical';
import { SNARK_FIELD, fieldId, fieldOfHash } from '../zk/field';
import { identityCommitment, uniquenessNullifier } from '../zk/poseidon';
import { LogBuilder, keySigner } from './build';
import { type Action, type PayloadOf } from './log';
import { DEFAULT_PARAMS_V2 } from './params';
import { type CommonsState } from './state';
import { deriveVaultAddress } from './vaults';
import { secp256k1KeyDid } from './identity-did';
import { type LedgerContext, fold, genesis, stateHash } from './apply';
import { encodeLog, verifyLog } from './verify';
import { DAY, GOOD_PROOF, T0, type TestMember, act, enrolAction, genesisPayload, givenCommons, keys, member, run, spec, testRecoverer, testVerifier } from './fixtures';

const ctx: LedgerContext = { verifier: testVerifier, recoverer: testRecoverer };

/** Runs `action` and expects a refusal that leaves `state` exactly as it was; returns the error. */
function refused(state: CommonsState, action: Action, time = state.time) {
  const before = stateHash(state);
  const result = run(state, action, time);
  expect(stateHash(state)).toBe(before);
  if (result.ok) throw new Error(`${action.kind} was accepted`);
  return result.error;
}

const alias = (value: string, k = 1n): string => String(BigInt(value) + k * SNARK_FIELD);
const hexAlias = (hex: string, k = 1n): Hex => `0x${(BigInt(hex) + k * SNARK_FIELD).toString(16).padStart(64, '0')}`;

describe('one person, many memberships (issue 10, item 1)', () => {
  const person = { secret: 1_111n, bioKey: 2_222n };

  it('an identity proof made for another Commons is refused', () => {
    const { state } = givenCommons();
    const here = fieldOfHash(state.commonsId);
    const dave = member('Dave', 'Guild', [keys.dave], 1, state.commonsId);
    const commitment = String(identityCommitment(person.secret, person.bioKey));
    const enrolled = unwrap(run(state, enrolAction(state, dave, { commitment, nullifier: String(uniquenessNullifier(person.bioKey, here)) })));

    // The same biometric key again, under another DID, with the proof it made for another Commons:
    // a fresh U, so only the third public signal tells that the proof is not for this Commons.
    const elsewhere = fieldOfHash(canonicalHash({ commons: 'another one' }));
    const again = member('Dave again', 'Syndicate', [keys.mallory], 1, state.commonsId);
    const secondC = String(identityCommitment(person.secret + 1n, person.bioKey));
    const foreignU = String(uniquenessNullifier(person.bioKey, elsewhere));
    const error = refused(enrolled, enrolAction(enrolled, again, { commitment: secondC, nullifier: foreignU, publicSignals: [secondC, foreignU, String(elsewhere)] }));
    expect(error).toMatchObject({ kind: 'PublicSignalsMismatch', expected: [secondC, foreignU, String(here)], got: [secondC, foreignU, String(elsewhere)] });
  });

  it('an identity proof with more public signals than the circuit has is refused', () => {
    const { state } = givenCommons();
    const dave = member('Dave', 'Guild', [keys.dave], 1, state.commonsId);
    const signals = ['301', '302', String(fieldOfHash(state.commonsId)), '7'];
    expect(refused(state, enrolAction(state, dave, { commitment: '301', nullifier: '302', publicSignals: signals }))).toMatchObject({ kind: 'PublicSignalsMismatch' });
  });

  it('an enrolment whose nullifier is written as U + r is refused', () => {
    const { state, alice } = givenCommons();
    // Alice's U + r: the same field element, so the same proof, but another key in the uniqueness map.
    const u = alias(state.members.get(alice.did)!.nullifier);
    const dave = member('Dave', 'Guild', [keys.dave], 1, state.commonsId);
    const signals = ['401', u, String(fieldOfHash(state.commonsId))];
    expect(refused(state, enrolAction(state, dave, { commitment: '401', nullifier: u, publicSignals: signals }))).toMatchObject({ kind: 'NonCanonicalField', what: 'uniqueness nullifier', value: u });
  });

  it('any non-canonical form of an identity signal is refused (property)', () => {
    const { state } = givenCommons();
    const dave = member('Dave', 'Guild', [keys.dave], 1, state.commonsId);
    const commonsField = String(fieldOfHash(state.commonsId));
    fc.assert(
      fc.property(
        fc.constantFrom(0, 1, 2),
        fc.bigInt({ min: 0n, max: SNARK_FIELD - 1n }),
        fc.oneof(fc.bigInt({ min: 1n, max: 4n }).map((k) => (v: string) => alias(v, k)), fc.constant((v: string) => `0${v}`)),
        (index, value, disguise) => {
          const canonical = [String(value), String((value * 7n + 3n) % SNARK_FIELD), commonsField];
          const signals = canonical.map((s, i) => (i === index ? disguise(s) : s));
          // The payload claims the disguised C or U too, so that only canonical form can tell them apart.
          const action = enrolAction(state, dave, { commitment: index === 0 ? signals[0] : canonical[0], nullifier: index === 1 ? signals[1] : canonical[1], publicSignals: signals });
          const error = refused(state, action);
          expect(['NonCanonicalField', 'PublicSignalsMismatch']).toContain(error.kind);
        },
      ),
      { numRuns: 40 },
    );
  });

  function ballot(state: CommonsState, proposal: Hex, nullifier: string, signals?: string[], root = state.memberTree.recentRoots[state.memberTree.recentRoots.length - 1]!): Action {
    const payload: PayloadOf<'ballot.anonymous'> = {
      proposal,
      choice: 'yes',
      root,
      nullifier,
      publicSignals: signals ?? [root, nullifier, String(fieldOfHash(proposal)), '1'],
      proof: GOOD_PROOF,
    };
    return { kind: 'ballot.anonymous', vault: state.treasury, nonce: 0, validUntil: state.time + DAY, payload, sigs: [] };
  }

  it('a ballot for P is not counted again for P + r', () => {
    // A version 1 log, where a ballot's proposal is free text; from version 2 it names a registered proposal (governance.test.ts).
    const { state } = givenCommons(1);
    const proposal = fieldId(canonicalHash({ proposal: 'share the bakery loss' }));
    const voted = unwrap(run(state, ballot(state, proposal, '9001')));
    expect(voted.ballots.get(proposal)).toEqual({ yes: 1, no: 0, abstain: 0 });
    // The very same proof, nullifier and signals under the proposal's alias P + r: the same scope to the circuit.
    const again = ballot(voted, hexAlias(proposal), '9001');
    expect(again.payload).toMatchObject({ publicSignals: (ballot(voted, proposal, '9001').payload as PayloadOf<'ballot.anonymous'>).publicSignals });
    expect(refused(voted, again)).toMatchObject({ kind: 'NonCanonicalField', what: 'proposal id', value: hexAlias(proposal) });
  });

  it('any non-canonical form of a ballot signal is refused (property)', () => {
    const { state } = givenCommons();
    const proposal = fieldId(canonicalHash({ proposal: 'attestor change' }));
    fc.assert(
      fc.property(fc.constantFrom(0, 1, 2, 3), fc.bigInt({ min: 1n, max: 4n }), (index, k) => {
        const good = ballot(state, proposal, '4242').payload as PayloadOf<'ballot.anonymous'>;
        const signals = good.publicSignals.map((s, i) => (i === index ? alias(s, k) : s));
        // The payload names the disguised value too (root, nullifier or proposal), as an attacker would.
        const disguised = ballot(state, index === 2 ? hexAlias(proposal, k) : proposal, signals[1]!, signals, signals[0]);
        expect(['NonCanonicalField', 'PublicSignalsMismatch']).toContain(refused(state, disguised).kind);
      }),
      { numRuns: 30 },
    );
  });
});

describe('acting for a member without the member (issue 10, item 2)', () => {
  it('a vault owned by a member cannot be created without the member’s signature', () => {
    const { state, alice } = givenCommons();
    const vault = deriveVaultAddress(state.commonsId, alice.did, 'mallory');
    // Alice's key is listed among the signers, but only Mallory signs (threshold 1).
    const setup = { owner: alice.did, name: 'Alice (not really)', signers: [spec(keys.alice1), spec(keys.mallory)], threshold: 1, salt: 'mallory' };
    expect(refused(state, act(state, 'vault.create', vault, setup, [keys.mallory], { nonce: 0 }))).toMatchObject({ kind: 'MemberDidNotSign', did: alice.did, key: keys.alice1.address });
    // With her own key it is her vault.
    const hers = unwrap(run(state, act(state, 'vault.create', vault, setup, [keys.alice1], { nonce: 0 })));
    expect(hers.members.get(alice.did)!.vaults).toContain(vault);
  });

  it('a faction change needs the member’s own key', () => {
    const { state, alice } = givenCommons();
    // Alice shares a 1-of-2 vault with Bob as co-signer, by her own signature.
    const shared = deriveVaultAddress(state.commonsId, alice.did, 'shared');
    const setup = { owner: alice.did, name: 'Shared with Bob', signers: [spec(keys.alice1), spec(keys.bob)], threshold: 1, salt: 'shared' };
    const withBob = unwrap(run(state, act(state, 'vault.create', shared, setup, [keys.alice1], { nonce: 0 })));
    const later = withBob.time + 100 * DAY;
    // Bob's signature meets the vault's quorum, but it is not Alice who changes her faction.
    const byBob = act(withBob, 'member.changeFaction', shared, { faction: 'Syndicate' }, [keys.bob]);
    expect(refused(withBob, byBob, later)).toMatchObject({ kind: 'MemberDidNotSign', did: alice.did, key: keys.alice1.address });
    const byAlice = act(withBob, 'member.changeFaction', shared, { faction: 'Syndicate' }, [keys.alice1]);
    expect(unwrap(run(withBob, byAlice, later)).members.get(alice.did)!.faction).toBe('Syndicate');
  });

  it('an enrolment under did:pkh needs that key’s signature', () => {
    const { state } = givenCommons();
    // Dave's DID, a vault listing Dave's key beside Mallory's, signed by Mallory alone.
    const dave: TestMember = { ...member('Dave', 'Guild', [keys.dave, keys.mallory], 1, state.commonsId) };
    expect(refused(state, enrolAction(state, dave, { signers: [keys.mallory] }))).toMatchObject({ kind: 'MemberDidNotSign', did: dave.did, key: keys.dave.address });
  });

  it('a did:key owner must prove control', () => {
    const { state } = givenCommons();
    const privateKey = keccak_256(utf8ToBytes('c3 test key erin'));
    const erin = keySigner(privateKey);
    const did = secp256k1KeyDid(secp256k1.getPublicKey(privateKey, true));
    const asErin = (keyring: TestMember['keys']): TestMember => ({ ...member('Erin', 'Union', keyring, 1, state.commonsId), did, vault: deriveVaultAddress(state.commonsId, did, 'main') });
    // Mallory enrols a vault of her own under Erin's did:key.
    expect(refused(state, enrolAction(state, asErin([keys.mallory])))).toMatchObject({ kind: 'MemberDidNotSign', did, key: erin.address });
    // Erin, signing with the key her DID carries, enrols.
    const enrolled = unwrap(run(state, enrolAction(state, asErin([erin]))));
    expect(enrolled.members.get(did)).toMatchObject({ label: 'Erin', vaults: [deriveVaultAddress(state.commonsId, did, 'main')] });
    // A did:key of a key type that cannot sign vault actions (Ed25519) cannot own a vault.
    const ed25519 = 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK';
    const other: TestMember = { ...member('Ed', 'Guild', [keys.mallory], 1, state.commonsId), did: ed25519, vault: deriveVaultAddress(state.commonsId, ed25519, 'main') };
    expect(refused(state, enrolAction(state, other))).toMatchObject({ kind: 'UnsupportedDid', did: ed25519 });
  });
});

describe('minting outside the rules (issue 10, item 3)', () => {
  it('the treasury cannot mint PMT to a Union member (version 1 log; from version 2 it mints no role token)', () => {
    const { state, alice, quorum } = givenCommons(1);
    const mint = act(state, 'token.mint', state.treasury, { token: 'PMT', to: alice.vault, amount: 5_000_000_000_000n }, quorum);
    expect(refused(state, mint)).toMatchObject({ kind: 'RoleTokenFaction', token: 'PMT', faction: 'Union', needs: 'Syndicate' });
  });

  it('the treasury cannot mint a role token to a Commons vault (version 1 log)', () => {
    const { state, quorum } = givenCommons(1);
    const mint = act(state, 'token.mint', state.treasury, { token: 'PDT', to: state.treasury, amount: 1n }, quorum);
    expect(refused(state, mint)).toMatchObject({ kind: 'HolderNotAllowed', token: 'PDT' });
  });

  const genesisWith = (params: PayloadOf<'commons.genesis'>['params']) => genesis(new LogBuilder({ ...genesisPayload(), params }, T0, [keys.steward1, keys.steward2]).entries[0]!, ctx);

  it('genesis with a draw cap above its liquidation threshold is refused', () => {
    const params = { ...DEFAULT_PARAMS_V2, drawCapBps: { ...DEFAULT_PARAMS_V2.drawCapBps, ADA: 9_600 } };
    expect(genesisWith(params)).toMatchObject({ ok: false, error: { kind: 'ParamOutOfBounds', param: 'drawCapBps.ADA', value: 9_600, relation: '<', bound: 9_500, seq: 0, action: 0 } });
  });

  it('genesis whose liquidation cannot pay its penalty out of the collateral is refused', () => {
    // 9500 × (10000 + 600) > 10000 × 10000.
    const params = { ...DEFAULT_PARAMS_V2, liquidationPenaltyBps: 600 };
    expect(genesisWith(params)).toMatchObject({ ok: false, error: { kind: 'ParamOutOfBounds', param: 'liquidationThresholdBps.ADA', value: 9_500, relation: '≤', bound: 9_433 } });
    expect(genesisWith(DEFAULT_PARAMS_V2).ok).toBe(true);
  });
});

describe('parser differentials (issue 10, item 11)', () => {
  it('a log line with a duplicate key is refused', () => {
    const log = new LogBuilder(genesisPayload(), T0, [keys.steward1, keys.steward2]);
    const g = unwrap(fold(log.entries, ctx));
    const bob = member('Bob', 'Guild', [keys.bob], 1, g.commonsId);
    log.append(T0 + DAY, [enrolAction(g, bob)]);
    const s1 = unwrap(fold(log.entries, ctx));
    log.append(T0 + 2 * DAY, [act(s1, 'token.mint', s1.treasury, { token: 'PPT', to: bob.vault, amount: 500n }, [keys.steward1, keys.steward2])]);
    const text = encodeLog(log.entries);
    expect(verifyLog(text, ctx).ok).toBe(true);
    // A reader that keeps the first value sees 5,000,000 PPT; JSON.parse keeps the last, which the signatures cover.
    const edited = text.replace('"amount":"500"', '"amount":"5000000000000","amount":"500"');
    expect(edited).not.toBe(text);
    expect(verifyLog(edited, ctx)).toMatchObject({ ok: false, error: { kind: 'DuplicateJsonKey', key: 'amount', path: 'actions[0].payload', seq: 2 } });
  });

  it('a duplicate key spelled with an escape is the same key', () => {
    const log = new LogBuilder(genesisPayload(), T0, [keys.steward1, keys.steward2]);
    const g = unwrap(fold(log.entries, ctx));
    log.append(T0 + DAY, [enrolAction(g, member('Bob', 'Guild', [keys.bob], 1, g.commonsId))]);
    const edited = encodeLog(log.entries).replace('"label":"Bob"', '"label":"Bob","\\u006cabel":"Mallory"');
    expect(verifyLog(edited, ctx)).toMatchObject({ ok: false, error: { kind: 'DuplicateJsonKey', key: 'label', seq: 1 } });
  });
});
