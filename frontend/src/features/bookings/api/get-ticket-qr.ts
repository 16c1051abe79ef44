import { queryOptions, useQuery } from '@tanstack/react-query';

import { api } from '@/lib/api-client';
import { useAuth } from '@/lib/auth/context';
import { NETWORK_ERROR, toApiError } from '@/lib/errors';
import { loadForUser, saveForUser } from '@/lib/offline-data';

/**
 * The API gives image URLs rooted at the site ("/api/tickets/7/qr.png"); the api client's
 * baseURL already ends in /api, so the request path is the part after it.
 */
export function qrRequestPath(url: string): string {
  return url.replace(/^\/api(?=\/)/, '');
}

/**
 * A ticket's QR image as a Blob. It needs the Bearer token, which an <img src> cannot send,
 * so it is fetched with the api client and shown through an object URL. Kept on the device
 * under the user's id, so the ticket can be shown at the door with no network.
 */
export async function getTicketQr(url: string, userId?: number): Promise<Blob> {
  const key = `qr:${url}`;
  try {
    const response = await api.get<Blob>(qrRequestPath(url), { responseType: 'blob' });
    if (userId !== undefined) await saveForUser(userId, key, response.data);
    return response.data;
  } catch (caught) {
    const error = toApiError(caught);
    if (error.code !== NETWORK_ERROR || userId === undefined) throw error;
    const saved = await loadForUser<Blob>(userId, key);
    if (!saved) throw error;
    return saved.value;
  }
}

export const getTicketQrQueryOptions = (url: string, userId?: number) =>
  queryOptions({
    queryKey: ['tickets', 'qr', url, userId ?? null],
    queryFn: () => getTicketQr(url, userId),
    // A ticket's code never changes; its image need not be fetched again.
    staleTime: Infinity,
    // Run even when the browser says offline: the fetcher answers from the device's copy.
    networkMode: 'always',
  });

export function useTicketQr(url: string, { enabled = true }: { enabled?: boolean } = {}) {
  const { user } = useAuth();
  return useQuery({ ...getTicketQrQueryOptions(url, user?.id), enabled });
}
