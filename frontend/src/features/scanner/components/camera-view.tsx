import { useRef } from 'react';

import { useCameraScanner, type CameraStatus } from '@/features/scanner/hooks/use-camera-scanner';

function cameraMessage(status: CameraStatus): string | null {
  switch (status) {
    case 'starting':
      return 'Starting the camera…';
    case 'denied':
      return 'Camera access was denied. Allow the camera for this site in your browser settings, or scan with a handheld scanner or type the code below.';
    case 'missing':
      return 'No camera found. Scan with a handheld scanner or type the code below.';
    case 'unsupported':
      return window.isSecureContext
        ? 'This browser cannot use a camera here. Scan with a handheld scanner or type the code below.'
        : 'The camera needs a secure (https) connection. Scan with a handheld scanner or type the code below.';
    case 'error':
      return 'The camera could not start. Scan with a handheld scanner or type the code below.';
    case 'scanning':
      return null;
  }
}

/** The back camera's picture, decoded for QR codes; or why there is no picture. */
export function CameraView({
  onCode,
  enabled,
}: {
  onCode: (code: string) => void;
  enabled: boolean;
}) {
  const videoRef = useRef<HTMLVideoElement>(null);
  const status = useCameraScanner(videoRef, onCode, enabled);
  const message = enabled ? cameraMessage(status) : 'Camera off.';
  const showVideo = enabled && (status === 'scanning' || status === 'starting');

  return (
    <div className="relative flex min-h-64 w-full items-center justify-center overflow-hidden rounded-xl bg-slate-900 sm:min-h-80">
      <video
        ref={videoRef}
        muted
        playsInline
        autoPlay
        aria-label="Camera"
        data-testid="camera-video"
        data-camera={enabled ? status : 'off'}
        className={showVideo ? 'absolute inset-0 size-full object-cover' : 'hidden'}
      />
      {status === 'scanning' && enabled && (
        <span
          aria-hidden="true"
          className="pointer-events-none absolute top-1/2 left-1/2 size-48 -translate-x-1/2 -translate-y-1/2 rounded-2xl border-4 border-white/80 sm:size-60"
        />
      )}
      {message && (
        <p
          className="relative max-w-sm px-6 text-center text-sm text-slate-100"
          data-testid="camera-message"
        >
          {message}
        </p>
      )}
    </div>
  );
}
