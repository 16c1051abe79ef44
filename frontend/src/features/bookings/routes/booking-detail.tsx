import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useState } from 'react';
import { Link, useLocation, useParams } from 'react-router';

import { bookingQueryKey, useBooking } from '@/features/bookings/api/get-booking';
import { BookingCard } from '@/features/bookings/components/booking-card';
import type { BookedState } from '@/features/bookings/components/booking-panel';
import { PaymentPanel } from '@/features/bookings/components/payment-panel';
import { Alert } from '@/components/ui/alert';
import { LoadFailed } from '@/components/ui/load-failed';
import { Spinner } from '@/components/ui/spinner';
import { paths } from '@/config/paths';
import { useDocumentTitle } from '@/lib/use-document-title';

function justBooked(state: unknown, id: number): boolean {
  if (typeof state !== 'object' || state === null || !('bookedId' in state)) return false;
  return (state as Partial<BookedState>).bookedId === id;
}

const back = (
  <Link
    to={paths.myTickets}
    className="inline-flex min-h-11 items-center self-start text-sm font-medium text-indigo-700 hover:underline"
  >
    ← My tickets
  </Link>
);

function BookingDetail({ id }: { id: number }) {
  const location = useLocation();
  const queryClient = useQueryClient();
  // After the card step, poll quickly until the server has seen the payment.
  const [confirming, setConfirming] = useState(false);
  const bookingQuery = useBooking(id, { confirming });
  const booking = bookingQuery.data;
  useDocumentTitle(
    booking?.status === 'pending_payment' ? 'Complete your payment' : 'Your booking',
  );
  const onHoldEnd = useCallback(() => {
    // Reading the booking ends its hold on the server: show what became of it.
    void queryClient.invalidateQueries({ queryKey: bookingQueryKey(id) });
  }, [queryClient, id]);

  if (!booking) {
    if (bookingQuery.isError) {
      return bookingQuery.error.status === 404 ? (
        <Alert title="Booking not found">
          It is not one of your bookings, or the link is wrong.
        </Alert>
      ) : (
        <LoadFailed
          title="Your booking could not be loaded"
          detail={bookingQuery.error.detail}
          onRetry={() => {
            void bookingQuery.refetch();
          }}
        />
      );
    }
    return (
      <div className="flex justify-center py-12">
        <Spinner label="Loading your booking" />
      </div>
    );
  }

  // The bank said no after all (or Stripe called the payment off): back to the card form.
  if (confirming && booking.status === 'pending_payment' && booking.payment.status === 'failed') {
    setConfirming(false);
  }
  const paidNow = confirming && booking.status === 'confirmed';
  return (
    <>
      {booking.status === 'pending_payment' && justBooked(location.state, id) && (
        <Alert tone="info" title="Your seats are held">
          Complete the payment below to get your tickets.
        </Alert>
      )}
      {paidNow && (
        <Alert tone="success" title="Payment received">
          Your tickets are below. Show each QR code at the door, one per person.
        </Alert>
      )}
      <BookingCard booking={booking} highlight={paidNow}>
        <PaymentPanel
          booking={booking}
          confirming={confirming}
          onAuthenticated={() => {
            setConfirming(true);
            void queryClient.invalidateQueries({ queryKey: bookingQueryKey(id) });
          }}
          onHoldEnd={onHoldEnd}
        />
      </BookingCard>
    </>
  );
}

/** /tickets/:id: one booking. Pending: pay it while the seats are held. Paid: its tickets. */
export function BookingDetailRoute() {
  const { id = '' } = useParams();
  const bookingId = Number(id);
  return (
    <section className="flex flex-col gap-4">
      {back}
      {Number.isInteger(bookingId) && bookingId > 0 ? (
        <BookingDetail key={bookingId} id={bookingId} />
      ) : (
        <Alert title="Booking not found">The link is wrong.</Alert>
      )}
    </section>
  );
}
