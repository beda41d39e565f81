// Stable error codes (architecture.md). HTTP bodies carry { code, message } with a sentence a person can act on.
export const ERROR_CODES = [
  'signature_missing',
  'signature_invalid',
  'timestamp_out_of_window',
  'payload_invalid',
  'payload_too_large',
  'unsupported_media_type',
  'config_invalid',
  'zendesk_unavailable',
  'rate_limited',
  'overloaded',
  'draft_not_pending',
  'draft_not_found',
  'outbox_not_dead',
  'not_authorised',
  'not_found',
  'integration_off',
  'internal_error',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly statusCode = 400,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export interface ErrorBody {
  code: ErrorCode;
  message: string;
}

export const errorBody = (code: ErrorCode, message: string): ErrorBody => ({ code, message });
