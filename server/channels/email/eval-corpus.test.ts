import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { evaluateEmailCorpus, parseAndClassify, type EmailProcessor } from "./eval-corpus.js";

const DEV_CORPUS = fileURLToPath(new URL("../../../../shared/corpora/email-robustness/dev", import.meta.url));

const FILES: Record<string, string> = {
  "family.eml": [
    "From: Ana <Ana@Example.com>",
    "Subject: Bus pass",
    'Content-Type: multipart/mixed; boundary="m"',
    "",
    "--m",
    "Content-Type: text/plain",
    "",
    "Leo needs a bus pass for route 12.",
    "--m",
    'Content-Type: application/pdf; name="form.pdf"',
    'Content-Disposition: attachment; filename="form.pdf"',
    "",
    "%PDF-1.4",
    "--m--",
    "",
  ].join("\r\n"),
  "bounce.eml": "From: MAILER-DAEMON@mx.example.net\r\nSubject: Mail delivery failed\r\nX-Failed-Recipients: dad@example.org\r\n\r\nA message that you sent could not be delivered.\r\n",
  "ooo.eml": "From: teacher@school.example\r\nSubject: Automatic reply: Bus pass\r\nAuto-Submitted: auto-replied\r\n\r\nI am out of the office.\r\n",
};
const MANIFEST = [
  { file: "family.eml", kind: "message", expected: { subject: "Bus pass", from: "ana@example.com", text_contains: "bus pass for  route 12", attachments: ["form.pdf"] } },
  { file: "bounce.eml", kind: "bounce", expected: {} },
  { file: "ooo.eml", kind: "auto_reply", expected: { subject: "Out of office" } },
  { file: "missing.eml", kind: "message" },
];

describe("evaluateEmailCorpus", () => {
  let dir = "";
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "fo-corpus-"));
    for (const [name, body] of Object.entries(FILES)) fs.writeFileSync(path.join(dir, name), body);
    fs.writeFileSync(path.join(dir, "manifest.jsonl"), MANIFEST.map((m) => JSON.stringify(m)).join("\n") + "\n");
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("scores kinds, expected fields and crashes of the channel's own pipeline", async () => {
    const s = await evaluateEmailCorpus(dir);
    expect(s).toMatchObject({ n: 4, crashed: 1, kind_accuracy: 0.75, false_inquiries: 0, field_mismatches: 1 });
    expect(s.results.find((r) => r.file === "ooo.eml")!.mismatches).toEqual(["subject"]);
    expect(s.results.find((r) => r.file === "missing.eml")!.error).toMatch(/ENOENT/);
    expect(s.confusion).toEqual({ message: { message: 1, crash: 1 }, bounce: { bounce: 1 }, auto_reply: { auto_reply: 1 } });
  });

  it("counts automatic mail another pipeline turned into inquiries", async () => {
    const everythingIsAMessage: EmailProcessor = async (raw, file) => ({ ...(await parseAndClassify(raw)), kind: file === "ooo.eml" ? "auto_reply" : "message" });
    const s = await evaluateEmailCorpus(dir, everythingIsAMessage);
    expect(s.false_inquiries).toBe(1);
    expect(s.results.find((r) => r.file === "bounce.eml")!.kind).toBe("message");
  });
});

describe.skipIf(!fs.existsSync(DEV_CORPUS))("the email-robustness development corpus", () => {
  it("parses every message, mistakes no automatic mail for an inquiry and classifies at least 99% right", { timeout: 600_000 }, async () => {
    const s = await evaluateEmailCorpus(DEV_CORPUS);
    expect(s.crashed).toBe(0);
    expect(s.false_inquiries).toBe(0);
    expect(s.field_mismatches).toBe(0);
    expect(s.kind_accuracy).toBeGreaterThanOrEqual(0.99);
  });
});
