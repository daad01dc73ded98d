/**
 * "Scan QR": a request read from QR codes, from image files (several at once: the frames of an
 * animated code, saved or photographed) or from a camera where this machine has one. Every frame
 * goes to one resumable reader (shared/quorum/ur.ts): in any order, duplicates ignored, a frame
 * of another request refused without losing what was read; once complete, the request is handed
 * on exactly as a request file's would be (parsed by the same reader, so refused the same way).
 */
import './buffer-global';
import decodeQR from '@paulmillr/qr/decode.js';
import { useEffect, useRef, useState } from 'react';
import { type SigningRequest } from '../../../shared/quorum/request';
import { RequestQrScanner } from '../../../shared/quorum/ur';
import { ErrorNotice } from '../../ui/components';
import { type ShownError } from '../../ui/describe-error';

type Pixels = { width: number; height: number; data: Uint8ClampedArray };

/** The text of the QR code in these pixels, or null if none can be made out. */
function readPixels(pixels: Pixels): string | null {
  try {
    return decodeQR(pixels);
  } catch {
    return null;
  }
}

async function pixelsOfFile(file: File): Promise<Pixels | null> {
  try {
    const bitmap = await createImageBitmap(file);
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
    const context = canvas.getContext('2d');
    if (!context) return null;
    context.drawImage(bitmap, 0, 0);
    bitmap.close();
    return context.getImageData(0, 0, canvas.width, canvas.height);
  } catch {
    return null;
  }
}

const hasCamera = () => typeof navigator !== 'undefined' && typeof navigator.mediaDevices?.getUserMedia === 'function';

export function ScanQr({ onRequest, testId = 'scan-qr' }: { onRequest: (request: SigningRequest) => void; testId?: string }) {
  const scanner = useRef(new RequestQrScanner());
  const [progress, setProgress] = useState<{ share: number; parts: number; fragments: number } | null>(null);
  const [problem, setProblem] = useState<ShownError | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const [camera, setCamera] = useState(false);
  const video = useRef<HTMLVideoElement | null>(null);

  /** Feeds one frame's text to the reader; true once the request is complete (and handed on). */
  const take = (text: string): boolean => {
    const step = scanner.current.receive(text);
    if (!step.ok) {
      setProblem(step.error);
      // A refused request (not a request, checksum) restarted the reader: show that, not a stale bar.
      const now = scanner.current.progress;
      setProgress(now.parts === 0 ? null : { share: now.progress, parts: now.parts, fragments: now.fragments });
      return false;
    }
    if (step.value.status === 'complete') {
      const request = step.value.request;
      scanner.current.reset();
      setProgress(null);
      setProblem(null);
      setCamera(false);
      onRequest(request);
      return true;
    }
    setProblem(null);
    setProgress({ share: step.value.progress, parts: step.value.parts, fragments: step.value.fragments });
    return false;
  };

  const readFiles = async (files: FileList | null) => {
    if (!files) return;
    let unreadable = 0;
    for (const file of Array.from(files)) {
      const pixels = await pixelsOfFile(file);
      const text = pixels && readPixels(pixels);
      if (!text) unreadable++;
      else if (take(text)) return setNote(null);
    }
    setNote(unreadable > 0 ? `No QR code could be made out in ${unreadable} of the ${files.length} images.` : null);
  };

  useEffect(() => {
    if (!camera) return undefined;
    let stream: MediaStream | null = null;
    let frame = 0;
    let stopped = false;
    const canvas = document.createElement('canvas');
    const tick = () => {
      if (stopped) return;
      const v = video.current;
      if (v && v.videoWidth > 0) {
        canvas.width = v.videoWidth;
        canvas.height = v.videoHeight;
        const context = canvas.getContext('2d', { willReadFrequently: true });
        context?.drawImage(v, 0, 0);
        const text = context && readPixels(context.getImageData(0, 0, canvas.width, canvas.height));
        if (text && take(text)) return;
      }
      frame = requestAnimationFrame(tick);
    };
    navigator.mediaDevices
      .getUserMedia({ video: { facingMode: 'environment' }, audio: false })
      .then((s) => {
        stream = s;
        if (stopped) return s.getTracks().forEach((t) => t.stop());
        if (video.current) {
          video.current.srcObject = s;
          void video.current.play();
        }
        frame = requestAnimationFrame(tick);
      })
      .catch(() => {
        setNote('The camera could not be opened (none here, or its use was not allowed). Save the frames as images and open them instead.');
        setCamera(false);
      });
    return () => {
      stopped = true;
      cancelAnimationFrame(frame);
      stream?.getTracks().forEach((t) => t.stop());
    };
    // `take` reads only refs and state setters besides `onRequest`: the loop restarts only with the camera.
  }, [camera]);

  return (
    <div className="qr-scan" data-testid={testId}>
      <label className="file-pick small">
        Read the request from QR code images (all the frames of an animated code, in any order)
        <input type="file" accept="image/*" multiple data-testid={`${testId}-images`} onChange={(e) => void readFiles(e.target.files)} />
      </label>
      {hasCamera() && (
        <div className="actions">
          <button type="button" onClick={() => setCamera(!camera)} data-testid={`${testId}-camera`}>
            {camera ? 'Stop the camera' : 'Scan with the camera'}
          </button>
        </div>
      )}
      {camera && <video ref={video} className="qr-camera" muted playsInline />}
      {progress && (
        <div className="quorum" aria-label="QR frames read">
          <progress max={1} value={progress.share} data-testid={`${testId}-progress`} />
          <span className="small">
            {Math.round(progress.share * 100)} % · {progress.parts} frames read ({progress.fragments} make the request)
          </span>
          <button type="button" onClick={() => {
              scanner.current.reset();
              setProgress(null);
            }}>
            Start again
          </button>
        </div>
      )}
      {note && <p className="small muted">{note}</p>}
      {problem && <ErrorNotice error={problem} />}
    </div>
  );
}
