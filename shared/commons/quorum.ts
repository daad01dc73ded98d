/**
 * Quorum checks (SPEC §3, §11): signatures sorted by signer strictly ascending, each recovering
 * to the signer it names, each a current signer, at least `threshold` of them.
 */
import { type Hex, canonicalHash, canonicalJson, keccakHex } from '../crypto/canonical';
import { type VaultActionMessage, ledgerEntryDigest, vaultActionDigestOfJson } from '../crypto/eip712';
import { type SignatureRecoverer, hexBytes } from '../crypto/recover';
import { type Result, err, ok } from '../result';
import { type CoreError, fail } from './core-errors';
import { type Signature } from './schema';
import { type Signer } from './state';

/** What the VaultAction message is made of: any action of any module, its signatures aside. */
export interface ActionEnvelope {
  readonly kind: string;
  readonly vault: string;
  readonly nonce: number;
  readonly validUntil: number;
  readonly payload: unknown;
}

/**
 * Digests already computed for decoded actions (keyed by the action object, which the ledger never
 * mutates), so that a replay that recovers signatures ahead of the fold hashes each action once.
 */
export type DigestMemo = WeakMap<object, Uint8Array>;

/**
 * The VaultAction message of an action (SPEC §3): the one place it is made, for the ledger, the
 * signing requests and enrolment alike.
 */
export function vaultActionMessage(commonsId: Hex, action: ActionEnvelope): VaultActionMessage {
  return {
    commons: commonsId,
    vault: action.vault as Hex,
    nonce: BigInt(action.nonce),
    kind: action.kind,
    // The payload as the log holds it: amounts as bigint, which canonical JSON writes as decimal strings.
    payloadHash: canonicalHash(action.payload),
    validUntil: BigInt(action.validUntil),
  };
}

/** The EIP-712 VaultAction digest the action's signers signed (SPEC §3). */
export function actionDigest(commonsId: Hex, action: ActionEnvelope, memo?: DigestMemo): Uint8Array {
  const known = memo?.get(action);
  if (known) return known;
  // vaultActionDigest(vaultActionMessage(commonsId, action)), without the bigint and hex round trips.
  const digest = vaultActionDigestOfJson(commonsId, action.vault as Hex, action.nonce, action.kind, canonicalJson(action.payload), action.validUntil);
  memo?.set(action, digest);
  return digest;
}

/**
 * `actionsHash` of an entry: keccak256 of its actions' VaultAction digests, concatenated in order.
 * It binds every action's content and order; signatures are checked, not hashed.
 */
export function actionsHash(commonsId: Hex, actions: readonly ActionEnvelope[], memo?: DigestMemo): Hex {
  const all = new Uint8Array(32 * actions.length);
  actions.forEach((action, i) => all.set(actionDigest(commonsId, action, memo), 32 * i));
  return keccakHex(all);
}

/** The hash of an entry, which the sequencers sign and the next entry names as `prevHash`. */
export const entryHash = (commonsId: Hex, entry: { readonly seq: number; readonly prevHash: Hex; readonly time: number; readonly actions: readonly ActionEnvelope[] }, memo?: DigestMemo): Hex =>
  ledgerEntryDigest({
    commons: commonsId,
    seq: BigInt(entry.seq),
    prevHash: entry.prevHash,
    time: BigInt(entry.time),
    actionsHash: actionsHash(commonsId, entry.actions, memo),
  });

export function checkQuorum(
  digest: Uint8Array,
  sigs: readonly Signature[],
  signers: readonly Signer[],
  threshold: number,
  recoverer: SignatureRecoverer,
  kind: 'ThresholdNotMet' | 'SequencerQuorumNotMet' = 'ThresholdNotMet',
): Result<null, CoreError> {
  for (let i = 1; i < sigs.length; i++) {
    if ((sigs[i - 1]?.signer ?? '') >= (sigs[i]?.signer ?? '')) return err(fail('SignaturesNotSorted', { index: i }));
  }
  let have = 0;
  for (let index = 0; index < sigs.length; index++) {
    const { signer, sig } = sigs[index]!;
    if (!signers.some((s) => s.address === signer)) return err(fail('NotASigner', { signer }));
    const recovered = recoverer.recoverHex ? recoverer.recoverHex(digest, sig) : recoverer.recover(digest, hexBytes(sig));
    if (recovered !== signer) return err(fail('BadSignature', { signer, index }));
    have += 1;
  }
  if (have < threshold) return err(fail(kind, { have, need: threshold }));
  return ok(null);
}
