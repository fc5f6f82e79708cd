/**
 * Issue 6, "bad input and attackers": every public endpoint gets the Big List of Naughty Strings, XSS payloads and
 * malformed bodies. Never a 5xx; errors are problem+json (API, webhooks) or an HTML page (the forms); a refused
 * request stores nothing and an accepted one stores exactly one conversation or message; no markup comes back raw.
 * Failures are collected, not thrown one by one, so a run lists every broken input at once.
 */
import { count, eq, ne } from "drizzle-orm";
import type { LightMyRequestResponse } from "fastify";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { buildApp } from "../../app.js";
import { DEFAULT_SECURITY, type SecurityConfig } from "../../config/index.js";
import { conversations, inboundDeliveries, messages } from "../../db/schema/index.js";
import { changeStatus, replyToConversation } from "../../domain/conversations/index.js";
import { buildDistrict, buildInquiry, buildStaff, type TestDistrict } from "../../test/factories.js";
import { NAUGHTY_STRINGS, XSS_PAYLOADS } from "../../test/fixtures/hostile-strings.js";
import { testApp, type TestApp } from "../../test/test-app.js";

const OFF = { max: 0, windowSeconds: 60 };
// The fuzzer sends thousands of requests from one address: this file is about input, limits have their own tests.
const NO_LIMITS: SecurityConfig = {
  ...DEFAULT_SECURITY,
  limits: { publicIp: OFF, form: OFF, writeBack: OFF, loginAccount: OFF, loginIp: OFF, webhookIp: OFF },
};

const HOSTILE = [...NAUGHTY_STRINGS, ...XSS_PAYLOADS, "a\u0000b", "\u0000", "\ud800", "x\udfffy", "\ufeffBOM", "\u202eRTL", "a".repeat(20_000)];

let t: TestApp;
let d: TestDistrict;
let statusBase: string;
let ratingPath: string;
const failures: string[] = [];

type Kind = "api" | "page";
type Counts = { conversations: number; messages: number };

async function counts(): Promise<Counts> {
  const [c] = await t.database.db.select({ n: count() }).from(conversations);
  const [m] = await t.database.db.select({ n: count() }).from(messages);
  return { conversations: c!.n, messages: m!.n };
}

const show = (s: string) => JSON.stringify(s.length > 60 ? `${s.slice(0, 60)}…(${s.length})` : s);

/** Checks one answer: no 5xx, the right error shape, no raw markup echoed back. */
function check(label: string, kind: Kind, res: LightMyRequestResponse, inputs: string[] = []): void {
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
}

/** Checks what a write left behind: exactly its conversation/message when accepted, nothing when refused. */
function checkStored(label: string, before: Counts, after: Counts, accepted: boolean, newConversation: boolean): void {
  const want = accepted
    ? { conversations: before.conversations + (newConversation ? 1 : 0), messages: before.messages + 1 }
    : before;
  if (after.conversations !== want.conversations || after.messages !== want.messages) {
    failures.push(`${label}: ${accepted ? "accepted" : "refused"} but stored ${JSON.stringify({ before, after })}`);
  }
}

/** Percent-encoding; a lone surrogate (which encodeURIComponent refuses) goes out as the invalid UTF-8 it would be. */
const enc = (s: string) => {
  try {
    return encodeURIComponent(s);
  } catch {
    return `%ED%A0%80${encodeURIComponent(s.replace(/[\ud800-\udfff]/g, ""))}%FF`;
  }
};
const form = (fields: [string, string][]) => ({
  payload: new URLSearchParams(fields).toString(),
  headers: { "content-type": "application/x-www-form-urlencoded" },
});

function busFields(): Record<string, string> {
  return {
    "fields.school": d.schools[0]!.id,
    "fields.bus_number": "42",
    "fields.road": "Elm & 5th",
    "fields.date": "2026-03-02",
    kind: "concern",
    requesterRole: "parent",
    message: "The bus was late.",
    name: "Ana",
    email: "ana@example.com",
    language: "en",
  };
}

beforeAll(async () => {
  t = await testApp({ security: NO_LIMITS });
  d = await buildDistrict(t, { prefix: "RUSD" });
  const created = await buildInquiry(t, d);
  statusBase = new URL(created.statusUrl).pathname;
  const agent = await buildStaff(t, d.district.id, { role: "admin" });
  const rated = await buildInquiry(t, d, { email: "rate@example.com" });
  await t.tx(d.district.id, agent.actor, (ctx) => replyToConversation(ctx, rated.conversation.id, "Done."));
  await t.tx(d.district.id, agent.actor, (ctx) => changeStatus(ctx, rated.conversation.id, "resolved"));
  await t.drain();
  const survey = t.mailer.sent.find((m) => /\/rate\//.test(m.text));
  ratingPath = `/d/${d.district.slug}/rate/${/\/rate\/([A-Za-z0-9_-]+)/.exec(survey!.text)![1]!}`;
});
afterAll(() => t.close());
beforeEach(() => void (failures.length = 0));
afterEach(async () => {
  if (process.env.FUZZ_DUMP) (await import("node:fs")).appendFileSync(process.env.FUZZ_DUMP, failures.map((f) => `${f}\n`).join(""));
});

describe("hostile strings on every public endpoint", () => {
  it("GET pages with naughty query strings and path segments", async () => {
    const slug = d.district.slug;
    for (const [i, s] of HOSTILE.entries()) {
      const q = `q=${enc(s)}&lang=${enc(s)}&embed=${enc(s)}&submitted=${enc(s)}&sent=${enc(s)}&thanks=${enc(s)}`;
      // Every string on the landing page, the form and embed.js; every third on the private pages (same code path).
      const urls = [`/d/${slug}?${q}`, `/d/${slug}/topics/bus-concern?${q}`, `/embed.js?district=${enc(s)}&lang=${enc(s)}`];
      if (i % 3 === 0) urls.push(`${statusBase}?${q}`, `${ratingPath}?${q}`);
      for (const url of urls) {
        const res = await t.app.inject({ method: "GET", url, headers: { "accept-language": s.replace(/[^\t\x20-\x7e]/g, "") } });
        check(`GET ${url.split("?")[0]} ${show(s)}`, "page", res, [s]);
        if (res.statusCode !== 200) failures.push(`GET ${url.split("?")[0]} ${show(s)}: ${res.statusCode}`);
      }
      const seg = enc(s);
      for (const url of [`/d/${seg}`, `/d/${slug}/topics/${seg}`, `/d/${slug}/c/${seg}`, `/d/${slug}/rate/${seg}`, `${statusBase}/attachments/${seg}`]) {
        check(`GET ${url.slice(0, 80)}`, "page", await t.app.inject({ method: "GET", url }), [s]);
      }
    }
    expect(failures).toEqual([]);
  }, 300_000);

  it("POSTs to naughty districts, topics, links and rating tokens (limits on: they key on the path)", async () => {
    const limited = await buildApp({ ...t.deps, security: DEFAULT_SECURITY });
    try {
      for (const [i, s] of HOSTILE.entries()) {
        // Every other string: the path only picks the district, topic or link, the same code for all of them.
        if (i % 2 === 1 && !/[\u0000\ud800-\udfff]/.test(s)) continue;
        const seg = enc(s);
        const posts: [string, Kind, Record<string, unknown>][] = [
          [`/d/${seg}/topics/bus-concern`, "page", form(Object.entries(busFields()))],
          [`/d/${d.district.slug}/topics/${seg}`, "page", form(Object.entries(busFields()))],
          [`/d/${seg}/c/${seg}/messages`, "page", form([["message", "hi"]])],
          [`/d/${d.district.slug}/rate/${seg}`, "page", form([["accuracy", "9"]])],
          [`/api/public/${seg}/inquiries`, "api", { payload: { topic: "bus-concern", message: "x", email: "a@example.com" } }],
        ];
        for (const [url, kind, opts] of posts) {
          const before = await counts();
          // A fresh address per request: the limits are on and must not be what answers.
          const res = await limited.inject({ method: "POST", url, remoteAddress: `10.${i >> 8}.${i & 255}.${posts.length}`, ...opts });
          check(`POST ${url.slice(0, 80)}`, kind, res, [s]);
          if (res.statusCode === 429) failures.push(`POST ${url.slice(0, 80)}: 429`);
          checkStored(`POST ${url.slice(0, 80)}`, before, await counts(), res.statusCode < 400, url.includes("/topics/") || url.includes("/inquiries"));
        }
      }
    } finally {
      await limited.close();
    }
    expect(failures).toEqual([]);
  }, 300_000);

  it("the topic form (HTML POST) with naughty values in every field", async () => {
    const url = `/d/${d.district.slug}/topics/bus-concern?lang=en`;
    for (const s of HOSTILE) {
      for (const target of [["message", "name", "fields.road", "fields.bus_number"], ["email", "phone", "fields.school", "fields.date", "kind", "requesterRole", "language", "anonymous", "consent"]]) {
        const fields = { ...busFields() };
        for (const k of target) fields[k] = s;
        const before = await counts();
        const res = await t.app.inject({ method: "POST", url, ...form(Object.entries(fields)) });
        const label = `POST topic form [${target[0]}…] ${show(s)}`;
        check(label, "page", res, [s]);
        if (![303, 400].includes(res.statusCode)) failures.push(`${label}: ${res.statusCode}`);
        checkStored(label, before, await counts(), res.statusCode === 303, true);
      }
    }
    expect(failures).toEqual([]);
  }, 300_000);

  it("the JSON inquiries API with naughty values in every field", async () => {
    const url = `/api/public/${d.district.slug}/inquiries`;
    for (const s of HOSTILE) {
      const base = { topic: "bus-concern", fields: { school: d.schools[0]!.id, bus_number: "7", road: "Elm" }, message: "Late bus.", email: "a@example.com" };
      const bodies = [
        { ...base, message: s, name: s, fields: { ...base.fields, road: s, bus_number: s } },
        { ...base, email: s, phone: s, language: s, requesterRole: s, kind: s, fields: { ...base.fields, school: s, [s.slice(0, 40) || "k"]: s } },
        { ...base, topic: s },
      ];
      for (const [i, body] of bodies.entries()) {
        const before = await counts();
        const res = await t.app.inject({ method: "POST", url, payload: body });
        const label = `POST inquiries #${i} ${show(s)}`;
        check(label, "api", res);
        if (![201, 400, 404, 422].includes(res.statusCode)) failures.push(`${label}: ${res.statusCode}`);
        checkStored(label, before, await counts(), res.statusCode === 201, true);
      }
    }
    expect(failures).toEqual([]);
  }, 300_000);

  it("the status page write-back and the rating form with naughty values", async () => {
    for (const s of HOSTILE) {
      const before = await counts();
      const res = await t.app.inject({ method: "POST", url: `${statusBase}/messages?lang=es`, ...form([["message", s]]) });
      const label = `POST write-back ${show(s)}`;
      check(label, "page", res, [s]);
      if (![303, 400].includes(res.statusCode)) failures.push(`${label}: ${res.statusCode}`);
      checkStored(label, before, await counts(), res.statusCode === 303, false);

      const rate = await t.app.inject({ method: "POST", url: ratingPath, ...form([["accuracy", s], ["timeliness", s], ["courtesy", s], ["comment", s]]) });
      check(`POST rating ${show(s)}`, "page", rate, [s]);
      if (![303, 400, 409].includes(rate.statusCode)) failures.push(`POST rating ${show(s)}: ${rate.statusCode}`);
    }
    expect(failures).toEqual([]);
  }, 300_000);

  it("staff sign-in with naughty districts, emails and passwords (a sample: each costs an Argon2 check)", async () => {
    const sample = [...NAUGHTY_STRINGS.filter((_, i) => i % 12 === 0), ...XSS_PAYLOADS.slice(0, 5), "a\u0000b", "\ud800"];
    for (const s of sample) {
      for (const payload of [{ district: s, email: s, password: s || "x" }, { district: d.district.slug, email: `${s}@riverside.test`, password: s || "x" }]) {
        const res = await t.app.inject({ method: "POST", url: "/api/auth/login", payload });
        check(`POST login ${show(s)}`, "api", res);
        if (![400, 401, 429].includes(res.statusCode)) failures.push(`POST login ${show(s)}: ${res.statusCode}`);
      }
    }
    expect(failures).toEqual([]);
  }, 300_000);

  it("the email webhook with naughty secrets and bodies", async () => {
    for (const s of HOSTILE) {
      const secret = s.replace(/[^\t\x20-\x7e]/g, "?");
      const res = await t.app.inject({ method: "POST", url: "/webhooks/email/raw", headers: { "content-type": "message/rfc822", authorization: `Bearer ${secret}` }, payload: s || "x" });
      check(`POST webhook ${show(s)}`, "api", res);
      if (res.statusCode !== 401) failures.push(`POST webhook ${show(s)}: ${res.statusCode}`);
    }
    expect(failures).toEqual([]);
  }, 300_000);
});

describe("hostile emails through the webhook (acknowledged, so they must be filed)", () => {
  it("files every email whose subject and body are naughty strings: no delivery left pending or failed", async () => {
    const sample = [...NAUGHTY_STRINGS.filter((_, i) => i % 8 === 0), ...XSS_PAYLOADS.slice(0, 10), "Hi\u0000there", "x\ud800y"];
    for (const [i, s] of sample.entries()) {
      const subject = s.replace(/[\r\n]/g, " ");
      const raw = Buffer.from(`From: Pat <pat${i}@example.com>\r\nTo: ${d.district.fromEmail}\r\nSubject: ${subject}\r\nMessage-ID: <fuzz-${i}@example.com>\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n${s}\r\n`);
      const res = await t.app.inject({ method: "POST", url: "/webhooks/email/raw", headers: { authorization: `Bearer ${d.webhookSecret}`, "content-type": "message/rfc822" }, payload: raw });
      check(`webhook email ${show(s)}`, "api", res);
      if (res.statusCode !== 202) failures.push(`webhook email ${show(s)}: ${res.statusCode}`);
    }
    await t.drain();
    const stuck = await t.database.db
      .select({ status: inboundDeliveries.status, error: inboundDeliveries.error })
      .from(inboundDeliveries)
      .where(ne(inboundDeliveries.status, "processed"));
    expect(stuck).toEqual([]);
    expect(failures).toEqual([]);
  }, 300_000);
});

describe("malformed bodies", () => {
  const nested = (depth: number) => `${'{"a":'.repeat(depth)}1${"}".repeat(depth)}`;
  const nestedArray = (depth: number) => `{"topic":"bus-concern","message":"x","email":"a@example.com","fields":${"[".repeat(depth)}${"]".repeat(depth)}}`;
  const invalidUtf8 = Buffer.concat([Buffer.from('{"topic":"bus-concern","message":"'), Buffer.from([0xff, 0xfe, 0xc3, 0x28, 0xed, 0xa0, 0x80]), Buffer.from('","email":"a@example.com"}')]);

  it("the JSON API: broken JSON, wrong types, prototype keys, invalid UTF-8, NUL bytes, deep nesting, wrong content types, huge bodies", async () => {
    const url = `/api/public/${d.district.slug}/inquiries`;
    const json = { "content-type": "application/json" };
    const cases: [string, string | Buffer, Record<string, string>][] = [
      ["empty", "", json],
      ["open brace", "{", json],
      ["truncated", '{"topic":"bus-concern","message":"x', json],
      ["null", "null", json],
      ["number", "1", json],
      ["string", '"x"', json],
      ["array", "[]", json],
      ["array of objects", '[{"topic":"bus-concern"}]', json],
      ["trailing comma", '{"topic":"bus-concern",}', json],
      ["single quotes", "{'topic':'bus-concern'}", json],
      ["NaN", '{"topic":NaN}', json],
      ["message as object", '{"topic":"bus-concern","message":{"toString":"x"},"email":"a@example.com"}', json],
      ["message as array", '{"topic":"bus-concern","message":["x"],"email":"a@example.com"}', json],
      ["message as number", '{"topic":"bus-concern","message":1e308,"email":"a@example.com"}', json],
      ["fields as string", '{"topic":"bus-concern","message":"x","email":"a@example.com","fields":"x"}', json],
      ["fields nested", '{"topic":"bus-concern","message":"x","email":"a@example.com","fields":{"school":{"$ne":null}}}', json],
      ["__proto__", '{"__proto__":{"polluted":1},"topic":"bus-concern","message":"x","email":"a@example.com"}', json],
      ["constructor.prototype", '{"constructor":{"prototype":{"polluted":1}},"topic":"bus-concern","message":"x","email":"a@example.com"}', json],
      ["fields.__proto__", '{"topic":"bus-concern","message":"x","email":"a@example.com","fields":{"__proto__":{"polluted":1}}}', json],
      ["deep object 1000", nested(1000), json],
      ["deep object 100000", nested(100_000), json],
      ["deep array 100000", nestedArray(100_000), json],
      ["invalid UTF-8", invalidUtf8, json],
      ["NUL in message", '{"topic":"bus-concern","fields":{"school":"SCHOOL","bus_number":"1"},"message":"a\\u0000b","email":"a@example.com"}', json],
      ["lone surrogate", '{"topic":"bus-concern","fields":{"school":"SCHOOL","bus_number":"1"},"message":"a\\ud800b","email":"a@example.com"}', json],
      ["BOM", "\ufeff{}", json],
      ["charset utf-16", '{"topic":"bus-concern"}', { "content-type": "application/json; charset=utf-16" }],
      ["text/plain", '{"topic":"bus-concern"}', { "content-type": "text/plain" }],
      ["xml", "<inquiry/>", { "content-type": "application/xml" }],
      ["no content type", '{"topic":"bus-concern"}', {}],
      ["garbage content type", "x", { "content-type": "\u00ff/\u00ff" }],
      ["multipart without boundary", "x", { "content-type": "multipart/form-data" }],
      ["multipart junk", "--b\r\nnonsense", { "content-type": "multipart/form-data; boundary=b" }],
      ["urlencoded", "topic=bus-concern&message=x", { "content-type": "application/x-www-form-urlencoded" }],
      ["huge JSON (2 MB)", JSON.stringify({ topic: "bus-concern", message: "x".repeat(2_000_000), email: "a@example.com" }), json],
      ["huge field (100 KB)", JSON.stringify({ topic: "bus-concern", message: "x".repeat(100_000), email: "a@example.com" }), json],
      ["many fields", JSON.stringify({ topic: "bus-concern", message: "x", email: "a@example.com", fields: Object.fromEntries(Array.from({ length: 5000 }, (_, i) => [`f${i}`, "x"])) }), json],
    ];
    for (const [name, payload, headers] of cases) {
      const body = typeof payload === "string" ? payload.replace("SCHOOL", d.schools[0]!.id) : payload;
      const before = await counts();
      const res = await t.app.inject({ method: "POST", url, payload: body, headers });
      check(`API ${name}`, "api", res);
      checkStored(`API ${name}`, before, await counts(), res.statusCode === 201, true);
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(failures).toEqual([]);
  }, 120_000);

  it("the HTML forms: broken urlencoding, invalid UTF-8, NUL bytes, prototype keys, repeated keys, broken multipart, wrong types, huge bodies", async () => {
    const urlenc = { "content-type": "application/x-www-form-urlencoded" };
    const bus = new URLSearchParams(busFields()).toString();
    const boundary = "xyz";
    const mp = (parts: string) => ({ "content-type": `multipart/form-data; boundary=${boundary}`, parts });
    const cases: [string, string | Buffer, Record<string, string>][] = [
      ["percent soup", "%%%&&&==", urlenc],
      ["bad escape", "message=%ZZ&email=a%40example.com", urlenc],
      ["invalid UTF-8 escape", `${bus}&message=%C3%28%FF`, urlenc],
      ["raw invalid UTF-8", Buffer.concat([Buffer.from(`${bus}&name=`), Buffer.from([0xff, 0xfe, 0xed, 0xa0, 0x80])]), urlenc],
      ["NUL escape", `${bus}&message=a%00b&name=%00`, urlenc],
      ["repeated keys", `${bus}&message=a&message=b&fields.school=x`, urlenc],
      ["__proto__ keys", `${bus}&__proto__=x&__proto__[polluted]=1&constructor[prototype][polluted]=1`, urlenc],
      ["bracket keys", `${bus}&fields[school][$ne]=1&message[]=x`, urlenc],
      ["only a key", "message", urlenc],
      ["huge body (300 KB)", `${bus}&message=${"x".repeat(300_000)}`, urlenc],
      ["huge field (100 KB)", `${bus.replace("message=The+bus+was+late.", `message=${"x".repeat(100_000)}`)}`, urlenc],
      ["JSON", JSON.stringify(busFields()), { "content-type": "application/json" }],
      ["broken JSON", "{", { "content-type": "application/json" }],
      ["xml", "<a/>", { "content-type": "application/xml" }],
      ["text/plain", bus, { "content-type": "text/plain" }],
      ["no content type", bus, {}],
      ["multipart without boundary", bus, { "content-type": "multipart/form-data" }],
      ["multipart junk", "garbage", { "content-type": `multipart/form-data; boundary=${boundary}` }],
      ["multipart unterminated", `--${boundary}\r\nContent-Disposition: form-data; name="message"\r\n\r\nhello`, { "content-type": `multipart/form-data; boundary=${boundary}` }],
      ["multipart no disposition", `--${boundary}\r\n\r\nhello\r\n--${boundary}--\r\n`, { "content-type": `multipart/form-data; boundary=${boundary}` }],
      ["multipart invalid UTF-8 name", Buffer.concat([Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="`), Buffer.from([0xff, 0xfe]), Buffer.from(`"\r\n\r\nx\r\n--${boundary}--\r\n`)]), { "content-type": `multipart/form-data; boundary=${boundary}` }],
      ["multipart huge field (100 KB)", `--${boundary}\r\nContent-Disposition: form-data; name="message"\r\n\r\n${"x".repeat(100_000)}\r\n--${boundary}--\r\n`, { "content-type": `multipart/form-data; boundary=${boundary}` }],
      ["multipart NUL filename", `--${boundary}\r\nContent-Disposition: form-data; name="attachments"; filename="a\u0000.png"\r\nContent-Type: image/png\r\n\r\nnot a png\r\n--${boundary}--\r\n`, { "content-type": `multipart/form-data; boundary=${boundary}` }],
    ];
    void mp;
    const targets = [
      { name: "topic form", url: `/d/${d.district.slug}/topics/bus-concern?lang=es`, newConversation: true },
      { name: "write-back", url: `${statusBase}/messages?lang=es`, newConversation: false },
      { name: "rating", url: ratingPath, newConversation: false },
    ];
    for (const target of targets) {
      for (const [name, payload, headers] of cases) {
        const before = await counts();
        const res = await t.app.inject({ method: "POST", url: target.url, payload, headers });
        const label = `${target.name} ${name}`;
        check(label, "page", res);
        if (target.name !== "rating") checkStored(label, before, await counts(), res.statusCode === 303, target.newConversation);
      }
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(failures).toEqual([]);
  }, 120_000);

  it("the webhook: no secret, a wrong one, empty and wrong-typed bodies", async () => {
    const cases: [Record<string, string>, string | Buffer][] = [
      [{ "content-type": "message/rfc822" }, "From: a@example.com\r\n\r\nhi"],
      [{ "content-type": "message/rfc822", authorization: "Bearer" }, "x"],
      [{ "content-type": "message/rfc822", authorization: "Basic Zm9vOmJhcg==" }, "x"],
      [{ "content-type": "message/rfc822", authorization: `Bearer whsec_${"x".repeat(5000)}` }, "x"],
      [{ "content-type": "application/json", authorization: "Bearer whsec_nope" }, "{"],
      [{ "content-type": "application/json", authorization: "Bearer whsec_nope" }, nested(100_000)],
      [{ "content-type": "text/plain", authorization: "Bearer whsec_nope" }, ""],
      [{ "content-type": "application/x-www-form-urlencoded", authorization: "Bearer whsec_nope" }, "%%%"],
      [{ "content-type": "multipart/form-data", authorization: "Bearer whsec_nope" }, "x"],
      [{ "content-type": "message/rfc822", authorization: "Bearer whsec_nope" }, Buffer.alloc(2_000_000, 0xff)],
    ];
    for (const [headers, payload] of cases) {
      const res = await t.app.inject({ method: "POST", url: "/webhooks/email/raw", headers, payload });
      check(`webhook ${JSON.stringify(headers).slice(0, 80)}`, "api", res);
    }
    expect(failures).toEqual([]);
  }, 60_000);
});

describe("bugs the fuzzer found (regressions)", () => {
  it("stores a message with NUL bytes without them instead of failing with a 500 (PostgreSQL text refuses NUL)", async () => {
    const api = await t.app.inject({
      method: "POST",
      url: `/api/public/${d.district.slug}/inquiries`,
      payload: { topic: "bus-concern", fields: { school: d.schools[0]!.id, bus_number: "4\u00002" }, message: "Bus\u0000 late", email: "a@example.com" },
    });
    expect(api.statusCode).toBe(201);
    const reference = api.json<{ reference: string }>().reference;
    const [conv] = await t.database.db.select().from(conversations).where(eq(conversations.reference, reference));
    expect(conv!.fields).toMatchObject({ bus_number: "42" });
    const [msg] = await t.database.db.select().from(messages).where(eq(messages.conversationId, conv!.id));
    expect(msg!.body).toBe("Bus late");

    const page = await t.app.inject({ method: "POST", url: `/d/${d.district.slug}/topics/bus-concern`, ...form(Object.entries({ ...busFields(), message: "a\u0000b" })) });
    expect(page.statusCode).toBe(303);
    const back = await t.app.inject({ method: "POST", url: `${statusBase}/messages`, ...form([["message", "\u0000hi"]]) });
    expect(back.statusCode).toBe(303);
  });

  it("stores form answers with lone surrogates as U+FFFD instead of failing with a 500 (jsonb refuses them)", async () => {
    const res = await t.app.inject({
      method: "POST",
      url: `/api/public/${d.district.slug}/inquiries`,
      payload: { topic: "bus-concern", fields: { school: d.schools[0]!.id, bus_number: "7", road: "Elm\ud800St" }, message: "x\udfff", email: "a@example.com" },
    });
    expect(res.statusCode).toBe(201);
    const [conv] = await t.database.db.select().from(conversations).where(eq(conversations.reference, res.json<{ reference: string }>().reference));
    expect(conv!.fields).toMatchObject({ road: "Elm\ufffdSt" });
  });

  it("answers an overlong or badly encoded path segment with the public 404/400 page or problem+json, not Fastify's bare JSON", async () => {
    const long = "x".repeat(500);
    const pageRes = await t.app.inject({ method: "GET", url: `/d/${long}?lang=es`, headers: { "accept-language": "es" } });
    expect(pageRes.statusCode).toBe(404);
    expect(pageRes.headers["content-type"]).toBe("text/html; charset=utf-8");
    expect(pageRes.body).toContain('<html lang="es">');
    const token = await t.app.inject({ method: "GET", url: `/d/${d.district.slug}/c/${long}` });
    expect(token.statusCode).toBe(404);
    expect(token.body).toContain("<h1>Page not found</h1>");
    const bad = await t.app.inject({ method: "GET", url: `/d/${d.district.slug}/topics/%E0%A4%A` });
    expect(bad.statusCode).toBe(400);
    expect(bad.headers["content-type"]).toBe("text/html; charset=utf-8");
    const api = await t.app.inject({ method: "POST", url: `/api/public/${long}/inquiries`, payload: {} });
    expect(api.statusCode).toBe(404);
    expect(api.headers["content-type"]).toContain("application/problem+json");
    expect(api.json()).toMatchObject({ code: "not_found", status: 404 });
  });
});
