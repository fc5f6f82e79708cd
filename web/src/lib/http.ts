/** The problem+json body every API error carries (RFC 9457). Switch on `code`, show `detail`. */
export type Problem = {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  requestId: string;
  invalidParams?: { name: string; reason: string }[];
};

/** A failed API call: the server's problem, or a synthesized one when the network or body failed. */
export class ApiError extends Error {
  readonly problem: Problem;
  constructor(problem: Problem) {
    super(problem.detail || problem.title);
    this.name = "ApiError";
    this.problem = problem;
  }
  get code(): string {
    return this.problem.code;
  }
  get status(): number {
    return this.problem.status;
  }
}

export const isApiError = (e: unknown): e is ApiError => e instanceof ApiError;
export const isUnauthenticated = (e: unknown): boolean => isApiError(e) && e.code === "unauthenticated";
export const isNotFound = (e: unknown): boolean => isApiError(e) && e.code === "not_found";

// The session's CSRF token, sent on every non-GET request; set at sign-in and by GET /api/me.
let csrfToken: string | null = null;
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

export type QueryValue = string | number | undefined | null;

export function toQueryString(query: Record<string, QueryValue>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === "") continue;
    params.set(key, String(value));
  }
  const s = params.toString();
  return s ? `?${s}` : "";
}

function isProblem(v: unknown): v is Problem {
  return typeof v === "object" && v !== null && "code" in v && "status" in v;
}

async function readProblem(res: Response): Promise<Problem> {
  const fallback: Problem = {
    type: "about:blank",
    title: res.statusText || "Request failed",
    status: res.status,
    detail: "",
    code: res.status === 401 ? "unauthenticated" : res.status === 404 ? "not_found" : res.status >= 500 ? "internal" : "request_failed",
    requestId: res.headers.get("x-request-id") ?? "",
  };
  try {
    const body: unknown = await res.json();
    return isProblem(body) ? body : fallback;
  } catch {
    return fallback;
  }
}

type RequestOptions = { query?: Record<string, QueryValue>; body?: unknown; signal?: AbortSignal };

/** Calls the staff API with the session cookie; throws ApiError with the server's problem on failure. */
export async function request<T>(method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE", path: string, opts: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: "application/json" };
  if (opts.body !== undefined) headers["content-type"] = "application/json";
  if (method !== "GET" && csrfToken) headers["x-csrf-token"] = csrfToken;
  let res: Response;
  try {
    res = await fetch(`${path}${opts.query ? toQueryString(opts.query) : ""}`, {
      method,
      headers,
      credentials: "same-origin",
      body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
      signal: opts.signal,
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === "AbortError") throw cause;
    throw new ApiError({ type: "about:blank", title: "Network error", status: 0, detail: "", code: "network_error", requestId: "" });
  }
  if (!res.ok) throw new ApiError(await readProblem(res));
  if (res.status === 204) return undefined as T;
  return (await res.json()) as T;
}

export const api = {
  get: <T>(path: string, query?: Record<string, QueryValue>, signal?: AbortSignal) => request<T>("GET", path, { query, signal }),
  post: <T>(path: string, body?: unknown) => request<T>("POST", path, { body: body ?? {} }),
  patch: <T>(path: string, body: unknown) => request<T>("PATCH", path, { body }),
  put: <T>(path: string, body: unknown) => request<T>("PUT", path, { body }),
  delete: <T = void>(path: string) => request<T>("DELETE", path),
};
