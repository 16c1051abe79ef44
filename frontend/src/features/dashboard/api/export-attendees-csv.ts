import { useMutation } from '@tanstack/react-query';

import { api } from '@/lib/api-client';
import { filenameFromDisposition, saveFile, type DownloadedFile } from '@/lib/download';

/**
 * The attendee list as CSV. Fetched through the api client (not a plain link) because the
 * download needs the Bearer token.
 */
export async function exportAttendeesCsv(event: number): Promise<DownloadedFile> {
  const response = await api.get<Blob>(`/admin/events/${String(event)}/attendees.csv`, {
    responseType: 'blob',
    headers: { Accept: 'text/csv' },
  });
  return {
    blob: response.data,
    filename: filenameFromDisposition(
      response.headers['content-disposition'],
      `attendees-${String(event)}.csv`,
    ),
  };
}

export function useExportAttendeesCsv() {
  return useMutation({
    mutationFn: exportAttendeesCsv,
    onSuccess: saveFile,
  });
}
