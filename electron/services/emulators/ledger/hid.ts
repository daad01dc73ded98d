/**
 * The emulated Ledger behind node-hid's interface (`write`, `read`, `readTimeout`, `close`,
 * `getDeviceInfo`), so that @ledgerhq/hw-transport-node-hid-noevents runs unmodified on it:
 * 64-byte HID reports framed with the transport's channel, tag 0x05 and sequence numbers, the
 * first frame of a message carrying its two-byte length (Ledger's HID framing).
 */
import { DeviceUnplugged, type LedgerEmulator } from './device';

const TAG = 0x05;
const PACKET = 64;

type ReadCallback = (error: Error | null | undefined, data: number[] | undefined) => void;

export class EmulatedLedgerHid {
  private readonly queue: Buffer[] = [];
  private readonly readers: ReadCallback[] = [];
  private incoming: { channel: number; length: number; data: Buffer; sequence: number } | null = null;
  private closed = false;
  private failed: Error | null = null;

  constructor(private readonly device: LedgerEmulator) {
    device.on('state', (state) => {
      if (!state.plugged) this.fail(new Error('could not read from HID device'));
    });
  }

  getDeviceInfo(): { product: string; manufacturer: string; serialNumber: string } {
    return { product: this.device.productName, manufacturer: 'Ledger', serialNumber: this.device.serial };
  }

  /** node-hid's write: a report id byte (0x00) followed by one 64-byte frame. */
  write(values: number[] | Buffer): number {
    if (this.closed) throw new Error('Cannot write to a closed HID device');
    if (!this.device.isPlugged) throw new Error('Cannot write to hid device');
    const bytes = Buffer.from(values);
    const frame = bytes.length === PACKET + 1 ? bytes.subarray(1) : bytes;
    this.receive(frame);
    return bytes.length;
  }

  read(callback: ReadCallback): void {
    if (this.failed || this.closed) {
      const error = this.failed ?? new Error('HID device closed');
      setImmediate(() => callback(error, undefined));
      return;
    }
    const next = this.queue.shift();
    if (next) {
      setImmediate(() => callback(null, [...next]));
      return;
    }
    this.readers.push(callback);
  }

  readTimeout(_timeoutMs: number): number[] {
    const next = this.queue.shift();
    return next ? [...next] : [];
  }

  close(): void {
    this.closed = true;
    this.fail(new Error('HID device closed'));
  }

  private fail(error: Error): void {
    this.failed = error;
    for (const reader of this.readers.splice(0)) setImmediate(() => reader(error, undefined));
  }

  private receive(frame: Buffer): void {
    const channel = frame.readUInt16BE(0);
    if (frame[2] !== TAG) return; // a real device drops frames with another tag
    const sequence = frame.readUInt16BE(3);
    if (sequence === 0) {
      const length = frame.readUInt16BE(5);
      this.incoming = { channel, length, data: Buffer.from(frame.subarray(7)), sequence: 0 };
    } else {
      if (!this.incoming || this.incoming.channel !== channel || this.incoming.sequence + 1 !== sequence) {
        this.incoming = null;
        return;
      }
      this.incoming.sequence = sequence;
      this.incoming.data = Buffer.concat([this.incoming.data, frame.subarray(5)]);
    }
    const message = this.incoming;
    if (message.data.length < message.length) return;
    this.incoming = null;
    const apdu = message.data.subarray(0, message.length);
    this.device.exchange(apdu).then(
      (response) => this.send(channel, response),
      (error: unknown) => this.fail(error instanceof DeviceUnplugged ? new Error('could not read from HID device') : (error as Error)),
    );
  }

  private send(channel: number, response: Buffer): void {
    const data = Buffer.concat([Buffer.from([response.length >> 8, response.length & 0xff]), response]);
    let offset = 0;
    for (let sequence = 0; offset < data.length || sequence === 0; sequence += 1) {
      const frame = Buffer.alloc(PACKET);
      frame.writeUInt16BE(channel, 0);
      frame[2] = TAG;
      frame.writeUInt16BE(sequence, 3);
      offset += data.copy(frame, 5, offset, offset + PACKET - 5);
      const reader = this.readers.shift();
      if (reader) setImmediate(() => reader(null, [...frame]));
      else this.queue.push(frame);
    }
  }
}
