/**
 * Typed application errors. Every error that reaches a user carries a stable `code`,
 * an HTTP `status` and a message a person can act on; `details` names the record/field.
 */
export interface ErrorDetail {
  /** JSON path or field name the problem is at, e.g. `objects[3].created`. */
  path?: string;
  message: string;
  /** Byte offset in a file, where the problem is in one. */
  offset?: number;
  /** For RATE_LIMITED: seconds until a retry may succeed. */
  retryAfterSeconds?: number;
}

export class AppError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    message: string,
    readonly details: ErrorDetail[] = [],
  ) {
    super(message);
    this.name = 'AppError';
  }

  toJSON(): { code: string; message: string; details?: ErrorDetail[] } {
    return this.details.length
      ? { code: this.code, message: this.message, details: this.details }
      : { code: this.code, message: this.message };
  }
}

export const errors = {
  validation: (message: string, details: ErrorDetail[] = []) => new AppError('VALIDATION_FAILED', 400, message, details),
  badRequest: (message: string, details: ErrorDetail[] = []) => new AppError('BAD_REQUEST', 400, message, details),
  unauthenticated: (message = 'Authentication required: send a bearer token or log in.') =>
    new AppError('UNAUTHENTICATED', 401, message),
  forbidden: (message: string) => new AppError('FORBIDDEN', 403, message),
  /** Also used when an object exists but the caller may not know it does. */
  notFound: (what: string) => new AppError('NOT_FOUND', 404, `${what} was not found.`),
  conflict: (message: string) => new AppError('CONFLICT', 409, message),
  rateLimited: (message: string) => new AppError('RATE_LIMITED', 429, message),
  config: (message: string, details: ErrorDetail[] = []) => new AppError('CONFIG_INVALID', 500, message, details),
  internal: (message: string) => new AppError('INTERNAL', 500, message),
};

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}
