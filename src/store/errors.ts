// Storage failures a person has to act on carry a stable code, like the HTTP error codes in src/errors.ts.
export type StoreErrorCode = 'store_locked' | 'store_config_invalid';

export class StoreError extends Error {
  constructor(
    readonly code: StoreErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'StoreError';
  }
}

export const isStoreError = (err: unknown, code?: StoreErrorCode): err is StoreError =>
  err instanceof StoreError && (code === undefined || err.code === code);
