import { clearOfflineData, loadForUser, onSignOutCleanup, saveForUser } from '@/lib/offline-data';

describe('offline data', () => {
  it('keeps copies per user: one user never reads another user’s', async () => {
    await saveForUser(1, 'bookings:1', { mine: 'Ada' });
    await saveForUser(2, 'bookings:1', { mine: 'Bob' });
    expect((await loadForUser(1, 'bookings:1'))?.value).toEqual({ mine: 'Ada' });
    expect((await loadForUser(2, 'bookings:1'))?.value).toEqual({ mine: 'Bob' });
    expect(await loadForUser(3, 'bookings:1')).toBeNull();
  });

  it('clears every copy and runs the registered clean-ups on sign-out', async () => {
    const cleanup = vi.fn(() => Promise.resolve());
    onSignOutCleanup(cleanup);
    await saveForUser(1, 'bookings:1', { mine: 'Ada' });
    await clearOfflineData();
    expect(await loadForUser(1, 'bookings:1')).toBeNull();
    expect(cleanup).toHaveBeenCalled();
  });
});
