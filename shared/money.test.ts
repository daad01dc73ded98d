import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { Amount, AmountFormatError, allocate, divCeil, formatAmount, parseAmount, parseMinorUnits } from './money';

describe('amounts', () => {
  it('parse what people type into minor units, refusing more decimals than the asset has', () => {
    expect(parseAmount('1,500.25', 6)).toBe(1_500_250_000n);
    expect(parseAmount('0.00000001', 8)).toBe(1n);
    expect(parseAmount('-3', 6)).toBe(-3_000_000n);
    expect(() => parseAmount('1.0000001', 6)).toThrow(AmountFormatError);
    expect(() => parseAmount('1e6', 6)).toThrow(/expected a number/);
  });

  it('format minor units for people, cutting rather than rounding up', () => {
    expect(formatAmount(1_500_250_000n, 6)).toBe('1,500.25');
    expect(formatAmount(1_999_999n, 6, { maxFractionDigits: 2 })).toBe('1.99');
    expect(formatAmount(-5n, 6)).toBe('-0.000005');
    expect(formatAmount(10n ** 24n, 18, { grouping: false })).toBe('1000000');
  });

  it('round-trip through format and parse', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }), fc.integer({ min: 0, max: 18 }), (amount, decimals) => {
        expect(parseAmount(formatAmount(amount, decimals), decimals)).toBe(amount);
      }),
    );
  });

  it('cross the wire as decimal strings of minor units and nothing else', () => {
    expect(z.encode(Amount, 123n)).toBe('123');
    expect(z.decode(Amount, '-42')).toBe(-42n);
    for (const bad of ['1.5', '01', '', ' 1', '1e3', '0x10']) expect(z.safeDecode(Amount, bad).success).toBe(false);
    expect(() => parseMinorUnits('1.5')).toThrow(AmountFormatError);
  });
});

describe('allocate', () => {
  it('splits exactly, handing the remainder to the largest fractional parts', () => {
    expect(allocate(100n, [1n, 1n, 1n])).toEqual([34n, 33n, 33n]);
    expect(allocate(5n, [0n, 0n])).toEqual([0n, 0n]);
  });

  it('always sums to the total and gives no share more than one unit above its exact part', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 24n }), fc.array(fc.bigInt({ min: 0n, max: 10n ** 12n }), { minLength: 1, maxLength: 20 }), (total, weights) => {
        const shares = allocate(total, weights);
        const sum = weights.reduce((a, b) => a + b, 0n);
        if (sum === 0n) return;
        expect(shares.reduce((a, b) => a + b, 0n)).toBe(total);
        shares.forEach((share, i) => {
          const exactFloor = (total * weights[i]!) / sum;
          expect(share === exactFloor || share === exactFloor + 1n).toBe(true);
        });
      }),
    );
  });
});

describe('divCeil', () => {
  it('rounds debt and fees up (SPEC §0)', () => {
    expect(divCeil(10n, 3n)).toBe(4n);
    expect(divCeil(9n, 3n)).toBe(3n);
    expect(divCeil(0n, 3n)).toBe(0n);
    expect(() => divCeil(1n, 0n)).toThrow(RangeError);
  });
});
