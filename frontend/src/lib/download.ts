/** Files the API hands out (CSV, PDF) that need the Bearer token, so no plain link. */

export interface DownloadedFile {
  blob: Blob;
  filename: string;
}

const FILENAME = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i;

/** The file name from a Content-Disposition header, or `fallback`. */
export function filenameFromDisposition(disposition: unknown, fallback: string): string {
  const match = typeof disposition === 'string' ? FILENAME.exec(disposition) : null;
  const name = match?.[1] ? decodeURIComponent(match[1]) : '';
  return name || fallback;
}

/** Hand a blob to the browser as a file download via a temporary object URL. */
export function saveFile({ blob, filename }: DownloadedFile): void {
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
