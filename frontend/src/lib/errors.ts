import { isAxiosError } from 'axios';

import type { ApiErrorBody, ErrorCode } from '@/types/api';

export const NETWORK_ERROR = 'network_error';
export const UNKNOWN_ERROR = 'unknown_error';
/** The server's codes, and the two the client adds when no error body came back. */
export type ClientErrorCode = ErrorCode | typeof NETWORK_ERROR | typeof UNKNOWN_ERROR;

/** Every failed API call rejects with this: branch on `code`, never on `detail` text. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: ClientErrorCode;
  readonly detail: string;
  readonly fields: Record<string, unknown>;

  constructor(
    status: number,
    body: { code: ClientErrorCode; detail: string; fields?: ApiErrorBody['fields'] },
  ) {
    super(body.detail);
    this.name = 'ApiError';
    this.status = status;
    this.code = body.code;
    this.detail = body.detail;
    this.fields = body.fields ?? {};
  }

  /** First message for a form field (or `non_field_errors`), if the server sent one. */
  fieldError(field: string): string | undefined {
    const messages = this.fields[field];
    // Flat fields carry a list of messages; nested input carries objects (not shown here).
    return Array.isArray(messages) && typeof messages[0] === 'string' ? messages[0] : undefined;
  }
}

function isErrorBody(data: unknown): data is ApiErrorBody {
  if (typeof data !== 'object' || data === null) return false;
  const body = data as Record<string, unknown>;
  return typeof body.code === 'string' && typeof body.detail === 'string';
}

export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  if (isAxiosError(error)) {
    const response = error.response;
    if (!response) {
      return new ApiError(0, {
        code: NETWORK_ERROR,
        detail: 'Cannot reach the server. Check your connection and try again.',
      });
    }
    if (isErrorBody(response.data)) return new ApiError(response.status, response.data);
    return new ApiError(response.status, {
      code: UNKNOWN_ERROR,
      detail: `The server answered with an unexpected error (${String(response.status)}).`,
    });
  }
  return new ApiError(0, { code: UNKNOWN_ERROR, detail: 'Something went wrong.' });
}

/**
 * The message for the alert above a form: form-wide validation errors, errors about fields
 * the form doesn't show, or the server's `detail` for any other code.
 */
export function formAlertMessage(error: ApiError, shownFields: readonly string[]): string | null {
  if (error.code !== 'validation_error') return error.detail;
  const formWide = error.fieldError('non_field_errors');
  if (formWide) return formWide;
  const unshown = Object.keys(error.fields).find((field) => !shownFields.includes(field));
  if (unshown) return error.fieldError(unshown) ?? error.detail;
  return Object.keys(error.fields).length === 0 ? error.detail : null;
}
