import { describe, expect, it } from "vitest";
import { extractVisibleReply, extractVisibleReplyFromHtml } from "./reply-extract.js";

const reply = (text: string) => extractVisibleReply(text);

describe("extractVisibleReply: quote headers", () => {
  it("folds a Gmail quote whose attribution wraps over two lines", () => {
    const r = reply(
      "Thanks, the bus came on time today.\n\nOn Mon, Jan 5, 2026 at 9:14 AM Riverside Let's Talk <\nletstalk@riverside.example> wrote:\n\n> Is route 12 still running late?\n> We are checking with Transportation.\n",
    );
    expect(r.visible).toBe("Thanks, the bus came on time today.");
    expect(r.quoted).toContain("> Is route 12 still running late?");
    expect(r.signature).toBeNull();
  });

  it("folds Spanish attributions, long and short", () => {
    expect(
      reply("Gracias, ya recibí la información.\n\nEl lun, 5 ene 2026 a las 9:14, Oficina (<letstalk@riverside.example>) escribió:\n\n> ¿Cuándo empieza el autobús?\n").visible,
    ).toBe("Gracias, ya recibí la información.");
    expect(reply("Perfecto, nos vemos el lunes.\n\nEl 5/1/2026, Ana escribió:\n> Hola Ana,\n> La reunión es el lunes.\n").visible).toBe(
      "Perfecto, nos vemos el lunes.",
    );
  });

  it.each([
    ["French", "Le lun. 5 janv. 2026 à 09:14, Office <office@example.org> a écrit :"],
    ["German", "Am Mo., 5. Jan. 2026 um 09:14 Uhr schrieb Office <office@example.org>:"],
    ["Portuguese", "Em seg., 5 de jan. de 2026 às 09:14, Office <office@example.org> escreveu:"],
    ["Dutch", "Op ma 5 jan. 2026 om 09:14 schreef Office <office@example.org>:"],
    ["Italian", "Il giorno lun 5 gen 2026 alle ore 09:14 Office <office@example.org> ha scritto:"],
    ["Russian", "пн, 5 янв. 2026 г. в 09:14, Office <office@example.org>:"],
    ["Polish", "pon., 5 sty 2026 o 09:14 Office <office@example.org> napisał(a):"],
    ["Swedish", "mån 5 jan. 2026 kl 09:14 skrev Office <office@example.org>:"],
    ["Chinese", "Office <office@example.org> 于2026年1月5日周一 09:14写道："],
    ["Japanese", "2026年1月5日(月) 9:14 Office <office@example.org>:"],
    ["Korean", "2026년 1월 5일 (월) 오전 9:14, Office <office@example.org>님이 작성:"],
    ["Turkish", "Office <office@example.org>, 5 Oca 2026 Pzt, 09:14 tarihinde şunu yazdı:"],
    ["Hungarian", "Office <office@example.org> ezt írta (időpont: 2026. jan. 5., H, 9:14):"],
    ["Mutt", "* Office <office@example.org> [2026-01-05 09:14]:"],
  ])("folds a %s attribution", (_language, header) => {
    const r = reply(`Merci / Danke / Obrigado.\n\n${header}\n\n> The field trip form is attached.\n> Please return it by Friday.\n`);
    expect(r.visible).toBe("Merci / Danke / Obrigado.");
    expect(r.quoted).toContain(header);
  });

  it("folds an Outlook header block in English and in Spanish, with the rule above it", () => {
    const english = reply(
      "Thank you, that answers it.\n\n________________________________\nFrom: Riverside Let's Talk <letstalk@riverside.example>\nSent: Monday, January 5, 2026 9:14 AM\nTo: Ana Pérez <ana@example.com>\nSubject: RE: Bus route 12\n\nHello Ana,\nYour case was received.",
    );
    expect(english.visible).toBe("Thank you, that answers it.");
    expect(english.quoted).toMatch(/^_+\nFrom: Riverside/);
    const spanish = reply(
      "Muchas gracias.\n\nDe: Oficina Central <letstalk@riverside.example>\nEnviado: lunes, 5 de enero de 2026 9:14\nPara: Ana Pérez <ana@example.com>\nAsunto: RE: Transporte\n\nHola Ana,\nSu caso fue recibido.",
    );
    expect(spanish.visible).toBe("Muchas gracias.");
  });

  it("folds everything under an original-message banner, in any language", () => {
    expect(reply("See below.\n\n-----Original Message-----\nFrom: Ana\nSent: Monday\n\nHello").visible).toBe("See below.");
    expect(reply("Ver abajo.\n\n-------- Mensaje original --------\nDe: Ana\n\nHola").visible).toBe("Ver abajo.");
    expect(reply("Voir ci-dessous.\n\n-------- Message d'origine --------\nDe : Ana\n\nBonjour").visible).toBe("Voir ci-dessous.");
  });

  it("folds a short quote whose attribution is itself quoted, as iOS Mail writes it", () => {
    expect(reply("Ok, thank you\n\n> On Jan 5, 2026, at 9:14 AM, Office <office@example.org> wrote:\n> See you Tuesday.").visible).toBe("Ok, thank you");
  });

  it("splits a reply that shares its line with the attribution", () => {
    expect(reply("Yes, Tuesday works On Wed, Apr 4, 2012 at 3:59 PM, office@example.org wrote:\n> Can you meet?").visible).toBe(
      "Yes, Tuesday works",
    );
  });
});

describe("extractVisibleReply: what stays visible", () => {
  it("keeps a message without quoted history whole, including sentences that start with On", () => {
    const text = "Hi, my daughter Maria needs a bus pass.\nOn Monday she missed the bus.\nThanks";
    expect(reply(text)).toEqual({ visible: text, quoted: null, signature: null });
  });

  it("keeps text written below the quote (bottom posting)", () => {
    const r = reply("Thanks for the update.\n\nOn 04/19/2026 07:10 AM, Office <office@example.org> wrote:\n\n> The bus is late.\n> Sorry.\n\nRegards, Ana");
    expect(r.visible).toBe("Thanks for the update.\n\nRegards, Ana");
  });

  it("keeps quotes interleaved with the answers and folds only the trailing quote", () => {
    const r = reply(
      "On Mon, Jan 5, 2026 at 9:14 AM, Office <office@example.org> wrote:\n> Which school does Leo attend?\n\nLincoln Elementary.\n\n> Which grade?\n\nThird grade.\n\n> Thank you,\n> The office\n",
    );
    expect(r.visible).toContain("> Which school does Leo attend?");
    expect(r.visible).toContain("Lincoln Elementary.");
    expect(r.visible.endsWith("Third grade.")).toBe(true);
    expect(r.quoted).toBe("> Thank you,\n> The office");
  });

  it("keeps a forwarded message whole", () => {
    const text =
      "FYI, see the teacher's note below.\n\n---------- Forwarded message ---------\nFrom: Ms. Smith <smith@school.example>\nDate: Mon, Jan 5, 2026 at 9:14 AM\nSubject: Field trip\nTo: Ana <ana@example.com>\n\nThe trip is on Friday.";
    expect(reply(text)).toEqual({ visible: text, quoted: null, signature: null });
  });

  it("keeps a teacher's words a parent quotes in the middle of the message", () => {
    const text = "Dear Ms. Ruiz,\n\nHere is what the teacher wrote:\n> Your son was late three times.\n\nCan you help me understand?\n\nAna";
    expect(reply(text).visible).toBe(text);
  });

  it("treats a lone '>' line without any header as text", () => {
    const text = "Visit the portal now...\n>>> https://portal.example.org <<<\nthen sign in.";
    expect(reply(text).visible).toBe(text);
  });

  it("shows the whole text when everything would be folded", () => {
    const text = "From: ana@example.com\nSent: Monday\nTo: office@example.org\n\nPlease call me.";
    expect(reply(text).visible).toBe(text);
  });
});

describe("extractVisibleReply: signatures", () => {
  it("returns a '-- ' signature separately", () => {
    const r = reply("Please call me back.\n\n-- \nAna Pérez\nParent, Lincoln Elementary\n555-0100");
    expect(r.visible).toBe("Please call me back.");
    expect(r.signature).toBe("--\nAna Pérez\nParent, Lincoln Elementary\n555-0100");
  });

  it("returns mobile footers separately, in English and Spanish, above the quote too", () => {
    expect(reply("Here is another email\n\nSent from my iPhone")).toEqual({ visible: "Here is another email", quoted: null, signature: "Sent from my iPhone" });
    const r = reply("Sí, gracias.\n\nEnviado desde mi iPhone\n\n> El 5 ene 2026, a las 9:14, Ana <ana@example.com> escribió:\n>\n> Hola\n");
    expect(r.visible).toBe("Sí, gracias.");
    expect(r.signature).toBe("Enviado desde mi iPhone");
  });

  it("keeps sentences that merely start like a footer, and dashes inside a line", () => {
    const a = "Here is another email\n\nSent from my desk, is much easier then my mobile phone.";
    expect(reply(a).visible).toBe(a);
    const b = "Stuff happened.\n\nAnd here is a fix -- this is not a signature.\n\nkthxbai";
    expect(reply(b).visible).toBe(b);
  });
});

describe("extractVisibleReplyFromHtml", () => {
  it("folds a Gmail quote container even when the attribution language is unknown", () => {
    const r = extractVisibleReplyFromHtml(
      '<div dir="ltr">Salamat po.</div><br><div class="gmail_quote"><div class="gmail_attr">Noong Lun, Ene 5, 2026 nang 9:14 AM, Opisina &lt;office@example.org&gt; ay sumulat:<br></div><blockquote class="gmail_quote">Kumusta</blockquote></div>',
    );
    expect(r.visible).toBe("Salamat po.");
    expect(r.quoted).toContain("Kumusta");
  });

  it("folds Outlook on the web's reply block and the original below it", () => {
    const r = extractVisibleReplyFromHtml(
      '<div>Thank you, that works.</div><div id="appendonsend"></div><hr><div id="divRplyFwdMsg"><b>From:</b> Office &lt;letstalk@riverside.example&gt;<br><b>Sent:</b> Monday, January 5, 2026 9:14 AM<br><b>To:</b> Ana<br><b>Subject:</b> RE: Bus</div><div>Hello Ana, your case was received.</div>',
    );
    expect(r.visible).toBe("Thank you, that works.");
    expect(r.quoted).toContain("Hello Ana, your case was received.");
  });

  it("folds an Apple Mail cite blockquote and keeps the mobile footer as signature", () => {
    const r = extractVisibleReplyFromHtml(
      '<div dir="ltr">Yes please</div><div><br><div>Sent from my iPhone</div><blockquote type="cite">On Jan 5, 2026, at 9:14 AM, Office &lt;office@example.org&gt; wrote:<br><br><div>Hello</div></blockquote></div>',
    );
    expect(r).toEqual({ visible: "Yes please", quoted: "On Jan 5, 2026, at 9:14 AM, Office <office@example.org> wrote:\n\nHello", signature: "Sent from my iPhone" });
  });

  it("renders formatting as text and keeps an indented (gmail_quote class) block that quotes nothing", () => {
    const r = extractVisibleReplyFromHtml(
      '<p>Hello,</p><p>My son <b>Leo</b> needs a bus pass:</p><ul><li>Route 12</li><li>Stop: Main St</li></ul><blockquote class="gmail_quote">Bus pass form, page 2</blockquote><p>Thanks,<br>Ana</p><script>alert(1)</script>',
    );
    expect(r.visible).toBe("Hello,\nMy son Leo needs a bus pass:\n- Route 12\n- Stop: Main St\nBus pass form, page 2\nThanks,\nAna");
  });

  it("keeps a blockquote the writer shows above the attribution, and folds a lone trailing one", () => {
    const shown = extractVisibleReplyFromHtml(
      "<div>Our question is about this rule:</div><blockquote>Buses wait two minutes at each stop.</blockquote><div>On Mon, Jan 5, 2026 at 9:14 AM, Office &lt;office@example.org&gt; wrote:</div><blockquote>Hello</blockquote>",
    );
    expect(shown.visible).toBe("Our question is about this rule:\nBuses wait two minutes at each stop.");
    const trailing = extractVisibleReplyFromHtml("<div>Thanks!</div><blockquote>Hello, the bus is late.</blockquote><div>Riverside USD privacy notice</div>");
    expect(trailing).toEqual({ visible: "Thanks!\nRiverside USD privacy notice", quoted: "Hello, the bus is late.", signature: null });
  });

  it("keeps a Gmail forward whole", () => {
    const r = extractVisibleReplyFromHtml(
      '<div dir="ltr">FYI<br><div class="gmail_quote"><div class="gmail_attr">---------- Forwarded message ---------<br>From: <b>Teacher</b> &lt;t@school.example&gt;<br>Date: Mon, Jan 5, 2026<br>Subject: Trip<br>To: Ana<br></div><br><div>Trip is Friday</div></div></div>',
    );
    expect(r.visible).toContain("Trip is Friday");
    expect(r.quoted).toBeNull();
  });
});

describe("extractVisibleReply on hostile input", () => {
  it("handles a 700 KB line of quote markers and a 20 000-line quote", () => {
    const long = reply(`Hi folks\n\nWhat is the best way?\n${">".repeat(700_000)}\n`);
    expect(long.visible).toContain("What is the best way?");
    const many = reply(`Short answer: yes.\n\nOn Mon, Jan 5, 2026 at 9:14 AM Office <office@example.org> wrote:\n${"> quoted line\n".repeat(20_000)}`);
    expect(many.visible).toBe("Short answer: yes.");
    expect(many.quoted?.split("\n")).toHaveLength(20_001);
  });
});
