import { api } from '@/lib/api-client';
import type { Booking } from '@/types/api';

/**
 * Back from 3-D Secure: the server asks Stripe how the card payment stands and settles the
 * booking (confirmed, failed, or still waiting), whether or not Stripe's webhook has come.
 * Safe to call again: the page does so until the payment is settled.
 */
export async function confirmPayment(id: number): Promise<Booking> {
  const response = await api.post<Booking>(`/bookings/${String(id)}/pay/confirm/`);
  return response.data;
}
