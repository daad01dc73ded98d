/**
 * APDU helpers shared by the emulated Ledger apps: status words as a real device sends them,
 * BIP32 path parsing, and the reply encoding (data followed by a two-byte status word).
 */

/** Status words of a real Ledger (values as in @ledgerhq/errors' StatusCodes and the apps' sources). */
export const SW = {
  OK: 0x9000,
  /** The device is locked (PIN screen or screen saver with PIN lock). */
  LOCKED: 0x5515,
  /** The user pressed "Reject" on the device. */
  DENIED: 0x6985,
  CLA_NOT_SUPPORTED: 0x6e00,
  /** What the dashboard (no app open) answers to an app's CLA. */
  CLA_NOT_SUPPORTED_DASHBOARD: 0x6e01,
  INS_NOT_SUPPORTED: 0x6d00,
  WRONG_P1_P2: 0x6b00,
  WRONG_DATA: 0x6a80,
  WRONG_LENGTH: 0x6700,
  /** Bitcoin app: the command needs the client to continue (never used by the calls we emulate). */
  INTERRUPTED: 0xe000,
} as const;

export class ApduStatus extends Error {
  constructor(readonly sw: number) {
    super(`status word 0x${sw.toString(16).padStart(4, '0')}`);
  }
}

export const reply = (data: Uint8Array | number[], sw: number = SW.OK): Buffer =>
  Buffer.concat([Buffer.from(data), Buffer.from([sw >> 8, sw & 0xff])]);

export const status = (sw: number): Buffer => reply([], sw);

export interface Apdu {
  readonly cla: number;
  readonly ins: number;
  readonly p1: number;
  readonly p2: number;
  readonly data: Buffer;
}

export function parseApdu(raw: Uint8Array): Apdu {
  if (raw.length < 5) throw new ApduStatus(SW.WRONG_LENGTH);
  const buf = Buffer.from(raw);
  const lc = buf[4] ?? 0;
  if (buf.length < 5 + lc) throw new ApduStatus(SW.WRONG_LENGTH);
  return { cla: buf[0] ?? 0, ins: buf[1] ?? 0, p1: buf[2] ?? 0, p2: buf[3] ?? 0, data: buf.subarray(5, 5 + lc) };
}

/** Reads `count(1) || index(4 BE) × count` and returns the path string and the bytes consumed. */
export function readPath(data: Buffer, offset = 0): { path: string; indices: number[]; next: number } {
  const count = data[offset];
  if (count === undefined || count < 1 || count > 10 || data.length < offset + 1 + 4 * count) throw new ApduStatus(SW.WRONG_DATA);
  const indices: number[] = [];
  for (let i = 0; i < count; i += 1) indices.push(data.readUInt32BE(offset + 1 + 4 * i));
  return { path: pathString(indices), indices, next: offset + 1 + 4 * count };
}

export const pathString = (indices: readonly number[]): string =>
  ['m', ...indices.map((i) => (i >= 0x80000000 ? `${i - 0x80000000}'` : String(i)))].join('/');
