import { queryOptions, useQuery } from '@tanstack/react-query';

import { api } from '@/lib/api-client';

/**
 * The API gives image URLs rooted at the site ("/api/tickets/7/qr.png"); the api client's
 * baseURL already ends in /api, so the request path is the part after it.
 */
export function qrRequestPath(url: string): string {
  return url.replace(/^\/api(?=\/)/, '');
}

/**
 * A ticket's QR image as a Blob. It needs the Bearer token, which an <img src> cannot send,
 * so it is fetched with the api client and shown through an object URL.
 */
export async function getTicketQr(url: string): Promise<Blob> {
  const response = await api.get<Blob>(qrRequestPath(url), { responseType: 'blob' });
  return response.data;
}

export const getTicketQrQueryOptions = (url: string) =>
  queryOptions({
    queryKey: ['tickets', 'qr', url],
    queryFn: () => getTicketQr(url),
    // A ticket's code never changes; its image need not be fetched again.
    staleTime: Infinity,
  });

export function useTicketQr(url: string, { enabled = true }: { enabled?: boolean } = {}) {
  return useQuery({ ...getTicketQrQueryOptions(url), enabled });
}
