/**
 * A raw Ethereum transaction as the app's SIGN command receives it (legacy RLP, EIP-2930 type 1,
 * EIP-1559 type 2), read while its chunks arrive: how long it is, where its data field starts
 * (the app decides about blind signing there), and its fields once complete.
 */

export const TX_TYPE = { EIP2930: 0x01, EIP1559: 0x02 } as const;
/** APDU_RESPONSE_TX_TYPE_NOT_SUPPORTED (src/apdu_constants.h). */
export const SW_TX_TYPE_NOT_SUPPORTED = 0x6501;

interface RlpHeader {
  readonly isList: boolean;
  /** Offset of the content. */
  readonly start: number;
  readonly length: number;
}

/** The header of the RLP item at `offset`, or null if the bytes so far do not reach its end. */
function header(data: Uint8Array, offset: number): RlpHeader | null {
  const b = data[offset];
  if (b === undefined) return null;
  if (b < 0x80) return { isList: false, start: offset, length: 1 };
  if (b <= 0xb7) return { isList: false, start: offset + 1, length: b - 0x80 };
  if (b < 0xc0 || b >= 0xf8) {
    const n = b < 0xc0 ? b - 0xb7 : b - 0xf7;
    if (data.length < offset + 1 + n) return null;
    let length = 0;
    for (let i = 0; i < n; i += 1) length = length * 256 + (data[offset + 1 + i] ?? 0);
    return { isList: b >= 0xf8, start: offset + 1 + n, length };
  }
  return { isList: true, start: offset + 1, length: b - 0xc0 };
}

const int = (bytes: Uint8Array | undefined): bigint => (bytes && bytes.length > 0 ? BigInt(`0x${Buffer.from(bytes).toString('hex')}`) : 0n);

/** The transaction's type: null for legacy (its first byte starts the RLP list). */
export const txType = (data: Uint8Array): number | null => ((data[0] ?? 0xff) < 0x80 ? (data[0] ?? null) : null);

/** Index of the data field among the list's items for each transaction type. */
const DATA_INDEX: Record<string, number> = { legacy: 5, '1': 6, '2': 7 };
const key = (type: number | null): string => (type === null ? 'legacy' : String(type));

/** Total length of the transaction from its first bytes, or null if too short to tell. */
export function totalLength(data: Uint8Array): number | null {
  const offset = txType(data) === null ? 0 : 1;
  const h = header(data, offset);
  return h ? h.start + h.length : null;
}

/** Where the data field is once the bytes so far reach its header: its content's offset and length. */
export function dataField(data: Uint8Array): { start: number; length: number } | null {
  const type = txType(data);
  const list = header(data, type === null ? 0 : 1);
  if (!list) return null;
  let offset = list.start;
  const wanted = DATA_INDEX[key(type)] ?? 5;
  for (let i = 0; i <= wanted; i += 1) {
    const h = header(data, offset);
    if (!h) return null;
    if (i === wanted) return { start: h.start, length: h.length };
    offset = h.start + h.length;
  }
  return null;
}

/** The value field, once the bytes so far reach the data field's header (0 if they do not). */
export function valueBeforeData(data: Uint8Array): bigint {
  const type = txType(data);
  const list = header(data, type === null ? 0 : 1);
  if (!list) return 0n;
  let offset = list.start;
  const valueIndex = (DATA_INDEX[key(type)] ?? 5) - 1;
  for (let i = 0; i <= valueIndex; i += 1) {
    const h = header(data, offset);
    if (!h || data.length < h.start + h.length) return 0n;
    if (i === valueIndex) return int(data.subarray(h.start, h.start + h.length));
    offset = h.start + h.length;
  }
  return 0n;
}

export interface ParsedTx {
  readonly type: number | null;
  readonly chainId: bigint | null;
  readonly nonce: bigint;
  /** gasPrice, or maxFeePerGas for EIP-1559: what the app multiplies by the gas limit for "Max Fees". */
  readonly feePerGas: bigint;
  readonly gasLimit: bigint;
  readonly to: Uint8Array;
  readonly value: bigint;
  readonly data: Uint8Array;
}

function items(data: Uint8Array, list: RlpHeader): Uint8Array[] {
  const out: Uint8Array[] = [];
  let offset = list.start;
  while (offset < list.start + list.length) {
    const h = header(data, offset);
    if (!h) break;
    out.push(data.subarray(h.start, h.start + h.length));
    offset = h.start + h.length;
  }
  return out;
}

export function parseTransaction(data: Uint8Array): ParsedTx {
  const type = txType(data);
  const list = header(data, type === null ? 0 : 1);
  if (!list) throw new Error('not a transaction');
  const f = items(data, list);
  if (type === null) {
    // nonce, gasPrice, gasLimit, to, value, data[, chainId, 0, 0] (EIP-155)
    return { type, chainId: f.length >= 7 ? int(f[6]) : null, nonce: int(f[0]), feePerGas: int(f[1]), gasLimit: int(f[2]), to: f[3] ?? new Uint8Array(), value: int(f[4]), data: f[5] ?? new Uint8Array() };
  }
  if (type === TX_TYPE.EIP2930) {
    return { type, chainId: int(f[0]), nonce: int(f[1]), feePerGas: int(f[2]), gasLimit: int(f[3]), to: f[4] ?? new Uint8Array(), value: int(f[5]), data: f[6] ?? new Uint8Array() };
  }
  return { type, chainId: int(f[0]), nonce: int(f[1]), feePerGas: int(f[3]), gasLimit: int(f[4]), to: f[5] ?? new Uint8Array(), value: int(f[6]), data: f[7] ?? new Uint8Array() };
}

/** v as the app returns it: the parity for typed transactions, 27/28 or EIP-155's low byte for legacy ones. */
export function signatureV(tx: ParsedTx, parity: number): number {
  if (tx.type !== null) return parity;
  if (tx.chainId === null || tx.chainId === 0n) return 27 + parity;
  return Number((tx.chainId * 2n + 35n + BigInt(parity)) & 0xffn);
}

/** ERC-20 transfer(address,uint256) and approve(address,uint256): the app's built-in "-erc20" plugin. */
export const ERC20_SELECTORS = ['a9059cbb', '095ea7b3'] as const;
