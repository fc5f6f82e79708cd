import type { FieldValue, FieldValues, FormField } from "../../common/contract/forms.js";
import type { Language } from "../../common/enums.js";
import type { DemoTopic, SampleContext } from "./catalog/index.js";
import type { SchoolLevel } from "./organization.js";
import { adultName, displayPhone, humanDate } from "./people.js";
import { addDays } from "./time.js";

const STREETS = ["Magnolia Ave", "Pinecrest Dr", "Van Buren Blvd", "Arlington Ave", "Victoria Ave", "Indiana Ave", "Alessandro Blvd", "Central Ave", "Canyon Crest Dr", "La Sierra Ave", "Jurupa Ave", "Tyler St", "Madison St", "Cypress Ave", "Mission Inn Ave"];
const CROSS = ["3rd St", "Cole Ave", "Jackson St", "Brockton Ave", "Colorado Ave", "Via Vista", "Elm St", "Grand Ave", "Streeter Ave", "Hole Ave"];
const GRADES: Record<SchoolLevel, string[]> = {
  elementary: ["tk", "k", "1", "2", "3", "4", "5"],
  middle: ["6", "7", "8"],
  high: ["9", "10", "11", "12"],
};
const ITEMS: Record<string, [string, string][]> = {
  backpack: [["a blue Nike backpack with a keychain", "una mochila azul Nike con un llavero"], ["a black backpack with a soccer patch", "una mochila negra con un parche de fútbol"]],
  lunchbox: [["a purple lunchbox with the name written inside", "una lonchera morada con el nombre escrito adentro"]],
  jacket: [["a gray hoodie, youth size M", "una sudadera gris talla M juvenil"], ["a red rain jacket", "una chamarra roja para la lluvia"]],
  instrument: [["a black violin case with a green tag", "un estuche negro de violín con una etiqueta verde"], ["a clarinet in a blue case", "un clarinete en un estuche azul"]],
  device: [["a phone in a clear case with stickers", "un teléfono con funda transparente y calcomanías"], ["a school Chromebook in a gray sleeve", "una Chromebook de la escuela en una funda gris"]],
  other: [["a pair of glasses in a brown case", "unos lentes en un estuche café"]],
};

type Gen = (field: FormField, c: SampleContext) => FieldValue | undefined;

const bilingual = (c: SampleContext, en: string[], es: string[]): string => (c.lang === "es" ? c.rng.pick(es) : c.rng.pick(en));

/** Answers for text fields, by key: what a family would actually type. */
const TEXT: Record<string, Gen> = {
  bus_number: (_f, c) => String(c.rng.int(1, 58)),
  road: (_f, c) => `${c.rng.pick(STREETS)} and ${c.rng.pick(CROSS)}`,
  address: (_f, c) => `${c.rng.int(120, 9800)} ${c.rng.pick(STREETS)}${c.rng.chance(0.3) ? `, Apt ${c.rng.int(1, 40)}` : ""}`,
  new_address: (_f, c) => `${c.rng.int(120, 9800)} ${c.rng.pick(STREETS)}${c.rng.chance(0.3) ? `, Apt ${c.rng.int(1, 40)}` : ""}`,
  student_name: (_f, c) => c.childFullName,
  student_id: (_f, c) => String(c.rng.int(100000, 199999)),
  description: (_f, c) => {
    const item = typeof c.values.item === "string" ? c.values.item : "other";
    const [en, es] = c.rng.pick(ITEMS[item] ?? ITEMS.other!);
    return c.lang === "es" ? es : en;
  },
  previous_school: (_f, c) =>
    bilingual(c, ["Moreno Valley Unified", "Corona-Norco Unified", "a school in Phoenix", "Fresno Unified", "Clark County schools in Las Vegas"], ["Moreno Valley Unified", "una escuela en Guadalajara", "el distrito de Santa Ana", "una escuela en Tijuana"]),
  new_school: (_f, c) => bilingual(c, ["Westview Elementary in Austin, TX", "a school in Las Vegas", "Boise School District"], ["una escuela en Houston", "una escuela en Jalisco, México", "el distrito de Phoenix"]),
  position: (_f, c) =>
    bilingual(c, ["Instructional aide", "Bus driver", "Elementary teacher", "Special education teacher", "Custodian", "Food service worker", "Office assistant", "School nurse"], ["asistente de instrucción", "chofer de autobús", "maestra de primaria", "conserje", "trabajadora de servicio de alimentos", "asistente de oficina"]),
  organization: (_f, c) => bilingual(c, ["Riverside Youth Soccer League", "Valley Thunder Basketball Club", "Eastside Little League", "Girl Scouts Troop 4412"], ["Liga Juvenil de Fútbol Los Halcones", "Iglesia Comunidad de Fe", "Club Deportivo Valle"]),
  outlet: (_f, c) => bilingual(c, ["Riverside Valley Tribune", "KRVR News 7", "Inland Voice"], ["La Voz del Valle", "Noticias Valle 34", "El Informador del Valle"]),
  coach_name: (_f, c) => c.rng.pick(["Coach Ramirez", "Coach Daniels", "Ms. Whitman", "Mr. Okoye", "Coach Salas"]),
  staff_name: (_f, c) => (c.lang === "es" ? adultName(c.rng) : `${c.rng.pick(["Ms.", "Mr.", "Mrs."])} ${c.rng.pick(["Thompson", "Garcia", "Nguyen", "Robles", "Ellis", "Bautista", "Okafor", "Lindqvist"])}`),
  employee_name: (_f, c) => adultName(c.rng),
  subjects: (_f, c) => bilingual(c, ["Elementary, any grade", "Middle school math and science", "High school Spanish"], ["Primaria, cualquier grado", "Matemáticas y ciencias de secundaria", "Español en preparatoria"]),
  location: (_f, c) =>
    bilingual(c, ["the kindergarten playground", "the back parking lot", "the field on Elm Street", "the side entrance by the cafeteria"], ["la zona de juegos de kínder", "la parte de atrás del estacionamiento", "la cancha de la calle Elm", "la entrada lateral junto a la cafetería"]),
};

const LONG_TEXT: Gen = (_f, c) =>
  bilingual(c, ["A seat change and a call from the supervisor.", "I'd like to know what will be done so it doesn't happen again.", "Just a call back, please."], ["Un cambio de asiento y una llamada del supervisor.", "Quiero saber qué se hará para que no vuelva a pasar.", "Solo una llamada, por favor."]);

const BY_TYPE: Record<FormField["type"], Gen> = {
  text: (f, c) => {
    const gen = TEXT[f.key];
    if (!gen) throw new Error(`demo: no sample for text field ${f.key}`);
    return gen(f, c);
  },
  long_text: LONG_TEXT,
  choice: (f, c) => (f.key === "grade" ? c.rng.pick(GRADES[c.schoolLevel]) : c.rng.pick(f.options ?? []).value),
  multi_choice: (f, c) => c.rng.sample(f.options ?? [], c.rng.int(1, Math.min(3, f.options?.length ?? 1))).map((o) => o.value),
  date: (_f, c) => addDays(c.day, -c.rng.int(0, 10)),
  school: (f, c) => (f.key === "school" ? c.schoolId : undefined),
  phone: (_f, c) => c.contactPhone ?? `+1951555${String(c.rng.int(100, 199)).padStart(4, "0")}`,
  email: (f, c) =>
    f.key === "send_to" && !c.contactEmail
      ? `verify@${c.rng.pick(["northstar-lending", "pacific-homes", "valley-credit-union"])}.example.com`
      : (c.contactEmail ?? `familia${c.rng.int(10, 999)}@example.net`),
  number: (f, c) => c.rng.int(f.min ?? 0, Math.min(f.max ?? 10, (f.min ?? 0) + 10)),
};

/**
 * Invents the answers to a topic's form: every required field, every field the chosen texts mention
 * (`need`), and about half of the optional rest, in form order so later fields can agree with earlier ones.
 */
export function sampleFields(topic: DemoTopic, need: ReadonlySet<string>, base: Omit<SampleContext, "values">, otherSchoolId: () => string): FieldValues {
  const values: FieldValues = {};
  for (const field of topic.fields) {
    if (!field.required && !need.has(field.key) && !base.rng.chance(0.55)) continue;
    const c: SampleContext = { ...base, values };
    const v = field.type === "school" && field.key !== "school" ? otherSchoolId() : (topic.samples?.[field.key] ?? ((cx) => BY_TYPE[field.type](field, cx)))(c);
    if (v === undefined) continue;
    // Multiple choices read in the form's order ("Monday, Tuesday"), as a browser submits them.
    const order = (x: string) => field.options?.findIndex((o) => o.value === x) ?? 0;
    values[field.key] = Array.isArray(v) ? [...v].sort((a, b) => order(a) - order(b)) : v;
  }
  return values;
}

/** Field values as a family would read them in a message: option labels, school names, dates in words. */
export function displayFields(
  fields: FormField[],
  values: FieldValues,
  lang: Language,
  schoolName: (id: string) => string,
  referenceYear: number,
): Record<string, string> {
  const out: Record<string, string> = {};
  const label = (f: FormField, v: string) => {
    const o = f.options?.find((x) => x.value === v);
    return o ? ((lang === "es" ? o.label.es : undefined) ?? o.label.en) : v;
  };
  const list = (items: string[]) => new Intl.ListFormat(lang === "es" ? "es" : "en", { type: "conjunction" }).format(items);
  for (const f of fields) {
    const v = values[f.key];
    if (v === undefined) continue;
    if (Array.isArray(v)) out[f.key] = list(v.map((x) => label(f, x).toLowerCase()));
    else if (f.type === "school") out[f.key] = schoolName(String(v));
    else if (f.type === "date") out[f.key] = humanDate(String(v), lang, referenceYear);
    else if (f.type === "phone") out[f.key] = displayPhone(String(v));
    else if (f.type === "choice") out[f.key] = f.key === "sport" ? label(f, String(v)).toLowerCase() : label(f, String(v));
    else out[f.key] = String(v);
  }
  return out;
}
