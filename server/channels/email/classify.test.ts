import { describe, expect, it } from "vitest";
import { classifyEmail } from "./classify.js";
import { parseEmail } from "./parse.js";

const classify = async (...lines: string[]) => classifyEmail(await parseEmail(Buffer.from(lines.join("\r\n"), "utf8")));
const family = (subject: string, body: string, ...headers: string[]) =>
  classify("From: Ana Pérez <ana@example.com>", "To: letstalk@riverside.example", `Subject: ${subject}`, "Message-ID: <m1@example.com>", ...headers, "", body);

function dsn(action: string, status: string): string[] {
  return [
    "From: Mail Delivery System <MAILER-DAEMON@mx.example.net>",
    "To: letstalk@riverside.example",
    "Subject: Undelivered Mail Returned to Sender",
    "Message-ID: <bounce-1@mx.example.net>",
    "Auto-Submitted: auto-replied",
    'Content-Type: multipart/report; report-type=delivery-status; boundary="r"',
    "",
    "--r",
    "Content-Type: text/plain",
    "",
    "This is the mail system at host mx.example.net.",
    "--r",
    "Content-Type: message/delivery-status",
    "",
    "Reporting-MTA: dns; mx.example.net",
    "",
    "Final-Recipient: rfc822; Dad@Example.org",
    `Action: ${action}`,
    `Status: ${status}`,
    "Diagnostic-Code: smtp; 550 5.1.1 <dad@example.org>: Recipient address rejected: User unknown",
    "--r",
    "Content-Type: text/rfc822-headers",
    "",
    "From: Riverside Let's Talk <letstalk@riverside.example>",
    "Message-ID: <out-42@riverside.example>",
    "Subject: Your case RUSD-1042",
    "--r--",
    "",
  ];
}

describe("classifyEmail: bounces", () => {
  it("reads an RFC 3464 failure: recipient, status, diagnostic and the Message-ID of our email", async () => {
    expect(await classify(...dsn("failed", "5.1.1"))).toEqual({
      kind: "bounce",
      reason: "dsn",
      suppressAutoReply: true,
      bounce: {
        recipients: ["dad@example.org"],
        status: "5.1.1",
        permanent: true,
        originalMessageId: "<out-42@riverside.example>",
        diagnostic: "smtp; 550 5.1.1 <dad@example.org>: Recipient address rejected: User unknown",
      },
    });
  });

  it("marks a delay as a bounce that is not permanent, and a success report as automatic mail", async () => {
    const delayed = await classify(...dsn("delayed", "4.4.1"));
    expect(delayed.kind).toBe("bounce");
    expect(delayed.bounce).toMatchObject({ permanent: false, status: "4.4.1" });
    expect((await classify(...dsn("delivered", "2.0.0"))).kind).toBe("auto_reply");
  });

  it("recognises a qmail bounce from its prose and finds the failed recipient", async () => {
    const c = await classify(
      "From: MAILER-DAEMON@mx4.example.jp",
      "To: letstalk@riverside.example",
      "Subject: failure notice",
      "",
      "Hi. This is the qmail-send program at mx4.example.jp.",
      "I'm afraid I wasn't able to deliver your message to the following addresses.",
      "This is a permanent error; I've given up. Sorry it didn't work out.",
      "",
      "<kijitora@example.ne.jp>:",
      "192.0.2.32 does not like recipient.",
      "Remote host said: 550 5.1.1 Unknown user",
      "",
      "--- Below this line is a copy of the message.",
      "",
      "Return-Path: <letstalk@riverside.example>",
      "Message-ID: <out-9@riverside.example>",
      "From: letstalk@riverside.example",
      "To: kijitora@example.ne.jp",
    );
    expect(c.kind).toBe("bounce");
    expect(c.bounce).toEqual({ recipients: ["kijitora@example.ne.jp"], status: "5.1.1", permanent: true, originalMessageId: "<out-9@riverside.example>" });
  });

  it("recognises an Exchange NDR and a Spanish one", async () => {
    const exchange = await classify(
      "From: postmaster@district.onmicrosoft.com",
      "To: letstalk@riverside.example",
      "Subject: Undeliverable: Your case RUSD-1042",
      "",
      "Delivery has failed to these recipients or groups:",
      "",
      "mom@example.org",
      "The email address you entered couldn't be found.",
    );
    expect(exchange).toMatchObject({ kind: "bounce", reason: "daemon-sender", bounce: { recipients: ["mom@example.org"], permanent: true } });
    const spanish = await classify(
      "From: Sistema de correo <postmaster@correo.example.mx>",
      "To: letstalk@riverside.example",
      "Subject: No se pudo entregar: Su caso RUSD-1042",
      "Auto-Submitted: auto-replied",
      "",
      "No se pudo entregar el mensaje a mama@example.mx: buzón lleno (4.2.2).",
    );
    expect(spanish).toMatchObject({ kind: "bounce", bounce: { recipients: ["mama@example.mx"], status: "4.2.2", permanent: false } });
  });

  it("takes X-Failed-Recipients at its word", async () => {
    const c = await classify("From: Mail Delivery System <Mailer-Daemon@e1.example.org>", "X-Failed-Recipients: abuela@example.org", "Subject: Mail delivery failed: returning message to sender", "", "A message that you sent could not be delivered to one or more of its recipients.");
    expect(c).toMatchObject({ kind: "bounce", reason: "x-failed-recipients", bounce: { recipients: ["abuela@example.org"] } });
  });
});

describe("classifyEmail: auto-replies", () => {
  it("follows RFC 3834 Auto-Submitted, but not Auto-Submitted: no", async () => {
    expect(await family("Re: Bus route 12", "I am away until Monday.", "Auto-Submitted: auto-replied")).toMatchObject({ kind: "auto_reply", reason: "auto-submitted:auto-replied" });
    expect((await family("Re: Bus route 12", "Thanks!", "Auto-Submitted: no")).kind).toBe("message");
  });

  it.each([
    ["Automatic reply: Your case RUSD-1042"],
    ["Out of Office: Your case RUSD-1042"],
    ["Respuesta automática: Su caso RUSD-1042"],
    ["Fuera de la oficina: Su caso RUSD-1042"],
    ["Abwesenheitsnotiz: Ihr Fall RUSD-1042"],
    ["Réponse automatique : Votre dossier RUSD-1042"],
  ])("recognises the out-of-office subject %s", async (subject) => {
    expect(await family(subject, "I am out of the office until January 12.")).toMatchObject({ kind: "auto_reply", reason: "subject" });
  });

  it("recognises vendor headers: X-Autoreply, Apple vacation, Precedence: auto_reply", async () => {
    expect((await family("Re: Case", "Away", "X-Autoreply: yes")).reason).toBe("x-autoreply");
    expect((await family("Re: Case", "Away", "X-Apple-Action: VACATION")).reason).toBe("x-apple-action");
    expect((await family("Re: Case", "Away", "Precedence: auto_reply")).reason).toBe("precedence");
  });
});

describe("classifyEmail: feedback reports", () => {
  it("recognises an ARF abuse report", async () => {
    const c = await classify(
      "From: feedbackloop@feedback.example.org",
      "Subject: Abuse Report",
      'Content-Type: multipart/report; report-type=feedback-report; boundary="f"',
      "",
      "--f",
      "Content-Type: text/plain",
      "",
      "This is an email abuse report.",
      "--f",
      "Content-Type: message/feedback-report",
      "",
      "Feedback-Type: abuse",
      "User-Agent: SomeGenerator/1.0",
      "Version: 1",
      "--f--",
      "",
    );
    expect(c).toEqual({ kind: "feedback_report", reason: "arf", suppressAutoReply: true });
  });
});

describe("classifyEmail: families' messages stay messages", () => {
  it.each([
    ["Absence - Leo Garcia (grade 3)", "Leo will be absent today, he has a fever."],
    ["Ausencia - Leo García (3er grado)", "Leo faltará hoy, tiene fiebre."],
    ["Vacation next week", "We will be traveling; how do we report the absence?"],
    ["Delivery of textbooks", "The textbook delivery to Lincoln was returned. Who do I ask?"],
    ["Fwd: bus schedule", "See the schedule my neighbor sent.\n\n---------- Forwarded message ---------\nFrom: Bob <bob@example.com>\n\nRoute 12 leaves at 7:10."],
    ["Re: Your case RUSD-1042", "Thank you! The mailbox at home was full so please call instead."],
  ])("keeps %s a message", async (subject, body) => {
    expect(await family(subject, body)).toEqual({ kind: "message", reason: "message", suppressAutoReply: false });
  });

  it("keeps newsletters and list mail messages, but never auto-acknowledges them", async () => {
    expect(await family("PTA newsletter", "News", "Precedence: bulk")).toEqual({ kind: "message", reason: "message", suppressAutoReply: true });
    expect((await family("PTA list", "News", "List-Id: <pta.lincoln.example>")).suppressAutoReply).toBe(true);
    expect((await classify("From: no-reply@portal.example.com", "Subject: New grade posted", "", "A grade was posted.")).suppressAutoReply).toBe(true);
  });
});
