import { api } from '@/lib/api-client';
import type { User } from '@/types/api';

export async function getMe(): Promise<User> {
  const response = await api.get<User>('/auth/me/');
  return response.data;
}
