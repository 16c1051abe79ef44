import { createContext, useContext } from 'react';

import type { ApiError } from '@/lib/errors';

/** The error of a form's last request, for the fields to show their own messages. */
export const FormErrorContext = createContext<ApiError | null>(null);

export function useFormError(): ApiError | null {
  return useContext(FormErrorContext);
}
