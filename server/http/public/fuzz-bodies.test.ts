/**
 * Issue 6, "bad input and attackers", second half: hostile emails through the webhook, malformed bodies on every
 * public write (broken JSON, wrong types, prototype keys, invalid UTF-8, NUL bytes, deep nesting, wrong content
 * types, huge bodies, broken multipart), and regression tests for the bugs the fuzzing found.
 */
import { eq, ne } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { conversations, inboundDeliveries, messages } from "../../db/schema/index.js";
import { form, show, useFuzz } from "../../test/fuzz.js";
import { NAUGHTY_STRINGS, XSS_PAYLOADS } from "../../test/fixtures/hostile-strings.js";

const f = useFuzz();

describe("hostile emails through the webhook (acknowledged, so they must be filed)", () => {
  it("files every email whose subject and body are naughty strings: no delivery left pending or failed", async () => {
    const sample = [...NAUGHTY_STRINGS.filter((_, i) => i % 8 === 0), ...XSS_PAYLOADS.slice(0, 10), "Hi\u0000there", "x\ud800y"];
    for (const [i, s] of sample.entries()) {
      const subject = s.replace(/[\r\n]/g, " ");
      const raw = Buffer.from(`From: Pat <pat${i}@example.com>\r\nTo: ${f.d.district.fromEmail}\r\nSubject: ${subject}\r\nMessage-ID: <fuzz-${i}@example.com>\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n${s}\r\n`);
      const res = await f.t.app.inject({ method: "POST", url: "/webhooks/email/raw", headers: { authorization: `Bearer ${f.d.webhookSecret}`, "content-type": "message/rfc822" }, payload: raw });
      f.check(`webhook email ${show(s)}`, "api", res);
      if (res.statusCode !== 202) f.failures.push(`webhook email ${show(s)}: ${res.statusCode}`);
    }
    await f.t.drain();
    const stuck = await f.t.database.db
      .select({ status: inboundDeliveries.status, error: inboundDeliveries.error })
      .from(inboundDeliveries)
      .where(ne(inboundDeliveries.status, "processed"));
    expect(stuck).toEqual([]);
    expect(f.failures).toEqual([]);
  }, 300_000);
});

describe("malformed bodies", () => {
  const nested = (depth: number) => `${'{"a":'.repeat(depth)}1${"}".repeat(depth)}`;
  const nestedArray = (depth: number) => `{"topic":"bus-concern","message":"x","email":"a@example.com","fields":${"[".repeat(depth)}${"]".repeat(depth)}}`;
  const invalidUtf8 = Buffer.concat([Buffer.from('{"topic":"bus-concern","message":"'), Buffer.from([0xff, 0xfe, 0xc3, 0x28, 0xed, 0xa0, 0x80]), Buffer.from('","email":"a@example.com"}')]);

  it("the JSON API: broken JSON, wrong types, prototype keys, invalid UTF-8, NUL bytes, deep nesting, wrong content types, huge bodies", async () => {
    const url = `/api/public/${f.d.district.slug}/inquiries`;
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
      const body = typeof payload === "string" ? payload.replace("SCHOOL", f.d.schools[0]!.id) : payload;
      const before = await f.counts();
      const res = await f.t.app.inject({ method: "POST", url, payload: body, headers });
      f.check(`API ${name}`, "api", res);
      f.checkStored(`API ${name}`, before, await f.counts(), res.statusCode === 201, true);
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(f.failures).toEqual([]);
  }, 120_000);

  it("the HTML forms: broken urlencoding, invalid UTF-8, NUL bytes, prototype keys, repeated keys, broken multipart, wrong types, huge bodies", async () => {
    const urlenc = { "content-type": "application/x-www-form-urlencoded" };
    const bus = new URLSearchParams(f.busFields()).toString();
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
      ["JSON", JSON.stringify(f.busFields()), { "content-type": "application/json" }],
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
      { name: "topic form", url: `/d/${f.d.district.slug}/topics/bus-concern?lang=es`, newConversation: true },
      { name: "write-back", url: `${f.statusBase}/messages?lang=es`, newConversation: false },
      { name: "rating", url: f.ratingPath, newConversation: false },
    ];
    for (const target of targets) {
      for (const [name, payload, headers] of cases) {
        const before = await f.counts();
        const res = await f.t.app.inject({ method: "POST", url: target.url, payload, headers });
        const label = `${target.name} ${name}`;
        f.check(label, "page", res);
        if (target.name !== "rating") f.checkStored(label, before, await f.counts(), res.statusCode === 303, target.newConversation);
      }
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(f.failures).toEqual([]);
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
      const res = await f.t.app.inject({ method: "POST", url: "/webhooks/email/raw", headers, payload });
      f.check(`webhook ${JSON.stringify(headers).slice(0, 80)}`, "api", res);
    }
    expect(f.failures).toEqual([]);
  }, 60_000);
});

describe("bugs the fuzzer found (regressions)", () => {
  it("stores a message with NUL bytes without them instead of failing with a 500 (PostgreSQL text refuses NUL)", async () => {
    const api = await f.t.app.inject({
      method: "POST",
      url: `/api/public/${f.d.district.slug}/inquiries`,
      payload: { topic: "bus-concern", fields: { school: f.d.schools[0]!.id, bus_number: "4\u00002" }, message: "Bus\u0000 late", email: "a@example.com" },
    });
    expect(api.statusCode).toBe(201);
    const reference = api.json<{ reference: string }>().reference;
    const [conv] = await f.t.database.db.select().from(conversations).where(eq(conversations.reference, reference));
    expect(conv!.fields).toMatchObject({ bus_number: "42" });
    const [msg] = await f.t.database.db.select().from(messages).where(eq(messages.conversationId, conv!.id));
    expect(msg!.body).toBe("Bus late");

    const page = await f.t.app.inject({ method: "POST", url: `/d/${f.d.district.slug}/topics/bus-concern`, ...form(Object.entries({ ...f.busFields(), message: "a\u0000b" })) });
    expect(page.statusCode).toBe(303);
    const back = await f.t.app.inject({ method: "POST", url: `${f.statusBase}/messages`, ...form([["message", "\u0000hi"]]) });
    expect(back.statusCode).toBe(303);
  });

  it("stores form answers with lone surrogates as U+FFFD instead of failing with a 500 (jsonb refuses them)", async () => {
    const res = await f.t.app.inject({
      method: "POST",
      url: `/api/public/${f.d.district.slug}/inquiries`,
      payload: { topic: "bus-concern", fields: { school: f.d.schools[0]!.id, bus_number: "7", road: "Elm\ud800St" }, message: "x\udfff", email: "a@example.com" },
    });
    expect(res.statusCode).toBe(201);
    const [conv] = await f.t.database.db.select().from(conversations).where(eq(conversations.reference, res.json<{ reference: string }>().reference));
    expect(conv!.fields).toMatchObject({ road: "Elm\ufffdSt" });
  });

  it("answers an overlong or badly encoded path segment with the public 404/400 page or problem+json, not Fastify's bare JSON", async () => {
    const long = "x".repeat(500);
    const pageRes = await f.t.app.inject({ method: "GET", url: `/d/${long}?lang=es`, headers: { "accept-language": "es" } });
    expect(pageRes.statusCode).toBe(404);
    expect(pageRes.headers["content-type"]).toBe("text/html; charset=utf-8");
    expect(pageRes.body).toContain('<html lang="es">');
    const token = await f.t.app.inject({ method: "GET", url: `/d/${f.d.district.slug}/c/${long}` });
    expect(token.statusCode).toBe(404);
    expect(token.body).toContain("<h1>Page not found</h1>");
    const bad = await f.t.app.inject({ method: "GET", url: `/d/${f.d.district.slug}/topics/%E0%A4%A` });
    expect(bad.statusCode).toBe(400);
    expect(bad.headers["content-type"]).toBe("text/html; charset=utf-8");
    const api = await f.t.app.inject({ method: "POST", url: `/api/public/${long}/inquiries`, payload: {} });
    expect(api.statusCode).toBe(404);
    expect(api.headers["content-type"]).toContain("application/problem+json");
    expect(api.json()).toMatchObject({ code: "not_found", status: 404 });
  });
});
