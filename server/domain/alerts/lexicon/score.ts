/**
 * The scorer: turns lexicon cues into a score per category. A phrase alone is rarely enough; what raises a score
 * is a combination in one sentence: a violent verb with intent ("gonna", "va a") and a target ("everyone",
 * "the principal"), a weapon with a school place or a possession verb ("brought a knife to the game"), a family
 * member doing something to a child. Self-harm and harassment also get a learned logistic score over weak cues
 * (distress words, pronoun use, slurs, identity words), trained by train.ts on the dev corpus (weights.ts).
 */
import { all, positive, type Analysis, type MarkedHit } from "./analysis.js";
import type { Token } from "./tokens.js";
import { WEIGHTS, type LearnedCategory, type Weights } from "./weights.js";

export type BuiltInAlertCategory = "self_harm" | "violence" | "weapons" | "abuse" | "harassment";
export type CategoryScore = { score: number; evidence: MarkedHit[] };

type Span = { from: number; to: number };

const sentOf = (a: Analysis, h: Span) => (a.tokens[h.from] as Token).sent;

/** Hits of `group` in the same sentence as `h`, starting between `lo` and `hi` tokens from it (inclusive). */
function near(a: Analysis, group: string, h: Span, lo: number, hi: number, onlyPositive = false): MarkedHit[] {
  const s = sentOf(a, h);
  const list = onlyPositive ? positive(a, group) : all(a, group);
  return list.filter((x) => sentOf(a, x) === s && x.from - h.from >= lo && x.from - h.from <= hi);
}

const sameSentence = (a: Analysis, group: string, h: Span) => near(a, group, h, -1000, 1000);

function best(items: CategoryScore[]): CategoryScore {
  return items.reduce((acc, x) => (x.score > acc.score ? x : acc), { score: 0, evidence: [] });
}

const EVENTS = new Set(["shooting", "shootings", "bombing", "stabbing", "massacre", "shootout", "tiroteo", "balacera", "masacre"]);
const REFLEXIVE = new Set(["myself", "yourself", "himself", "herself", "themselves", "themself", "ourselves", "yourselves", "urself", "hisself"]);

/** Threats and attacks: a violent verb scored by what surrounds it. */
export function scoreViolence(a: Analysis): CategoryScore {
  const out: CategoryScore[] = positive(a, "violence.threat").map((h) => ({ score: 0.92, evidence: [h] }));
  const verbs = [...positive(a, "violence.verb").map((h) => ({ h, strong: true })), ...positive(a, "violence.harm").map((h) => ({ h, strong: false }))];
  const has = (xs: MarkedHit[]) => xs.length > 0;
  for (const { h, strong } of verbs) {
    // "kill myself", "hurt herself" is self-harm, scored there
    if (REFLEXIVE.has(a.tokens[h.to + 1]?.norm ?? "")) continue;
    // "a play about a murder", "cars speed by, someone will get killed": only explicit threats count there
    if (has(sameSentence(a, "context.pretend", h))) continue;
    // "going to shoot", "va a matar"; or after the noun: "a shooting planned for Friday"
    const intent = [...near(a, "violence.intent", h, -6, -1), ...near(a, "violence.planned", h, 1, 3)];
    // the target is the verb's object ("hurt the principal", "kill all the teachers"); Spanish object pronouns come
    // before the verb ("lo va a matar")
    const span = h.to - h.from;
    const target = [...near(a, "context.target", h, 1, span + 2), ...near(a, "context.clitic", h, -1, -1)];
    const where = [...sameSentence(a, "context.place", h), ...sameSentence(a, "context.time", h)];
    const report = near(a, "violence.report", h, -12, -1);
    const weapon = sameSentence(a, "weapon.weapon", h).filter((w) => !w.negated && (w.to < h.from || w.from > h.to));
    const injury = sameSentence(a, "context.injury", h);
    let score = strong ? 0.25 : 0.15;
    if (has(intent) && has(target)) score = strong ? 0.9 : 0.8;
    else if (has(intent) && has(where)) score = strong ? 0.85 : 0.7;
    else if (has(target) && has(where) && (has(report) || has(weapon))) score = 0.8;
    else if (has(weapon) && (has(target) || has(intent))) score = 0.85;
    else if (strong && has(target) && (has(where) || has(report))) score = 0.75;
    // a reported assault: "kicked him until he bled", "golpearon a mi hijo afuera de la escuela"
    else if (has(target) && has(injury)) score = 0.75;
    else if (has(target) && has(where)) score = 0.6;
    else if (strong && has(intent)) score = 0.6;
    // "rumors of a shooting at the game this week"
    else if (EVENTS.has(a.tokens[h.from]?.norm ?? "") && has(report) && has(where)) score = 0.7;
    else if (strong && has(target)) score = 0.45;
    out.push({ score, evidence: [h, ...intent, ...target, ...where, ...weapon].slice(0, 5) });
  }
  return best(out);
}

/** A weapon is an alert when it is somewhere it should not be, or in someone's hands with intent. */
export function scoreWeapons(a: Analysis): CategoryScore {
  const out: CategoryScore[] = [];
  const has = (xs: MarkedHit[]) => xs.length > 0;
  for (const w of positive(a, "weapon.weapon")) {
    // "are swords allowed?", "a movie about the atomic bomb", "the officer carries a gun"
    if (has(sameSentence(a, "context.pretend", w))) continue;
    // "brought a knife", "showed my daughter a gun"; weak verbs ("has a gun") only right before the weapon
    const carried = near(a, "weapon.possess", w, -6, -1);
    const held = [...near(a, "weapon.have", w, -3, -1), ...near(a, "weapon.found", w, 1, 4)];
    const place = near(a, "context.place", w, -12, 12);
    const context = [...sameSentence(a, "context.time", w), ...near(a, "violence.report", w, -15, -1), ...near(a, "context.target", w, -8, -1)];
    let score = 0.25;
    if ((has(carried) || has(held)) && has(place)) score = 0.95;
    else if (has(place)) score = 0.8;
    else if (has(carried) && has(context)) score = 0.85;
    else if (has(held) && has(context)) score = 0.75;
    else if (has(carried)) score = 0.6;
    else if (has(held)) score = 0.35;
    out.push({ score, evidence: [w, ...carried, ...held, ...place].slice(0, 4) });
  }
  return best(out);
}

/** Abuse or neglect disclosures: explicit phrases, or a family member doing something to a child. */
export function scoreAbuse(a: Analysis): CategoryScore {
  const out: CategoryScore[] = positive(a, "abuse.explicit").map((h) => ({ score: 0.9, evidence: [h] }));
  for (const f of all(a, "abuse.family")) {
    const acts = near(a, "abuse.act", f, 1, 7);
    if (acts.length > 0) out.push({ score: 0.85, evidence: [f, ...acts].slice(0, 3) });
  }
  return best(out);
}

const log1p = Math.log1p;

// "I feel so alone", "I'm hopeless": a first-person word within three words before the cue
function firstPersonBefore(a: Analysis, h: MarkedHit): boolean {
  const sent = (a.tokens[h.from] as Token).sent;
  for (let i = Math.max(0, h.from - 3); i < h.from; i++) if (a.firstPersonAt[i] === 1 && a.tokens[i]?.sent === sent) return true;
  return false;
}

/** Feature vectors for the learned part of the scorer; train.ts fits weights on the same functions. */
export const FEATURES: Record<LearnedCategory, { names: string[]; gate: (a: Analysis) => boolean; extract: (a: Analysis) => number[] }> = {
  self_harm: {
    // weak cues only count together: with no self-harm cue at all there is no learned score
    gate: (a) => ["self_harm.distress", "self_harm.method", "self_harm.death"].some((g) => all(a, g).length > 0),
    names: ["explicit", "explicitCount", "negatedExplicit", "toldToDie", "distress", "firstPersonDistress", "method", "death", "firstPerson", "secondPerson", "length", "profanity", "mentions"],
    extract: (a) => {
      const n = Math.max(1, a.tokens.length);
      // pronoun ratios mean little in a ten-word tweet
      const damp = Math.min(1, n / 60);
      const explicit = positive(a, "self_harm.explicit").length;
      const distress = all(a, "self_harm.distress");
      return [
        explicit > 0 ? 1 : 0,
        log1p(explicit),
        log1p(all(a, "self_harm.explicit").length - explicit),
        log1p(all(a, "self_harm.you").length),
        log1p(distress.length),
        log1p(distress.filter((h) => firstPersonBefore(a, h)).length),
        log1p(all(a, "self_harm.method").length),
        log1p(all(a, "self_harm.death").length),
        (10 * damp * a.firstPerson) / n,
        (10 * damp * a.secondPerson) / n,
        log1p(n) / 5,
        log1p(all(a, "profanity").length),
        log1p(a.mentions),
      ];
    },
  },
  harassment: {
    gate: () => true,
    names: ["explicit", "slur", "slurGroup", "slurWeak", "identity", "dehuman", "insult", "targetedInsult", "profanity", "secondPerson", "toldToDie", "violence", "identityHate", "length", "mentions"],
    extract: (a) => {
      const n = Math.max(1, a.tokens.length);
      const identity = all(a, "harassment.identity").length;
      const hate = all(a, "harassment.dehuman").length + all(a, "harassment.slur").length;
      return [
        positive(a, "harassment.explicit").length + positive(a, "harassment.toldToDie").length > 0 ? 1 : 0,
        log1p(all(a, "harassment.slur").length),
        // a slur for a whole group ("those ...s") rather than a word thrown at one person
        log1p(all(a, "harassment.slur").filter((h) => a.tokens[h.to]?.norm.endsWith("s")).length),
        log1p(all(a, "harassment.slurWeak").length),
        log1p(identity),
        log1p(all(a, "harassment.dehuman").length),
        log1p(all(a, "harassment.insult").length),
        log1p(all(a, "harassment.targeted").length),
        log1p(all(a, "profanity").length),
        (10 * a.secondPerson) / n,
        positive(a, "self_harm.you").length > 0 ? 1 : 0,
        log1p(all(a, "violence.verb").length + all(a, "violence.harm").length),
        identity > 0 && hate > 0 ? 1 : 0,
        log1p(n) / 5,
        log1p(a.mentions),
      ];
    },
  },
};

/** The learned logistic score; 0.5 is the decision threshold chosen by train.ts. */
export function learnedScore(category: LearnedCategory, a: Analysis, w: Weights = WEIGHTS): number {
  const { bias, weights } = w[category];
  if (!FEATURES[category].gate(a)) return 0;
  const x = FEATURES[category].extract(a);
  let z = bias;
  for (let i = 0; i < x.length; i++) z += (weights[i] ?? 0) * (x[i] as number);
  return 1 / (1 + Math.exp(-z));
}

const WEAK_EVIDENCE = {
  self_harm: ["self_harm.explicit", "self_harm.method", "self_harm.distress", "self_harm.death"],
  harassment: ["harassment.slur", "harassment.dehuman", "harassment.slurWeak", "harassment.identity", "harassment.insult"],
};

function learnedEvidence(a: Analysis, category: LearnedCategory): MarkedHit[] {
  return WEAK_EVIDENCE[category].flatMap((g) => positive(a, g)).slice(0, 5);
}

// "wants to sleep and never wake up", "keeps talking about dying", "nobody would care if she was gone": a wish,
// plan or rumination shortly before a death or self-harm word, in one sentence
function desireForDeath(a: Analysis): MarkedHit[] {
  for (const c of positive(a, "self_harm.death")) {
    const desire = near(a, "self_harm.desire", c, -9, -1, true);
    if (desire.length > 0) return [...desire.slice(0, 1), c];
  }
  return [];
}

/** What raises self-harm on its own: an explicit phrase (first person or reported) or a wish for death. */
export function selfHarmTriggers(a: Analysis): { hits: MarkedHit[]; score: number } {
  // "they keep telling her to kill herself" is bullying, scored under harassment
  const told = positive(a, "harassment.toldToDie");
  const explicit = positive(a, "self_harm.explicit").filter((h) => !told.some((t) => h.from >= t.from && h.from <= t.to));
  if (explicit.length > 0) return { hits: explicit.slice(0, 5), score: 0.9 };
  const desire = desireForDeath(a);
  return { hits: desire, score: desire.length > 0 ? 0.8 : 0 };
}

/** Self-harm: a trigger phrase is enough; otherwise the learned score of weak cues. */
export function scoreSelfHarm(a: Analysis, w: Weights = WEIGHTS): CategoryScore {
  const trigger = selfHarmTriggers(a);
  const learned = learnedScore("self_harm", a, w);
  if (trigger.hits.length > 0) return { score: Math.max(trigger.score, learned), evidence: trigger.hits };
  return { score: learned, evidence: learnedEvidence(a, "self_harm") };
}

// "kys", "go kill yourself", "you should kill yourself" are insults; "you want to kill yourself because..." is not
function isInsult(a: Analysis, h: MarkedHit): boolean {
  const before = a.tokens[h.from - 1];
  const first = a.tokens[h.from] as Token;
  if (first.norm === "kys" || first.first || !before || before.sent !== first.sent) return true;
  return INSULT_LEAD.has(before.norm);
}
const INSULT_LEAD = new Set(["go", "just", "should", "shoulda", "please", "pls", "plz", "can", "could", "fucking", "fuckin", "and", "then", "u", "ya", "lol", "lmao", "bitch", "nigga", "ugly", "loser", "fat", "stupid", "retard", "weirdo", "freak", "to", "said", "tells", "told"]);

/** What raises harassment on its own: bullying phrases, telling someone to kill themselves, "kys". */
export function harassmentTriggers(a: Analysis): MarkedHit[] {
  const insults = positive(a, "self_harm.you").filter((h) => isInsult(a, h));
  return [...positive(a, "harassment.explicit"), ...positive(a, "harassment.toldToDie"), ...insults];
}

/** Bullying and harassment: a trigger phrase, or the learned score (slurs, identity hate, insults). */
export function scoreHarassment(a: Analysis, w: Weights = WEIGHTS): CategoryScore {
  const explicit = harassmentTriggers(a);
  const learned = learnedScore("harassment", a, w);
  if (explicit.length > 0) return { score: Math.max(0.85, learned), evidence: explicit.slice(0, 5) };
  return { score: learned, evidence: learnedEvidence(a, "harassment") };
}

/** Every category's score for one analysed message (`w` lets train.ts try weights before writing them). */
export function scoreAll(a: Analysis, w: Weights = WEIGHTS): Record<BuiltInAlertCategory, CategoryScore> {
  return {
    self_harm: scoreSelfHarm(a, w),
    violence: scoreViolence(a),
    weapons: scoreWeapons(a),
    abuse: scoreAbuse(a),
    harassment: scoreHarassment(a, w),
  };
}
