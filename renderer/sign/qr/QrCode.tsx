/**
 * One QR code drawn as SVG from @paulmillr/qr's modules: a single path of dark squares, with the
 * quiet zone around it (no markup injected, so the CSP needs nothing more).
 */
import encodeQR from '@paulmillr/qr';
import { useMemo } from 'react';

/** Medium error correction: a frame still reads from a screen with some glare. */
export const QR_OPTIONS = { ecc: 'medium', border: 4 } as const;

export function QrCode({ text, size, label }: { text: string; size: number; label: string }) {
  const { modules, path } = useMemo(() => {
    const rows = encodeQR(text, 'raw', QR_OPTIONS);
    const d = rows.flatMap((row, y) => row.flatMap((dark, x) => (dark ? [`M${x} ${y}h1v1h-1z`] : []))).join('');
    return { modules: rows.length, path: d };
  }, [text]);
  return (
    <svg className="qr-code" role="img" aria-label={label} width={size} height={size} viewBox={`0 0 ${modules} ${modules}`} shapeRendering="crispEdges" data-testid="qr-code" data-frame={text}>
      <rect width={modules} height={modules} fill="#fff" />
      <path d={path} fill="#000" />
    </svg>
  );
}
