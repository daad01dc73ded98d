/** Hex decoding without allocation, for the paths that decode millions of values on a replay. */

/** Each ASCII code's value as a hex digit (either case, as hexToBytes reads them), or -1. */
const HEX_DIGIT = (() => {
  const table = new Int8Array(128).fill(-1);
  for (let i = 0; i < 10; i++) table[0x30 + i] = i;
  for (let i = 0; i < 6; i++) table[0x41 + i] = table[0x61 + i] = 10 + i;
  return table;
})();

/**
 * Decodes hex (0x-prefixed or bare) of exactly `length` bytes into `out` at `offset`, with no
 * allocation: the signature paths decode millions of them on a replay. False, with `out` partly
 * written, when it is not that many hex bytes.
 */
export function decodeHexInto(hex: string, length: number, out: Uint8Array, offset: number): boolean {
  const start = hex.length > 1 && hex.charCodeAt(0) === 0x30 && hex.charCodeAt(1) === 0x78 ? 2 : 0;
  if (hex.length - start !== 2 * length || out.length < offset + length) return false;
  for (let i = 0, at = start; i < length; i++, at += 2) {
    const high = HEX_DIGIT[hex.charCodeAt(at)] ?? -1;
    const low = HEX_DIGIT[hex.charCodeAt(at + 1)] ?? -1;
    if (high < 0 || low < 0) return false;
    out[offset + i] = (high << 4) | low;
  }
  return true;
}
