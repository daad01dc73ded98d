/**
 * keccak256 (Ethereum's, padding 0x01) on a small WebAssembly module built here, at load, from
 * the Keccak-f[1600] permutation written out below: 64-bit lanes with native rotations make it
 * about five times faster than a JavaScript keccak, and replay hashes every action four times
 * (payload, struct, digest, the entry's actions hash). Node has no keccak of its own (OpenSSL 3.0
 * offers only SHA-3, whose padding differs). Where WebAssembly is unavailable (a page whose
 * policy forbids compiling it), @noble/hashes computes the same function; a test pins both to it.
 */
import { keccak_256 as nobleKeccak } from '@noble/hashes/sha3.js';

// ---------------------------------------------------------------------------------------------
// The module's bytes, assembled from a few opcodes (WebAssembly binary format 1.0).

const RATE = 136; // bytes absorbed per permutation for a 256-bit output (1600 − 2·256 bits)
const STATE = 0; // 25 lanes of 8 bytes
const ROUND_CONSTANTS = 200; // 24 lanes of 8 bytes
const BUFFER = 512; // the message, padded, in whole blocks
const PAGES = 4;
/** How many blocks the buffer holds; longer messages are absorbed in several calls. */
const BUFFER_BLOCKS = Math.floor((PAGES * 65_536 - BUFFER) / RATE);

const RC = [
  0x0000000000000001n, 0x0000000000008082n, 0x800000000000808an, 0x8000000080008000n, 0x000000000000808bn, 0x0000000080000001n,
  0x8000000080008081n, 0x8000000000008009n, 0x000000000000008an, 0x0000000000000088n, 0x0000000080008009n, 0x000000008000000an,
  0x000000008000808bn, 0x800000000000008bn, 0x8000000000008089n, 0x8000000000008003n, 0x8000000000008002n, 0x8000000000000080n,
  0x000000000000800an, 0x800000008000000an, 0x8000000080008081n, 0x8000000000008080n, 0x0000000080000001n, 0x8000000080008008n,
];
/** Rotation of lane (x, y), at index x + 5y. */
const ROTATIONS = [0, 1, 62, 28, 27, 36, 44, 6, 55, 20, 3, 10, 43, 25, 39, 41, 45, 15, 21, 8, 18, 2, 61, 56, 14];

const op = {
  block: 0x02, loop: 0x03, br: 0x0c, brIf: 0x0d, end: 0x0b, void: 0x40,
  localGet: 0x20, localSet: 0x21, localTee: 0x22,
  i32Const: 0x41, i64Const: 0x42, i32Add: 0x6a, i32Sub: 0x6b, i32Eqz: 0x45,
  i64Load: 0x29, i64Store: 0x37, i64Xor: 0x85, i64And: 0x83, i64Rotl: 0x89,
} as const;

const uleb = (n: number): number[] => {
  const out: number[] = [];
  do {
    let byte = n & 0x7f;
    n >>>= 7;
    if (n !== 0) byte |= 0x80;
    out.push(byte);
  } while (n !== 0);
  return out;
};
const sleb = (n: bigint): number[] => {
  const out: number[] = [];
  for (;;) {
    const byte = Number(n & 0x7fn);
    n >>= 7n;
    if ((n === 0n && (byte & 0x40) === 0) || (n === -1n && (byte & 0x40) !== 0)) return [...out, byte];
    out.push(byte | 0x80);
  }
};
const vector = (items: number[][]): number[] => [...uleb(items.length), ...items.flat()];
const section = (id: number, body: number[]): number[] => [id, ...uleb(body.length), ...body];
const memarg = (offset: number): number[] => [3, ...uleb(offset)]; // alignment 2^3

/**
 * absorb(pointer, blocks): for each of `blocks` blocks of 136 bytes at `pointer`, xor it into the
 * state and run Keccak-f[1600] (24 rounds of θ, ρ, π, χ, ι) on the state.
 * Locals: 0 pointer, 1 blocks (i32); 2 round offset (i32); then i64: a[25], b[25], c[5], d (1).
 */
function absorbBody(): number[] {
  const P = 0, N = 1, R = 2, A = 3, B = A + 25, C = B + 25, D = C + 5;
  const code: number[] = [];
  const get = (l: number) => code.push(op.localGet, ...uleb(l));
  const set = (l: number) => code.push(op.localSet, ...uleb(l));
  // Load the state into locals.
  for (let i = 0; i < 25; i++) {
    code.push(op.i32Const, ...sleb(0n), op.i64Load, ...memarg(STATE + 8 * i));
    set(A + i);
  }
  code.push(op.block, op.void, op.loop, op.void);
  // while (blocks !== 0)
  get(N);
  code.push(op.i32Eqz, op.brIf, 1);
  for (let i = 0; i < RATE / 8; i++) {
    get(A + i);
    get(P);
    code.push(op.i64Load, ...memarg(8 * i), op.i64Xor);
    set(A + i);
  }
  // round = 0; loop over the 24 round constants
  code.push(op.i32Const, ...sleb(0n));
  set(R);
  code.push(op.loop, op.void);
  // θ
  for (let x = 0; x < 5; x++) {
    get(A + x);
    for (let y = 1; y < 5; y++) {
      get(A + x + 5 * y);
      code.push(op.i64Xor);
    }
    set(C + x);
  }
  for (let x = 0; x < 5; x++) {
    get(C + ((x + 4) % 5));
    get(C + ((x + 1) % 5));
    code.push(op.i64Const, ...sleb(1n), op.i64Rotl, op.i64Xor);
    set(D);
    for (let y = 0; y < 5; y++) {
      get(A + x + 5 * y);
      get(D);
      code.push(op.i64Xor);
      set(A + x + 5 * y);
    }
  }
  // ρ and π: b[y, 2x + 3y] = rotl(a[x, y], r[x, y])
  for (let x = 0; x < 5; x++) {
    for (let y = 0; y < 5; y++) {
      get(A + x + 5 * y);
      code.push(op.i64Const, ...sleb(BigInt(ROTATIONS[x + 5 * y]!)), op.i64Rotl);
      set(B + y + 5 * ((2 * x + 3 * y) % 5));
    }
  }
  // χ: a[x, y] = b[x, y] ^ (~b[x+1, y] & b[x+2, y])
  for (let y = 0; y < 5; y++) {
    for (let x = 0; x < 5; x++) {
      get(B + x + 5 * y);
      get(B + ((x + 1) % 5) + 5 * y);
      code.push(op.i64Const, ...sleb(-1n), op.i64Xor);
      get(B + ((x + 2) % 5) + 5 * y);
      code.push(op.i64And, op.i64Xor);
      set(A + x + 5 * y);
    }
  }
  // ι
  get(A);
  get(R);
  code.push(op.i64Load, ...memarg(ROUND_CONSTANTS), op.i64Xor);
  set(A);
  // round += 8; continue while round !== 192
  get(R);
  code.push(op.i32Const, ...sleb(8n), op.i32Add, op.localTee, ...uleb(R), op.i32Const, ...sleb(192n), op.i32Sub, op.brIf, 0, op.end);
  // pointer += 136; blocks -= 1
  get(P);
  code.push(op.i32Const, ...sleb(BigInt(RATE)), op.i32Add);
  set(P);
  get(N);
  code.push(op.i32Const, ...sleb(1n), op.i32Sub);
  set(N);
  code.push(op.br, 0, op.end, op.end); // the next block
  // Store the locals back into the state.
  for (let i = 0; i < 25; i++) {
    code.push(op.i32Const, ...sleb(0n));
    get(A + i);
    code.push(op.i64Store, ...memarg(STATE + 8 * i));
  }
  code.push(op.end);
  const locals = vector([
    [...uleb(1), 0x7f],
    [...uleb(25 + 25 + 5 + 1), 0x7e],
  ]);
  const body = [...locals, ...code];
  return [...uleb(body.length), ...body];
}

function moduleBytes(): Uint8Array {
  const i32 = 0x7f;
  const bytes = [
    ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
    ...section(1, vector([[0x60, ...vector([[i32], [i32]]), ...vector([])]])), // type 0: (i32, i32) → ()
    ...section(3, vector([uleb(0)])), // function 0 has type 0
    ...section(5, vector([[0x00, ...uleb(PAGES)]])), // one memory of PAGES pages
    ...section(7, vector([[...vector([...'absorb'].map((c) => [c.charCodeAt(0)])), 0x00, 0], [...vector([...'memory'].map((c) => [c.charCodeAt(0)])), 0x02, 0]])),
    ...section(10, vector([absorbBody()])),
  ];
  return new Uint8Array(bytes);
}

// ---------------------------------------------------------------------------------------------
// keccak256 on the module.

interface WasmKeccak {
  readonly absorb: (pointer: number, blocks: number) => void;
  readonly memory: Uint8Array;
  /** The first 32 bytes of the state (the digest once squeezed), as a view made once. */
  readonly digest: Uint8Array;
}

/** The part of the WebAssembly API used here (the node typings declare it only as a namespace of types). */
interface WebAssemblyApi {
  readonly Module: new (bytes: Uint8Array) => object;
  readonly Instance: new (module: object) => { readonly exports: Record<string, unknown> };
}

function instantiate(): WasmKeccak | null {
  const api = (globalThis as { WebAssembly?: WebAssemblyApi }).WebAssembly;
  if (!api) return null;
  try {
    const instance = new api.Instance(new api.Module(moduleBytes()));
    const { absorb, memory } = instance.exports as { absorb: (pointer: number, blocks: number) => void; memory: { buffer: ArrayBuffer } };
    const view = new Uint8Array(memory.buffer);
    const constants = new DataView(memory.buffer, ROUND_CONSTANTS, 8 * RC.length);
    RC.forEach((rc, i) => constants.setBigUint64(8 * i, rc, true));
    return { absorb, memory: view, digest: view.subarray(STATE, STATE + 32) };
  } catch {
    return null;
  }
}

const wasm = instantiate();

/** Absorbs all of `data` (padded): the digest is then `engine.digest`. */
function absorbBytes(engine: WasmKeccak, data: Uint8Array): void {
  const memory = engine.memory;
  memory.fill(0, STATE, STATE + 200);
  let offset = 0;
  // Whole blocks that leave at least the last (padded) one for the final call.
  while (data.length - offset >= BUFFER_BLOCKS * RATE) {
    memory.set(data.subarray(offset, offset + BUFFER_BLOCKS * RATE), BUFFER);
    engine.absorb(BUFFER, BUFFER_BLOCKS);
    offset += BUFFER_BLOCKS * RATE;
  }
  memory.set(offset === 0 ? data : data.subarray(offset), BUFFER);
  absorbLast(engine, data.length - offset);
}

/** Pads the last `rest` bytes already at BUFFER and absorbs them: the digest is then `engine.digest`. */
function absorbLast(engine: WasmKeccak, rest: number): void {
  const memory = engine.memory;
  const blocks = Math.floor(rest / RATE) + 1;
  memory.fill(0, BUFFER + rest, BUFFER + blocks * RATE);
  // Keccak's padding (pad10*1 with domain bit 0x01), not SHA-3's 0x06.
  memory[BUFFER + rest] = 0x01;
  memory[BUFFER + blocks * RATE - 1] = memory[BUFFER + blocks * RATE - 1]! | 0x80;
  engine.absorb(BUFFER, blocks);
}

const utf8 = new TextEncoder();

/**
 * Absorbs a text's UTF-8 bytes, encoded straight into the module's memory (a payload's canonical
 * JSON, once per action on a replay: no array of bytes per text). False, and nothing absorbed,
 * for a text that may not fit (at most 3 bytes per UTF-16 unit): the caller encodes it first.
 */
function absorbUtf8(engine: WasmKeccak, text: string): boolean {
  if (3 * text.length >= BUFFER_BLOCKS * RATE) return false;
  engine.memory.fill(0, STATE, STATE + 200);
  const { written } = utf8.encodeInto(text, engine.memory.subarray(BUFFER, BUFFER + BUFFER_BLOCKS * RATE));
  absorbLast(engine, written);
  return true;
}

const digestOf = (engine: WasmKeccak): Uint8Array => engine.digest.slice();

/** keccak256 of `data` (32 bytes). */
export const keccak256: (data: Uint8Array) => Uint8Array = wasm
  ? (data) => {
      absorbBytes(wasm, data);
      return digestOf(wasm);
    }
  : nobleKeccak;

/**
 * keccak256 of `data` written into `out` at `offset`, with no array made for it: for a hash that
 * only feeds the next one (EIP-712's struct and payload hashes, three a replayed action).
 */
export function keccak256Into(data: Uint8Array, out: Uint8Array, offset: number): void {
  if (!wasm) {
    out.set(nobleKeccak(data), offset);
    return;
  }
  absorbBytes(wasm, data);
  out.set(wasm.digest, offset);
}

/** keccak256 of a text's UTF-8 encoding written into `out` at `offset` (see keccak256Into). */
export function keccak256Utf8Into(text: string, out: Uint8Array, offset: number): void {
  if (wasm && absorbUtf8(wasm, text)) out.set(wasm.digest, offset);
  else out.set(keccak256(utf8.encode(text)), offset);
}

/** keccak256 of a text's UTF-8 encoding (32 bytes). */
export const keccak256Utf8 = (text: string): Uint8Array => (wasm && absorbUtf8(wasm, text) ? digestOf(wasm) : keccak256(utf8.encode(text)));

/** Which implementation `keccak256` runs on. */
export const keccakImplementation: 'webassembly' | '@noble/hashes' = wasm ? 'webassembly' : '@noble/hashes';

/** The module's bytes, for the test that checks they assemble into a valid module. */
export const keccakModuleBytes = moduleBytes;
