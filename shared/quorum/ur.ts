/**
 * A signing request as an animated QR code (docs/signing-request.md, "As QR codes"): the
 * request's canonical JSON bytes as a Uniform Resource of the registered type `bytes`
 * (BCR-2020-005/006), split into fountain-coded parts (`ur:bytes/<seq>-<count>/<bytewords>`) that
 * a camera can read in any order, with any of them missed, until enough have been seen. The way
 * Sparrow, Specter and Nunchuk pass PSBTs between air-gapped co-signers.
 *
 * The scanner is the file reader's equal: what it assembles is parsed by `parseRequestFile`, so
 * that a hostile QR payload is refused exactly like a hostile file, and it holds a few caps of its
 * own (the size of one part, of the message, the number of parts) before it keeps anything. A part
 * of another message than the one being assembled is refused and leaves the assembly as it was.
 */
import { UR, URDecoder, UREncoder } from '@ngraveio/bc-ur';
import { canonicalJson } from '../crypto/canonical';
import { type Result, err, ok } from '../result';
import { type RequestProblem, requestProblem } from './errors';
import { type SigningRequest, encodeRequestFile, parseRequestFile } from './request';

/** The registered UR type for plain bytes: a generic UR reader can reassemble it, and the JSON inside names its own format. */
export const REQUEST_UR_TYPE = 'bytes';
/** The most a request may weigh once assembled (a request with 15 signatures and a large payload is ~10 KB). */
export const MAX_QR_MESSAGE_BYTES = 256 * 1024;
/** The most fragments a message may be cut into (at the smallest density, 256 KB / 10 B would be ~26 000 frames). */
export const MAX_QR_PARTS = 4096;
/** The longest text one QR code can carry (version 40, alphanumeric, low correction: 4296 characters). */
export const MAX_QR_PART_CHARS = 4296;
/** Density: the bytes of the request each frame carries, between these bounds. */
export const MIN_FRAGMENT_BYTES = 10;
export const MAX_FRAGMENT_BYTES = 1000;
export const DEFAULT_FRAGMENT_BYTES = 200;

const utf8 = new TextEncoder();

/** The bytes a QR code carries: the request file in the current format, as canonical JSON. */
export const requestBytes = (request: SigningRequest): Uint8Array => utf8.encode(canonicalJson(encodeRequestFile(request)));

export interface RequestQrFrames {
  /** How many fragments the request is cut into; the stream goes on past them with mixed parts. */
  readonly fragments: number;
  /** The size of the request, in bytes. */
  readonly bytes: number;
  /** The next frame's text, upper case (QR alphanumeric mode, the densest for bytewords). */
  readonly next: () => string;
}

/**
 * An endless stream of frames for `request`: the first `fragments` carry one fragment each, the
 * rest mix several (fountain codes), so a reader that missed some frames keeps watching until it
 * has enough. `fragmentBytes` is the density, clamped to the bounds above.
 */
export function requestQrFrames(request: SigningRequest, fragmentBytes: number = DEFAULT_FRAGMENT_BYTES): RequestQrFrames {
  const density = Math.min(MAX_FRAGMENT_BYTES, Math.max(MIN_FRAGMENT_BYTES, Math.floor(fragmentBytes)));
  const bytes = requestBytes(request);
  const encoder = new UREncoder(UR.from(canonicalJson(encodeRequestFile(request)), 'utf8'), density, 0, Math.min(MIN_FRAGMENT_BYTES, density));
  return { fragments: encoder.fragmentsLength, bytes: bytes.length, next: () => encoder.nextPart().toUpperCase() };
}

export interface ScanProgress {
  readonly status: 'scanning';
  /** Estimated share of the request assembled, 0 to 1 (the fountain decoder's estimate). */
  readonly progress: number;
  /** Fragments the request is cut into (0 before the first part). */
  readonly fragments: number;
  /** Distinct parts taken so far. */
  readonly parts: number;
  /** This part had been seen already and was ignored. */
  readonly duplicate: boolean;
}

export interface ScanComplete {
  readonly status: 'complete';
  readonly request: SigningRequest;
  /** The bytes assembled, exactly as the sender's app wrote them. */
  readonly bytes: Uint8Array;
}

export type ScanStep = ScanProgress | ScanComplete;

/** Which message a part belongs to, as the fountain code names it. */
interface MessageId {
  readonly fragments: number;
  readonly bytes: number;
  readonly checksum: number;
}

type Part = { single: true; body: string } | { single: false; seq: number; id: MessageId };

const malformed = (reason: string) => err(requestProblem('QrMalformed', { reason }));

/** Reads a part's header (type, sequence, the message it belongs to) without keeping anything. */
function readPart(raw: string): Result<Part, RequestProblem> {
  if (raw.length > MAX_QR_PART_CHARS) return err(requestProblem('QrPartTooLong', { chars: raw.length, max: MAX_QR_PART_CHARS }));
  const text = raw.trim().toLowerCase();
  if (!text.startsWith('ur:')) return err(requestProblem('QrNotUr', {}));
  const components = text.slice(3).split('/');
  const type = components[0] ?? '';
  if (type !== REQUEST_UR_TYPE) return err(requestProblem('QrWrongType', { type: type.slice(0, 40) }));
  if (components.length === 2) return ok({ single: true, body: components[1] ?? '' });
  if (components.length !== 3) return malformed('it does not have the parts of a UR (type, sequence, body)');
  const seq = /^([1-9][0-9]{0,9})-([1-9][0-9]{0,9})$/.exec(components[1] ?? '');
  if (!seq) return malformed('its sequence is not "number-count"');
  let fields: unknown;
  try {
    // A one-part UR of the fragment body decodes the bytewords (checking their CRC) into the part's CBOR.
    fields = URDecoder.decode(`ur:${type}/${components[2]}`).decodeCBOR();
  } catch {
    return malformed('its body is not valid bytewords (a damaged or altered frame)');
  }
  if (!Array.isArray(fields) || fields.length !== 5) return malformed('its body is not a fountain-code part');
  const [seqNum, fragments, bytes, checksum, fragment] = fields as unknown[];
  if (![seqNum, fragments, bytes, checksum].every((n) => typeof n === 'number' && Number.isSafeInteger(n) && n >= 0) || !(fragment instanceof Uint8Array) || fragment.length === 0)
    return malformed('its body is not a fountain-code part');
  const id = { fragments: fragments as number, bytes: bytes as number, checksum: checksum as number };
  if (Number(seq[1]) !== seqNum || Number(seq[2]) !== id.fragments) return malformed('its sequence does not match its body');
  if (id.bytes > MAX_QR_MESSAGE_BYTES) return err(requestProblem('QrTooLarge', { bytes: id.bytes, max: MAX_QR_MESSAGE_BYTES }));
  if (id.fragments > MAX_QR_PARTS) return err(requestProblem('QrTooManyParts', { parts: id.fragments, max: MAX_QR_PARTS }));
  if (id.fragments !== Math.ceil(id.bytes / fragment.length)) return malformed('its count of fragments does not match the size of the message');
  return ok({ single: false, seq: seqNum as number, id });
}

/** The request in the assembled bytes, read as a request file is. */
function requestOf(ur: UR): Result<ScanComplete, RequestProblem> {
  let payload: unknown;
  try {
    payload = ur.decodeCBOR();
  } catch {
    return malformed('what it carries is not CBOR');
  }
  if (!(payload instanceof Uint8Array)) return malformed('what it carries is not a byte string');
  if (payload.length > MAX_QR_MESSAGE_BYTES) return err(requestProblem('QrTooLarge', { bytes: payload.length, max: MAX_QR_MESSAGE_BYTES }));
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(payload);
  } catch {
    return err(requestProblem('QrNotARequest', { reason: 'The file is not UTF-8 text.' }));
  }
  const parsed = parseRequestFile(text);
  if (!parsed.ok) return err(requestProblem('QrNotARequest', { reason: parsed.error }));
  return ok({ status: 'complete', request: parsed.value, bytes: Uint8Array.from(payload) });
}

/**
 * A resumable reader of one request's frames: parts come in any order, duplicates are ignored,
 * a part of another message is refused with `QrOtherMessage` and changes nothing, and once enough
 * parts are in, the request is parsed as a file would be. After a refusal of the assembled
 * request (or a failed checksum), the reader starts afresh.
 */
export class RequestQrScanner {
  private decoder = new URDecoder(undefined, REQUEST_UR_TYPE);
  private message: MessageId | null = null;
  private readonly seen = new Set<string>();
  private done: ScanComplete | null = null;

  /** Forget everything taken so far (to scan another request). */
  reset(): void {
    this.decoder = new URDecoder(undefined, REQUEST_UR_TYPE);
    this.message = null;
    this.seen.clear();
    this.done = null;
  }

  get progress(): ScanProgress {
    return {
      status: 'scanning',
      progress: this.done ? 1 : this.decoder.estimatedPercentComplete(),
      fragments: this.message?.fragments ?? 0,
      parts: this.seen.size,
      duplicate: false,
    };
  }

  receive(raw: string): Result<ScanStep, RequestProblem> {
    if (this.done) return ok(this.done);
    const part = readPart(raw);
    if (!part.ok) return part;
    const text = raw.trim().toLowerCase();
    if (part.value.single) {
      // A request small enough for one frame: nothing to assemble.
      if (this.message) return err(requestProblem('QrOtherMessage', { fragments: 1, assembling: this.message.fragments }));
      let ur: UR;
      try {
        ur = URDecoder.decode(text);
      } catch {
        return malformed('its body is not valid bytewords (a damaged or altered frame)');
      }
      return this.finish(ur);
    }
    const { id } = part.value;
    const current = this.message;
    if (current && (current.fragments !== id.fragments || current.bytes !== id.bytes || current.checksum !== id.checksum))
      return err(requestProblem('QrOtherMessage', { fragments: id.fragments, assembling: current.fragments }));
    if (this.seen.has(text)) return ok({ ...this.progress, duplicate: true });
    // A stream that never completes (parts mixed so as to add nothing) is cut off.
    const most = 4 * id.fragments + 64;
    if (this.seen.size >= most) return err(requestProblem('QrTooManyParts', { parts: this.seen.size + 1, max: most }));
    try {
      this.decoder.receivePart(text);
    } catch {
      return malformed('its body is not a fountain-code part');
    }
    this.message = id;
    this.seen.add(text);
    if (this.decoder.isError()) {
      this.reset();
      return err(requestProblem('QrChecksum', {}));
    }
    if (this.decoder.isSuccess()) return this.finish(this.decoder.resultUR());
    return ok(this.progress);
  }

  private finish(ur: UR): Result<ScanStep, RequestProblem> {
    const read = requestOf(ur);
    if (!read.ok) {
      this.reset();
      return read;
    }
    this.done = read.value;
    return ok(read.value);
  }
}
