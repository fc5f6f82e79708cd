/**
 * The fuzz harness of issue 6 ("bad input and attackers"), shared by `server/http/public/fuzz*.test.ts`: one app
 * with limits off (the fuzzer sends thousands of requests from one address; limits have their own tests), a district
 * with a private status link and a rating link, and checks that collect failures instead of throwing, so a run lists
 * every broken input at once.
 */
import { count } from "drizzle-orm";
import type { LightMyRequestResponse } from "fastify";
import { afterAll, afterEach, beforeAll, beforeEach } from "vitest";
import { DEFAULT_SECURITY, type SecurityConfig } from "../config/index.js";
import { conversations, messages } from "../db/schema/index.js";
import { changeStatus, replyToConversation } from "../domain/conversations/index.js";
import { buildDistrict, buildInquiry, buildStaff, type TestDistrict } from "./factories.js";
import { NAUGHTY_STRINGS, XSS_PAYLOADS } from "./fixtures/hostile-strings.js";
import { testApp, type TestApp } from "./test-app.js";

const OFF = { max: 0, windowSeconds: 60 };
export const NO_LIMITS: SecurityConfig = {
  ...DEFAULT_SECURITY,
  limits: { publicIp: OFF, form: OFF, writeBack: OFF, loginAccount: OFF, loginIp: OFF, webhookIp: OFF },
};

/** The naughty strings, the XSS payloads and the characters PostgreSQL refuses. */
export const HOSTILE = [...NAUGHTY_STRINGS, ...XSS_PAYLOADS, "a\u0000b", "\u0000", "\ud800", "x\udfffy", "\ufeffBOM", "\u202eRTL", "a".repeat(20_000)];

export type Kind = "api" | "page";
export type Counts = { conversations: number; messages: number };

export type Fuzz = {
  t: TestApp;
  d: TestDistrict;
  /** The path of a private status page, and of an open rating link. */
  statusBase: string;
  ratingPath: string;
  failures: string[];
  counts(): Promise<Counts>;
  check(label: string, kind: Kind, res: LightMyRequestResponse, inputs?: string[]): void;
  checkStored(label: string, before: Counts, after: Counts, accepted: boolean, newConversation: boolean): void;
  busFields(): Record<string, string>;
};

export const show = (s: string) => JSON.stringify(s.length > 60 ? `${s.slice(0, 60)}…(${s.length})` : s);

/** Percent-encoding; a lone surrogate (which encodeURIComponent refuses) goes out as the invalid UTF-8 it would be. */
export const enc = (s: string) => {
  try {
    return encodeURIComponent(s);
  } catch {
    return `%ED%A0%80${encodeURIComponent(s.replace(/[\ud800-\udfff]/g, ""))}%FF`;
  }
};

export const form = (fields: [string, string][]) => ({
  payload: new URLSearchParams(fields).toString(),
  headers: { "content-type": "application/x-www-form-urlencoded" },
});

/** Registers the file's hooks and returns the harness (its app and links exist once beforeAll has run). */
export function useFuzz(): Fuzz {
  const failures: string[] = [];
  const f = { failures } as Fuzz;

  f.counts = async () => {
    const [c] = await f.t.database.db.select({ n: count() }).from(conversations);
    const [m] = await f.t.database.db.select({ n: count() }).from(messages);
    return { conversations: c!.n, messages: m!.n };
  };

  // No 5xx, the right error shape, no raw markup echoed back.
  f.check = (label, kind, res, inputs = []) => {
    const type = String(res.headers["content-type"] ?? "");
    if (res.statusCode >= 500) {
      failures.push(`${label}: ${res.statusCode} ${res.body.slice(0, 200)}`);
      return;
    }
    if (res.statusCode >= 400) {
      if (kind === "api") {
        if (!type.startsWith("application/problem+json")) failures.push(`${label}: ${res.statusCode} as ${type}`);
        else {
          const p = res.json<{ status?: number; code?: string }>();
          if (p.status !== res.statusCode || !p.code) failures.push(`${label}: problem without status/code`);
        }
      } else if (!type.startsWith("text/html") || !res.body.includes("<html lang=")) {
        failures.push(`${label}: ${res.statusCode} error is not an HTML page (${type})`);
      }
    }
    if (type.startsWith("text/html")) {
      for (const s of inputs) if (s.includes("<") && res.body.includes(s)) failures.push(`${label}: echoed raw markup ${show(s)}`);
    }
  };

  // Exactly its conversation/message when accepted, nothing when refused.
  f.checkStored = (label, before, after, accepted, newConversation) => {
    const want = accepted ? { conversations: before.conversations + (newConversation ? 1 : 0), messages: before.messages + 1 } : before;
    if (after.conversations !== want.conversations || after.messages !== want.messages) {
      failures.push(`${label}: ${accepted ? "accepted" : "refused"} but stored ${JSON.stringify({ before, after })}`);
    }
  };

  f.busFields = () => ({
    "fields.school": f.d.schools[0]!.id,
    "fields.bus_number": "42",
    "fields.road": "Elm & 5th",
    "fields.date": "2026-03-02",
    kind: "concern",
    requesterRole: "parent",
    message: "The bus was late.",
    name: "Ana",
    email: "ana@example.com",
    language: "en",
  });

  beforeAll(async () => {
    f.t = await testApp({ security: NO_LIMITS });
    const t = f.t;
    const d = (f.d = await buildDistrict(t, { prefix: "RUSD" }));
    f.statusBase = new URL((await buildInquiry(t, d)).statusUrl).pathname;
    const agent = await buildStaff(t, d.district.id, { role: "admin" });
    const rated = await buildInquiry(t, d, { email: "rate@example.com" });
    await t.tx(d.district.id, agent.actor, (ctx) => replyToConversation(ctx, rated.conversation.id, "Done."));
    await t.tx(d.district.id, agent.actor, (ctx) => changeStatus(ctx, rated.conversation.id, "resolved"));
    await t.drain();
    const survey = t.mailer.sent.find((m) => /\/rate\//.test(m.text));
    f.ratingPath = `/d/${d.district.slug}/rate/${/\/rate\/([A-Za-z0-9_-]+)/.exec(survey!.text)![1]!}`;
  });
  afterAll(() => f.t.close());
  beforeEach(() => void (failures.length = 0));
  afterEach(async () => {
    // FUZZ_DUMP=file keeps every failure of a run, for reading them all at once.
    if (process.env.FUZZ_DUMP) (await import("node:fs")).appendFileSync(process.env.FUZZ_DUMP, failures.map((x) => `${x}\n`).join(""));
  });
  return f;
}
