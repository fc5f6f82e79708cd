import type { Language } from "../../common/enums.js";
import type { Bilingual, Template } from "./catalog/index.js";
import type { Gender } from "./people.js";
import type { Rng } from "./rng.js";

const PLACEHOLDER = /\{([A-Za-z_]+)\}/g;

/** The keys a text mentions, e.g. {bus_number} → "bus_number". */
export function placeholders(text: string): string[] {
  return [...text.matchAll(PLACEHOLDER)].map((m) => m[1]!);
}

/** Fills `{key}` from vars; a missing key is a bug in the demo data, so it throws. */
export function fill(text: string, vars: Readonly<Record<string, string>>): string {
  return text.replace(PLACEHOLDER, (_, key: string) => {
    const v = vars[key];
    if (v === undefined) throw new Error(`demo: no value for {${key}} in "${text.slice(0, 60)}…"`);
    return v;
  });
}

export function pickText(t: Bilingual | Template, lang: Language): string {
  return lang === "es" ? t.es : t.en;
}

const WHEN: Bilingual[] = [
  { en: "this morning", es: "esta mañana" },
  { en: "yesterday", es: "ayer" },
  { en: "on Monday", es: "el lunes" },
  { en: "last Friday", es: "el viernes pasado" },
  { en: "twice this week", es: "dos veces esta semana" },
];

/** Words every message may use: the child, who is writing, and when. */
export function familyVars(rng: Rng, lang: Language, child: { first: string; gender: Gender }, writer: Gender | null, school: string): Record<string, string> {
  const son = child.gender === "m";
  const my = lang === "es" ? (son ? "mi hijo" : "mi hija") : son ? "my son" : "my daughter";
  return {
    child: child.first,
    my_child: my,
    My_child: my.charAt(0).toUpperCase() + my.slice(1),
    o: son ? "o" : "a",
    o_parent: writer === "m" ? "o" : "a",
    school,
    when: pickText(rng.pick(WHEN), lang),
  };
}

/** "Hello Maria," / "Hola, María:" — or a plain greeting when the family left no name. */
export function greeting(lang: Language, first: string | null): string {
  if (lang === "es") return first ? `Hola, ${first}:` : "Hola:";
  return first ? `Hello ${first},` : "Hello,";
}

export function signature(lang: Language, staffName: string, department: string): string {
  const district = lang === "es" ? "Distrito Escolar Unificado de Riverside" : "Riverside Unified School District";
  return `${staffName}\n${department}\n${district}`;
}
