import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import type { Language } from "../../../common/enums.js";
import { ratings } from "../../db/schema/index.js";
import { changeStatus, replyToConversation } from "../../domain/conversations/index.js";
import { buildDistrict, buildInquiry, buildStaff, type TestDistrict } from "../../test/factories.js";
import { testApp, type TestApp } from "../../test/test-app.js";

let t: TestApp;
let d: TestDistrict;
let other: TestDistrict;

/** Answers and resolves a fresh inquiry, and returns the rating link the family was emailed. */
async function resolvedWithSurvey(district: TestDistrict, language: Language = "en") {
  const agent = await buildStaff(t, district.district.id, { role: "admin", name: "Dana Reyes" });
  const { conversation } = await buildInquiry(t, district, { language, email: `family-${Math.random().toString(16).slice(2)}@example.com` });
  await t.tx(district.district.id, agent.actor, (ctx) => replyToConversation(ctx, conversation.id, "Fixed."));
  await t.tx(district.district.id, agent.actor, (ctx) => changeStatus(ctx, conversation.id, "resolved"));
  await t.drain();
  const survey = t.mailer.sent.find((m) => m.subject.includes(conversation.reference) && /\/rate\//.test(m.text));
  const token = /\/rate\/([A-Za-z0-9_-]+)/.exec(survey!.text)![1]!;
  return { conversation, token, path: `/d/${district.district.slug}/rate/${token}` };
}

const form = (fields: Record<string, string>) => ({
  payload: new URLSearchParams(fields).toString(),
  headers: { "content-type": "application/x-www-form-urlencoded" },
});

beforeAll(async () => {
  t = await testApp();
  d = await buildDistrict(t, { prefix: "RUSD" });
  other = await buildDistrict(t);
});
afterAll(() => t.close());

describe("the rating page", () => {
  it("asks three 1–10 questions as radio groups with legends, and takes the rating once", async () => {
    const { conversation, path } = await resolvedWithSurvey(d);
    const page = await t.app.inject({ url: path });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(conversation.reference);
    for (const legend of ["How accurate was our answer?", "How quickly did we answer?", "How courteous were we?"]) {
      expect(page.body).toContain(`<legend>${legend} <span class="mark">(required)</span></legend>`);
    }
    expect(page.body.match(/type="radio"/g)).toHaveLength(30);
    expect(page.body).toContain('<label for="timeliness-9">10</label>');
    expect(page.headers["cache-control"]).toBe("no-store");

    const res = await t.app.inject({ method: "POST", url: `${path}?lang=en`, ...form({ accuracy: "9", timeliness: "7", courtesy: "10", comment: "Quick and kind." }) });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`${path}?thanks=1&lang=en`);
    const thanks = await t.app.inject({ url: String(res.headers.location) });
    expect(thanks.statusCode).toBe(200);
    expect(thanks.body).toContain("Thank you for your rating");
    const [row] = await t.database.db.select().from(ratings).where(eq(ratings.conversationId, conversation.id));
    expect(row).toMatchObject({ accuracy: 9, timeliness: 7, courtesy: 10, comment: "Quick and kind." });

    const again = await t.app.inject({ method: "POST", url: path, ...form({ accuracy: "1", timeliness: "1", courtesy: "1" }) });
    expect(again.statusCode).toBe(409);
    expect(again.body).toContain("This answer has already been rated. Thank you!");
    expect((await t.app.inject({ url: path })).statusCode).toBe(409);
    const [still] = await t.database.db.select().from(ratings).where(eq(ratings.conversationId, conversation.id));
    expect(still!.accuracy).toBe(9);
  });

  it("re-renders with errors when a scale is missing or out of range, keeping the answers", async () => {
    const { conversation, path } = await resolvedWithSurvey(d);
    const res = await t.app.inject({ method: "POST", url: path, ...form({ accuracy: "8", timeliness: "11", comment: "Hmm" }) });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('<a href="#timeliness-0">How quickly did we answer? Choose a number from 1 to 10.</a>');
    expect(res.body).toContain('<a href="#courtesy-0">How courteous were we? Choose a number from 1 to 10.</a>');
    expect(res.body).not.toContain('href="#accuracy-0"');
    expect(res.body).toMatch(/<input id="accuracy-7" name="accuracy" type="radio" value="8" checked/);
    expect(res.body).toContain(">Hmm</textarea>");
    const [row] = await t.database.db.select().from(ratings).where(eq(ratings.conversationId, conversation.id));
    expect(row!.submittedAt).toBeNull();
  });

  it("speaks the conversation's language", async () => {
    const { path } = await resolvedWithSurvey(d, "es");
    const page = await t.app.inject({ url: path });
    expect(page.body).toContain('<html lang="es">');
    expect(page.body).toContain("¿Qué tan exacta fue nuestra respuesta?");
  });

  it("turns an expired link away with a friendly page", async () => {
    const { path } = await resolvedWithSurvey(d);
    t.clock.advance(31 * 86_400_000);
    try {
      const page = await t.app.inject({ url: path });
      expect(page.statusCode).toBe(409);
      expect(page.body).toContain("This rating link has expired.");
      const post = await t.app.inject({ method: "POST", url: path, ...form({ accuracy: "5", timeliness: "5", courtesy: "5" }) });
      expect(post.statusCode).toBe(409);
    } finally {
      t.clock.advance(-31 * 86_400_000);
    }
  });

  it("answers an unknown link, or another district's link under this district, with a 404 page", async () => {
    const foreign = await resolvedWithSurvey(other);
    for (const url of [`/d/${d.district.slug}/rate/${foreign.token}`, `/d/${d.district.slug}/rate/${"x".repeat(43)}`, `/d/${d.district.slug}/rate/short`]) {
      const res = await t.app.inject({ url });
      expect(res.statusCode, url).toBe(404);
      expect(res.headers["content-type"]).toContain("text/html");
      expect((await t.app.inject({ method: "POST", url, ...form({ accuracy: "5", timeliness: "5", courtesy: "5" }) })).statusCode).toBe(404);
    }
    expect((await t.app.inject({ url: foreign.path })).statusCode).toBe(200);
  });
});
