import { describe, expect, it } from "vitest";
import { extractReplyFromEmail } from "./reply-extract.js";
import { MAX_HTML_CHARS, parseEmail } from "./parse.js";

const eml = (...lines: string[]) => Buffer.from(lines.join("\r\n"), "latin1");
const PNG = Buffer.from("89504e470d0a1a0a0000000d4948445200000001000000010806000000", "hex");

describe("parseEmail", () => {
  it("reads threading headers, encoded names and subjects, groups and the date", async () => {
    const p = await parseEmail(
      Buffer.from(
        [
          "From: =?UTF-8?Q?Ana_P=C3=A9rez?= <Ana.Perez@Example.com>",
          'To: "Riverside Let\'s Talk" <letstalk@riverside.example>, Transport <bus@riverside.example>',
          "Cc: Family: papa@example.com, abuela@example.com;",
          "Reply-To: ana.work@example.com",
          "Subject: =?UTF-8?B?UHJlZ3VudGEgc29icmUgZWwgYXV0b2LDunM=?=",
          "Message-ID: <reply-1@mail.example.com>",
          "In-Reply-To: <out-1@riverside.example>",
          "References: <out-0@riverside.example>\r\n <out-1@riverside.example>",
          "Date: Mon, 05 Jan 2026 09:14:00 -0600",
          "MIME-Version: 1.0",
          "Content-Type: text/plain; charset=utf-8",
          "",
          "¿A qué hora pasa el autobús?",
        ].join("\r\n"),
        "utf8",
      ),
    );
    expect(p).toMatchObject({
      messageId: "<reply-1@mail.example.com>",
      inReplyTo: "<out-1@riverside.example>",
      references: ["<out-0@riverside.example>", "<out-1@riverside.example>"],
      from: { address: "ana.perez@example.com", name: "Ana Pérez" },
      to: [
        { address: "letstalk@riverside.example", name: "Riverside Let's Talk" },
        { address: "bus@riverside.example", name: "Transport" },
      ],
      cc: [
        { address: "papa@example.com", name: null },
        { address: "abuela@example.com", name: null },
      ],
      replyTo: { address: "ana.work@example.com", name: null },
      subject: "Pregunta sobre el autobús",
      text: "¿A qué hora pasa el autobús?",
      textSource: "plain",
      html: null,
      contentType: "text/plain",
    });
    expect(p.date?.toISOString()).toBe("2026-01-05T15:14:00.000Z");
  });

  it("decodes legacy charsets and quoted-printable bodies", async () => {
    const p = await parseEmail(
      eml("From: ana@example.com", "Subject: =?ISO-8859-1?Q?Inscripci=F3n?=", "Content-Type: text/plain; charset=ISO-8859-1", "Content-Transfer-Encoding: quoted-printable", "", "Buenos d=EDas, =BFhay cupo en kinder?"),
    );
    expect(p.subject).toBe("Inscripción");
    expect(p.text).toBe("Buenos días, ¿hay cupo en kinder?");
  });

  it("keeps text and sanitized HTML alternatives, inline images as cid references, attachments and calendar invites", async () => {
    const p = await parseEmail(
      eml(
        "From: ana@example.com",
        "To: letstalk@riverside.example",
        "Subject: Conference",
        "MIME-Version: 1.0",
        'Content-Type: multipart/mixed; boundary="mixed"',
        "",
        "--mixed",
        'Content-Type: multipart/related; boundary="rel"',
        "",
        "--rel",
        'Content-Type: multipart/alternative; boundary="alt"',
        "",
        "--alt",
        "Content-Type: text/plain; charset=utf-8",
        "",
        "See the photo and the invite.",
        "--alt",
        "Content-Type: text/html; charset=utf-8",
        "",
        '<p onclick="x()">See the <b>photo</b> and the invite.</p><img src="cid:photo1@example.com"><script>alert(1)</script>',
        "--alt--",
        "--rel",
        "Content-Type: image/png",
        "Content-ID: <photo1@example.com>",
        "Content-Disposition: inline",
        "Content-Transfer-Encoding: base64",
        "",
        PNG.toString("base64"),
        "--rel--",
        "--mixed",
        'Content-Type: application/pdf; name="permission slip.pdf"',
        'Content-Disposition: attachment; filename="permission slip.pdf"',
        "Content-Transfer-Encoding: base64",
        "",
        Buffer.from("%PDF-1.4 slip").toString("base64"),
        "--mixed",
        'Content-Type: text/calendar; method=REQUEST; name="invite.ics"',
        "",
        "BEGIN:VCALENDAR\r\nMETHOD:REQUEST\r\nBEGIN:VEVENT\r\nUID:conf-42@example.com\r\nSUMMARY:Parent-teacher\r\n  conference\r\nDTSTART:20260112T150000Z\r\nEND:VEVENT\r\nEND:VCALENDAR",
        "--mixed--",
        "",
      ),
    );
    expect(p.text).toBe("See the photo and the invite.");
    expect(p.html).toBe('<p>See the <b>photo</b> and the invite.</p><img src="cid:photo1@example.com" />');
    expect(p.unsafeHtml).toContain("<script>");
    const [image, pdf] = p.attachments;
    expect(image).toMatchObject({ contentType: "image/png", contentId: "photo1@example.com", inline: true, size: PNG.length });
    expect(pdf).toMatchObject({ filename: "permission slip.pdf", contentType: "application/pdf", inline: false });
    expect(pdf!.content.toString()).toBe("%PDF-1.4 slip");
    expect(p.calendar).toEqual([{ method: "REQUEST", summary: "Parent-teacher conference", start: "20260112T150000Z", uid: "conf-42@example.com" }]);
  });

  it("renders the text of an HTML-only message from its HTML", async () => {
    const p = await parseEmail(
      eml("From: ana@example.com", "Subject: Hi", "Content-Type: text/html; charset=utf-8", "", "<div>Hello,<br>Leo is sick today.</div><blockquote>On Monday you wrote: hi</blockquote>"),
    );
    expect(p.textSource).toBe("html");
    expect(p.text).toBe("Hello,\nLeo is sick today.\n> On Monday you wrote: hi");
    expect(extractReplyFromEmail(p).visible).toBe("Hello,\nLeo is sick today.");
  });

  it("separates the machine parts of a delivery report from its attachments", async () => {
    const p = await parseEmail(
      eml(
        "From: MAILER-DAEMON@mx.example.net",
        "Subject: Undelivered Mail Returned to Sender",
        'Content-Type: multipart/report; report-type=delivery-status; boundary="r"',
        "",
        "--r",
        "Content-Type: text/plain",
        "",
        "I'm sorry to have to inform you that your message could not be delivered.",
        "--r",
        "Content-Type: message/delivery-status",
        "",
        "Reporting-MTA: dns; mx.example.net",
        "",
        "Final-Recipient: rfc822; nobody@example.org",
        "Action: failed",
        "Status: 5.1.1",
        "--r",
        "Content-Type: text/rfc822-headers",
        "",
        "Message-ID: <out-7@riverside.example>",
        "Subject: Your case 1042",
        "--r--",
        "",
      ),
    );
    expect(p.contentType).toBe("multipart/report");
    expect(p.reportType).toBe("delivery-status");
    expect(p.report.deliveryStatus).toContain("Final-Recipient: rfc822; nobody@example.org");
    expect(p.report.returnedHeaders).toContain("Message-ID: <out-7@riverside.example>");
    expect(p.attachments).toEqual([]);
    expect(p.text).toContain("could not be delivered");
  });

  it("still reads the words of a message whose MIME boundary was lost to bad folding", async () => {
    const p = await parseEmail(
      eml("From: post_master@vtext.example.com", "Subject: Re:Test", 'Content-Type: multipart/mixed; boundary="outer"', "", "--outer", "Content-Type: multipart/alternative;", 'boundary="inner"', "", "--inner", "Content-Type: text/plain", "", "Error: Invalid user address", "--inner--", "--outer--"),
    );
    expect(p.textSource).toBe("raw");
    expect(p.text).toContain("Error: Invalid user address");
  });

  it("keeps the headers and the words of a message whose MIME structure mailparser refuses", async () => {
    const parts = Array.from({ length: 1100 }, (_, i) => `--b\r\nContent-Type: text/plain\r\n\r\npart ${i}\r\n`).join("");
    const p = await parseEmail(Buffer.from(`From: Ana <ana@example.com>\r\nSubject: =?UTF-8?Q?Inscripci=C3=B3n?=\r\nContent-Type: multipart/mixed; boundary="b"\r\n\r\n${parts}--b--\r\n`));
    expect(p.parseError).toMatch(/child nodes/);
    expect(p).toMatchObject({ from: { address: "ana@example.com" }, subject: "Inscripción", textSource: "raw", attachments: [] });
    expect(p.text).toMatch(/^part 0\n\npart 1\n/);
    expect(extractReplyFromEmail(p).visible).toMatch(/^part 0\n/);
  });

  it("does not throw on messages with no headers, no body or binary noise", async () => {
    for (const raw of [Buffer.alloc(0), Buffer.from("just some words\n"), Buffer.from([0, 255, 254, 10, 13, 10, 0x80, 0x81])]) {
      const p = await parseEmail(raw);
      expect(p.messageId).toBeNull();
      expect(p.from).toBeNull();
      expect(p.subject).toBe("");
    }
  });

  // The generous timeout is for loaded CI machines; the time budget itself is measured in benchmarks.
  it("parses a 20 MB message: the attachment intact, the HTML capped, the reply found", { timeout: 180_000 }, async () => {
    const attachment = Buffer.alloc(9 * 1024 * 1024, 7);
    const quote = "> Quoted history line that goes on for a while to make the message large.\r\n";
    const raw = eml(
      "From: ana@example.com",
      "Subject: Big",
      'Content-Type: multipart/mixed; boundary="b1"',
      "",
      "--b1",
      'Content-Type: multipart/alternative; boundary="b2"',
      "",
      "--b2",
      "Content-Type: text/plain; charset=utf-8",
      "",
      `Thanks, see the scan.\r\n\r\nOn Mon, Jan 5, 2026 at 9:14 AM Office <office@example.org> wrote:\r\n${quote.repeat(70_000)}`,
      "--b2",
      "Content-Type: text/html; charset=utf-8",
      "",
      `<div>Thanks, see the scan.</div><blockquote>${"<p>quoted <b>text</b></p>".repeat(150_000)}</blockquote>`,
      "--b2--",
      "--b1",
      'Content-Type: application/pdf; name="scan.pdf"',
      "Content-Transfer-Encoding: base64",
      "",
      attachment.toString("base64").replace(/.{76}/g, "$&\r\n"),
      "--b1--",
      "",
    );
    expect(raw.length).toBeGreaterThan(20 * 1024 * 1024);
    const p = await parseEmail(raw);
    expect(p.attachments[0]!.content.equals(attachment)).toBe(true);
    expect(p.htmlTruncated).toBe(true);
    expect(p.html!.length).toBeLessThanOrEqual(MAX_HTML_CHARS + 64);
    expect(p.text!.length).toBeGreaterThan(5_000_000);
    expect(extractReplyFromEmail(p).visible).toBe("Thanks, see the scan.");
  });
});
