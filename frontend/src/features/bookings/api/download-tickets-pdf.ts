import { useMutation } from '@tanstack/react-query';

import { api } from '@/lib/api-client';
import { filenameFromDisposition, saveFile, type DownloadedFile } from '@/lib/download';

/** One booking's tickets as a PDF (a page per ticket), for printing or offline keeping. */
export async function downloadTicketsPdf(booking: number): Promise<DownloadedFile> {
  const response = await api.get<Blob>(`/bookings/${String(booking)}/tickets.pdf`, {
    responseType: 'blob',
    headers: { Accept: 'application/pdf' },
  });
  return {
    blob: response.data,
    filename: filenameFromDisposition(
      response.headers['content-disposition'],
      `tickets-${String(booking)}.pdf`,
    ),
  };
}

export function useDownloadTicketsPdf() {
  return useMutation({ mutationFn: downloadTicketsPdf, onSuccess: saveFile });
}
