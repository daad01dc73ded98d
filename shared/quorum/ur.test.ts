/**
 * A signing request as an animated QR code: drawn, rasterised to pixels, seen out of order and
 * with frames missed as a camera sees them, read back with the QR decoder, and reassembled into
 * the same request; and what a scanner refuses (a frame of another request mid-scan, a message
 * too large, a damaged or foreign code, a hostile payload).
 */
import fc from 'fast-check';
import encodeQR from '@paulmillr/qr';
import decodeQR from '@paulmillr/qr/decode.js';
import { UR, UREncoder } from '@ngraveio/bc-ur';
import { describe, expect, it } from 'vitest';
import { keySigner } from '../commons/build';
import { canonicalJson } from '../crypto/canonical';
import { unwrap } from '../result';
import { draft, demoKeys, signatureOf, treasury, commons, VALID_UNTIL } from './fixtures';
import { type SigningRequest, encodeRequestFile, signersRequest, withSignature } from './request';
import { MAX_QR_MESSAGE_BYTES, RequestQrScanner, type ScanStep, requestBytes, requestQrFrames } from './ur';

/** Fifteen signers (the most a vault has) and their keys: 8 Ledgers and 7 Trezors of the demo's seeds. */
const keys = Array.from({ length: 15 }, (_, i) => keySigner(i % 2 === 0 ? demoKeys.ledger(10 + i) : demoKeys.trezor(10 + i)));

/** A request that asks the treasury to take fifteen signers, signed by all fifteen: well over 3 KB. */
function largeRequest(): SigningRequest {
  const signers = keys.map((k, i) => ({ address: k.address, device: i % 2 === 0 ? ('ledger' as const) : ('trezor' as const), label: `Steward device number ${i + 1}`, path: `m/44'/60'/0'/0/${i}` }));
  let request: SigningRequest = unwrap(signersRequest(commons, treasury, signers, 9, VALID_UNTIL));
  for (const key of keys) request = withSignature(request, key.address, signatureOf(request, key));
  return request;
}

/** A small deterministic generator, so that noise and drops are the same on every run. */
function rng(seed: number) {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 2 ** 32;
  };
}

/** A frame as a camera image: the code (with its quiet zone) at `scale` pixels a module, RGBA, grey levels jittered. */
function rasterise(text: string, scale: number, random: () => number): { width: number; height: number; data: Uint8ClampedArray } {
  const modules = encodeQR(text, 'raw', { border: 4, ecc: 'medium' });
  const size = modules.length * scale;
  const data = new Uint8ClampedArray(size * size * 4);
  for (let y = 0; y < size; y++) {
    const row = modules[Math.floor(y / scale)] ?? [];
    for (let x = 0; x < size; x++) {
      const dark = row[Math.floor(x / scale)] === true;
      const level = (dark ? 30 : 225) + Math.round((random() - 0.5) * 60);
      const at = (y * size + x) * 4;
      data[at] = level;
      data[at + 1] = level;
      data[at + 2] = level;
      data[at + 3] = 255;
    }
  }
  return { width: size, height: size, data };
}

function shuffle<T>(items: T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

const complete = (step: ScanStep) => (step.status === 'complete' ? step : null);

describe('a signing request as an animated QR code', () => {
  it('a 3 KB request drawn as frames, read from their pixels shuffled with a fifth missing, gives the same request', () => {
    const request = largeRequest();
    const bytes = requestBytes(request);
    expect(bytes.length).toBeGreaterThanOrEqual(3 * 1024);
    const frames = requestQrFrames(request, 120);
    expect(frames.fragments).toBeGreaterThan(20);
    const random = rng(16);
    const scanner = new RequestQrScanner();
    let done: ReturnType<typeof complete> = null;
    let shown = 0;
    let read = 0;
    let unreadable = 0;
    const progress: number[] = [];
    // The screen cycles through the stream; the camera sees it in bursts, out of order, missing a fifth.
    while (!done && shown < frames.fragments * 4) {
      const burst = Array.from({ length: 10 }, () => frames.next());
      shown += burst.length;
      for (const text of shuffle(burst, random)) {
        if (random() < 0.2) continue;
        const image = rasterise(text, 3, random);
        let decoded: string;
        try {
          decoded = decodeQR(image);
        } catch {
          // The decoder could not make out this frame: a camera misses it too, and waits for more.
          unreadable++;
          continue;
        }
        expect(decoded).toBe(text);
        read++;
        const step = unwrap(scanner.receive(decoded));
        if (step.status === 'scanning') progress.push(step.progress);
        done = complete(step) ?? done;
        if (done) break;
      }
    }
    expect(done).not.toBeNull();
    expect(done?.request).toEqual(request);
    expect(canonicalJson(encodeRequestFile(done?.request as SigningRequest))).toBe(canonicalJson(encodeRequestFile(request)));
    expect(done?.bytes).toEqual(bytes);
    // Progress only grows, and the scan needed fewer frames than it was shown.
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    expect(read).toBeLessThan(shown);
    expect(unreadable).toBeLessThan(read / 4);
    console.info(`QR round trip: ${bytes.length} bytes in ${frames.fragments} fragments of 120 B; ${shown} frames shown, ${read} read from pixels, ${unreadable} unreadable`);
  });

  it('any request, at any density, read in any order with any frames missed, gives the same request', () => {
    const base = draft();
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 15 }),
        fc.bigInt({ min: 1n, max: 10n ** 30n }),
        fc.integer({ min: 0, max: 2 ** 40 }),
        fc.integer({ min: 10, max: 400 }),
        fc.integer({ min: 1, max: 2 ** 31 }),
        fc.double({ min: 0, max: 0.6, noNaN: true }),
        (signed, amount, nonce, density, seed, dropRate) => {
          let request: SigningRequest = { ...base, action: { ...base.action, nonce, payload: { ...base.action.payload, amount } } };
          for (const key of keys.slice(0, signed)) request = withSignature(request, key.address, `0x${'ab'.repeat(64)}1b`);
          const frames = requestQrFrames(request, density);
          const random = rng(seed);
          const scanner = new RequestQrScanner();
          for (let shown = 0; shown < frames.fragments * 8 + 40; shown++) {
            const text = frames.next();
            if (random() < dropRate) continue;
            const step = unwrap(scanner.receive(random() < 0.1 ? text.toLowerCase() : text));
            if (step.status === 'complete') {
              expect(step.request).toEqual(request);
              expect(step.bytes).toEqual(requestBytes(request));
              return;
            }
          }
          throw new Error(`not complete after ${frames.fragments * 8 + 40} frames`);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('a frame seen twice is ignored', () => {
    const frames = requestQrFrames(largeRequest(), 200);
    const scanner = new RequestQrScanner();
    const first = frames.next();
    expect(unwrap(scanner.receive(first))).toMatchObject({ status: 'scanning', parts: 1, duplicate: false });
    expect(unwrap(scanner.receive(first))).toMatchObject({ status: 'scanning', parts: 1, duplicate: true });
  });

  it('a frame of another request mid-scan is refused and does not corrupt the assembly', () => {
    const request = largeRequest();
    const frames = requestQrFrames(request, 150);
    const intruder = requestQrFrames({ ...request, action: { ...request.action, nonce: request.action.nonce + 1 } }, 150);
    const scanner = new RequestQrScanner();
    let done: ReturnType<typeof complete> = null;
    const half = Math.floor(frames.fragments / 2);
    for (let i = 0; i < half; i++) unwrap(scanner.receive(frames.next()));
    const before = scanner.progress;
    for (let i = 0; i < 3; i++) {
      const refused = scanner.receive(intruder.next());
      expect(refused.ok).toBe(false);
      if (!refused.ok) expect(refused.error.kind).toBe('QrOtherMessage');
    }
    expect(scanner.progress).toEqual(before);
    while (!done) done = complete(unwrap(scanner.receive(frames.next())));
    expect(done.request).toEqual(request);
  });

  it('a UR announcing a message larger than a request may be is refused before anything is kept', () => {
    const huge = new UREncoder(UR.from('x'.repeat(MAX_QR_MESSAGE_BYTES + 1)), 1000);
    const scanner = new RequestQrScanner();
    const refused = scanner.receive(huge.nextPart());
    expect(refused).toMatchObject({ ok: false, error: { kind: 'QrTooLarge', max: MAX_QR_MESSAGE_BYTES } });
    if (!refused.ok && refused.error.kind === 'QrTooLarge') expect(refused.error.bytes).toBeGreaterThan(MAX_QR_MESSAGE_BYTES);
    expect(scanner.progress).toMatchObject({ parts: 0, fragments: 0 });
  });

  it('a code longer than any QR code can carry is refused', () => {
    expect(new RequestQrScanner().receive(`UR:BYTES/${'A'.repeat(5000)}`)).toMatchObject({ ok: false, error: { kind: 'QrPartTooLong' } });
  });

  it('malformed and foreign codes are refused with their reasons', () => {
    const scanner = new RequestQrScanner();
    const frame = requestQrFrames(largeRequest(), 100).next();
    const damaged = `${frame.slice(0, -6)}${frame.slice(-6) === 'AAAAAA' ? 'BBBBBB' : 'AAAAAA'}`;
    expect(scanner.receive('https://example.org/')).toMatchObject({ ok: false, error: { kind: 'QrNotUr' } });
    expect(scanner.receive('ur:crypto-psbt/1-3/lpadaxcfaxhl')).toMatchObject({ ok: false, error: { kind: 'QrWrongType', type: 'crypto-psbt' } });
    expect(scanner.receive(damaged)).toMatchObject({ ok: false, error: { kind: 'QrMalformed' } });
    expect(scanner.receive('ur:bytes/1-3/4-5/x')).toMatchObject({ ok: false, error: { kind: 'QrMalformed' } });
    expect(scanner.receive(frame.replace(/\/1-(\d+)\//, '/2-$1/'))).toMatchObject({ ok: false, error: { kind: 'QrMalformed' } });
    expect(scanner.progress).toMatchObject({ parts: 0 });
  });

  it('a QR payload that is not a signing request is refused like a hostile file', () => {
    const hostile = [
      '{"format":"c3-signing-request/3","format":"c3-signing-request/3"}',
      canonicalJson({ ...encodeRequestFile(draft()), extra: 'unsigned words' }),
      'not json at all',
    ];
    for (const text of hostile) {
      const encoder = new UREncoder(UR.from(text), 30);
      const scanner = new RequestQrScanner();
      let step = scanner.receive(encoder.nextPart());
      while (step.ok && step.value.status === 'scanning') step = scanner.receive(encoder.nextPart());
      expect(step).toMatchObject({ ok: false, error: { kind: 'QrNotARequest' } });
      // The scanner starts afresh: a real request reads after it.
      let next: ReturnType<typeof complete> = null;
      const frames = requestQrFrames(draft(), 60);
      while (!next) next = complete(unwrap(scanner.receive(frames.next())));
      expect(next.request).toEqual(draft());
    }
  });
});
