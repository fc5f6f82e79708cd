import type { Role } from "../../common/enums.js";
import type { WeeklyHours } from "../db/schema/index.js";

/** Riverside Unified: the demo district every fresh install starts with. */
export const DEMO_SLUG = "riverside";
export const DEMO_ADMIN_EMAIL = "admin@riverside.example";
export const DEMO_TIME_ZONE = "America/Los_Angeles";

const WEEKDAY: [string, string][] = [["07:30", "16:30"]];
export const DEMO_HOURS: WeeklyHours = { mon: WEEKDAY, tue: WEEKDAY, wed: WEEKDAY, thu: WEEKDAY, fri: WEEKDAY, sat: [], sun: [] };

export const DEMO_DISTRICT = {
  slug: DEMO_SLUG,
  name: "Riverside Unified School District",
  referencePrefix: "RUSD",
  timeZone: DEMO_TIME_ZONE,
  replyDomain: "riverside.example",
  fromEmail: "letstalk@riverside.example",
  responseDays: 1,
  weeklyHours: DEMO_HOURS,
  websiteUrl: "https://www.riverside.example",
  safetyPhone: "(951) 555-0100",
} as const;

export type SchoolLevel = "elementary" | "middle" | "high";
export type DemoSchool = { code: string; name: string; level: SchoolLevel };

export const DEMO_SCHOOLS: DemoSchool[] = [
  { code: "ACE", name: "Alder Creek Elementary", level: "elementary" },
  { code: "BVE", name: "Bayview Elementary", level: "elementary" },
  { code: "CGE", name: "Cedar Grove Elementary", level: "elementary" },
  { code: "HPE", name: "Harmon Park Elementary", level: "elementary" },
  { code: "LIN", name: "Lincoln Elementary", level: "elementary" },
  { code: "MVE", name: "Mission Vista Elementary", level: "elementary" },
  { code: "SYC", name: "Sycamore Elementary", level: "elementary" },
  { code: "EMS", name: "Eastside Middle School", level: "middle" },
  { code: "JMS", name: "Jefferson Middle School", level: "middle" },
  { code: "VOMS", name: "Valley Oak Middle School", level: "middle" },
  { code: "RHS", name: "Riverside High School", level: "high" },
  { code: "CCHS", name: "César Chávez High School", level: "high" },
];

export type DepartmentSlug =
  | "transportation"
  | "nutrition"
  | "enrollment"
  | "special-education"
  | "human-resources"
  | "athletics"
  | "technology"
  | "communications"
  | "superintendent"
  | "safety";

export const DEMO_DEPARTMENTS: { slug: DepartmentSlug; name: string; email: string }[] = [
  { slug: "transportation", name: "Transportation", email: "transportation@riverside.example" },
  { slug: "nutrition", name: "Nutrition Services", email: "nutrition@riverside.example" },
  { slug: "enrollment", name: "Enrollment", email: "enrollment@riverside.example" },
  { slug: "special-education", name: "Special Education", email: "specialed@riverside.example" },
  { slug: "human-resources", name: "Human Resources", email: "hr@riverside.example" },
  { slug: "athletics", name: "Athletics", email: "athletics@riverside.example" },
  { slug: "technology", name: "Technology", email: "techsupport@riverside.example" },
  { slug: "communications", name: "Communications", email: "communications@riverside.example" },
  { slug: "superintendent", name: "Superintendent's Office", email: "superintendent@riverside.example" },
  { slug: "safety", name: "Safety & Security", email: "safety@riverside.example" },
];

export type DemoStaff = { name: string; email: string; role: Role; departments: DepartmentSlug[]; spanish?: boolean };

const person = (name: string, role: Role, departments: DepartmentSlug[], spanish = false): DemoStaff => {
  const [first = "", ...rest] = name.normalize("NFD").replace(/[\u0300-\u036f']/g, "").toLowerCase().split(" ");
  return { name, email: `${first}.${rest.join("")}@riverside.example`, role, departments, spanish };
};

/** 25 people: the admin, department supervisors and agents, front-desk recorders and read-only viewers. */
export const DEMO_STAFF: DemoStaff[] = [
  { name: "Dana Whitfield", email: DEMO_ADMIN_EMAIL, role: "admin", departments: ["communications", "superintendent"] },
  person("Marcus Bell", "supervisor", ["transportation"]),
  person("Lorena Vásquez", "supervisor", ["nutrition", "enrollment"], true),
  person("Angela Price", "supervisor", ["special-education"]),
  person("Deborah Kim", "supervisor", ["human-resources"]),
  person("Raj Iyer", "supervisor", ["technology"]),
  person("Naomi Fischer", "supervisor", ["communications", "superintendent"]),
  person("Victor Alvarez", "supervisor", ["safety", "athletics"], true),
  person("Tanya Brooks", "agent", ["transportation"]),
  person("Luis Herrera", "agent", ["transportation"], true),
  person("Mei Chen", "agent", ["nutrition"]),
  person("Rosa Delgado", "agent", ["enrollment"], true),
  person("Priya Patel", "agent", ["enrollment", "nutrition"]),
  person("Samuel Okafor", "agent", ["special-education"]),
  person("Elena Morales", "agent", ["special-education"], true),
  person("James Whitaker", "agent", ["human-resources"]),
  person("Tony Russo", "agent", ["athletics"]),
  person("Hannah Schultz", "agent", ["technology"]),
  person("Diego Ramírez", "agent", ["technology"], true),
  person("Carmen Ortiz", "agent", ["communications", "superintendent"], true),
  person("Gloria Jiménez", "recorder", ["transportation", "enrollment", "nutrition"], true),
  person("Patrick Nguyen", "recorder", ["communications", "special-education"]),
  person("Gary Olsen", "recorder", ["safety", "athletics", "technology"]),
  person("Helen Carter", "viewer", ["superintendent"]),
  person("Thomas Reed", "viewer", []),
];
