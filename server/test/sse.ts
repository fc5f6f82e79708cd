import { expect } from "vitest";
import { bearer, type TestStaff } from "./factories.js";

type Frame = { id?: string; event?: string; data?: string; comment?: string };

/** Reads server-sent events from a fetch response, frame by frame. */
export function sseReader(res: Response) {
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  return {
    async next(): Promise<Frame | null> {
      for (;;) {
        const end = buffer.indexOf("\n\n");
        if (end >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const frame: Frame = {};
          for (const line of block.split("\n")) {
            if (line.startsWith(":")) frame.comment = line.slice(1).trim();
            const m = /^(id|event|data): (.*)$/.exec(line);
            if (m) frame[m[1] as "id" | "event" | "data"] = m[2]!;
          }
          return frame;
        }
        const { value, done } = await reader.read();
        if (done) return null;
        buffer += decoder.decode(value, { stream: true });
      }
    },
    /** The next event frame (comments and retry hints skipped). */
    async nextEvent(): Promise<Frame | null> {
      for (;;) {
        const f = await this.next();
        if (!f || f.event) return f;
      }
    },
    cancel: () => reader.cancel().catch(() => undefined),
  };
}

export async function openStream(s: TestStaff, headers: Record<string, string>, origin: string) {
  const controller = new AbortController();
  const res = await fetch(`${origin}/api/stream`, { headers: { ...bearer(s), ...headers }, signal: controller.signal });
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toContain("text/event-stream");
  const sse = sseReader(res);
  // The server says so once this connection is subscribed.
  for (;;) {
    const f = await sse.next();
    if (!f || f.comment === "connected") break;
  }
  return { sse, close: () => controller.abort() };
}

