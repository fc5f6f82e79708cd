import pg from "pg";

/** A statement as it reached pg's Client.query: its text (whitespace folded), whether it was named, its parameters. */
export type SeenStatement = { text: string; named: boolean; params: number };

/**
 * Records the statements every pg client of this process sends inside `record(fn)` (http/public/round-trips.pg.test.ts
 * counts a submission's and checks its jobs' are named): pg's `Client.query` is where every statement of the app's
 * pools, and of pg-boss's, passes. `restore()` puts pg back.
 */
export function statementRecorder(): { seen: SeenStatement[]; record<T>(fn: () => Promise<T>): Promise<T>; restore(): void } {
  const seen: SeenStatement[] = [];
  let recording = false;
  const query = pg.Client.prototype.query;
  pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
    if (recording) {
      const [config, values] = args as [string | { text?: string; name?: string; values?: unknown[] }, unknown];
      const params = Array.isArray(values) ? values : typeof config === "object" ? config.values : undefined;
      const text = (typeof config === "string" ? config : (config.text ?? "")).replace(/\s+/g, " ");
      seen.push({ text, named: typeof config === "object" && Boolean(config.name), params: params?.length ?? 0 });
    }
    return (query as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof query;
  return {
    seen,
    async record(fn) {
      recording = true;
      try {
        return await fn();
      } finally {
        recording = false;
      }
    },
    restore: () => {
      pg.Client.prototype.query = query;
    },
  };
}
