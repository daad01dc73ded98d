/**
 * "Show as QR": the request as an animated QR code (shared/quorum/ur.ts), for a co-signer's app
 * on another machine to scan with its camera. The frames cycle without end: fountain codes let
 * the reader finish from whichever frames it catches. Density (bytes a frame) and speed are the
 * reader's to tune: a poor camera reads fewer, larger modules more slowly.
 */
import './buffer-global';
import { useEffect, useMemo, useState } from 'react';
import { type SigningRequest } from '../../../shared/quorum/request';
import { DEFAULT_FRAGMENT_BYTES, requestQrFrames } from '../../../shared/quorum/ur';
import { QrCode } from './QrCode';

const DENSITIES = [60, 100, 150, DEFAULT_FRAGMENT_BYTES, 300, 450] as const;
const SPEEDS = [2, 4, 6, 8, 12] as const;

export function ShowQr({ request }: { request: SigningRequest }) {
  const [density, setDensity] = useState<number>(DEFAULT_FRAGMENT_BYTES);
  const [speed, setSpeed] = useState<number>(6);
  const frames = useMemo(() => requestQrFrames(request, density), [request, density]);
  const [frame, setFrame] = useState<{ frames: typeof frames; text: string; index: number } | null>(null);
  useEffect(() => {
    let index = 0;
    const show = () => setFrame({ frames, text: frames.next(), index: index++ });
    show();
    if (frames.fragments === 1) return undefined;
    const timer = setInterval(show, Math.round(1000 / speed));
    return () => clearInterval(timer);
  }, [frames, speed]);
  const current = frame?.frames === frames ? frame : null;
  return (
    <div className="qr-show" data-testid="qr-show">
      {current && <QrCode text={current.text} size={320} label={`Signing request, QR frame ${current.index + 1}`} />}
      <p className="small muted" data-testid="qr-summary">
        {frames.bytes} bytes in {frames.fragments} {frames.fragments === 1 ? 'frame' : 'frames'}
        {frames.fragments > 1 ? ', cycling: the other app may start and miss frames at any point, and reads on until it has enough.' : '.'}
      </p>
      <div className="qr-controls small">
        <label>
          Density{' '}
          <select value={density} onChange={(e) => setDensity(Number(e.target.value))} data-testid="qr-density">
            {DENSITIES.map((d) => (
              <option key={d} value={d}>
                {d} bytes a frame
              </option>
            ))}
          </select>
        </label>{' '}
        <label>
          Speed{' '}
          <select value={speed} onChange={(e) => setSpeed(Number(e.target.value))} data-testid="qr-speed">
            {SPEEDS.map((s) => (
              <option key={s} value={s}>
                {s} frames a second
              </option>
            ))}
          </select>
        </label>
      </div>
    </div>
  );
}
