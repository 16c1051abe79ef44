import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';

import { api } from '@/lib/api-client';
import type { Paginated, Scan, ScanListParams } from '@/types/api';

export const SCANS_PAGE_SIZE = 20;

/** The scan log of one event, newest first. */
export async function getScans({
  event,
  page = 1,
  page_size = SCANS_PAGE_SIZE,
  result,
  suspected_sharing,
}: ScanListParams): Promise<Paginated<Scan>> {
  const response = await api.get<Paginated<Scan>>('/attendance/', {
    params: {
      event,
      page,
      page_size,
      result,
      suspected_sharing: suspected_sharing ? true : undefined,
    },
  });
  return response.data;
}

export const scansQueryKey = (event: number) => ['attendance', 'scans', event] as const;

export const getScansQueryOptions = (params: ScanListParams) =>
  queryOptions({
    queryKey: [...scansQueryKey(params.event), params],
    queryFn: () => getScans(params),
    placeholderData: keepPreviousData,
    staleTime: 5_000,
  });

export function useScans(params: ScanListParams) {
  return useQuery(getScansQueryOptions(params));
}
