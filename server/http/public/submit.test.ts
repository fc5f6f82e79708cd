import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { attachments, contactIdentities, conversations, messages, outboundEmails } from "../../db/schema/index.js";
import { buildDistrict, type TestDistrict } from "../../test/factories.js";
import { TEST_PUBLIC_URL, testApp, type TestApp } from "../../test/test-app.js";

let t: TestApp;
let d: TestDistrict;

const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==",
  "base64",
);

type FilePart = { name: string; filename: string; type: string; data: Buffer };

/** A multipart/form-data body as a browser sends it. */
function multipart(fields: [string, string][], files: FilePart[] = []) {
  const boundary = "----frontofficetest" + Math.random().toString(16).slice(2);
  const chunks: Buffer[] = [];
  for (const [name, value] of fields) {
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  }
  for (const f of files) {
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${f.name}"; filename="${f.filename}"\r\nContent-Type: ${f.type}\r\n\r\n`));
    chunks.push(f.data, Buffer.from("\r\n"));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), headers: { "content-type": `multipart/form-data; boundary=${boundary}` } };
}

const form = (fields: Record<string, string | string[]>) => ({
  payload: new URLSearchParams(Object.entries(fields).flatMap(([k, v]) => (Array.isArray(v) ? v.map((x) => [k, x]) : [[k, v]]))).toString(),
  headers: { "content-type": "application/x-www-form-urlencoded" },
});

const count = async () => (await t.database.db.select().from(conversations).where(eq(conversations.districtId, d.district.id))).length;
const emailCount = async () => (await t.database.db.select().from(outboundEmails).where(eq(outboundEmails.districtId, d.district.id))).length;

function busFields(over: Record<string, string> = {}): Record<string, string> {
  return {
    "fields.school": d.schools[1]!.id,
    "fields.bus_number": "42",
    "fields.road": "Elm & 5th",
    "fields.date": "2026-03-02",
    kind: "concern",
    requesterRole: "parent",
    message: "The bus was 20 minutes late again this morning.",
    name: "Ana García",
    email: "Ana.Garcia@Example.com",
    phone: "",
    language: "en",
    ...over,
  };
}

/** The conversation a private-link URL names (its token starts with the id, base64url-encoded). */
function conversationIdOf(location: string): string {
  const hex = Buffer.from(/\/c\/([A-Za-z0-9_-]{22})\./.exec(location)![1]!, "base64url").toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

beforeAll(async () => {
  t = await testApp();
  d = await buildDistrict(t, { prefix: "RUSD" });
});
afterAll(() => t.close());

describe("POST /d/:district/topics/:topic (the HTML form)", () => {
  it("stores an urlencoded submission, redirects to the private page, and emails the acknowledgement with its link", async () => {
    const before = await count();
    const res = await t.app.inject({ method: "POST", url: `/d/${d.district.slug}/topics/bus-concern?lang=en`, ...form(busFields()) });
    expect(res.statusCode).toBe(303);
    const location = String(res.headers.location);
    expect(location).toMatch(new RegExp(`^/d/${d.district.slug}/c/[A-Za-z0-9_-]{22}\\.[A-Za-z0-9_-]+\\?submitted=1&lang=en$`));
    expect(await count()).toBe(before + 1);
    const [conv] = await t.database.db.select().from(conversations).where(eq(conversations.id, conversationIdOf(location)));
    expect(conv).toMatchObject({
      topicId: d.topics.bus.id,
      departmentId: d.departments.transportation.id,
      schoolId: d.schools[1]!.id,
      kind: "concern",
      requesterRole: "parent",
      channel: "web_form",
      language: "en",
      isAnonymous: false,
      fields: { school: d.schools[1]!.id, bus_number: "42", road: "Elm & 5th", date: "2026-03-02" },
    });
    const [msg] = await t.database.db.select().from(messages).where(eq(messages.conversationId, conv!.id));
    expect(msg).toMatchObject({ direction: "inbound", body: "The bus was 20 minutes late again this morning." });

    await t.drain();
    const ack = t.mailer.sent.find((m) => m.subject.includes(conv!.reference));
    expect(ack?.to).toBe("ana.garcia@example.com");
    expect(ack?.text).toContain(`${TEST_PUBLIC_URL}${location.split("?")[0]}`);

    const page = await t.app.inject({ url: location });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("Thank you. We received your message.");
    expect(page.body).toContain(`<strong class="reference">${conv!.reference}</strong>`);
    expect(conv!.reference).toMatch(/^RUSD-\d+$/);
    expect(page.body).toContain("We will respond within 1 business day.");
    expect(page.body).toContain("We sent a confirmation to your email address.");
    expect(page.body).toContain("Bookmark this page to follow up");
  });

  it("stores a multipart submission with a real PNG as an attachment", async () => {
    const body = multipart(Object.entries(busFields({ email: "png.parent@example.com" })), [
      { name: "attachments", filename: "bus-stop.png", type: "image/png", data: PNG },
    ]);
    const res = await t.app.inject({ method: "POST", url: `/d/${d.district.slug}/topics/bus-concern?lang=en`, ...body });
    expect(res.statusCode).toBe(303);
    const files = await t.database.db
      .select({ a: attachments, conversationId: messages.conversationId })
      .from(attachments)
      .innerJoin(messages, eq(messages.id, attachments.messageId))
      .where(eq(attachments.districtId, d.district.id));
    expect(files).toHaveLength(1);
    expect(files[0]!.a).toMatchObject({ filename: "bus-stop.png", contentType: "image/png", size: PNG.length });
    expect(Buffer.compare(files[0]!.a.data, PNG)).toBe(0);
  });

  it("ignores an untouched file input", async () => {
    const body = multipart(Object.entries(busFields({ email: "nofile@example.com" })), [
      { name: "attachments", filename: "", type: "application/octet-stream", data: Buffer.alloc(0) },
    ]);
    const res = await t.app.inject({ method: "POST", url: `/d/${d.district.slug}/topics/bus-concern`, ...body });
    expect(res.statusCode).toBe(303);
  });

  it("re-renders with an error summary, marked fields and every value kept, storing nothing", async () => {
    const [before, emailsBefore] = [await count(), await emailCount()];
    const body = multipart(
      Object.entries(busFields({ "fields.bus_number": "", email: "not-an-email", message: "   ", name: "Ana <García>" })),
      [{ name: "attachments", filename: "bus.png", type: "image/png", data: PNG }],
    );
    const res = await t.app.inject({ method: "POST", url: `/d/${d.district.slug}/topics/bus-concern?lang=en`, ...body });
    expect(res.statusCode).toBe(400);
    const b = res.body;
    expect(b).toMatch(/<div class="error-summary" role="alert"/);
    expect(b).toContain('<a href="#field-bus_number">Bus number: this is required.</a>');
    expect(b).toContain('<a href="#message">Your message: this is required.</a>');
    expect(b).toContain('<a href="#email">Email address: enter an email address like name@example.com.</a>');
    expect(b).toMatch(/<input id="field-bus_number" name="fields.bus_number" type="text" aria-describedby="field-bus_number-error" aria-invalid="true" required>/);
    expect(b).toMatch(/<input id="email" name="email" type="email" value="not-an-email" autocomplete="email" aria-describedby="email-error" aria-invalid="true">/);
    expect(b).toContain('<p class="error-message" id="email-error">');
    // Kept values: the road, the chosen school, the kind, the name (escaped).
    expect(b).toContain('value="Elm &amp; 5th"');
    expect(b).toContain(`<option value="${d.schools[1]!.id}" selected>River High School</option>`);
    expect(b).toMatch(/<input id="kind-1" name="kind" type="radio" value="concern" checked/);
    expect(b).toContain('value="Ana &lt;García&gt;"');
    expect(b).toContain("Your files were not kept: please choose them again.");
    expect(b).toContain("<title>Error: Bus concern");
    expect(await count()).toBe(before);
    expect(await emailCount()).toBe(emailsBefore);
  });

  it("shows errors in Spanish on the Spanish form", async () => {
    const res = await t.app.inject({
      method: "POST",
      url: `/d/${d.district.slug}/topics/bus-concern?lang=es`,
      ...form(busFields({ "fields.bus_number": "", email: "", phone: "" })),
    });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('<html lang="es">');
    expect(res.body).toContain("Hay un problema");
    expect(res.body).toContain("Número de autobús: este dato es obligatorio.");
    expect(res.body).toContain("Escriba un correo electrónico o un número de teléfono para que podamos responderle.");
  });

  it("accepts a phone number instead of an email", async () => {
    const res = await t.app.inject({ method: "POST", url: `/d/${d.district.slug}/topics/bus-concern`, ...form(busFields({ email: "", phone: "(555) 201-3344" })) });
    expect(res.statusCode).toBe(303);
    const ids = await t.database.db.select().from(contactIdentities).where(and(eq(contactIdentities.districtId, d.district.id), eq(contactIdentities.value, "+15552013344")));
    expect(ids).toHaveLength(1);
  });

  it("refuses a file whose content is not what its name says (an HTML page named .pdf)", async () => {
    const before = await count();
    const body = multipart(Object.entries(busFields()), [
      { name: "attachments", filename: "report.pdf", type: "application/pdf", data: Buffer.from("<html><script>alert(1)</script></html>") },
    ]);
    const res = await t.app.inject({ method: "POST", url: `/d/${d.district.slug}/topics/bus-concern`, ...body });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('<a href="#attachments">Attach only PDF, photo, Word, Excel or text files.</a>');
    expect(await count()).toBe(before);
  });

  it("refuses more than 5 files", async () => {
    const before = await count();
    const files = Array.from({ length: 6 }, (_, i) => ({ name: "attachments", filename: `p${i}.png`, type: "image/png", data: PNG }));
    const res = await t.app.inject({ method: "POST", url: `/d/${d.district.slug}/topics/bus-concern`, ...multipart(Object.entries(busFields()), files) });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain("Attach at most 5 files.");
    expect(res.body).toContain(">The bus was 20 minutes late again this morning.</textarea>");
    expect(await count()).toBe(before);
  });

  it("refuses a file over 10 MB", async () => {
    const big = Buffer.concat([PNG, Buffer.alloc(10 * 1024 * 1024)]);
    const res = await t.app.inject({
      method: "POST",
      url: `/d/${d.district.slug}/topics/bus-concern`,
      ...multipart(Object.entries(busFields()), [{ name: "attachments", filename: "huge.png", type: "image/png", data: big }]),
    });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain("Each file must be 10 MB or smaller.");
  });

  it("stores an anonymous safety tip with no contact at all, and sends no email", async () => {
    const emailsBefore = await emailCount();
    const res = await t.app.inject({
      method: "POST",
      url: `/d/${d.district.slug}/topics/safety-tip?lang=en`,
      ...form({ message: "Someone is bringing a knife to school tomorrow.", anonymous: "1", name: "Secret Name", email: "tipster@example.com", kind: "concern", requesterRole: "student" }),
    });
    expect(res.statusCode).toBe(303);
    const [conv] = await t.database.db.select().from(conversations).where(eq(conversations.id, conversationIdOf(String(res.headers.location))));
    expect(conv).toMatchObject({ isAnonymous: true, contactId: null, requesterRole: "student" });
    const identities = await t.database.db.select().from(contactIdentities).where(eq(contactIdentities.value, "tipster@example.com"));
    expect(identities).toHaveLength(0);
    expect(await emailCount()).toBe(emailsBefore);
    const page = await t.app.inject({ url: String(res.headers.location) });
    expect(page.body).toContain("You wrote anonymously, so this page is the only way to read our answer.");
    expect(page.body).toContain("Bookmark this page to follow up");
    expect(page.body).not.toContain("We sent a confirmation");
  });

  it("needs an email or a phone when the family is not anonymous", async () => {
    const res = await t.app.inject({ method: "POST", url: `/d/${d.district.slug}/topics/general-question`, ...form({ message: "When does school start?" }) });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('<a href="#email">Give an email address or a phone number so we can answer you.</a>');
  });

  it("answers a malformed body with a 400 form, never a 500", async () => {
    const broken = await t.app.inject({
      method: "POST",
      url: `/d/${d.district.slug}/topics/bus-concern`,
      payload: "--xyz\r\nContent-Disposition: form-data; name=\"message\"\r\n\r\nhello",
      headers: { "content-type": "multipart/form-data; boundary=xyz" },
    });
    expect(broken.statusCode).toBe(400);
    expect(broken.headers["content-type"]).toContain("text/html");
    const weird = await t.app.inject({ method: "POST", url: `/d/${d.district.slug}/topics/bus-concern`, payload: "%%%&&&==", headers: { "content-type": "application/x-www-form-urlencoded" } });
    expect(weird.statusCode).toBe(400);
    const json = await t.app.inject({ method: "POST", url: `/d/${d.district.slug}/topics/bus-concern`, payload: "{nope", headers: { "content-type": "application/json" } });
    expect(json.statusCode).toBe(400);
    const xml = await t.app.inject({ method: "POST", url: `/d/${d.district.slug}/topics/bus-concern`, payload: "<a/>", headers: { "content-type": "application/xml" } });
    expect(xml.statusCode).toBe(415);
    expect(xml.headers["content-type"]).toContain("text/html");
  });

  it("answers a post to an unknown topic or district with a 404 page", async () => {
    const topic = await t.app.inject({ method: "POST", url: `/d/${d.district.slug}/topics/nope`, ...form(busFields()) });
    expect(topic.statusCode).toBe(404);
    expect(topic.headers["content-type"]).toContain("text/html");
    const district = await t.app.inject({ method: "POST", url: `/d/nope/topics/bus-concern`, ...form(busFields()) });
    expect(district.statusCode).toBe(404);
  });
});
