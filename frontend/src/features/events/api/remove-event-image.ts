import { useMutation, useQueryClient } from '@tanstack/react-query';

import { api } from '@/lib/api-client';

/** Remove the event's image. */
export async function removeEventImage(id: number): Promise<void> {
  await api.delete(`/events/${String(id)}/image/`);
}

export function useRemoveEventImage() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: removeEventImage,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['events'] }),
  });
}
