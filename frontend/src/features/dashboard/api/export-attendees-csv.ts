import { useMutation } from '@tanstack/react-query';

import { api } from '@/lib/api-client';

export interface CsvFile {
  blob: Blob;
  filename: string;
}

const FILENAME = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i;

function filenameFrom(disposition: unknown, event: number): string {
  const match = typeof disposition === 'string' ? FILENAME.exec(disposition) : null;
  const name = match?.[1] ? decodeURIComponent(match[1]) : '';
  return name || `attendees-${String(event)}.csv`;
}

/**
 * The attendee list as CSV. Fetched through the api client (not a plain link) because the
 * download needs the Bearer token.
 */
export async function exportAttendeesCsv(event: number): Promise<CsvFile> {
  const response = await api.get<Blob>(`/admin/events/${String(event)}/attendees.csv`, {
    responseType: 'blob',
    headers: { Accept: 'text/csv' },
  });
  return {
    blob: response.data,
    filename: filenameFrom(response.headers['content-disposition'], event),
  };
}

/** Hand a blob to the browser as a file download via a temporary object URL. */
export function saveFile({ blob, filename }: CsvFile): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // Revoke later: some browsers read the URL after click() returns.
  setTimeout(() => {
    URL.revokeObjectURL(url);
  }, 10_000);
}

export function useExportAttendeesCsv() {
  return useMutation({
    mutationFn: exportAttendeesCsv,
    onSuccess: saveFile,
  });
}
