/**
 * Merging two copies of one signing request (SPEC §3), the way PSBT combiners do: co-signers sign
 * copies of the same file in parallel, and whoever gathers them merges the signatures. Two copies
 * merge only if they ask for the very same action under the same Commons; otherwise the merge is
 * refused, naming the first field that differs, since a signature over one action says nothing
 * about another. Each signature is checked against the action's digest before it is kept: one
 * that does not recover to the signer it names is left out and reported, never counted.
 */
import { canonicalJson } from '../crypto/canonical';
import { type SignatureRecoverer, hexBytes } from '../crypto/recover';
import { type Signature } from '../commons/log';
import { type Result, err, ok } from '../result';
import { signedDigest } from './action';
import { type RequestProblem, requestProblem } from './errors';
import { type SigningRequest, bySigner } from './request';

export interface MergedRequest {
  /** The action of both copies, with every signature of either that holds, one per signer, sorted by signer. */
  readonly request: SigningRequest;
  /** Signatures of either copy that do not recover to the signer they name over this action: left out. */
  readonly dropped: readonly Signature[];
}

const shown = (value: unknown): string => (value === undefined ? 'absent' : typeof value === 'string' || typeof value === 'bigint' ? String(value) : canonicalJson(value));

/** The path of the first place where two JSON-like values differ ("payload.amount", "payload.signers[1].address"), or null. */
function firstDifference(a: unknown, b: unknown, path: string): { field: string; ours: string; theirs: string } | null {
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) return { field: `${path} (how many)`, ours: String(a.length), theirs: String(b.length) };
    for (let i = 0; i < a.length; i++) {
      const found = firstDifference(a[i], b[i], `${path}[${i}]`);
      if (found) return found;
    }
    return null;
  }
  if (a !== null && b !== null && typeof a === 'object' && typeof b === 'object' && !Array.isArray(a) && !Array.isArray(b)) {
    const ra = a as Record<string, unknown>;
    const rb = b as Record<string, unknown>;
    for (const key of [...new Set([...Object.keys(ra), ...Object.keys(rb)])].sort()) {
      const found = firstDifference(ra[key], rb[key], path ? `${path}.${key}` : key);
      if (found) return found;
    }
    return null;
  }
  const same = a === undefined || b === undefined ? a === b : canonicalJson(a) === canonicalJson(b);
  return same ? null : { field: path, ours: shown(a), theirs: shown(b) };
}

/** The first difference of two actions, in the order a co-signer checks them: kind, vault, nonce, expiry, then the payload. */
function actionDifference(a: SigningRequest['action'], b: SigningRequest['action']) {
  for (const field of ['kind', 'vault', 'nonce', 'validUntil'] as const) {
    if (a[field] !== b[field]) return { field, ours: String(a[field]), theirs: String(b[field]) };
  }
  return firstDifference(a.payload, b.payload, 'payload');
}

export function mergeRequests(a: SigningRequest, b: SigningRequest, recoverer: SignatureRecoverer): Result<MergedRequest, RequestProblem> {
  if (a.commonsId !== b.commonsId) return err(requestProblem('DifferentCommons', { ours: a.commonsId, theirs: b.commonsId }));
  const differs = actionDifference(a.action, b.action);
  if (differs) return err(requestProblem('DifferentAction', differs));
  const digest = signedDigest(a.commonsId, a.action);
  const recover = (sig: string) => (recoverer.recoverHex ? recoverer.recoverHex(digest, sig) : recoverer.recover(digest, hexBytes(sig)));
  const kept = new Map<string, string>();
  const dropped: Signature[] = [];
  const seen = new Set<string>();
  for (const signature of [...a.signatures, ...b.signatures]) {
    const signer = signature.signer.toLowerCase();
    const sig = signature.sig.toLowerCase();
    if (seen.has(`${signer} ${sig}`)) continue;
    seen.add(`${signer} ${sig}`);
    if (recover(sig) !== signer) {
      dropped.push({ signer, sig });
      continue;
    }
    // Two valid signatures of one signer (a device that signs with fresh randomness): one counts,
    // the same one whichever copy comes first, so that the merge does not depend on the order.
    const other = kept.get(signer);
    if (other === undefined || sig < other) kept.set(signer, sig);
  }
  const signatures = [...kept].map(([signer, sig]) => ({ signer, sig })).sort(bySigner);
  return ok({ request: { commonsId: a.commonsId, action: a.action, signatures }, dropped: dropped.sort((x, y) => bySigner(x, y) || (x.sig < y.sig ? -1 : x.sig > y.sig ? 1 : 0)) });
}
