/**
 * Issue 6, "bad input and attackers": every public endpoint gets the Big List of Naughty Strings and XSS payloads in
 * every field, query parameter and path segment. Never a 5xx; errors are problem+json (API, webhooks) or an HTML page
 * (the forms); a refused request stores nothing and an accepted one exactly one conversation or message; no markup
 * comes back raw. Malformed bodies and the bugs this found are in fuzz-bodies.test.ts (a second file runs alongside).
 */
import { describe, expect, it } from "vitest";
import { buildApp } from "../../app.js";
import { DEFAULT_SECURITY } from "../../config/index.js";
import { enc, form, HOSTILE, show, useFuzz, type Kind } from "../../test/fuzz.js";
import { NAUGHTY_STRINGS, XSS_PAYLOADS } from "../../test/fixtures/hostile-strings.js";

const f = useFuzz();

describe("hostile strings on every public endpoint", () => {
  it("GET pages with naughty query strings and path segments", async () => {
    const slug = f.d.district.slug;
    for (const [i, s] of HOSTILE.entries()) {
      const q = `q=${enc(s)}&lang=${enc(s)}&embed=${enc(s)}&submitted=${enc(s)}&sent=${enc(s)}&thanks=${enc(s)}`;
      // Every string on the landing page, the form and embed.js; every third on the private pages (same code path).
      const urls = [`/d/${slug}?${q}`, `/d/${slug}/topics/bus-concern?${q}`, `/embed.js?district=${enc(s)}&lang=${enc(s)}`];
      if (i % 3 === 0) urls.push(`${f.statusBase}?${q}`, `${f.ratingPath}?${q}`);
      for (const url of urls) {
        const res = await f.t.app.inject({ method: "GET", url, headers: { "accept-language": s.replace(/[^\t\x20-\x7e]/g, "") } });
        f.check(`GET ${url.split("?")[0]} ${show(s)}`, "page", res, [s]);
        if (res.statusCode !== 200) f.failures.push(`GET ${url.split("?")[0]} ${show(s)}: ${res.statusCode}`);
      }
      const seg = enc(s);
      for (const url of [`/d/${seg}`, `/d/${slug}/topics/${seg}`, `/d/${slug}/c/${seg}`, `/d/${slug}/rate/${seg}`, `${f.statusBase}/attachments/${seg}`]) {
        f.check(`GET ${url.slice(0, 80)}`, "page", await f.t.app.inject({ method: "GET", url }), [s]);
      }
    }
    expect(f.failures).toEqual([]);
  }, 300_000);

  it("POSTs to naughty districts, topics, links and rating tokens (limits on: they key on the path)", async () => {
    const limited = await buildApp({ ...f.t.deps, security: DEFAULT_SECURITY });
    try {
      for (const [i, s] of HOSTILE.entries()) {
        // Every other string: the path only picks the district, topic or link, the same code for all of them.
        if (i % 2 === 1 && !/[\u0000\ud800-\udfff]/.test(s)) continue;
        const seg = enc(s);
        const posts: [string, Kind, Record<string, unknown>][] = [
          [`/d/${seg}/topics/bus-concern`, "page", form(Object.entries(f.busFields()))],
          [`/d/${f.d.district.slug}/topics/${seg}`, "page", form(Object.entries(f.busFields()))],
          [`/d/${seg}/c/${seg}/messages`, "page", form([["message", "hi"]])],
          [`/d/${f.d.district.slug}/rate/${seg}`, "page", form([["accuracy", "9"]])],
          [`/api/public/${seg}/inquiries`, "api", { payload: { topic: "bus-concern", message: "x", email: "a@example.com" } }],
        ];
        for (const [url, kind, opts] of posts) {
          const before = await f.counts();
          // A fresh address per request: the limits are on and must not be what answers.
          const res = await limited.inject({ method: "POST", url, remoteAddress: `10.${i >> 8}.${i & 255}.${posts.length}`, ...opts });
          f.check(`POST ${url.slice(0, 80)}`, kind, res, [s]);
          if (res.statusCode === 429) f.failures.push(`POST ${url.slice(0, 80)}: 429`);
          f.checkStored(`POST ${url.slice(0, 80)}`, before, await f.counts(), res.statusCode < 400, url.includes("/topics/") || url.includes("/inquiries"));
        }
      }
    } finally {
      await limited.close();
    }
    expect(f.failures).toEqual([]);
  }, 300_000);

  it("the topic form (HTML POST) with naughty values in every field", async () => {
    const url = `/d/${f.d.district.slug}/topics/bus-concern?lang=en`;
    for (const s of HOSTILE) {
      for (const target of [["message", "name", "fields.road", "fields.bus_number"], ["email", "phone", "fields.school", "fields.date", "kind", "requesterRole", "language", "anonymous", "consent"]]) {
        const fields = { ...f.busFields() };
        for (const k of target) fields[k] = s;
        const before = await f.counts();
        const res = await f.t.app.inject({ method: "POST", url, ...form(Object.entries(fields)) });
        const label = `POST topic form [${target[0]}…] ${show(s)}`;
        f.check(label, "page", res, [s]);
        if (![303, 400].includes(res.statusCode)) f.failures.push(`${label}: ${res.statusCode}`);
        f.checkStored(label, before, await f.counts(), res.statusCode === 303, true);
      }
    }
    expect(f.failures).toEqual([]);
  }, 300_000);

  it("the JSON inquiries API with naughty values in every field", async () => {
    const url = `/api/public/${f.d.district.slug}/inquiries`;
    for (const s of HOSTILE) {
      const base = { topic: "bus-concern", fields: { school: f.d.schools[0]!.id, bus_number: "7", road: "Elm" }, message: "Late bus.", email: "a@example.com" };
      const bodies = [
        { ...base, message: s, name: s, fields: { ...base.fields, road: s, bus_number: s } },
        { ...base, email: s, phone: s, language: s, requesterRole: s, kind: s, fields: { ...base.fields, school: s, [s.slice(0, 40) || "k"]: s } },
        { ...base, topic: s },
      ];
      for (const [i, body] of bodies.entries()) {
        const before = await f.counts();
        const res = await f.t.app.inject({ method: "POST", url, payload: body });
        const label = `POST inquiries #${i} ${show(s)}`;
        f.check(label, "api", res);
        if (![201, 400, 404, 422].includes(res.statusCode)) f.failures.push(`${label}: ${res.statusCode}`);
        f.checkStored(label, before, await f.counts(), res.statusCode === 201, true);
      }
    }
    expect(f.failures).toEqual([]);
  }, 300_000);

  it("the status page write-back and the rating form with naughty values", async () => {
    for (const s of HOSTILE) {
      const before = await f.counts();
      const res = await f.t.app.inject({ method: "POST", url: `${f.statusBase}/messages?lang=es`, ...form([["message", s]]) });
      const label = `POST write-back ${show(s)}`;
      f.check(label, "page", res, [s]);
      if (![303, 400].includes(res.statusCode)) f.failures.push(`${label}: ${res.statusCode}`);
      f.checkStored(label, before, await f.counts(), res.statusCode === 303, false);

      const rate = await f.t.app.inject({ method: "POST", url: f.ratingPath, ...form([["accuracy", s], ["timeliness", s], ["courtesy", s], ["comment", s]]) });
      f.check(`POST rating ${show(s)}`, "page", rate, [s]);
      if (![303, 400, 409].includes(rate.statusCode)) f.failures.push(`POST rating ${show(s)}: ${rate.statusCode}`);
    }
    expect(f.failures).toEqual([]);
  }, 300_000);

  it("staff sign-in with naughty districts, emails and passwords (a sample: each costs an Argon2 check)", async () => {
    const sample = [...NAUGHTY_STRINGS.filter((_, i) => i % 12 === 0), ...XSS_PAYLOADS.slice(0, 5), "a\u0000b", "\ud800"];
    for (const s of sample) {
      for (const payload of [{ district: s, email: s, password: s || "x" }, { district: f.d.district.slug, email: `${s}@riverside.test`, password: s || "x" }]) {
        const res = await f.t.app.inject({ method: "POST", url: "/api/auth/login", payload });
        f.check(`POST login ${show(s)}`, "api", res);
        if (![400, 401, 429].includes(res.statusCode)) f.failures.push(`POST login ${show(s)}: ${res.statusCode}`);
      }
    }
    expect(f.failures).toEqual([]);
  }, 300_000);

  it("the email webhook with naughty secrets and bodies", async () => {
    for (const s of HOSTILE) {
      const secret = s.replace(/[^\t\x20-\x7e]/g, "?");
      const res = await f.t.app.inject({ method: "POST", url: "/webhooks/email/raw", headers: { "content-type": "message/rfc822", authorization: `Bearer ${secret}` }, payload: s || "x" });
      f.check(`POST webhook ${show(s)}`, "api", res);
      if (res.statusCode !== 401) f.failures.push(`POST webhook ${show(s)}: ${res.statusCode}`);
    }
    expect(f.failures).toEqual([]);
  }, 300_000);
});
