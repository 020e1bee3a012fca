/**
 * The one error family of the server. Every error a person can see has a
 * stable code and a Chinese message; the HTTP layer turns any error into
 * `{ error: { code, message, fields? } }` in one place (http/error-handler.ts).
 */

/** A field-level problem of a submission. */
export interface FieldError {
  field: string;
  message: string;
}

/** Options of an AppError. */
export interface AppErrorOptions {
  status?: number;
  cause?: unknown;
  fields?: FieldError[];
  details?: Record<string, unknown>;
}

/** An error with a stable code, a Chinese message and an HTTP status. */
export class AppError extends Error {
  readonly code: string;
  readonly status: number;
  readonly fields?: FieldError[];
  readonly details?: Record<string, unknown>;

  constructor(code: string, message: string, options: AppErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.status = options.status ?? 400;
    this.fields = options.fields;
    this.details = options.details;
  }
}

/** 400: the request is malformed or a value is invalid. */
export const badRequest = (message: string, fields?: FieldError[], code = 'BAD_REQUEST') =>
  new AppError(code, message, { status: 400, fields });

/** 422: the submission is well-formed but fails validation. */
export const invalid = (message: string, fields?: FieldError[], code = 'VALIDATION_FAILED') =>
  new AppError(code, message, { status: 422, fields });

/** 401: no or an invalid login token. */
export const unauthenticated = () => new AppError('UNAUTHENTICATED', '未登录或登录已过期，请重新登录', { status: 401 });

/** 403: logged in but not allowed. */
export const forbidden = (message = '您没有权限进行此操作') => new AppError('FORBIDDEN', message, { status: 403 });

/** 404: the thing does not exist or is not visible to the user. */
export const notFound = (message: string, code = 'NOT_FOUND') => new AppError(code, message, { status: 404 });

/** 409: someone else changed the item first (optimistic lock lost, task already handled). */
export const conflict = (message = '该事项已被他人处理，请刷新后重试', details?: Record<string, unknown>, cause?: unknown) =>
  new AppError('CONFLICT', message, { status: 409, details, cause });

/**
 * The one way to turn a caught error into ours: a stable code and a Chinese message, the
 * original kept as `cause` (logged by the HTTP layer, never shown to people).
 */
export const wrapError = (cause: unknown, code: string, message: string, options: Omit<AppErrorOptions, 'cause'> = {}) =>
  new AppError(code, message, { ...options, cause });
