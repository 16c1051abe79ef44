import { useMutation } from '@tanstack/react-query';

import { api } from '@/lib/api-client';

/** E-mail the booking's tickets to the booker again (throttled by the server). */
export async function resendTickets(booking: number): Promise<void> {
  await api.post(`/bookings/${String(booking)}/resend/`, {});
}

export function useResendTickets() {
  return useMutation({ mutationFn: resendTickets });
}
