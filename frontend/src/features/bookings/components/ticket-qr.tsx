import { useEffect, useRef } from 'react';

import { useTicketQr } from '@/features/bookings/api/get-ticket-qr';
import { Button } from '@/components/ui/button';
import { Spinner } from '@/components/ui/spinner';

/**
 * The ticket's QR code, large and on white with its quiet zone, so a door scanner reads it
 * straight off a phone screen. PNG rather than SVG: the server's SVG has no viewBox, so it
 * would not scale inside an <img>; `pixelated` keeps the scaled-up modules sharp.
 */
export function TicketQr({ url, ticketId }: { url: string; ticketId: number }) {
  const qrQuery = useTicketQr(url);
  const imgRef = useRef<HTMLImageElement>(null);
  const blob = qrQuery.data;

  // The object URL belongs to this mounted <img>: made here, revoked on change/unmount.
  useEffect(() => {
    const img = imgRef.current;
    if (!blob || !img) return;
    const url = URL.createObjectURL(blob);
    img.src = url;
    return () => {
      URL.revokeObjectURL(url);
    };
  }, [blob]);

  const frame =
    'mx-auto grid aspect-square w-full max-w-80 place-items-center rounded-lg bg-white ring-1 ring-slate-200';

  if (qrQuery.isPending) {
    return (
      <div className={frame}>
        <Spinner label={`Loading QR code for ticket ${String(ticketId)}`} />
      </div>
    );
  }
  if (qrQuery.isError) {
    return (
      <div className={`${frame} content-center gap-2 p-4 text-center text-sm text-red-800`}>
        <p role="alert">The QR code could not be loaded.</p>
        <Button
          variant="secondary"
          onClick={() => {
            void qrQuery.refetch();
          }}
        >
          Try again
        </Button>
      </div>
    );
  }
  return (
    // The PNG carries its own white quiet zone, so no padding eats into the code's size.
    <div className="mx-auto w-full max-w-80 overflow-hidden rounded-lg bg-white ring-1 ring-slate-200">
      <img
        ref={imgRef}
        alt={`QR code for ticket ${String(ticketId)}`}
        width={290}
        height={290}
        className="block aspect-square h-auto w-full bg-white [image-rendering:pixelated]"
      />
    </div>
  );
}
