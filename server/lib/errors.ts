export const ERROR_STATUS = {
  validation_failed: 400,
  unauthenticated: 401,
  invalid_signature: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  idempotency_key_reused: 422,
  rate_limited: 429,
  internal: 500,
  channel_unavailable: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export type InvalidParam = { name: string; reason: string };

/** The one error type of the application; rendered as RFC 9457 problem+json at the edge. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly invalidParams: InvalidParam[] | undefined;

  constructor(code: ErrorCode, message: string, opts: { invalidParams?: InvalidParam[]; cause?: unknown } = {}) {
    super(message, { cause: opts.cause });
    this.name = "AppError";
    this.code = code;
    this.invalidParams = opts.invalidParams;
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

export const notFound = (what: string) => new AppError("not_found", `${what} not found`);
export const forbidden = (message = "You are not allowed to do that") => new AppError("forbidden", message);

/** Postgres unique violation (23505), raised through either driver. */
export function isUniqueViolation(err: unknown): boolean {
  let e: unknown = err;
  for (let i = 0; i < 4 && e; i++) {
    if (typeof e === "object" && e !== null && "code" in e && (e as { code: unknown }).code === "23505") return true;
    e = typeof e === "object" && e !== null && "cause" in e ? (e as { cause: unknown }).cause : undefined;
  }
  return false;
}
