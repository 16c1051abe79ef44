import type jsQRType from 'jsqr';
import { useEffect, useRef, useState, type RefObject } from 'react';

export type CameraStatus = 'starting' | 'scanning' | 'denied' | 'missing' | 'unsupported' | 'error';

/** ~12 frames per second: smooth enough for a code held up briefly, light on phone CPUs. */
const FRAME_INTERVAL_MS = 80;
/** Decode at most this wide: jsQR time grows with pixels; a QR held up fills enough of it. */
const MAX_DECODE_WIDTH = 640;

type Decoder = typeof jsQRType;
let decoderPromise: Promise<Decoder> | null = null;

/**
 * The QR decoder is its own chunk (most users never scan). Load it when the scanner page
 * opens, while the connection is still good, so the camera can start offline.
 */
export function preloadDecoder(): Promise<Decoder> {
  decoderPromise ??= import('jsqr').then(
    (module) => module.default,
    (error: unknown) => {
      decoderPromise = null;
      throw error;
    },
  );
  return decoderPromise;
}

function statusFromError(error: unknown): CameraStatus {
  const name = error instanceof DOMException || error instanceof Error ? error.name : '';
  if (name === 'NotAllowedError' || name === 'SecurityError' || name === 'PermissionDeniedError') {
    return 'denied';
  }
  if (
    name === 'NotFoundError' ||
    name === 'OverconstrainedError' ||
    name === 'DevicesNotFoundError'
  ) {
    return 'missing';
  }
  return 'error';
}

/** Reads QR codes from video frames, downscaled to at most MAX_DECODE_WIDTH. */
function frameReader(jsQR: Decoder): (video: HTMLVideoElement) => string | null {
  const canvas = document.createElement('canvas');
  let context: CanvasRenderingContext2D | null = null;
  return (video) => {
    if (video.readyState < 2 || video.videoWidth === 0 || document.hidden) return null;
    const scale = Math.min(1, MAX_DECODE_WIDTH / video.videoWidth);
    const width = Math.round(video.videoWidth * scale);
    const height = Math.round(video.videoHeight * scale);
    if (canvas.width !== width || canvas.height !== height) {
      canvas.width = width;
      canvas.height = height;
      context = null;
    }
    context ??= canvas.getContext('2d', { willReadFrequently: true });
    if (!context) return null;
    context.drawImage(video, 0, 0, width, height);
    const image = context.getImageData(0, 0, width, height);
    return jsQR(image.data, width, height, { inversionAttempts: 'dontInvert' })?.data || null;
  };
}

async function playStream(video: HTMLVideoElement | null, media: MediaStream): Promise<void> {
  if (!video) return;
  video.srcObject = media;
  try {
    await video.play();
  } catch {
    // Autoplay of a muted inline video is allowed; if not, frames still arrive.
  }
}

/**
 * Start the back camera in `video` and read every frame for a QR code; returns the function
 * that stops it all. `onStatus` hears when scanning starts, or why it cannot.
 */
function startCamera(
  video: HTMLVideoElement | null,
  onCode: (code: string) => void,
  onStatus: (status: CameraStatus) => void,
): () => void {
  let stopped = false;
  // A function, not the variable: TypeScript would narrow it across the awaits.
  const isStopped = () => stopped;
  let stream: MediaStream | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;

  function decodeFrames(read: (video: HTMLVideoElement) => string | null) {
    if (isStopped()) return;
    try {
      const code = video ? read(video) : null;
      if (code) onCode(code);
    } catch {
      // A frame that cannot be read (camera switching, tab hidden): try the next one.
    }
    timer = setTimeout(() => {
      decodeFrames(read);
    }, FRAME_INTERVAL_MS);
  }

  async function begin() {
    const media = await navigator.mediaDevices.getUserMedia({
      video: { facingMode: 'environment' },
      audio: false,
    });
    if (isStopped()) {
      stopTracks(media);
      return;
    }
    stream = media;
    const jsQR = await preloadDecoder();
    if (isStopped()) return;
    await playStream(video, media);
    if (isStopped()) return;
    onStatus('scanning');
    decodeFrames(frameReader(jsQR));
  }

  begin().catch((error: unknown) => {
    if (!isStopped()) onStatus(statusFromError(error));
  });
  return () => {
    stopped = true;
    clearTimeout(timer);
    if (stream) stopTracks(stream);
    if (video) video.srcObject = null;
  };
}

function stopTracks(media: MediaStream): void {
  media.getTracks().forEach((track) => {
    track.stop();
  });
}

/**
 * Show the back camera in `videoRef` and decode QR codes from its frames with jsQR, calling
 * `onCode` for every frame that holds one (the caller de-duplicates). Without a camera, or
 * with access denied, it reports why and stays idle: the scanner keeps working by keyboard.
 */
export function useCameraScanner(
  videoRef: RefObject<HTMLVideoElement | null>,
  onCode: (code: string) => void,
  enabled = true,
): CameraStatus {
  // mediaDevices is missing outside secure contexts (plain http on a LAN address).
  const devices = (navigator as { mediaDevices?: MediaDevices }).mediaDevices;
  const hasGetUserMedia = typeof devices?.getUserMedia === 'function';
  const [status, setStatus] = useState<CameraStatus>(hasGetUserMedia ? 'starting' : 'unsupported');
  const onCodeRef = useRef(onCode);
  useEffect(() => {
    onCodeRef.current = onCode;
  });

  useEffect(() => {
    if (!enabled || !hasGetUserMedia) return;
    return startCamera(
      videoRef.current,
      (code) => {
        onCodeRef.current(code);
      },
      setStatus,
    );
  }, [enabled, hasGetUserMedia, videoRef]);

  return status;
}
