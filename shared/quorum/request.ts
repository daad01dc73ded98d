/**
 * A signing request: one vault action waiting for its quorum of hardware signatures, passed
 * between co-signers as a file the way PSBTs travel between Bitcoin co-signers (SPEC §3, §11).
 *
 * Format 2 carries the signed action and the signatures gathered so far, and nothing else: no
 * names, no threshold, no hashes. What a co-signer is shown comes from the verified ledger and
 * the action (describe.ts, action.ts), and every signature is checked again (signatures.ts).
 * Format 1 files, which also carried names nobody signed ("toName", the vault's and the Commons'
 * names, a threshold), are still read; those fields are dropped on reading.
 */
import { z } from 'zod';
import { type Hex } from '../crypto/canonical';
import { type CommonsView, type VaultView } from '../contract/commons-view';
import { type Action, Address, Hash, Payloads, Signature } from '../commons/log';
import { DECIMALS, type CommonsToken, formatAmount } from '../money';
import { type Result, err, ok } from '../result';
import { parseJsonFile } from '../json-file';
import { type RequestKind, type SignedAction } from './action';

const FORMAT = 'c3-signing-request/2';
const Uint64 = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);
/** The ledger takes at most 15 signatures an action (a vault has at most 15 signers), one a signer. */
const Signatures = z
  .array(Signature)
  .max(15)
  .refine((sigs) => new Set(sigs.map((s) => s.signer)).size === sigs.length, 'names one signer twice');

const requestAction = <K extends RequestKind>(kind: K) =>
  z.strictObject({ kind: z.literal(kind), vault: Address, nonce: Uint64, validUntil: Uint64, payload: Payloads[kind] });
const RequestAction = z.discriminatedUnion('kind', [requestAction('token.transfer')]);

const RequestFileV2 = z.strictObject({
  format: z.literal(FORMAT),
  commons: Hash,
  action: RequestAction,
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

const RequestFile = z.discriminatedUnion('format', [RequestFileV2, RequestFileV1]);

export interface SigningRequest {
  /** The Commons whose EIP-712 domain the action is signed under (its id is the domain's salt). */
  readonly commonsId: Hex;
  readonly action: SignedAction;
  /** As carried: each is checked against the action before it counts (signatures.ts). */
  readonly signatures: readonly Signature[];
}

export function parseRequestFile(text: string): Result<SigningRequest, string> {
  const parsed = parseJsonFile(text, RequestFile);
  if (!parsed.ok) return err(parsed.error.kind === 'SchemaMismatch' ? `The file is not a C3 signing request: ${parsed.error.message}`.trim() : parsed.error.message);
  const file = parsed.value;
  if (file.format === FORMAT) return ok({ commonsId: file.commons, action: file.action, signatures: file.signatures });
  const { vault, action, validUntil, signatures } = file;
  return ok({
    commonsId: file.commons.id,
    action: { kind: action.kind, vault: vault.address, nonce: vault.nonce, validUntil, payload: action.payload },
    signatures,
  });
}

/** The file's JSON (amounts as decimal strings), always in the current format. */
export const encodeRequestFile = (request: SigningRequest): z.input<typeof RequestFileV2> =>
  z.encode(RequestFileV2, { format: FORMAT, commons: request.commonsId, action: request.action, signatures: [...request.signatures] });

export interface TransferDraft {
  readonly token: CommonsToken;
  readonly to: VaultView;
  readonly amount: bigint;
  /** Unix seconds after which the ledger refuses the action. */
  readonly validUntil: number;
}

export function transferRequest(commons: CommonsView, vault: VaultView, draft: TransferDraft): Result<SigningRequest, string> {
  if (draft.amount <= 0n) return err('The amount must be more than zero.');
  if (draft.to.address === vault.address) return err('Choose another vault to send to.');
  const held = vault.balances[draft.token] ?? 0n;
  if (draft.amount > held) return err(`${vault.name} holds ${formatAmount(held, DECIMALS[draft.token])} ${draft.token}, less than that.`);
  return ok({
    commonsId: commons.commonsId.toLowerCase() as Hex,
    action: {
      kind: 'token.transfer',
      vault: vault.address.toLowerCase(),
      nonce: vault.nonce,
      validUntil: draft.validUntil,
      payload: { token: draft.token, to: draft.to.address.toLowerCase(), amount: draft.amount },
    },
    signatures: [],
  });
}

const bySigner = (a: Signature, b: Signature) => (a.signer < b.signer ? -1 : a.signer > b.signer ? 1 : 0);

/**
 * The request with `signer`'s signature in place of any they had, kept sorted by signer as the
 * ledger requires (SPEC §3). The caller has checked the signature (signatures.ts) first.
 */
export function withSignature(request: SigningRequest, signer: string, sig: string): SigningRequest {
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
