const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/**
 * Text PostgreSQL can store: NUL characters removed (text and jsonb refuse them: "invalid byte sequence" or
 * "unsupported Unicode escape sequence", a 500 found by the issue-6 fuzz tests) and lone UTF-16 surrogates
 * replaced by U+FFFD (jsonb refuses their escapes; UTF-8 cannot encode them).
 */
export function storableText(s: string): string {
  if (!/[\u0000\ud800-\udfff]/.test(s)) return s;
  return s.replace(/\u0000/g, "").replace(LONE_SURROGATE, "\ufffd");
}

const MAX_DEPTH = 64;

/**
 * `storableText` on every string and key of a parsed JSON or form body (plain objects and arrays only; Buffers
 * and other objects are left alone). Deeper than 64 levels nothing is changed: no contract accepts such bodies,
 * so validation refuses them anyway, and a recursive walk must not overflow the stack.
 */
export function storableBody<T>(value: T, depth = 0): T {
  if (typeof value === "string") return storableText(value) as T;
  if (value === null || typeof value !== "object" || depth > MAX_DEPTH) return value;
  if (Array.isArray(value)) return value.map((v: unknown) => storableBody(v, depth + 1)) as T;
  const proto = Object.getPrototypeOf(value) as unknown;
  if (proto !== Object.prototype && proto !== null) return value;
  const out = (proto === null ? Object.create(null) : {}) as Record<string, unknown>;
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    // defineProperty, not assignment: a key named __proto__ stays a plain key.
    Object.defineProperty(out, storableText(k), { value: storableBody(v, depth + 1), enumerable: true, writable: true, configurable: true });
  }
  return out as T;
}
