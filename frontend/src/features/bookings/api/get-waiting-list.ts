import { queryOptions, useQuery } from '@tanstack/react-query';

import { api } from '@/lib/api-client';
import type { MyWaitingListEntry } from '@/types/api';

export const waitingListQueryKey = ['waiting-list', 'mine'] as const;

/** The signed-in person's waiting-list entries, newest first, with places and offers. */
export async function getMyWaitingList(): Promise<MyWaitingListEntry[]> {
  const response = await api.get<MyWaitingListEntry[]>('/waiting-list/');
  return response.data;
}

export const myWaitingListQueryOptions = () =>
  queryOptions({ queryKey: waitingListQueryKey, queryFn: getMyWaitingList });

export function useMyWaitingList({ enabled = true }: { enabled?: boolean } = {}) {
  return useQuery({ ...myWaitingListQueryOptions(), enabled });
}
