/**
 * A real Commons run by its stewards (issue 16): a genesis drafted, signed by the stewards' quorum
 * and stored as entry 0 with its invite; the inbox running signed actions against the current
 * state; a batch sealed as the next entry; an invite opened and joined on another machine. Each
 * attack is refused with a typed error and changes nothing: a genesis signed by too few stewards,
 * parameters outside SPEC §4's bounds, other verification keys, an invite answered with another
 * Commons' ledger, an action refused in the inbox slipped into a sealed entry, a batch sealed by
 * someone who is not a steward.
 */
import * as fs from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type DigestSigner, signAction } from '../../../shared/commons/build';
import { DEFAULT_PARAMS_V2 } from '../../../shared/commons/params/defaults';
import { keys, spec, testVerifier } from '../../../shared/commons/fixtures';
import { type Action, type Entry } from '../../../shared/commons/log';
import { type ZkKeyHashes } from '../../../shared/commons/zk-keys';
import { hexBytes } from '../../../shared/crypto/recover';
import { treasuryAddressOf, withSequencerSignatures } from '../../../shared/stewards/genesis';
import { type GenesisDraftRequest } from '../../../shared/contract/stewards';
import { createLedgerService } from './service';
import { stewardsHandlers } from './stewards';

const OUR_KEYS: ZkKeyHashes = { identity: 'a'.repeat(64), membership: 'b'.repeat(64), credential: 'c'.repeat(64) };
const T = 1_800_000_000;
const [s1, s2, s3] = [keys.steward1, keys.steward2, keys.steward3];

const opened: { close(): Promise<void> }[] = [];
afterAll(() => Promise.all(opened.map((s) => s.close())));

/** One machine: its ledger service and the stewards' rows over it, with its own data folder. */
function machine(zkKeys: ZkKeyHashes = OUR_KEYS) {
  const dataDir = fs.mkdtempSync(join(tmpdir(), 'c3-stewards-'));
  const ledger = createLedgerService({ dataDir, verifier: testVerifier, workers: 1, zkKeys, now: () => T * 1000 });
  opened.push(ledger);
  const rows = stewardsHandlers({ ledger, dataDir, zkKeys: () => zkKeys, verifier: () => testVerifier, now: () => (T + 600) * 1000 });
  return { ledger, rows };
}

const choices = (overrides: Partial<GenesisDraftRequest> = {}): GenesisDraftRequest => ({
  name: 'River Co-op',
  salt: 'river-1',
  stewards: [spec(s1, 'Dana'), spec(s2, 'Emeka'), spec(s3, 'Fatima')],
  threshold: 2,
  attestors: [keys.attestor.address],
  params: DEFAULT_PARAMS_V2,
  time: T,
  ...overrides,
});

const signedBy = (entry: Entry, digest: string, signers: readonly DigestSigner[]): Entry =>
  withSequencerSignatures(entry, signers.map((s) => ({ signer: s.address, sig: s.sign(hexBytes(digest as `0x${string}`)) })));

async function created(app: ReturnType<typeof machine>, overrides: Partial<GenesisDraftRequest> = {}) {
  const draft = await app.rows['genesis.draft'](choices(overrides));
  if (!draft.ok) throw new Error(draft.error.message);
  const made = await app.rows['genesis.create']({ entry: signedBy(draft.value.entry, draft.value.digest, [s1, s2]) });
  if (!made.ok) throw new Error(made.error.message);
  return { draft: draft.value, made: made.value };
}

const treasury = treasuryAddressOf('river-1');
/** A price attestation by the treasury (SPEC §4): a treasury action that needs nothing but the genesis. */
const attestPrice = (commonsId: `0x${string}`, nonce: number, price: bigint, signers: readonly DigestSigner[] = [s1, s2]): Action =>
  signAction(commonsId, { kind: 'price.attest', vault: treasury, nonce, validUntil: T + 86_400, payload: { asset: 'ADA', price } }, signers);

describe('genesis', () => {
  it('the stewards’ quorum makes a Commons: entry 0 stored, its invite naming its id, genesis hash, stewards and threshold', async () => {
    const app = machine();
    const { draft, made } = await created(app);
    expect(draft.zkKeys).toEqual(OUR_KEYS);
    expect(made.commonsId).toBe(draft.commonsId);
    expect(made.genesisHash).toBe(draft.digest);
    expect(made.invite).toMatchObject({ format: 'c3-commons-invite/1', name: 'River Co-op', threshold: 2 });
    expect(made.invite.stewards.map((s) => s.label)).toEqual(['Dana', 'Emeka', 'Fatima']);
    expect(JSON.parse(made.inviteText)).toEqual(made.invite);
    expect(await app.ledger.list('real')).toMatchObject([{ commonsId: draft.commonsId, height: 1, name: 'River Co-op' }]);
  });

  it('a genesis signed by too few stewards is refused, and nothing is stored', async () => {
    const app = machine();
    const draft = await app.rows['genesis.draft'](choices());
    if (!draft.ok) throw new Error(draft.error.message);
    const made = await app.rows['genesis.create']({ entry: signedBy(draft.value.entry, draft.value.digest, [s1]) });
    expect(made.ok).toBe(false);
    if (!made.ok) expect(made.error).toMatchObject({ kind: 'SequencerQuorumNotMet', have: 1, need: 2 });
    expect(await app.ledger.list('real')).toEqual([]);
  });

  it('a genesis signed by someone who is not a steward is refused, and nothing is stored', async () => {
    const app = machine();
    const draft = await app.rows['genesis.draft'](choices());
    if (!draft.ok) throw new Error(draft.error.message);
    const made = await app.rows['genesis.create']({ entry: signedBy(draft.value.entry, draft.value.digest, [s1, keys.mallory]) });
    expect(made.ok).toBe(false);
    if (!made.ok) expect(made.error).toMatchObject({ kind: 'NotASigner', signer: keys.mallory.address });
    expect(await app.ledger.list('real')).toEqual([]);
  });

  it('parameters outside SPEC §4’s bounds are refused at the draft, and a genesis carrying them is refused at creation', async () => {
    const app = machine();
    // A draw cap at the liquidation threshold: a BTC line would be liquidatable the moment it is drawn.
    const params = { ...DEFAULT_PARAMS_V2, drawCapBps: { ...DEFAULT_PARAMS_V2.drawCapBps, BTC: 8_000 } };
    const draft = await app.rows['genesis.draft'](choices({ params }));
    expect(draft.ok).toBe(false);
    if (!draft.ok) expect(draft.error).toMatchObject({ kind: 'ParamOutOfBounds', param: 'drawCapBps.BTC', value: 8_000, relation: '<', bound: 8_000 });
    // The same genesis built by hand and signed by the quorum: the ledger's own genesis rules refuse it.
    const good = await app.rows['genesis.draft'](choices());
    if (!good.ok) throw new Error(good.error.message);
    const action = good.value.entry.actions[0] as Extract<Action, { kind: 'commons.genesis' }>;
    const bad = { ...good.value.entry, actions: [{ ...action, payload: { ...action.payload, params } }] } as Entry;
    const { entryHash } = await import('../../../shared/commons/quorum');
    const { commonsIdOf } = await import('../../../shared/commons/apply');
    const digest = entryHash(commonsIdOf({ payload: (bad.actions[0] as typeof action).payload }), bad);
    const made = await app.rows['genesis.create']({ entry: signedBy(bad, digest, [s1, s2]) });
    expect(made.ok).toBe(false);
    if (!made.ok) expect(made.error).toMatchObject({ kind: 'ParamOutOfBounds', param: 'drawCapBps.BTC' });
    expect(await app.ledger.list('real')).toEqual([]);
  });

  it('a threshold above the stewards is refused at the draft', async () => {
    const draft = await machine().rows['genesis.draft'](choices({ threshold: 4 }));
    expect(draft.ok).toBe(false);
    if (!draft.ok) expect(draft.error).toMatchObject({ kind: 'InvalidThreshold', threshold: 4, signers: 3 });
  });

  it('a Commons whose genesis states other verification keys is refused by a member’s app, and nothing is stored', async () => {
    const stewardsApp = machine();
    const { made } = await created(stewardsApp);
    const ledgerFile = await stewardsApp.ledger.exportUpdate('real', made.commonsId, 0);
    if (!ledgerFile.ok) throw new Error(ledgerFile.error.message);
    const member = machine({ ...OUR_KEYS, membership: 'd'.repeat(64) });
    const imported = await member.ledger.importLog(ledgerFile.value.text);
    expect(imported.ok).toBe(false);
    if (!imported.ok) expect(imported.error).toMatchObject({ kind: 'ZkKeysDiffer', circuit: 'membership', stated: 'b'.repeat(64), ours: 'd'.repeat(64) });
    expect(await member.ledger.list('real')).toEqual([]);
  });
});

describe('the stewards’ inbox and sealing', () => {
  it('accepted actions make the next entry; a refused one is named and left out; the sealed entry is stored and exported as an update', async () => {
    const app = machine();
    const { made } = await created(app);
    const id = made.commonsId;
    const good = attestPrice(id, 0, 5_000_000n);
    const replayed = attestPrice(id, 0, 7_000_000n); // the same nonce: once the first runs, it is spent
    const checked = await app.rows['stewards.checkBatch']({ commonsId: id, actions: [good, replayed] });
    if (!checked.ok) throw new Error(checked.error.message);
    expect(checked.value.verdicts[0], JSON.stringify(checked.value.verdicts[0])).toEqual({ accepted: true });
    expect(checked.value.verdicts[1]).toMatchObject({ accepted: false, refusal: { kind: 'NonceMismatch' } });
    expect(checked.value.entry!.actions).toHaveLength(1);
    const sealed = await app.rows['stewards.seal']({ commonsId: id, entry: signedBy(checked.value.entry!, checked.value.digest!, [s2, s3]) });
    if (!sealed.ok) throw new Error(sealed.error.message);
    expect(sealed.value).toMatchObject({ seq: 1, height: 2, headHash: checked.value.digest });
    const update = await app.ledger.exportUpdate('real', id, 1);
    expect(update.ok && update.value.header).toMatchObject({ fromSeq: 1, toSeq: 1, headHash: checked.value.digest });
  });

  it('an action refused in the inbox is never sealed: an entry carrying it is refused whole, and the head stays', async () => {
    const app = machine();
    const { made } = await created(app);
    const id = made.commonsId;
    const forged = attestPrice(id, 0, 9_000_000n, [s1, keys.mallory]);
    const checked = await app.rows['stewards.checkBatch']({ commonsId: id, actions: [forged] });
    if (!checked.ok) throw new Error(checked.error.message);
    expect(checked.value.verdicts).toEqual([{ accepted: false, refusal: expect.objectContaining({ kind: 'NotASigner' }) }]);
    expect(checked.value.entry).toBeNull();
    // Sealed anyway, by hand, by the quorum: the ledger refuses the entry with the action's rule.
    const { entryHash } = await import('../../../shared/commons/quorum');
    const state = await app.ledger.state('real', id);
    if (!state.ok) throw new Error('no state');
    const body = { v: state.value.version, seq: 1, prevHash: state.value.headHash, time: T + 600, actions: [forged], sequencerSigs: [] } as Entry;
    const sealed = await app.rows['stewards.seal']({ commonsId: id, entry: signedBy(body, entryHash(id, body), [s1, s2]) });
    expect(sealed.ok).toBe(false);
    if (!sealed.ok) expect(sealed.error).toMatchObject({ kind: 'NotASigner', seq: 1, action: 0 });
    expect(await app.ledger.list('real')).toMatchObject([{ height: 1, headHash: made.genesisHash }]);
  });

  it('a batch sealed by someone who is not a steward is refused, and the head stays', async () => {
    const app = machine();
    const { made } = await created(app);
    const checked = await app.rows['stewards.checkBatch']({ commonsId: made.commonsId, actions: [attestPrice(made.commonsId, 0, 1_000_000n)] });
    if (!checked.ok) throw new Error(checked.error.message);
    const sealed = await app.rows['stewards.seal']({ commonsId: made.commonsId, entry: signedBy(checked.value.entry!, checked.value.digest!, [s1, keys.mallory]) });
    expect(sealed.ok).toBe(false);
    if (!sealed.ok) expect(sealed.error).toMatchObject({ kind: 'NotASigner', signer: keys.mallory.address });
    const one = await app.rows['stewards.seal']({ commonsId: made.commonsId, entry: signedBy(checked.value.entry!, checked.value.digest!, [s1]) });
    expect(one.ok).toBe(false);
    if (!one.ok) expect(one.error).toMatchObject({ kind: 'SequencerQuorumNotMet', have: 1, need: 2 });
    expect(await app.ledger.list('real')).toMatchObject([{ height: 1 }]);
  });

  it('a batch drafted on a head that has moved on is refused as not the next entry', async () => {
    const app = machine();
    const { made } = await created(app);
    const first = await app.rows['stewards.checkBatch']({ commonsId: made.commonsId, actions: [attestPrice(made.commonsId, 0, 1_000_000n)] });
    if (!first.ok) throw new Error(first.error.message);
    const entry = signedBy(first.value.entry!, first.value.digest!, [s1, s2]);
    expect((await app.rows['stewards.seal']({ commonsId: made.commonsId, entry })).ok).toBe(true);
    const again = await app.rows['stewards.seal']({ commonsId: made.commonsId, entry });
    expect(again.ok).toBe(false);
    if (!again.ok) expect(again.error).toMatchObject({ kind: 'SealNotNext', seq: 1, height: 2 });
  });
});

describe('invites', () => {
  it('a member opens the invite, joins with the whole ledger, then takes the stewards’ update', async () => {
    const stewardsApp = machine();
    const { made } = await created(stewardsApp);
    const whole = await stewardsApp.ledger.exportUpdate('real', made.commonsId, 0);
    if (!whole.ok) throw new Error(whole.error.message);

    const member = machine();
    const opened = await member.rows['invite.open']({ text: made.inviteText });
    expect(opened.ok && opened.value).toMatchObject({ joined: false, invite: { commonsId: made.commonsId } });
    expect((await member.rows['invite.list']({})).ok && (await member.rows['invite.list']({}))).toMatchObject({ value: { invites: [{ name: 'River Co-op' }] } });
    const joined = await member.rows['invite.join']({ commonsId: made.commonsId, log: whole.value.text });
    expect(joined.ok && joined.value).toMatchObject({ commonsId: made.commonsId, height: 1, added: 1 });
    expect(await member.rows['invite.list']({})).toMatchObject({ ok: true, value: { invites: [] } });

    const checked = await stewardsApp.rows['stewards.checkBatch']({ commonsId: made.commonsId, actions: [attestPrice(made.commonsId, 0, 2_000_000n)] });
    if (!checked.ok) throw new Error(checked.error.message);
    await stewardsApp.rows['stewards.seal']({ commonsId: made.commonsId, entry: signedBy(checked.value.entry!, checked.value.digest!, [s1, s3]) });
    const update = await stewardsApp.ledger.exportUpdate('real', made.commonsId, 1);
    if (!update.ok) throw new Error(update.error.message);
    const taken = await member.ledger.importLog(update.value.text);
    expect(taken.ok && taken.value).toMatchObject({ height: 2, added: 1, headHash: checked.value.digest });
  });

  it('an invite answered with another Commons’ ledger is refused, and nothing is stored', async () => {
    const stewardsApp = machine();
    const { made } = await created(stewardsApp);
    const other = machine();
    const { made: otherMade } = await created(other, { name: 'Hill Co-op', salt: 'hill-1' });
    const otherLedger = await other.ledger.exportUpdate('real', otherMade.commonsId, 0);
    if (!otherLedger.ok) throw new Error(otherLedger.error.message);
    // The header says so…
    const member = machine();
    await member.rows['invite.open']({ text: made.inviteText });
    const joined = await member.rows['invite.join']({ commonsId: made.commonsId, log: otherLedger.value.text });
    expect(joined.ok).toBe(false);
    if (!joined.ok) expect(joined.error).toMatchObject({ kind: 'InviteMismatch', commonsId: made.commonsId });
    // …and without a header, the genesis does.
    const plain = otherLedger.value.text.split('\n').slice(1).join('\n');
    const again = await member.rows['invite.join']({ commonsId: made.commonsId, log: plain });
    expect(again.ok).toBe(false);
    if (!again.ok) expect(again.error).toMatchObject({ kind: 'InviteMismatch' });
    expect(await member.ledger.list('real')).toEqual([]);
  });

  it('a file that is not an invite is refused in words, and a join without an invite is refused', async () => {
    const member = machine();
    const opened = await member.rows['invite.open']({ text: '{"format":"c3-commons-invite/2"}' });
    expect(opened.ok).toBe(false);
    if (!opened.ok) expect(opened.error).toMatchObject({ kind: 'InviteInvalid' });
    const joined = await member.rows['invite.join']({ commonsId: `0x${'1'.repeat(64)}`, log: '' });
    expect(joined.ok).toBe(false);
    if (!joined.ok) expect(joined.error).toMatchObject({ kind: 'NoSuchInvite' });
  });
});
