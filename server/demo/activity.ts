import type { ChannelType, Language, Priority, RequesterRole } from "../../common/enums.js";
import { validateFormFields } from "../../common/utils/form-validation.js";
import type { Answer, DemoTopic } from "./catalog/index.js";
import { displayFields, sampleFields } from "./field-values.js";
import { liveConversation, type Opened, type WorldStaff } from "./lifecycle.js";
import type { DepartmentSlug, SchoolLevel } from "./organization.js";
import { childName, createAddressBook, personName, type DemoChild, type DemoContact } from "./people.js";
import { ASKS, CLOSINGS, DEPARTMENT_ES, NOTES } from "./replies.js";
import type { Rng } from "./rng.js";
import { familyVars, fill, pickText, placeholders } from "./texts.js";
import { createEventLog, subjectFor, type DemoActivity } from "./thread.js";
import { isOfficeHours, sampleCreationTimes } from "./timeline.js";
import { localDate, localParts } from "./time.js";

export type WorldSchool = { id: string; name: string; level: SchoolLevel };
export type WorldTopic = { def: DemoTopic; id: string; departmentId: string };

/** The district as stored, which the invented activity refers to by id. */
export type DemoWorld = {
  rng: Rng;
  now: Date;
  timeZone: string;
  districtId: string;
  prefix: string;
  firstNumber: number;
  schools: WorldSchool[];
  topics: WorldTopic[];
  departments: Record<DepartmentSlug, { id: string; name: string }>;
  staff: WorldStaff[];
};

const DEFAULT_ROLES: [RequesterRole, number][] = [["parent", 80], ["student", 6], ["community", 10], ["staff", 4]];
const DEFAULT_PRIORITIES: [Priority, number][] = [["normal", 78], ["high", 12], ["low", 8], ["critical", 2]];
const LEVELS: [SchoolLevel, number][] = [["elementary", 55], ["middle", 22], ["high", 23]];

/** The staff answer to the n-th message of a topic: one tagged with its kind, else the n-th untagged one. */
function answerFor(answers: Answer[], n: number, kind: string): Answer {
  const exact = answers.filter((a) => a.kind === kind);
  if (exact.length) return exact[n % exact.length]!;
  const plain = answers.filter((a) => !a.kind);
  const pool = plain.length ? plain : answers;
  return pool[n % pool.length]!;
}

/** Invents about a year of conversations for the demo district, consistent with its topics, forms and staff. */
export function generateActivity(w: DemoWorld, count: number): DemoActivity {
  const { rng } = w;
  const log = createEventLog(w.districtId);
  const book = createAddressBook(rng);
  const out: DemoActivity = { contacts: [], identities: [], conversations: [], messages: [], events: [], ratings: [] };
  const families: Record<Language, DemoContact[]> = { en: [], es: [] };
  const schoolIds = new Set(w.schools.map((s) => s.id));
  const schoolName = (id: string) => w.schools.find((s) => s.id === id)?.name ?? id;
  const schoolsAt = (levels: SchoolLevel[]) => w.schools.filter((s) => levels.includes(s.level));
  const topicWeights = w.topics.map((t) => [t, t.def.weight] as const);

  const newChild = (lang: Language, last: string, levels?: SchoolLevel[]): DemoChild => {
    const level = levels ? rng.pick(levels) : rng.weighted(LEVELS);
    const school = rng.pick(schoolsAt([level]));
    return { ...childName(rng, lang, last), schoolId: school.id, level };
  };
  const newContact = (lang: Language, channel: ChannelType, at: Date): DemoContact => {
    const n = personName(rng, lang);
    const wantsEmail = channel === "email" || rng.chance(channel === "phone" ? 0.35 : 0.93);
    const phone = channel === "phone" || rng.chance(0.3) || !wantsEmail ? book.phone() : null;
    const email = wantsEmail || !phone ? book.email(n.first, n.last) : null;
    const contact: DemoContact = { id: rng.uuid(), name: `${n.first} ${n.last}`, ...n, lang, email, phone, children: [], createdAt: at };
    for (let i = rng.weighted([[1, 6], [2, 3], [3, 1]] as const); i > 0; i--) contact.children.push(newChild(lang, n.last));
    out.contacts.push({ id: contact.id, districtId: w.districtId, name: contact.name, preferredLanguage: lang, createdAt: at });
    if (email) out.identities.push({ districtId: w.districtId, contactId: contact.id, kind: "email", value: email, createdAt: at });
    if (phone) out.identities.push({ districtId: w.districtId, contactId: contact.id, kind: "phone", value: phone, createdAt: at });
    families[lang].push(contact);
    return contact;
  };
  const familyFor = (lang: Language, channel: ChannelType, at: Date): DemoContact => {
    const known = families[lang];
    if (known.length > 20 && rng.chance(0.18)) {
      const c = rng.pick(known);
      if ((channel !== "email" || c.email) && (channel !== "phone" || c.phone)) return c;
    }
    return newContact(lang, channel, at);
  };
  const teamFor = (dept: DepartmentSlug, lang: Language): Opened["team"] => {
    const members = w.staff.filter((s) => s.departments.includes(dept));
    const workers = members.filter((s) => s.role === "agent" || s.role === "supervisor");
    const speakers = workers.filter((s) => s.spanish);
    const pool = lang === "es" && speakers.length > 0 && rng.chance(0.75) ? speakers : workers;
    const assignee = rng.weighted(pool.map((s) => [s, s.role === "agent" ? 3 : 1] as const));
    const supervisor = members.find((s) => s.role === "supervisor") ?? w.staff.find((s) => s.role === "admin")!;
    const recorders = w.staff.filter((s) => s.role === "recorder");
    const recorder = members.find((s) => s.role === "recorder") ?? rng.pick(recorders);
    const others = workers.filter((s) => s.id !== assignee.id);
    return { assignee, supervisor, recorder, colleague: others.length ? rng.pick(others) : null };
  };

  const times = sampleCreationTimes(rng, w.now, count, w.timeZone);
  times.forEach((created, i) => {
    const topic = rng.weighted(topicWeights);
    const def = topic.def;
    const lang: Language = rng.chance(0.25) ? "es" : "en";
    const channel: ChannelType = def.isPrivate
      ? "web_form"
      : isOfficeHours(created, w.timeZone)
        ? rng.weighted([["web_form", 70], ["email", 12], ["phone", 18]] as const)
        : rng.weighted([["web_form", 85], ["email", 15]] as const);
    const anonymous = Boolean(def.allowAnonymous) && rng.chance(0.7);
    const contact = anonymous ? null : familyFor(lang, channel, created);
    const levels = def.levels ?? ["elementary", "middle", "high"];
    let child = contact?.children.find((k) => levels.includes(k.level));
    if (!child) {
      child = newChild(lang, contact?.last ?? "", levels);
      contact?.children.push(child);
    }
    const school = w.schools.find((s) => s.id === child.schoolId)!;
    const n = rng.int(0, def.messages.length - 1);
    const template = def.messages[n]!;
    const kind = template.kind ?? def.defaultKind;
    const answer = template.answer ?? answerFor(def.answers, n, kind);
    const dept = def.department;
    const ask = rng.pick(ASKS[dept]);
    const need = new Set([...placeholders(pickText(template, lang)), ...placeholders(pickText(answer, lang))]);
    const raw = sampleFields(
      def,
      need,
      {
        rng,
        day: localDate(created, w.timeZone),
        lang,
        schoolId: school.id,
        schoolLevel: school.level,
        childFullName: `${child.first} ${contact?.last ?? rng.pick(["García", "Smith", "Nguyen", "López"])}`,
        contactEmail: contact?.email ?? null,
        contactPhone: contact?.phone ?? null,
      },
      () => rng.pick(w.schools.filter((s) => s.level === school.level && s.id !== school.id)).id,
    );
    const checked = validateFormFields({ fields: def.fields }, raw, schoolIds);
    if (checked.errors.length > 0) throw new Error(`demo: invalid fields for ${def.slug}: ${JSON.stringify(checked.errors)}`);
    const year = localParts(created, w.timeZone).year;
    const vars = {
      ...familyVars(rng, lang, child, contact?.gender ?? null, school.name),
      ...displayFields(def.fields, checked.values, lang, schoolName, year),
      department_es: DEPARTMENT_ES[dept],
    };
    const text = fill(pickText(template, lang), vars);
    // No "Thank you." after a message that already thanks.
    const closing = /(thank|gracias)[^.!?]*[.!?]?$/i.test(text) ? "" : pickText(rng.pick(CLOSINGS), lang);
    const signOff = contact && rng.chance(0.6) ? `\n\n${contact.first}` : "";
    const body = `${text}${closing ? ` ${closing}` : ""}${signOff}`;
    const number = w.firstNumber + i;
    const reference = `${w.prefix}-${number}`;
    const schoolField = def.fields.find((f) => f.type === "school");
    const lived = liveConversation(rng, w.now, w.timeZone, log, {
      id: rng.uuid(),
      districtId: w.districtId,
      number,
      reference,
      created,
      lang,
      channel,
      topicId: topic.id,
      departmentId: topic.departmentId,
      departmentName: w.departments[dept].name,
      kind,
      priority: rng.weighted(def.priorities ?? DEFAULT_PRIORITIES),
      role: rng.weighted(def.roles ?? DEFAULT_ROLES),
      contact,
      fields: checked.values,
      schoolId: schoolField ? ((checked.values[schoolField.key] as string | undefined) ?? null) : null,
      subject: subjectFor(def.name, lang, body),
      body,
      answer: fill(pickText(answer, lang), vars),
      ask: fill(pickText(ask, lang), vars),
      notes: NOTES[dept],
      vars,
      team: teamFor(dept, lang),
    });
    out.conversations.push(lived.row);
    out.messages.push(...lived.messages);
    if (lived.rating) out.ratings.push(lived.rating);
  });
  out.events = log.sorted();
  return out;
}
