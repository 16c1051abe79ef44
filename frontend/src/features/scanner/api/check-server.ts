import { api } from '@/lib/api-client';

/**
 * Whether the server answers at all, within `timeout`: the offline scanner asks this to
 * know when to go back online. Any HTTP answer counts; only silence does not.
 */
export async function serverAnswers(timeout: number): Promise<boolean> {
  try {
    await api.get('/health/', { timeout });
    return true;
  } catch (error) {
    return (error as { status?: number }).status !== 0;
  }
}
