import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { nobleRecoverer } from '../../../shared/crypto/recover';
import { findExecuted, requestState } from '../../../shared/quorum/lifecycle';
import { alice, aliceLedger, aliceTrezor, bob, commons, commonsId, ctx, demoKeys, demoState, draft, signatureOf, stewards, viewOf } from '../../../shared/quorum/fixtures';
import { type SigningRequest, ledgerActionOf, transferRequest, withSignature } from '../../../shared/quorum/request';
import { apply } from '../../../shared/commons/apply';
import { sealEntry } from '../../../shared/commons/build';
import { demoLog } from '../../../shared/commons/demo';
import { unwrap } from '../../../shared/result';
import { openVaultDatabase, type VaultDatabase } from '../../app/db/databases';
import { admitToInbox, signable, supersededWords } from './inbox';
import { addToInbox, loadInbox } from './store';

const signed = (request: SigningRequest, ...signers: (typeof aliceLedger)[]) => signers.reduce((r, s) => withSignature(r, s.address, signatureOf(r, s)), request);
const aliceInbox = { commonsId, vault: alice.address };
const toBob = (amount: bigint) => unwrap(transferRequest(commons, alice, { token: 'CONX', to: bob, amount, validUntil: 1_900_000_000 }));

let db: VaultDatabase | null = null;
let dbCount = 0;
const freshDb = () => (db = openVaultDatabase(`inbox-test-${++dbCount}`));
afterEach(async () => {
  await db?.delete();
  db = null;
});

describe('a vault’s request inbox', () => {
  it('two copies signed in parallel merge into one request with both signatures', () => {
    const first = unwrap(admitToInbox(aliceInbox, signed(draft(), aliceLedger), undefined, nobleRecoverer));
    const merged = unwrap(admitToInbox(aliceInbox, signed(draft(), aliceTrezor), first.request, nobleRecoverer));
    expect(merged).toMatchObject({ added: 1, dropped: 0, isNew: false });
    expect(merged.request.signatures.map((s) => s.signer).sort()).toEqual([aliceLedger.address, aliceTrezor.address].map((a) => a.toLowerCase()).sort());
  });

  it('a request for another vault merged into this one is refused (OtherVault), nothing merged', () => {
    const held = unwrap(admitToInbox(aliceInbox, signed(draft(), aliceLedger), undefined, nobleRecoverer)).request;
    const bobs = { ...draft(), action: { ...draft().action, vault: bob.address.toLowerCase() } };
    const refused = admitToInbox(aliceInbox, bobs, held, nobleRecoverer);
    expect(refused).toMatchObject({ ok: false, error: { kind: 'OtherVault', inbox: alice.address.toLowerCase(), theirs: bob.address.toLowerCase() } });
    expect(held.signatures).toHaveLength(1);
  });

  it('a request for another Commons is refused (OtherCommons)', () => {
    const other = { ...draft(), commonsId: `0x${'ab'.repeat(32)}` as const };
    expect(admitToInbox(aliceInbox, other, undefined, nobleRecoverer)).toMatchObject({ ok: false, error: { kind: 'OtherCommons' } });
  });

  it('a copy whose signature does not hold over the action is kept out of the count', () => {
    const forged = { ...draft(), signatures: [{ signer: aliceTrezor.address.toLowerCase(), sig: signatureOf(toBob(1n), aliceTrezor) }] };
    const admitted = unwrap(admitToInbox(aliceInbox, forged, undefined, nobleRecoverer));
    expect(admitted).toMatchObject({ dropped: 1, added: 0 });
    expect(admitted.request.signatures).toEqual([]);
  });

  it('survives a reload: the store gives back the merged request, and refuses a copy for another vault without storing it', async () => {
    const store = freshDb();
    unwrap(await addToInbox(store, aliceInbox, signed(draft(), aliceLedger), nobleRecoverer, 100));
    unwrap(await addToInbox(store, aliceInbox, signed(draft(), aliceTrezor), nobleRecoverer, 200));
    const bobs = { ...draft(), action: { ...draft().action, vault: bob.address.toLowerCase() } };
    expect(await addToInbox(store, aliceInbox, bobs, nobleRecoverer, 300)).toMatchObject({ ok: false, error: { kind: 'OtherVault' } });
    store.close();
    const reopened = openVaultDatabase(store.name);
    const held = await loadInbox(reopened, commonsId);
    expect(held).toHaveLength(1);
    expect(held[0]!.request.signatures).toHaveLength(2);
    expect(held[0]!.receivedAt).toBe(100);
    reopened.close();
  });
});

describe('a superseded request', () => {
  // Two requests at Alice's same action number: the first is executed, the second can never be.
  const first = signed(toBob(1_000_000n), aliceLedger, aliceTrezor);
  const second = signed(toBob(2_000_000n), aliceLedger);
  const entry = sealEntry(demoState.commonsId, { seq: demoState.height, prevHash: demoState.headHash, time: demoState.time + 3600, actions: [ledgerActionOf(first, [aliceLedger.address, aliceTrezor.address])] }, stewards, demoState.version);
  const after = unwrap(apply(demoState, entry, ctx));
  const entries = [...demoLog(demoKeys), entry];
  const facts = { time: after.time, view: viewOf(after), executedAt: (vault: string, nonce: number) => findExecuted(entries, commonsId, vault, nonce) };

  it('cannot be signed: signable refuses it with RequestSuperseded naming the entry', () => {
    const state = unwrap(requestState(second, facts, { valid: [aliceLedger.address.toLowerCase()], submittedAt: null }));
    expect(state).toEqual({ state: 'superseded', seq: entry.seq, nonce: second.action.nonce });
    expect(signable(second, state)).toMatchObject({ ok: false, error: { kind: 'RequestSuperseded', nonce: second.action.nonce, seq: entry.seq } });
    // The one the ledger executed is not offered again either.
    const executed = unwrap(requestState(first, facts, { valid: [aliceLedger.address.toLowerCase(), aliceTrezor.address.toLowerCase()], submittedAt: null }));
    expect(signable(first, executed)).toMatchObject({ ok: false, error: { kind: 'RequestExecuted', seq: entry.seq } });
    const pending = unwrap(requestState(second, { ...facts, time: demoState.time, view: commons }, { valid: [], submittedAt: null }));
    expect(signable(second, pending).ok).toBe(true);
  });

  it('says which entry spent the nonce, and on what', () => {
    expect(supersededWords(viewOf(after), entry, alice.address, second.action.nonce)).toBe(
      `Entry ${entry.seq} spent action number ${second.action.nonce} of Alice's vault on: Send 1 CONX from Alice's vault (member vault of Alice, ${alice.address.toLowerCase()}) to Bob's vault (member vault of Bob, ${bob.address.toLowerCase()}).`,
    );
  });
});
