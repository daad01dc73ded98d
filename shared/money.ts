/**
 * Amounts are bigint minor units (SPEC §0). This module is the one place that parses,
 * formats and splits them; nothing else converts between strings and amounts.
 */
import { z } from 'zod';

/** Decimals of every asset the Commons knows (SPEC §0). */
export const DECIMALS = {
  PPT: 6,
  COMM: 6,
  CONX: 6,
  PDT: 6,
  PCT: 6,
  PMT: 6,
  BTC: 8,
  ETH: 18,
  ADA: 6,
} as const;
export type Asset = keyof typeof DECIMALS;
export const COMMONS_TOKENS = ['PPT', 'COMM', 'CONX', 'PDT', 'PCT', 'PMT'] as const;
export type CommonsToken = (typeof COMMONS_TOKENS)[number];

const MINOR_UNITS = /^-?(0|[1-9][0-9]*)$/;
const DECIMAL = /^(-)?([0-9]+)(?:\.([0-9]+))?$/;

export class AmountFormatError extends Error {
  constructor(readonly input: string, readonly reason: string) {
    super(`"${input}" is not an amount: ${reason}`);
    this.name = 'AmountFormatError';
  }
}

/** Parses a decimal string of minor units ("1500000") as written on the wire and in files. */
export function parseMinorUnits(input: string): bigint {
  if (!MINOR_UNITS.test(input)) throw new AmountFormatError(input, 'expected an integer in minor units');
  return BigInt(input);
}

/** Parses what a person types ("1,500.25") into minor units; refuses more decimals than the asset has. */
export function parseAmount(input: string, decimals: number): bigint {
  const cleaned = input.trim().replace(/[,_\s]/g, '');
  const match = DECIMAL.exec(cleaned);
  if (!match) throw new AmountFormatError(input, 'expected a number such as 1250.5');
  const [, sign, whole = '0', fraction = ''] = match;
  if (fraction.length > decimals) {
    throw new AmountFormatError(input, `at most ${decimals} decimal places`);
  }
  const minor = BigInt(whole + fraction.padEnd(decimals, '0'));
  return sign ? -minor : minor;
}

export interface FormatOptions {
  /** Fewest fraction digits shown (trailing zeros beyond are trimmed). Default 0. */
  minFractionDigits?: number;
  /** Most fraction digits shown; the rest is cut (never rounded up: it would show money that is not there). */
  maxFractionDigits?: number;
  /** Group the whole part in thousands. Default true. */
  grouping?: boolean;
}

/** Formats minor units as a decimal string for people ("1,500.25"). */
export function formatAmount(amount: bigint, decimals: number, options: FormatOptions = {}): string {
  const { minFractionDigits = 0, maxFractionDigits = decimals, grouping = true } = options;
  const negative = amount < 0n;
  const digits = (negative ? -amount : amount).toString().padStart(decimals + 1, '0');
  const wholeDigits = digits.slice(0, digits.length - decimals);
  let fraction = digits.slice(digits.length - decimals).slice(0, maxFractionDigits);
  while (fraction.length > minFractionDigits && fraction.endsWith('0')) fraction = fraction.slice(0, -1);
  const whole = grouping ? wholeDigits.replace(/\B(?=(\d{3})+(?!\d))/g, ',') : wholeDigits;
  return `${negative ? '-' : ''}${whole}${fraction ? `.${fraction}` : ''}`;
}

export const formatAsset = (amount: bigint, asset: Asset, options?: FormatOptions): string =>
  `${formatAmount(amount, DECIMALS[asset], { maxFractionDigits: 2, ...options })} ${asset}`;

/**
 * Splits `total` in proportion to `weights`, rounding each share down, then hands the
 * remainder out one unit at a time to the largest fractional parts (ties: lowest index).
 * The shares always sum to `total` exactly (STYLE.md: dinero.js `allocate`).
 */
export function allocate(total: bigint, weights: readonly bigint[]): bigint[] {
  if (total < 0n) throw new RangeError('allocate: total must not be negative');
  if (weights.some((w) => w < 0n)) throw new RangeError('allocate: weights must not be negative');
  const sum = weights.reduce((a, b) => a + b, 0n);
  if (sum === 0n) return weights.map(() => 0n);
  const shares = weights.map((w) => (total * w) / sum);
  const remainders = weights.map((w, index) => ({ index, rest: (total * w) % sum }));
  let left = total - shares.reduce((a, b) => a + b, 0n);
  remainders.sort((a, b) => (a.rest === b.rest ? a.index - b.index : a.rest > b.rest ? -1 : 1));
  for (const { index } of remainders) {
    if (left === 0n) break;
    shares[index] = (shares[index] ?? 0n) + 1n;
    left -= 1n;
  }
  return shares;
}

/** Integer division rounding up, for debt and fees (SPEC §0: rounding favours the Commons). */
export function divCeil(numerator: bigint, denominator: bigint): bigint {
  if (denominator <= 0n) throw new RangeError('divCeil: denominator must be positive');
  const q = numerator / denominator;
  return numerator % denominator === 0n || numerator < 0n ? q : q + 1n;
}

/**
 * The wire form of an amount: a decimal string of minor units that decodes to bigint and
 * encodes back (zod codec). Used by the IPC contract, the bridge and the ledger's files.
 */
export const Amount = z.codec(z.string().regex(MINOR_UNITS, 'an integer amount in minor units, as a decimal string'), z.bigint(), {
  decode: (text) => BigInt(text),
  encode: (value) => value.toString(),
});
/** A non-negative amount on the wire. */
export const NonNegativeAmount = z.codec(
  z.string().regex(/^(0|[1-9][0-9]*)$/, 'a non-negative integer amount in minor units, as a decimal string'),
  z.bigint().nonnegative(),
  { decode: (text) => BigInt(text), encode: (value) => value.toString() },
);
