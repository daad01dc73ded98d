/** Where a request stands: collecting → ready → submitted → executed | superseded | expired, as the verified ledger says. */
import { describe, expect, it } from 'vitest';
import { apply } from '../commons/apply';
import { keySigner, sealEntry, signAction } from '../commons/build';
import { demoLog } from '../commons/demo';
import { type Action, type Entry } from '../commons/log';
import { type CommonsState } from '../commons/state';
import { pkhDid } from '../commons/identity-did';
import { deriveVaultAddress } from '../commons/vaults';
import { unwrap } from '../result';
import { alice, aliceLedger, aliceTrezor, bob, commonsId, ctx, demoKeys, demoState, draft, recover, signatureOf, stewards, vaultNamed, viewOf } from './fixtures';
import { type LedgerFacts, findExecuted, requestState } from './lifecycle';
import { type SigningRequest, ledgerActionOf, unsignedRequest, withSignature } from './request';
import { type Signers, checkSignatures, validSigners } from './signatures';

interface Chain {
  readonly entries: readonly Entry[];
  readonly state: CommonsState;
}

const demo: Chain = { entries: demoLog(demoKeys), state: demoState };

/** The stewards sequence `actions` as the next entry, an hour after the last one (or at `time`). */
function extend(chain: Chain, actions: Action[], time = chain.state.time + 3600): Chain {
  const { state } = chain;
  const entry = sealEntry(state.commonsId, { seq: state.height, prevHash: state.headHash, time, actions }, stewards, state.version);
  return { entries: [...chain.entries, entry], state: unwrap(apply(state, entry, ctx)) };
}

const facts = (chain: Chain): LedgerFacts => ({
  time: chain.state.time,
  view: viewOf(chain.state),
  executedAt: (vault, nonce) => findExecuted(chain.entries, commonsId, vault, nonce),
});

const valid = async (request: SigningRequest, signers: Signers = alice) => validSigners(await checkSignatures(commonsId, signers, request.action, request.signatures, recover));
const stateOf = async (request: SigningRequest, chain = demo, submittedAt: number | null = null) =>
  unwrap(requestState(request, facts(chain), { valid: await valid(request), submittedAt }));
const signed = (request: SigningRequest, ...signers: (typeof aliceLedger)[]) => signers.reduce((r, s) => withSignature(r, s.address, signatureOf(r, s)), request);

describe('the state of a signing request', () => {
  it('collects signatures, naming who is still needed, until the quorum is met', async () => {
    const none = await stateOf(draft());
    expect(none).toMatchObject({ state: 'collecting', needed: { have: 0, need: 2, met: false } });
    if (none.state === 'collecting') expect(none.needed.unsigned.map((s) => s.label).sort()).toEqual(['Alice · Ledger', 'Alice · Trezor']);

    const half = await stateOf(signed(draft(), aliceTrezor));
    expect(half).toMatchObject({ state: 'collecting', needed: { have: 1, need: 2, unsigned: [{ label: 'Alice · Ledger', address: aliceLedger.address }] } });

    expect(await stateOf(signed(draft(), aliceTrezor, aliceLedger))).toMatchObject({ state: 'ready', needed: { have: 2, need: 2, unsigned: [], met: true } });
  });

  it('a signature from someone who is not the vault’s signer does not bring it nearer the quorum', async () => {
    const bobTrezor = keySigner(demoKeys.trezor(2));
    const request = signed(draft(), aliceTrezor, bobTrezor);
    const state = unwrap(requestState(request, facts(demo), { valid: [aliceTrezor.address, bobTrezor.address], submittedAt: null }));
    expect(state).toMatchObject({ state: 'collecting', needed: { have: 1, need: 2 } });
  });

  it('is submitted once this app handed it over, and executed once the ledger holds this very action', async () => {
    const request = signed(draft(), aliceTrezor, aliceLedger);
    expect(await stateOf(request, demo, demo.state.time)).toMatchObject({ state: 'submitted', at: demo.state.time });
    const after = extend(demo, [ledgerActionOf(request, await valid(request))]);
    // Once executed it stays executed, whatever this app remembers and however late the ledger gets.
    expect(await stateOf(request, after, demo.state.time)).toEqual({ state: 'executed', seq: demo.state.height });
    const muchLater = extend(after, [signAction(commonsId, { kind: 'token.transfer', vault: bob.address.toLowerCase(), nonce: bob.nonce, validUntil: 2_000_000_000, payload: { token: 'CONX', to: alice.address.toLowerCase(), amount: 1n } }, [keySigner(demoKeys.trezor(2)), keySigner(demoKeys.ledger(2))])], request.action.validUntil + 1);
    expect(await stateOf(request, muchLater)).toEqual({ state: 'executed', seq: demo.state.height });
  });

  it('is superseded when the vault’s action number went to another action', async () => {
    const request = signed(draft(), aliceTrezor);
    // Alice's quorum signed another transfer at the same nonce, and the stewards sequenced that one.
    const rival = signed({ ...draft(), action: { ...draft().action, payload: { ...draft().action.payload, amount: 1_000_000n } } }, aliceTrezor, aliceLedger);
    const after = extend(demo, [ledgerActionOf(rival, await valid(rival))]);
    expect(await stateOf(request, after)).toEqual({ state: 'superseded', seq: demo.state.height, nonce: alice.nonce });
    // Even with every signature it could ever get, it can never execute now.
    expect(await stateOf(signed(request, aliceLedger), after)).toMatchObject({ state: 'superseded' });
  });

  it('expires by the ledger’s time, not this machine’s clock', async () => {
    const soon = demo.state.time + 2 * 3600;
    const request = signed({ ...draft(), action: { ...draft().action, validUntil: soon } }, aliceTrezor, aliceLedger);
    // Bob's unrelated transfer moves the ledger's time past the request's validUntil.
    const bobTransfer = (nonce: number) => signAction(commonsId, { kind: 'token.transfer', vault: bob.address.toLowerCase(), nonce, validUntil: 2_000_000_000, payload: { token: 'CONX', to: alice.address.toLowerCase(), amount: 1n } }, [keySigner(demoKeys.trezor(2)), keySigner(demoKeys.ledger(2))]);
    const before = extend(demo, [bobTransfer(bob.nonce)], soon - 1);
    expect(await stateOf(request, before)).toMatchObject({ state: 'ready' });
    const after = extend(before, [bobTransfer(bob.nonce + 1)], soon);
    expect(await stateOf(request, after)).toEqual({ state: 'expired', validUntil: soon, ledgerTime: soon });
    expect(await stateOf(request, after, soon - 10)).toMatchObject({ state: 'expired' });
  });

  it('an action that speaks for a member waits for the member’s own key, beyond the threshold', async () => {
    // Alice's savings: any 1 of her two keys, but a change of her faction needs her own key (her Ledger).
    const savings = vaultNamed(viewOf(demoState), "Alice's savings");
    const request = unsignedRequest({ commonsId }, savings, 'member.changeFaction', { faction: 'Guild' }, 2_000_000_000);
    const byTrezor = signed(request, aliceTrezor);
    const state = unwrap(requestState(byTrezor, facts(demo), { valid: await valid(byTrezor, savings), submittedAt: null }));
    expect(state).toMatchObject({ state: 'collecting', needed: { have: 1, need: 1, memberKey: aliceLedger.address, met: false } });
    const byLedger = signed(request, aliceLedger);
    expect(unwrap(requestState(byLedger, facts(demo), { valid: await valid(byLedger, savings), submittedAt: null }))).toMatchObject({ state: 'ready' });
  });

  it('a request for a vault the ledger does not hold is refused, not counted', async () => {
    const stranger = `0x${'77'.repeat(20)}`;
    const request: SigningRequest = { ...draft(), action: { ...draft().action, vault: stranger } };
    expect(requestState(request, facts(demo), { valid: [], submittedAt: null })).toMatchObject({ ok: false, error: { kind: 'VaultNotInLedger', vault: stranger } });
  });

  it('an enrolment is signed by the new vault’s own key, which the file cannot name otherwise', async () => {
    const gita = keySigner(demoKeys.ledger(8));
    const stranger = keySigner(demoKeys.ledger(9));
    const did = pkhDid(gita.address);
    const vault = deriveVaultAddress(commonsId, did, 'main');
    const request = unsignedRequest({ commonsId }, { address: vault, nonce: 0 }, 'member.enrol', {
      did,
      label: 'Gita',
      faction: 'Guild',
      commitment: '1',
      nullifier: '2',
      publicSignals: [],
      proof: { pi_a: ['0', '0', '0'], pi_b: [['0', '0'], ['0', '0'], ['0', '0']], pi_c: ['0', '0', '0'], protocol: 'groth16', curve: 'bn128' },
      attestor: stranger.address,
      attestorSig: `0x${'00'.repeat(65)}`,
      vault: { name: "Gita's vault", signers: [{ address: gita.address, device: 'ledger', label: 'Gita · Ledger', path: '' }], threshold: 1, salt: 'main' },
    }, 2_000_000_000);
    const newVault = { signers: [{ address: gita.address, label: 'Gita · Ledger', device: 'ledger' as const, emulated: false }] };
    const bySomeoneElse = signed(request, stranger);
    expect(unwrap(requestState(bySomeoneElse, facts(demo), { valid: await valid(bySomeoneElse, newVault), submittedAt: null }))).toMatchObject({
      state: 'collecting',
      authority: { source: 'new-vault', threshold: 1, member: { did, key: gita.address } },
      needed: { have: 0, memberKey: gita.address },
    });
    const byGita = signed(request, gita);
    expect(unwrap(requestState(byGita, facts(demo), { valid: await valid(byGita, newVault), submittedAt: null }))).toMatchObject({ state: 'ready' });
  });
});
