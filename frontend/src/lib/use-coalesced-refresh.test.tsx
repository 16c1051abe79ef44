import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, renderHook } from '@testing-library/react';
import type { ReactNode } from 'react';

import { useCoalescedRefresh } from '@/lib/use-coalesced-refresh';

function setup(keys: readonly (readonly unknown[])[] = [['a'], ['b', 1]]) {
  const queryClient = new QueryClient();
  const invalidate = vi.spyOn(queryClient, 'invalidateQueries').mockResolvedValue();
  const wrapper = ({ children }: { children: ReactNode }) => (
    <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>
  );
  const hook = renderHook(({ queryKeys }) => useCoalescedRefresh(queryKeys, 1_000), {
    wrapper,
    initialProps: { queryKeys: keys },
  });
  return { invalidate, hook };
}

describe('useCoalescedRefresh', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('turns a burst of calls into one refresh of every key, after the delay', () => {
    const { invalidate, hook } = setup();
    act(() => {
      hook.result.current();
      vi.advanceTimersByTime(400);
      hook.result.current();
      hook.result.current();
    });
    expect(invalidate).not.toHaveBeenCalled();
    act(() => {
      vi.advanceTimersByTime(600);
    });
    expect(invalidate.mock.calls).toEqual([[{ queryKey: ['a'] }], [{ queryKey: ['b', 1] }]]);

    // The next burst is a new refresh.
    act(() => {
      hook.result.current();
      vi.advanceTimersByTime(1_000);
    });
    expect(invalidate).toHaveBeenCalledTimes(4);
  });

  it('keeps one function, and refreshes the keys current when the timer fires', () => {
    const { invalidate, hook } = setup([['event', 1]]);
    const first = hook.result.current;
    act(() => {
      first();
    });
    hook.rerender({ queryKeys: [['event', 2]] });
    expect(hook.result.current).toBe(first);
    act(() => {
      vi.advanceTimersByTime(1_000);
    });
    expect(invalidate.mock.calls).toEqual([[{ queryKey: ['event', 2] }]]);
  });

  it('drops a pending refresh when unmounted', () => {
    const { invalidate, hook } = setup();
    act(() => {
      hook.result.current();
    });
    hook.unmount();
    vi.advanceTimersByTime(5_000);
    expect(invalidate).not.toHaveBeenCalled();
  });
});
