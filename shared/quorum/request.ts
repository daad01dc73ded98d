/**
 * A signing request: one vault action waiting for its quorum of hardware signatures, passed
 * between co-signers as a file the way PSBTs travel between Bitcoin co-signers (SPEC §3, §11).
 * The format is docs/signing-request.md.
 *
 * Format 3 carries the Commons id, the signed action (any kind a vault quorum signs) and the
 * signatures gathered so far, and nothing else: no names, no threshold, no hashes, not even who is
 * still needed. What a co-signer is shown comes from the verified ledger and the action
 * (describe.ts, action.ts), who must sign from the ledger (authority.ts), and every signature is
 * checked again (signatures.ts). Format 2 (the same, for token.transfer only) is still read, and
 * so is format 1, which also carried names nobody signed ("toName", the vault's and the Commons'
 * names, a threshold): those fields are dropped on reading.
 */
import { z } from 'zod';
import { type Hex } from '../crypto/canonical';
import { type CommonsView, type VaultView } from '../contract/commons-view';
import { type Action, type PayloadOf, Address, Hash, Payloads, Signature } from '../commons/log';
import { DECIMALS, type CommonsToken, formatAmount } from '../money';
import { type Result, err, ok } from '../result';
import { parseJsonFile } from '../json-file';
import { type RequestKind, type SignedAction } from './action';

export const REQUEST_FORMAT = 'c3-signing-request/3';
const Uint64 = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);
/** The ledger takes at most 15 signatures an action (a vault has at most 15 signers), one a signer. */
const Signatures = z
  .array(Signature)
  .max(15)
  .refine((sigs) => new Set(sigs.map((s) => s.signer)).size === sigs.length, 'names one signer twice');

const requestAction = <K extends RequestKind>(kind: K) =>
  z.strictObject({ kind: z.literal(kind), vault: Address, nonce: Uint64, validUntil: Uint64, payload: Payloads[kind] });

/** One schema per request kind: a kind without its row here fails to compile. */
const ACTION_SCHEMAS: { readonly [K in RequestKind]: ReturnType<typeof requestAction<K>> } = {
  'member.enrol': requestAction('member.enrol'),
  'member.changeFaction': requestAction('member.changeFaction'),
  'attestor.register': requestAction('attestor.register'),
  'vault.create': requestAction('vault.create'),
  'vault.setSigners': requestAction('vault.setSigners'),
  'vault.setThreshold': requestAction('vault.setThreshold'),
  'vault.createCommons': requestAction('vault.createCommons'),
  'vault.setSpendLimit': requestAction('vault.setSpendLimit'),
  'token.mint': requestAction('token.mint'),
  'token.transfer': requestAction('token.transfer'),
  'token.burnToComm': requestAction('token.burnToComm'),
  'token.burnToConx': requestAction('token.burnToConx'),
  'quest.open': requestAction('quest.open'),
  'offer.post': requestAction('offer.post'),
  'offer.accept': requestAction('offer.accept'),
  'offer.submit': requestAction('offer.submit'),
  'offer.complete': requestAction('offer.complete'),
  'offer.fail': requestAction('offer.fail'),
  'stake.request': requestAction('stake.request'),
  'stake.give': requestAction('stake.give'),
  'stake.release': requestAction('stake.release'),
  'price.attest': requestAction('price.attest'),
  'credit.lock': requestAction('credit.lock'),
  'credit.unlock': requestAction('credit.unlock'),
  'credit.pledge': requestAction('credit.pledge'),
  'credit.unpledge': requestAction('credit.unpledge'),
  'credit.draw': requestAction('credit.draw'),
  'credit.repay': requestAction('credit.repay'),
  'credit.setOff': requestAction('credit.setOff'),
  'credit.setOffByTreasury': requestAction('credit.setOffByTreasury'),
  'credit.liquidate': requestAction('credit.liquidate'),
  'proposal.create': requestAction('proposal.create'),
  'proposal.vote': requestAction('proposal.vote'),
  'proposal.cancel': requestAction('proposal.cancel'),
  'dex.list': requestAction('dex.list'),
  'dex.delist': requestAction('dex.delist'),
  'dex.order': requestAction('dex.order'),
  'dex.cancel': requestAction('dex.cancel'),
  'patronage.close': requestAction('patronage.close'),
  'patronage.payBill': requestAction('patronage.payBill'),
  'patronage.claimRefund': requestAction('patronage.claimRefund'),
  'dispute.open': requestAction('dispute.open'),
  'dispute.propose': requestAction('dispute.propose'),
  'dispute.accept': requestAction('dispute.accept'),
  'dispute.reject': requestAction('dispute.reject'),
  'dispute.vote': requestAction('dispute.vote'),
  'dispute.appeal': requestAction('dispute.appeal'),
  'dispute.pay': requestAction('dispute.pay'),
};
type ActionSchema = (typeof ACTION_SCHEMAS)[RequestKind];
const RequestAction = z.discriminatedUnion('kind', Object.values(ACTION_SCHEMAS) as [ActionSchema, ...ActionSchema[]]);

const RequestFileV3 = z.strictObject({
  format: z.literal(REQUEST_FORMAT),
  commons: Hash,
  action: RequestAction,
  signatures: Signatures,
});

/** Format 2, read only: format 3 for token.transfer alone. */
const RequestFileV2 = z.strictObject({
  format: z.literal('c3-signing-request/2'),
  commons: Hash,
  action: ACTION_SCHEMAS['token.transfer'],
  signatures: Signatures,
});

/** Format 1, read only. Its names and threshold were never signed and are not kept. */
const RequestFileV1 = z.strictObject({
  format: z.literal('c3-signing-request/1'),
  commons: z.strictObject({ id: Hash, name: z.string() }),
  vault: z.strictObject({ address: Address, name: z.string(), threshold: z.number().int().min(1), nonce: Uint64 }),
  action: z.strictObject({ kind: z.literal('token.transfer'), payload: Payloads['token.transfer'], toName: z.string() }),
  validUntil: Uint64,
  signatures: Signatures,
});

const RequestFile = z.discriminatedUnion('format', [RequestFileV3, RequestFileV2, RequestFileV1]);

export interface SigningRequest<K extends RequestKind = RequestKind> {
  /** The Commons whose EIP-712 domain the action is signed under (its id is the domain's salt). */
  readonly commonsId: Hex;
  readonly action: SignedAction<K>;
  /** As carried: each is checked against the action before it counts (signatures.ts). */
  readonly signatures: readonly Signature[];
}

export function parseRequestFile(text: string): Result<SigningRequest, string> {
  const parsed = parseJsonFile(text, RequestFile);
  if (!parsed.ok) return err(parsed.error.kind === 'SchemaMismatch' ? `The file is not a C3 signing request: ${parsed.error.message}`.trim() : parsed.error.message);
  const file = parsed.value;
  if (file.format !== 'c3-signing-request/1') return ok({ commonsId: file.commons, action: file.action as SignedAction, signatures: file.signatures });
  const { vault, action, validUntil, signatures } = file;
  return ok({
    commonsId: file.commons.id,
    action: { kind: action.kind, vault: vault.address, nonce: vault.nonce, validUntil, payload: action.payload },
    signatures,
  });
}

/** The file's JSON (amounts as decimal strings), always in the current format. */
export const encodeRequestFile = (request: SigningRequest): z.input<typeof RequestFileV3> =>
  z.encode(RequestFileV3, { format: REQUEST_FORMAT, commons: request.commonsId, action: request.action, signatures: [...request.signatures] });

/** An unsigned request for `kind` on `vault` at its current nonce (the ledger's rules are the pre-flight's, preflight.ts). */
export function unsignedRequest<K extends RequestKind>(commons: Pick<CommonsView, 'commonsId'>, vault: { address: string; nonce: number }, kind: K, payload: PayloadOf<K>, validUntil: number): SigningRequest<K> {
  const action = { kind, vault: vault.address.toLowerCase(), nonce: vault.nonce, validUntil, payload } as unknown as SignedAction<K>;
  return { commonsId: commons.commonsId.toLowerCase() as Hex, action, signatures: [] };
}

export interface TransferDraft {
  readonly token: CommonsToken;
  readonly to: VaultView;
  readonly amount: bigint;
  /** Unix seconds after which the ledger refuses the action. */
  readonly validUntil: number;
}

export function transferRequest(commons: Pick<CommonsView, 'commonsId'>, vault: VaultView, draft: TransferDraft): Result<SigningRequest<'token.transfer'>, string> {
  if (draft.amount <= 0n) return err('The amount must be more than zero.');
  if (draft.to.address === vault.address) return err('Choose another vault to send to.');
  const held = vault.balances[draft.token] ?? 0n;
  if (draft.amount > held) return err(`${vault.name} holds ${formatAmount(held, DECIMALS[draft.token])} ${draft.token}, less than that.`);
  return ok(unsignedRequest(commons, vault, 'token.transfer', { token: draft.token, to: draft.to.address.toLowerCase(), amount: draft.amount }, draft.validUntil));
}

/** A new threshold for the vault's current signers (it changes who controls the vault). */
export function thresholdRequest(commons: Pick<CommonsView, 'commonsId'>, vault: VaultView, threshold: number, validUntil: number): Result<SigningRequest<'vault.setThreshold'>, string> {
  if (!Number.isInteger(threshold)) return err('The threshold is a whole number of signatures.');
  if (threshold === vault.threshold) return err(`${vault.name} already needs ${threshold} of its ${vault.signers.length} signers.`);
  return ok(unsignedRequest(commons, vault, 'vault.setThreshold', { threshold }, validUntil));
}

export type SignerDraft = PayloadOf<'vault.setSigners'>['signers'][number];

/** A new set of signers and threshold for the vault (it changes who controls the vault). */
export function signersRequest(commons: Pick<CommonsView, 'commonsId'>, vault: VaultView, signers: readonly SignerDraft[], threshold: number, validUntil: number): Result<SigningRequest<'vault.setSigners'>, string> {
  if (signers.length === 0) return err('A vault needs at least one signer.');
  if (!Number.isInteger(threshold)) return err('The threshold is a whole number of signatures.');
  const lower = signers.map((s) => ({ ...s, address: s.address.toLowerCase() }));
  return ok(unsignedRequest(commons, vault, 'vault.setSigners', { signers: lower, threshold }, validUntil));
}

/** Strictly ascending by signer address, the order the ledger requires (SPEC §3). */
export const bySigner = (a: Signature, b: Signature) => (a.signer < b.signer ? -1 : a.signer > b.signer ? 1 : 0);

/**
 * The request with `signer`'s signature in place of any they had, kept sorted by signer as the
 * ledger requires (SPEC §3). The caller has checked the signature (signatures.ts) first.
 */
export function withSignature<R extends SigningRequest>(request: R, signer: string, sig: string): R {
  const who = signer.toLowerCase();
  const signatures = [...request.signatures.filter((s) => s.signer !== who), { signer: who, sig: sig.toLowerCase() }].sort(bySigner);
  return { ...request, signatures };
}

/**
 * The action as the ledger takes it once the quorum is in: only the signatures of `valid` signers,
 * one each, sorted by signer. What the stewards sequence (or, in the demo, sequence now).
 */
export function ledgerActionOf(request: SigningRequest, valid: readonly string[]): Action {
  const keep = new Set(valid.map((v) => v.toLowerCase()));
  const sigs = request.signatures.filter((s) => keep.has(s.signer)).sort(bySigner);
  return { ...request.action, sigs };
}
