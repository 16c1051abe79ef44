import { useMutation, useQueryClient } from '@tanstack/react-query';

import { api } from '@/lib/api-client';
import type { Event } from '@/types/api';

/** The largest image the server takes. */
export const MAX_IMAGE_BYTES = 5 * 1024 * 1024;
export const IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/webp'];

export interface UploadEventImageArgs {
  id: number;
  file: File;
}

/** Replace the event's image (multipart, field `image`); the server re-encodes and resizes it. */
export async function uploadEventImage({ id, file }: UploadEventImageArgs): Promise<Event> {
  const body = new FormData();
  body.append('image', file);
  const response = await api.post<Event>(`/events/${String(id)}/image/`, body);
  return response.data;
}

export function useUploadEventImage() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: uploadEventImage,
    onSuccess: (event) => {
      queryClient.setQueryData(['events', 'detail', String(event.id)], event);
      return queryClient.invalidateQueries({ queryKey: ['events'] });
    },
  });
}
