import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHash } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { attachments, conversations, messages } from "../../db/schema/index.js";
import { addNote, changeStatus, replyToConversation } from "../../domain/conversations/index.js";
import { buildDistrict, buildInquiry, buildStaff, type TestDistrict, type TestStaff } from "../../test/factories.js";
import { testApp, type TestApp } from "../../test/test-app.js";

let t: TestApp;
let d: TestDistrict;
let other: TestDistrict;
let agent: TestStaff;

const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==", "base64");
const pathOf = (statusUrl: string) => new URL(statusUrl).pathname;
const form = (fields: Record<string, string>) => ({
  payload: new URLSearchParams(fields).toString(),
  headers: { "content-type": "application/x-www-form-urlencoded" },
});
const attachmentIds = (body: string) => [...body.matchAll(/\/attachments\/([0-9a-f-]{36})"/g)].map((m) => m[1]!);

beforeAll(async () => {
  t = await testApp();
  d = await buildDistrict(t, { prefix: "RUSD" });
  other = await buildDistrict(t);
  agent = await buildStaff(t, d.district.id, { departmentIds: [d.departments.transportation.id], name: "Dana Reyes" });
});
afterAll(() => t.close());

describe("GET /d/:district/c/:token (the family's private page)", () => {
  it("shows the reference, the status in family words, the topic, staff replies with their name, and never notes", async () => {
    const { conversation, statusUrl } = await buildInquiry(t, d, { attachments: [{ filename: "stop.png", contentType: "image/png", data: PNG }] });
    let page = await t.app.inject({ url: pathOf(statusUrl) });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`<h1>Your conversation ${conversation.reference}</h1>`);
    expect(page.body).toMatch(/<strong class="status status-new">Received<\/strong>/);
    expect(page.body).toContain("<dd>Bus concern</dd>");
    expect(page.body).toContain("The bus was 20 minutes late again this morning.");

    await t.tx(d.district.id, agent.actor, (ctx) => replyToConversation(ctx, conversation.id, "We spoke to the driver <and> the route is fixed."));
    await t.tx(d.district.id, agent.actor, (ctx) => addNote(ctx, conversation.id, "Internal: the driver has had two warnings."));
    page = await t.app.inject({ url: pathOf(statusUrl) });
    expect(page.body).toContain("<strong>Dana Reyes</strong>");
    expect(page.body).toContain("We spoke to the driver &lt;and&gt; the route is fixed.");
    expect(page.body).toMatch(/status-open">In progress</);
    expect(page.body).not.toContain("two warnings");
    expect(page.body).not.toContain("Thank you. We received your message.");
  });

  it("is private: never cached, indexed or framed, and sends no Referer", async () => {
    const { statusUrl } = await buildInquiry(t, d);
    const res = await t.app.inject({ url: pathOf(statusUrl) });
    expect(res.headers["cache-control"]).toBe("no-store");
    expect(res.headers["x-robots-tag"]).toBe("noindex, nofollow");
    expect(res.headers["content-security-policy"]).toContain("frame-ancestors 'none'");
    expect(res.headers["x-frame-options"]).toBe("DENY");
    expect(res.headers["referrer-policy"]).toBe("no-referrer");
  });

  it("downloads the thread's attachments, and only those", async () => {
    const { conversation, statusUrl } = await buildInquiry(t, d, { attachments: [{ filename: "río stop.png", contentType: "image/png", data: PNG }] });
    const page = await t.app.inject({ url: pathOf(statusUrl) });
    const [id] = attachmentIds(page.body);
    const file = await t.app.inject({ url: `${pathOf(statusUrl)}/attachments/${id}` });
    expect(file.statusCode).toBe(200);
    expect(file.headers["content-type"]).toBe("image/png");
    expect(file.headers["content-disposition"]).toBe(`attachment; filename="r_o stop.png"; filename*=UTF-8''r%C3%ADo%20stop.png`);
    expect(file.headers["x-content-type-options"]).toBe("nosniff");
    expect(Buffer.compare(file.rawPayload, PNG)).toBe(0);

    // Another conversation's file, a file on an internal note, and nonsense ids are all missing.
    const second = await buildInquiry(t, d, { attachments: [{ filename: "other.png", contentType: "image/png", data: PNG }] });
    const otherId = attachmentIds((await t.app.inject({ url: pathOf(second.statusUrl) })).body)[0]!;
    const note = await t.tx(d.district.id, agent.actor, (ctx) => addNote(ctx, conversation.id, "Photo from the bus camera"));
    const [noteFile] = await t.database.db
      .insert(attachments)
      .values({ districtId: d.district.id, messageId: note.id, filename: "camera.png", contentType: "image/png", size: PNG.length, sha256: createHash("sha256").update(PNG).digest("hex"), data: PNG })
      .returning();
    for (const bad of [otherId, noteFile!.id, "not-a-uuid", "00000000-0000-0000-0000-000000000000"]) {
      expect((await t.app.inject({ url: `${pathOf(statusUrl)}/attachments/${bad}` })).statusCode, bad).toBe(404);
    }
    expect((await t.app.inject({ url: pathOf(statusUrl) })).body).not.toContain("camera.png");
  });

  it("answers a forged, revoked or foreign link with a 404 page", async () => {
    const { conversation, statusUrl } = await buildInquiry(t, d);
    const path = pathOf(statusUrl);
    const forged = path.slice(0, -3) + (path.endsWith("AAA") ? "BBB" : "AAA");
    for (const url of [forged, `/d/${d.district.slug}/c/nonsense`, `/d/${d.district.slug}/c/${"A".repeat(22)}.x`]) {
      const res = await t.app.inject({ url });
      expect(res.statusCode, url).toBe(404);
      expect(res.headers["content-type"]).toContain("text/html");
    }
    const foreign = await buildInquiry(t, other);
    const token = foreign.statusUrl.split("/c/")[1]!;
    expect((await t.app.inject({ url: `/d/${d.district.slug}/c/${token}` })).statusCode).toBe(404);
    expect((await t.app.inject({ url: `/d/${other.district.slug}/c/${token}` })).statusCode).toBe(200);
    await t.database.db.update(conversations).set({ accessVersion: sql`${conversations.accessVersion} + 1` }).where(eq(conversations.id, conversation.id));
    expect((await t.app.inject({ url: path })).statusCode).toBe(404);
  });
});

describe("POST /d/:district/c/:token/messages (the family writes back)", () => {
  it("stores the message, reopens a conversation waiting on the family, and says it was sent", async () => {
    const { conversation, statusUrl } = await buildInquiry(t, d);
    await t.tx(d.district.id, agent.actor, (ctx) => replyToConversation(ctx, conversation.id, "Which stop do you use?"));
    await t.tx(d.district.id, agent.actor, (ctx) => changeStatus(ctx, conversation.id, "pending"));
    expect((await t.app.inject({ url: pathOf(statusUrl) })).body).toContain("Waiting for your answer");

    const res = await t.app.inject({ method: "POST", url: `${pathOf(statusUrl)}/messages?lang=en`, ...form({ message: "The stop at Elm and 5th." }) });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`${pathOf(statusUrl)}?sent=1&lang=en`);
    const [row] = await t.database.db.select().from(conversations).where(eq(conversations.id, conversation.id));
    expect(row!.status).toBe("open");
    const stored = await t.database.db.select().from(messages).where(eq(messages.conversationId, conversation.id));
    expect(stored.find((m) => m.body === "The stop at Elm and 5th.")).toMatchObject({ direction: "inbound", channel: "web_form", authorContactId: conversation.contactId });

    const page = await t.app.inject({ url: String(res.headers.location) });
    expect(page.body).toContain('<p class="panel panel-success" role="status">Your message was sent.</p>');
    expect(page.body).toContain("The stop at Elm and 5th.");
    expect(page.body).toContain("In progress");
  });

  it("takes files with the answer, and lists them for download", async () => {
    const { statusUrl } = await buildInquiry(t, d);
    const boundary = "----frontoffice-writeback";
    const payload = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="message"\r\n\r\nHere is the photo of the stop.\r\n`),
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="attachments"; filename="stop-sign.png"\r\nContent-Type: image/png\r\n\r\n`),
      PNG,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const res = await t.app.inject({
      method: "POST",
      url: `${pathOf(statusUrl)}/messages`,
      payload,
      headers: { "content-type": `multipart/form-data; boundary=${boundary}` },
    });
    expect(res.statusCode).toBe(303);
    const page = await t.app.inject({ url: String(res.headers.location) });
    expect(page.body).toContain("Here is the photo of the stop.");
    expect(page.body).toMatch(/download>stop-sign\.png<\/a> \(\d+ B\)/);
    const [id] = attachmentIds(page.body);
    expect((await t.app.inject({ url: `${pathOf(statusUrl)}/attachments/${id}` })).rawPayload.equals(PNG)).toBe(true);
  });

  it("re-renders with the error when the message is empty, storing nothing", async () => {
    const { conversation, statusUrl } = await buildInquiry(t, d, { language: "es" });
    const before = (await t.database.db.select().from(messages).where(eq(messages.conversationId, conversation.id))).length;
    const res = await t.app.inject({ method: "POST", url: `${pathOf(statusUrl)}/messages`, ...form({ message: "   " }) });
    expect(res.statusCode).toBe(400);
    // No ?lang and no cookie: the page speaks the conversation's language.
    expect(res.body).toContain('<html lang="es">');
    expect(res.body).toContain('<a href="#message">Su mensaje: este dato es obligatorio.</a>');
    expect(res.body).toMatch(/<textarea id="message" name="message" rows="6" aria-describedby="message-error" aria-invalid="true" required>/);
    expect((await t.database.db.select().from(messages).where(eq(messages.conversationId, conversation.id))).length).toBe(before);
  });

  it("refuses to write into a conversation through a forged or foreign link", async () => {
    const foreign = await buildInquiry(t, other);
    const token = foreign.statusUrl.split("/c/")[1]!;
    const res = await t.app.inject({ method: "POST", url: `/d/${d.district.slug}/c/${token}/messages`, ...form({ message: "hello" }) });
    expect(res.statusCode).toBe(404);
  });
});
