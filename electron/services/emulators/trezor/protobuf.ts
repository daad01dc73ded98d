/**
 * Trezor's protobuf messages, loaded from the very `@trezor/protobuf` that `@trezor/connect`
 * resolves (so that the emulator and connect always agree on the definitions), and the Bridge
 * wire framing: message type (u16 BE) || payload length (u32 BE) || payload.
 */
import { createRequire } from 'node:module';

interface ProtobufModule {
  parseConfigure(json: unknown): unknown;
  encodeMessage(root: unknown, name: string, data: Record<string, unknown>): { messageType: number | string; message: Buffer };
  decodeMessage(root: unknown, type: number, data: Buffer): { type: string; message: Record<string, unknown> };
}

const requireFromConnect = createRequire(createRequire(import.meta.url).resolve('@trezor/connect'));
const protobuf = requireFromConnect('@trezor/protobuf') as ProtobufModule;
const root = protobuf.parseConfigure(requireFromConnect('@trezor/protobuf/messages.json'));

export interface TrezorMessage {
  readonly type: string;
  readonly message: Record<string, unknown>;
}

export function encodeWire(type: string, message: Record<string, unknown>): Buffer {
  const { messageType, message: payload } = protobuf.encodeMessage(root, type, message);
  if (typeof messageType !== 'number') throw new Error(`no wire id for ${type}`);
  const header = Buffer.alloc(6);
  header.writeUInt16BE(messageType, 0);
  header.writeUInt32BE(payload.length, 2);
  return Buffer.concat([header, payload]);
}

/**
 * A message whose wire id the definitions do not know. The Bridge passes such bytes on unchanged
 * and the firmware answers `Failure_UnexpectedMessage`; so does the emulator.
 */
export const UNKNOWN_MESSAGE = 'UnknownMessage';

const messageTypes = (root as { lookupEnum(name: string): { valuesById: Record<number, string> } }).lookupEnum('MessageType');

export function decodeWire(bytes: Buffer): TrezorMessage {
  if (bytes.length < 6) throw new Error('malformed wire format');
  const type = bytes.readUInt16BE(0);
  const length = bytes.readUInt32BE(2);
  const payload = bytes.subarray(6, 6 + length);
  if (messageTypes.valuesById[type] === undefined) return { type: UNKNOWN_MESSAGE, message: { wire_type: type } };
  const decoded = protobuf.decodeMessage(root, type, payload);
  return { type: decoded.type, message: decoded.message };
}

/** `require` rooted at @trezor/connect, for the driver to load the same transport classes. */
export { requireFromConnect };
