import type { ErrorCode } from '../shared/errors.js';

const DEFAULT_STATUS: Partial<Record<ErrorCode, number>> = {
  VALIDATION: 400,
  BAD_JSON: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  CSRF: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  INVALID_CREDENTIALS: 401,
  TOO_MANY_ATTEMPTS: 429,
  USER_DISABLED: 403,
  INTERNAL: 500,
};

/** The one error type services throw; the app's error handler turns it into the API shape. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly details: unknown;
  readonly headers: Record<string, string>;

  constructor(code: ErrorCode, status?: number, details?: unknown, headers: Record<string, string> = {}) {
    super(code);
    this.code = code;
    this.status = status ?? DEFAULT_STATUS[code] ?? 400;
    this.details = details;
    this.headers = headers;
  }
}

export const notFound = () => new AppError('NOT_FOUND', 404);
export const forbidden = () => new AppError('FORBIDDEN', 403);
/** A 400 naming the field, in the same shape as schema validation errors. */
export const fieldError = (code: ErrorCode, field: string, status = 400) =>
  new AppError(code, status, [{ field, message: code }]);
