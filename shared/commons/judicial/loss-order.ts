/**
 * SPEC §8, the loss order, fixed beforehand, as one pure function: a loss owed to creditors (the
 * stakers of a failed offer, or the Commons for a collateral claim) is met by
 *   1. the defaulting member's pledged collateral, then their vault;
 *   2. then the loss reserve, at most `lossReserveMaxShareBps` of its balance for this case;
 *   3. then the creditors bear what remains, pro rata to what each is owed;
 *   4. of which a community vote may move up to `lossSharingMaxBps` into Commons loss sharing
 *      (billed to members in proportion to patronage at the next period close, SPEC §9).
 * Every split sums exactly: pro rata shares use `allocate` (rounded down, the remainder one unit
 * at a time to the largest fractional parts), and what the Commons takes on (the reserve's cap,
 * the shared part) is rounded down (SPEC §0: rounding favours the Commons).
 */
import { allocate } from '../../money';

export interface Creditor {
  readonly id: string;
  readonly vault: string;
  /** What the creditor is owed. */
  readonly outstanding: bigint;
}

export interface LossOrderInput {
  /** The loss to allocate; at most what the creditors are owed (capped so). */
  readonly loss: bigint;
  /** The defaulting member's pledged collateral and vault balance available, CONX. */
  readonly collateral: bigint;
  readonly vault: bigint;
  /** The loss reserve's balance. */
  readonly reserve: bigint;
  readonly reserveMaxShareBps: number;
  readonly creditors: readonly Creditor[];
  /** The share of what remains that the ruling moves into Commons loss sharing (capped at `sharingMaxBps`). */
  readonly sharedBps: number;
  readonly sharingMaxBps: number;
}

export interface CreditorSplit {
  readonly id: string;
  readonly vault: string;
  /** This creditor's part of the loss. */
  readonly claim: bigint;
  readonly recovered: bigint;
  readonly shared: bigint;
  readonly borne: bigint;
}

export interface LossSplit {
  readonly loss: bigint;
  readonly fromCollateral: bigint;
  readonly fromVault: bigint;
  readonly fromReserve: bigint;
  /** The most the reserve could give this case. */
  readonly reserveCap: bigint;
  /** Moved into Commons loss sharing. */
  readonly shared: bigint;
  /** Borne by the creditors. */
  readonly borne: bigint;
  readonly creditors: readonly CreditorSplit[];
}

const min = (a: bigint, b: bigint) => (a < b ? a : b);
const nonNegative = (a: bigint) => (a < 0n ? 0n : a);

export function lossOrder(input: LossOrderInput): LossSplit {
  const owed = input.creditors.reduce((sum, c) => sum + nonNegative(c.outstanding), 0n);
  const loss = min(nonNegative(input.loss), owed);
  const claims = allocate(loss, input.creditors.map((c) => nonNegative(c.outstanding)));
  const reserveCap = (nonNegative(input.reserve) * BigInt(Math.max(0, Math.min(input.reserveMaxShareBps, 10_000)))) / 10_000n;
  const collateral = nonNegative(input.collateral);
  const vault = nonNegative(input.vault);
  // 1-2: what the defaulter and the reserve pay back, in that order.
  const recovered = min(loss, collateral + vault + reserveCap);
  const fromCollateral = min(collateral, recovered);
  const fromVault = min(vault, recovered - fromCollateral);
  const fromReserve = recovered - fromCollateral - fromVault;
  const recoveries = allocate(recovered, claims);
  // 3-4: what remains is the creditors'; a share of it (rounded down) goes to Commons loss sharing.
  const remaining = claims.map((c, i) => c - (recoveries[i] ?? 0n));
  const left = loss - recovered;
  const sharedBps = BigInt(Math.max(0, Math.min(input.sharedBps, input.sharingMaxBps, 10_000)));
  const shared = (left * sharedBps) / 10_000n;
  const sharedParts = allocate(shared, remaining);
  const creditors = input.creditors.map((c, i) => {
    const part = sharedParts[i] ?? 0n;
    return { id: c.id, vault: c.vault, claim: claims[i] ?? 0n, recovered: recoveries[i] ?? 0n, shared: part, borne: (remaining[i] ?? 0n) - part };
  });
  return { loss, fromCollateral, fromVault, fromReserve, reserveCap, shared, borne: left - shared, creditors };
}
