import { execFile } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { detectAlerts, evaluateAlerts, parseAlertRows, type DistrictAlertCategory, type Io } from "./index.js";
import { FEATURES } from "./lexicon/score.js";
import { WEIGHTS } from "./lexicon/weights.js";

const categories = (text: string, lang?: "en" | "es") => detectAlerts(text, { lang }).alerts.map((a) => a.category);
const alertOf = (text: string, category: string, lang?: "en" | "es") => detectAlerts(text, { lang }).alerts.find((a) => a.category === category);

describe("self-harm", () => {
  it.each([
    "My son told his coach he wants to kill himself.",
    "i dont want to be alive anymore, everyone would be better off without me",
    "Our daughter has been cutting herself and hides it with long sleeves.",
    "My friend says she is going to swallow all her mom's pills tonight.",
    "A student wrote that she is thinking about suicide.",
  ])("raises a critical self-harm alert for %j", (text) => {
    expect(alertOf(text, "self_harm", "en")).toMatchObject({ severity: "critical" });
  });

  it.each([
    "Mi hijo dice que se quiere matar.",
    "Ya no quiero vivir, nadie me extrañaría.",
    "Mi hija se está cortando los brazos.",
    "Estoy pensando en suicidarme.",
  ])("raises a self-harm alert in Spanish for %j", (text) => {
    expect(categories(text, "es")).toContain("self_harm");
  });

  it("raises nothing when the writer says they do not want to die", () => {
    expect(categories("I was scared on the bus but I don't want to die, I just want a safer route.", "en")).toEqual([]);
  });
});

describe("violence, weapons and abuse", () => {
  it.each([
    ["A kid in 6th grade said he will shoot everyone at the assembly.", "violence"],
    ["Someone posted that he is going to hurt the principal tomorrow.", "violence"],
    ["A student brought a knife to the cafeteria today.", "weapons"],
    ["There is a gun in a boy's locker in the east hallway.", "weapons"],
    ["My niece is afraid to go home because her stepdad hits her.", "abuse"],
    ["A girl in my class said her uncle touches her inappropriately.", "abuse"],
  ])("raises a critical alert for %j (%s)", (text, category) => {
    expect(alertOf(text, category, "en")).toMatchObject({ severity: "critical" });
  });

  it.each([
    ["Un estudiante dijo que va a matar a la maestra de inglés.", "violence"],
    ["Vi a un niño con una pistola en el autobús.", "weapons"],
    ["Un compañero amenazó con traer un cuchillo a la escuela el lunes.", "violence"],
    ["Mi sobrino dice que su padrastro le pega con el cinturón.", "abuse"],
  ])("raises an alert in Spanish for %j (%s)", (text, category) => {
    expect(categories(text, "es")).toContain(category);
  });

  it("catches Spanish written without accents, as phones often send it", () => {
    expect(categories("un nino amenazo con traer una pistola manana", "es")).toContain("weapons");
  });

  it("treats a threat reported by a parent, a friend or a post as a threat", () => {
    expect(categories("My daughter said a boy on her bus told everyone he has a gun in his backpack.", "en")).toContain("weapons");
    expect(categories("I overheard some kids saying they were going to jump my son after school.", "en")).toContain("violence");
  });

  it("does not raise an alert when the violent word is negated", () => {
    expect(categories("My son would never hurt anyone, he is the gentlest kid.", "en")).toEqual([]);
  });
});

describe("bullying and harassment", () => {
  it.each([
    ["My son is bullied every day in the locker room.", "en"],
    ["Girls from her class keep making fun of my daughter and spreading rumors about her.", "en"],
    ["kys nobody likes you", "en"],
    ["A mi hijo lo acosan en el autobús y se burlan de él.", "es"],
  ] as const)("raises a high harassment alert for %j", (text, lang) => {
    expect(alertOf(text, "harassment", lang)).toMatchObject({ severity: "high" });
  });

  it("reads kids telling a child to kill herself as bullying, not as the child's own self-harm", () => {
    expect(categories("Kids in the group chat keep telling my daughter to kill herself.", "en")).toEqual(["harassment"]);
  });
});

describe("obfuscations", () => {
  it.each([
    ["im gonna k1ll myself", "self_harm"],
    ["im going to k i l l myself", "self_harm"],
    ["i want to kiiiill myself", "self_harm"],
    ["thinking about how to unalive myself", "self_harm"],
    ["im done kms", "self_harm"],
    ["sh00t up the school friday", "violence"],
    ["gonna $hoot up the gym", "violence"],
  ])("sees through %j", (text, category) => {
    expect(categories(text, "en")).toContain(category);
  });
});

describe("context guards and ordinary messages", () => {
  it.each([
    "Can we book a photo shoot for the senior portraits?",
    "The girls' soccer team is killing it this year!",
    "The shot clock in the gym stopped during the game.",
    "This test is killing me, is there a study session?",
    "We are dying to know when the field trip is.",
    "I think I'm going to bomb the test on Friday.",
    "The cookies at the fundraiser were to die for.",
    "Please shoot me an email when the forms are ready.",
    "Is there a fire drill this week?",
    "The new library is the bomb, thank you!",
    "Shoot, I forgot his lunch money. Can he pay tomorrow?",
    "Can my son bring a toy sword for the costume parade?",
    "Me muero de ganas de ver el concierto de mi hija.",
    "Mi hija se cortó el pelo muy corto.",
    "¿Puede mi hijo llevar una pistola de agua al picnic?",
  ])("raises nothing for %j", (text) => {
    expect(detectAlerts(text).alerts).toEqual([]);
  });

  it("raises nothing for profanity alone", () => {
    expect(detectAlerts("this shit is so damn annoying, the fucking portal is down again").alerts).toEqual([]);
    expect(detectAlerts("pinche camión, otra vez llegó tarde, qué mierda", { lang: "es" }).alerts).toEqual([]);
  });
});

describe("evidence", () => {
  it("points at the family's own words, with offsets into the original text", () => {
    const text = "Hello. My son said a kid brought a GUN to school today!!";
    const alert = alertOf(text, "weapons", "en");
    expect(alert?.evidence.length).toBeGreaterThan(0);
    for (const e of alert?.evidence ?? []) expect(text.slice(e.start, e.end)).toBe(e.phrase);
    expect(alert?.evidence.map((e) => e.phrase)).toContain("GUN");
  });

  it("keeps obfuscated and accented words exactly as written", () => {
    const text = "Él dijo: me voy a matar. Luego escribió k i l l myself";
    const phrases = alertOf(text, "self_harm")?.evidence.map((e) => e.phrase);
    expect(phrases).toEqual(["me voy a matar", "k i l l myself"]);
    expect(text.indexOf("k i l l myself")).toBe(alertOf(text, "self_harm")?.evidence[1]?.start);
  });
});

describe("district-defined categories", () => {
  const district: DistrictAlertCategory[] = [
    { category: "media", phrases: ["reporter", "news story", "periodista"], severity: "high" },
    { category: "legal", phrases: ["lawyer", "attorney", "abogad*", "lawsuit"], severity: "critical" },
  ];

  it("raises a district category with its own severity and evidence", () => {
    const text = "I am a Reporter for the Gazette working on a news story about the bus delays.";
    const media = detectAlerts(text, { lang: "en", districtCategories: district }).alerts.find((a) => a.category === "media");
    expect(media).toMatchObject({ severity: "high", score: 1 });
    expect(media?.evidence.map((e) => e.phrase)).toEqual(["Reporter", "news story"]);
  });

  it("matches a trailing-star phrase as a prefix and folds accents", () => {
    const found = detectAlerts("Mi ABOGADA va a llamar a la escuela.", { lang: "es", districtCategories: district }).alerts;
    expect(found.map((a) => [a.category, a.severity])).toEqual([["legal", "critical"]]);
  });

  it("adds district categories next to the built-in ones and not otherwise", () => {
    const both = detectAlerts("My lawyer says the boy who brought a knife to school must be expelled.", { districtCategories: district });
    expect(both.alerts.map((a) => a.category).sort()).toEqual(["legal", "weapons"]);
    expect(detectAlerts("When is the report card day?", { districtCategories: district }).alerts).toEqual([]);
  });
});

describe("the learned part of the scorer", () => {
  it("has one weight per feature, in the scorer's order", () => {
    for (const category of ["self_harm", "harassment"] as const) {
      expect(WEIGHTS[category].features).toEqual(FEATURES[category].names);
      expect(WEIGHTS[category].weights).toHaveLength(FEATURES[category].names.length);
    }
  });
});

describe("eval alerts", () => {
  const schoolDev = fileURLToPath(new URL("../../../../shared/corpora/alerts/school-dev/test.jsonl", import.meta.url));
  const root = fileURLToPath(new URL("../../../", import.meta.url));
  const collect = (): Io & { lines: string[] } => {
    const lines: string[] = [];
    return { lines, out: (l) => lines.push(l), err: (l) => lines.push(l) };
  };

  it.skipIf(!existsSync(schoolDev))("parses and scores every row of the school development set", () => {
    const content = readFileSync(schoolDev, "utf8");
    const rows = parseAlertRows(content);
    const io = collect();
    const report = evaluateAlerts(rows, io);
    expect(rows.length).toBe(content.split("\n").filter((l) => l.trim()).length);
    expect(report.n).toBe(rows.length);
    for (const label of ["self_harm", "violence", "harassment"] as const) {
      expect(report.recall[label]).toBeGreaterThanOrEqual(0);
      expect(report.recall[label]).toBeLessThanOrEqual(1);
    }
    expect(JSON.parse(io.lines[io.lines.length - 1] as string)).toEqual(report);
  });

  it.skipIf(!existsSync(schoolDev))("runs as a command and prints the summary JSON line last", async () => {
    const { stdout } = await promisify(execFile)("npx", ["tsx", "server/cli/eval/alerts.ts", "--test", schoolDev, "--examples", "0"], { cwd: root });
    const last = JSON.parse(stdout.trim().split("\n").pop() as string);
    expect(Object.keys(last)).toEqual(["n", "recall", "false_alarm_rate"]);
    expect(Object.keys(last.recall)).toEqual(["self_harm", "violence", "harassment"]);
  });

  it("exits with 2 and a usage line without --test", async () => {
    const failed = await promisify(execFile)("npx", ["tsx", "server/cli/eval/alerts.ts"], { cwd: root }).catch((e: { code: number; stderr: string }) => e);
    expect(failed).toMatchObject({ code: 2, stderr: expect.stringMatching(/usage: frontoffice eval alerts --test/) });
  });

  it("names the bad line of a malformed file", () => {
    expect(() => parseAlertRows('{"text":"hi","label":"none"}\n{"text":"x","label":"maybe"}\n')).toThrow(/line 2/);
    expect(() => parseAlertRows("{not json")).toThrow(/line 1: not JSON/);
  });

  it("counts a none message with any alert as a false alarm and maps weapons to violence", () => {
    const report = evaluateAlerts(
      [
        { text: "A student brought a gun to school.", label: "violence", lang: "en" },
        { text: "My son is bullied on the bus.", label: "none", lang: "en" },
        { text: "When does school start?", label: "none", lang: "en" },
      ],
      collect(),
    );
    expect(report).toEqual({ n: 3, recall: { self_harm: null, violence: 1, harassment: null }, false_alarm_rate: 0.5 });
  });
});
