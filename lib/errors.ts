// Typed application errors (CONVENTIONS 15). Messages are written for
// operators and never carry token material; the route wrapper turns them
// into RFC 9457 problem documents.

export const errorStatus = {
  bad_request: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  validation_failed: 422,
  precondition_required: 428,
  rate_limited: 429,
  internal: 500,
} as const;

export type ErrorCode = keyof typeof errorStatus;

export const errorTitle: Record<ErrorCode, string> = {
  bad_request: "Malformed request",
  unauthenticated: "Sign-in required",
  forbidden: "Not allowed",
  not_found: "Not found",
  method_not_allowed: "Method not allowed",
  conflict: "Conflict",
  payload_too_large: "Request too large",
  unsupported_media_type: "Unsupported media type",
  validation_failed: "Validation failed",
  precondition_required: "Precondition required",
  rate_limited: "Too many requests",
  internal: "Internal error",
};

/** One field problem, RFC 9457 §3 "invalid_params" extension shape. */
export type InvalidParam = { name: string; reason: string };

export type AppErrorOptions = {
  message?: string;
  cause?: unknown;
  invalidParams?: InvalidParam[];
  retryAfterSeconds?: number;
  /** Extra members for the problem document (e.g. the current version on a conflict). */
  details?: Record<string, unknown>;
};

export class AppError extends Error {
  override name = "AppError";
  readonly code: ErrorCode;
  readonly invalidParams?: InvalidParam[];
  readonly retryAfterSeconds?: number;
  readonly details?: Record<string, unknown>;

  constructor(code: ErrorCode, options: AppErrorOptions = {}) {
    super(options.message ?? errorTitle[code], { cause: options.cause });
    this.code = code;
    this.invalidParams = options.invalidParams;
    this.retryAfterSeconds = options.retryAfterSeconds;
    this.details = options.details;
  }

  get status(): number {
    return errorStatus[this.code];
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}
