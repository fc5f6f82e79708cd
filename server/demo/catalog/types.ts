import type { FieldValue, FormField } from "../../../common/contract/forms.js";
import type { ConversationKind, Language, Priority, RequesterRole } from "../../../common/enums.js";
import type { DepartmentSlug, SchoolLevel } from "../organization.js";
import type { Rng } from "../rng.js";

/** The same text in both district languages. */
export type Bilingual = { en: string; es: string };

/**
 * A message written once in English and Spanish. `{placeholders}` are filled per conversation:
 * every form field key (its display value), plus child, my_child / My_child, school, when, and
 * o / o_parent (the Spanish o/a ending agreeing with the child / the writer).
 */
export type Template = Bilingual & { kind?: ConversationKind; /** The staff answer to this very message, when the topic's answers would not fit. */ answer?: Bilingual };

export type Answer = Bilingual & { kind?: ConversationKind };

/** What a field value generator can see about the conversation being invented. */
export type SampleContext = {
  rng: Rng;
  /** The day the family wrote, on the district's calendar (YYYY-MM-DD). */
  day: string;
  lang: Language;
  /** The school this conversation is about, already chosen to fit the family and the topic. */
  schoolId: string;
  schoolLevel: SchoolLevel;
  childFullName: string;
  contactEmail: string | null;
  contactPhone: string | null;
  /** Values generated so far, in form order. */
  values: Readonly<Record<string, FieldValue>>;
};

export type Sample = (c: SampleContext) => FieldValue | undefined;

export type CategorySlug =
  | "transportation"
  | "meals"
  | "enrollment"
  | "student-support"
  | "technology"
  | "athletics"
  | "employment"
  | "district"
  | "safety";

export type DemoCategory = { slug: CategorySlug; name: Bilingual };

/** A topic of the demo front door: its form, who owns it, and how families write about it. */
export type DemoTopic = {
  slug: string;
  category: CategorySlug | null;
  department: DepartmentSlug;
  name: Bilingual;
  description: Bilingual;
  fields: FormField[];
  defaultKind: ConversationKind;
  /** Relative share of the district's conversations. */
  weight: number;
  isPrivate?: boolean;
  allowAnonymous?: boolean;
  levels?: SchoolLevel[];
  roles?: readonly (readonly [RequesterRole, number])[];
  priorities?: readonly (readonly [Priority, number])[];
  /** Value generators for fields whose key has no sensible default. */
  samples?: Record<string, Sample>;
  /** The family's first message. */
  messages: Template[];
  /** Staff answers that settle it; one tagged with a kind only answers messages of that kind. */
  answers: Answer[];
};
