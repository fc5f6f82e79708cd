import { enrollmentTopics, supportTopics } from "./enrollment-support.js";
import { communicationsTopics, leadershipTopics, safetyTopics } from "./district-safety.js";
import { athleticsTopics, employmentTopics, technologyTopics } from "./technology-athletics-jobs.js";
import { mealTopics, transportationTopics } from "./transportation-meals.js";
import type { DemoCategory, DemoTopic } from "./types.js";

export type { Answer, Bilingual, DemoCategory, DemoTopic, Sample, SampleContext, Template } from "./types.js";

/** The front door's sections, in the order families see them. */
export const DEMO_CATEGORIES: DemoCategory[] = [
  { slug: "transportation", name: { en: "Transportation", es: "Transporte" } },
  { slug: "meals", name: { en: "School meals", es: "Comidas escolares" } },
  { slug: "enrollment", name: { en: "Enrollment and records", es: "Inscripción y expedientes" } },
  { slug: "student-support", name: { en: "Special education and student support", es: "Educación especial y apoyo estudiantil" } },
  { slug: "technology", name: { en: "Technology and devices", es: "Tecnología y dispositivos" } },
  { slug: "athletics", name: { en: "Athletics and facilities", es: "Deportes e instalaciones" } },
  { slug: "employment", name: { en: "Jobs and volunteering", es: "Empleo y voluntariado" } },
  { slug: "district", name: { en: "District and leadership", es: "Distrito y dirección" } },
  { slug: "safety", name: { en: "Safety", es: "Seguridad" } },
];

/** About forty topics with real forms, each owned by a department. */
export const DEMO_TOPICS: DemoTopic[] = [
  ...transportationTopics,
  ...mealTopics,
  ...enrollmentTopics,
  ...supportTopics,
  ...technologyTopics,
  ...athleticsTopics,
  ...employmentTopics,
  ...communicationsTopics,
  ...leadershipTopics,
  ...safetyTopics,
];
