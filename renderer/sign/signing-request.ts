/**
 * A signing request: one Commons action of one vault, waiting for its quorum of hardware
 * signatures. It is what co-signers pass to each other as a file (the way PSBTs travel between
 * Bitcoin co-signers): the action, the EIP-712 VaultAction every device signs (SPEC §3), and the
 * signatures gathered so far, each checked against the vault's signers before it is kept.
 */
import { hexToBytes } from '@noble/hashes/utils.js';
import { hashDomain, hashStruct } from 'viem';
import { z } from 'zod';
import { type CommonsView, type VaultView } from '../../shared/contract/commons-view';
import { type TypedDataJson } from '../../shared/contract/devices';
import { canonicalHash, type Hex } from '../../shared/crypto/canonical';
import { vaultActionTypedDataJson } from './typed-data';
import { commonsDomain, toHexString, vaultActionDigest, vaultActionTypes, type VaultActionMessage } from '../../shared/crypto/eip712';
import { nobleRecoverer } from '../../shared/crypto/recover';
import { COMMONS_TOKENS, DECIMALS, formatAmount, type CommonsToken } from '../../shared/money';
import { type Result, err, ok } from '../../shared/result';
import { type ActionOf } from '../../shared/commons/log';
import { parseJsonFile } from '../../shared/json-file';

const Address = z.string().regex(/^0x[0-9a-f]{40}$/, 'a lower-case 20-byte hex address');
const Hash = z.string().regex(/^0x[0-9a-f]{64}$/, 'a 32-byte hex value');

export const SigningRequest = z.strictObject({
  format: z.literal('c3-signing-request/1'),
  commons: z.strictObject({ id: Hash, name: z.string() }),
  vault: z.strictObject({ address: Address, name: z.string(), threshold: z.number().int().min(1), nonce: z.number().int().nonnegative() }),
  action: z.strictObject({
    kind: z.literal('token.transfer'),
    payload: z.strictObject({ token: z.enum(COMMONS_TOKENS), to: Address, amount: z.string().regex(/^[1-9][0-9]*$/, 'a positive amount in minor units') }),
    /** Destination's name, for the words shown; not signed. */
    toName: z.string(),
  }),
  validUntil: z.number().int().positive(),
  signatures: z.array(z.strictObject({ signer: Address, sig: z.string().regex(/^0x[0-9a-f]{130}$/) })),
});
export type SigningRequest = z.infer<typeof SigningRequest>;

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
    format: 'c3-signing-request/1',
    commons: { id: commons.commonsId.toLowerCase(), name: commons.name },
    vault: { address: vault.address.toLowerCase(), name: vault.name, threshold: vault.threshold, nonce: vault.nonce },
    action: { kind: 'token.transfer', payload: { token: draft.token, to: draft.to.address.toLowerCase(), amount: draft.amount.toString() }, toName: draft.to.name },
    validUntil: draft.validUntil,
    signatures: [],
  });
}

/** The VaultAction message, exactly as the ledger recomputes it (shared/commons/quorum.ts). */
export function messageOf(request: SigningRequest): VaultActionMessage {
  return {
    commons: request.commons.id as Hex,
    vault: request.vault.address as Hex,
    nonce: BigInt(request.vault.nonce),
    kind: request.action.kind,
    // The payload as the log holds it: amounts as bigint, which canonical JSON writes as decimal strings.
    payloadHash: canonicalHash({ ...request.action.payload, amount: BigInt(request.action.payload.amount) }),
    validUntil: BigInt(request.validUntil),
  };
}

/** eth_signTypedData_v4 JSON for the device (integers as decimal strings). */
export const typedDataOf = (request: SigningRequest): TypedDataJson => vaultActionTypedDataJson(messageOf(request));

/** What a device shows in hashed mode: the domain separator and the message hash; and the digest signed. */
export function hashesOf(request: SigningRequest): { domainHash: Hex; messageHash: Hex; digest: Hex } {
  const message = messageOf(request);
  const domainHash = hashDomain({
    domain: commonsDomain(message.commons),
    types: { EIP712Domain: [{ name: 'name', type: 'string' }, { name: 'version', type: 'string' }, { name: 'salt', type: 'bytes32' }] },
  });
  const messageHash = hashStruct({ data: message, primaryType: 'VaultAction', types: vaultActionTypes });
  return { domainHash, messageHash, digest: toHexString(vaultActionDigest(message)) };
}

export function describeAction(request: SigningRequest): string {
  const { token, amount } = request.action.payload;
  return `Send ${formatAmount(BigInt(amount), DECIMALS[token])} ${token} from ${request.vault.name} to ${request.action.toName}`;
}

export type SignatureProblem =
  | { kind: 'Unreadable' }
  | { kind: 'NotASigner'; recovered: string }
  | { kind: 'WrongSigner'; expected: string; recovered: string };

/**
 * Recovers who signed the request's digest and keeps the signature only if that is the
 * expected signer of the vault. Signatures stay sorted by signer, as the ledger requires.
 */
export function addSignature(request: SigningRequest, vault: VaultView, expected: string, signature: string): Result<SigningRequest, SignatureProblem> {
  const recovered = nobleRecoverer.recover(vaultActionDigest(messageOf(request)), hexToBytes(signature.replace(/^0x/, '')));
  if (!recovered) return err({ kind: 'Unreadable' });
  if (!vault.signers.some((s) => s.address.toLowerCase() === recovered)) return err({ kind: 'NotASigner', recovered });
  if (recovered !== expected.toLowerCase()) return err({ kind: 'WrongSigner', expected: expected.toLowerCase(), recovered });
  const signatures = [...request.signatures.filter((s) => s.signer !== recovered), { signer: recovered, sig: signature.toLowerCase() }];
  signatures.sort((a, b) => (a.signer < b.signer ? -1 : a.signer > b.signer ? 1 : 0));
  return ok({ ...request, signatures });
}

/** Re-checks every signature of a request (one read from a file is trusted for nothing). */
export function verifiedSigners(request: SigningRequest, vault: VaultView): string[] {
  const digest = vaultActionDigest(messageOf(request));
  return request.signatures.flatMap(({ signer, sig }) => {
    const recovered = nobleRecoverer.recover(digest, hexToBytes(sig.slice(2)));
    return recovered === signer && vault.signers.some((s) => s.address.toLowerCase() === signer) ? [signer] : [];
  });
}

/**
 * The action as the ledger takes it, once the quorum is in: only signatures that verify, sorted
 * by signer as the ledger requires. What the stewards sequence (or, in the demo, sequence now).
 */
export function actionOf(request: SigningRequest, vault: VaultView): ActionOf<'token.transfer'> {
  const good = new Set(verifiedSigners(request, vault));
  return {
    kind: 'token.transfer',
    vault: request.vault.address,
    nonce: request.vault.nonce,
    validUntil: request.validUntil,
    payload: { token: request.action.payload.token, to: request.action.payload.to, amount: BigInt(request.action.payload.amount) },
    sigs: request.signatures.filter((s) => good.has(s.signer)),
  };
}

export function parseRequestFile(text: string): Result<SigningRequest, string> {
  const parsed = parseJsonFile(text, SigningRequest);
  if (parsed.ok) return parsed;
  return err(parsed.error.kind === 'SchemaMismatch' ? `The file is not a C3 signing request: ${parsed.error.message}`.trim() : parsed.error.message);
}
