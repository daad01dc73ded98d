/**
 * Ethereum transaction signing as the Trezor firmware does it (`EthereumSignTx`,
 * `EthereumSignTxEIP1559`): the checks it makes on the request, the data fetched in chunks of at
 * most 1024 bytes (`EthereumTxRequest.data_length` / `EthereumTxAck.data_chunk`), the signed
 * digest and the `signature_v` it returns. Numbers arrive as big-endian bytes exactly as the host
 * sent them (connect strips leading zeros), and are hashed as they are.
 *
 * Legacy (EIP-155): keccak(rlp([tx_type?, nonce, gas_price, gas_limit, to, value, data,
 * chain_id, 0, 0])), tx_type only for Wanchain-style requests that carry one; v = 35 + 2·chain_id
 * + recovery id, or the bare recovery id when that would not fit a uint32 (the host adds the rest).
 * EIP-1559: keccak(0x02 ‖ rlp([chain_id, nonce, max_priority_fee, max_gas_fee, gas_limit, to,
 * value, data, access_list])); v = recovery id.
 */
import { keccak_256 } from '@noble/hashes/sha3.js';
import { toRlp, type Hex } from 'viem';

/** An RLP item: bytes, or a list of items. */
type RlpItem = Hex | readonly RlpItem[];

/** The firmware answers these with Failure_DataError and the message. */
export class EthTxError extends Error {}

export const DATA_CHUNK_SIZE = 1024;
/** The largest chain id whose full v (2·chain_id + 36) still fits the uint32 `signature_v`. */
export const MAX_FULL_V_CHAIN_ID = Math.floor((0xffff_ffff - 36) / 2);
const MAX_DATA_LENGTH = 16_000_000;

export interface EthTxRequest {
  readonly eip1559: boolean;
  readonly chainId: bigint;
  readonly txType: number | null;
  readonly nonce: Buffer;
  readonly gasPrice: Buffer;
  readonly maxGasFee: Buffer;
  readonly maxPriorityFee: Buffer;
  readonly gasLimit: Buffer;
  readonly to: Buffer;
  readonly toText: string;
  readonly value: Buffer;
  readonly dataLength: number;
  readonly initialChunk: Buffer;
  readonly accessList: readonly { address: Buffer; storageKeys: Buffer[] }[];
}

const bytes = (value: unknown): Buffer => Buffer.from(typeof value === 'string' ? value.replace(/^0x/, '') : '', 'hex');

/** Reads and checks a decoded `EthereumSignTx` / `EthereumSignTxEIP1559` as the firmware does. */
export function readEthTx(m: Record<string, unknown>, eip1559: boolean): EthTxRequest {
  const dataLength = typeof m.data_length === 'number' ? m.data_length : 0;
  const initialChunk = bytes(m.data_initial_chunk);
  const toText = typeof m.to === 'string' ? m.to : '';
  if (dataLength > 0) {
    if (initialChunk.length === 0) throw new EthTxError('Data length provided, but no initial chunk');
    if (dataLength > MAX_DATA_LENGTH) throw new EthTxError('Data length exceeds limit');
  }
  if (initialChunk.length > dataLength) throw new EthTxError('Invalid size of initial chunk');
  if (![0, 40, 42].includes(toText.length) || !/^(0x)?[0-9a-fA-F]*$/.test(toText)) throw new EthTxError('Invalid recipient address');
  if (!toText && dataLength === 0) throw new EthTxError('Contract creation without data');
  const chainId = BigInt(typeof m.chain_id === 'number' || typeof m.chain_id === 'string' ? m.chain_id : 0);
  if (chainId === 0n) throw new EthTxError('Chain ID out of bounds');
  const txType = typeof m.tx_type === 'number' ? m.tx_type : null;
  const request: EthTxRequest = {
    eip1559,
    chainId,
    txType,
    nonce: bytes(m.nonce),
    gasPrice: bytes(m.gas_price),
    maxGasFee: bytes(m.max_gas_fee),
    maxPriorityFee: bytes(m.max_priority_fee),
    gasLimit: bytes(m.gas_limit),
    to: bytes(toText),
    toText,
    value: bytes(m.value),
    dataLength,
    initialChunk,
    accessList: Array.isArray(m.access_list)
      ? (m.access_list as { address?: unknown; storage_keys?: unknown }[]).map((item) => ({
          address: bytes(item.address),
          storageKeys: Array.isArray(item.storage_keys) ? item.storage_keys.map(bytes) : [],
        }))
      : [],
  };
  if (eip1559) {
    if (request.maxGasFee.length + request.gasLimit.length > 30 || request.maxPriorityFee.length + request.gasLimit.length > 30) throw new EthTxError('Fee overflow');
  } else {
    if (txType !== null && txType !== 1 && txType !== 6) throw new EthTxError('tx_type out of bounds');
    if (request.gasPrice.length + request.gasLimit.length > 30) throw new EthTxError('Fee overflow');
  }
  return request;
}

const hex = (b: Uint8Array): Hex => `0x${Buffer.from(b).toString('hex')}`;
/** A number as RLP wants it: minimal big-endian bytes, empty for zero. */
function integer(n: bigint): Hex {
  if (n === 0n) return '0x';
  const digits = n.toString(16);
  return `0x${digits.length % 2 ? '0' : ''}${digits}`;
}

/** The digest the device signs, once the whole `data` has arrived. */
export function ethTxDigest(tx: EthTxRequest, data: Buffer): Uint8Array {
  if (tx.eip1559) {
    const accessList: RlpItem[] = tx.accessList.map((item) => [hex(item.address), item.storageKeys.map(hex)]);
    const fields: RlpItem[] = [integer(tx.chainId), hex(tx.nonce), hex(tx.maxPriorityFee), hex(tx.maxGasFee), hex(tx.gasLimit), hex(tx.to), hex(tx.value), hex(data), accessList];
    return keccak_256(Buffer.concat([Buffer.from([0x02]), Buffer.from(toRlp(fields, 'bytes'))]));
  }
  const fields: Hex[] = [
    ...(tx.txType !== null ? [integer(BigInt(tx.txType))] : []),
    hex(tx.nonce),
    hex(tx.gasPrice),
    hex(tx.gasLimit),
    hex(tx.to),
    hex(tx.value),
    hex(data),
    integer(tx.chainId),
    '0x',
    '0x',
  ];
  return keccak_256(toRlp(fields, 'bytes'));
}

/** `signature_v` as the firmware returns it, from the recovery id (0 or 1). */
export function ethTxSignatureV(tx: EthTxRequest, recovery: number): number {
  if (tx.eip1559 || tx.chainId > BigInt(MAX_FULL_V_CHAIN_ID)) return recovery;
  return Number(35n + 2n * tx.chainId) + recovery;
}
