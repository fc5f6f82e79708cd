import type { Language } from "../../common/enums.js";
import type { Rng } from "./rng.js";

/** Invented families. Addresses and numbers use reserved ranges (example.com, 555-01xx). */
const EN_WOMEN = ["Jennifer", "Sarah", "Jessica", "Ashley", "Emily", "Amanda", "Michelle", "Lauren", "Rachel", "Megan", "Nicole", "Christina", "Aisha", "Keisha", "Linh", "Mai", "Priya", "Fatima", "Hannah", "Grace", "Kimberly", "Stephanie", "Erin", "Monique", "Tamara"];
const EN_MEN = ["Michael", "David", "James", "Robert", "Daniel", "Christopher", "Matthew", "Brian", "Kevin", "Jason", "Andre", "Marcus", "Tuan", "Arjun", "Omar", "Ryan", "Eric", "Steven", "Thomas", "Anthony", "Derek", "Samir"];
const EN_LAST = ["Smith", "Johnson", "Williams", "Brown", "Jones", "Miller", "Davis", "Wilson", "Anderson", "Taylor", "Thomas", "Moore", "Jackson", "Martin", "Lee", "Thompson", "White", "Harris", "Clark", "Lewis", "Robinson", "Walker", "Young", "Allen", "King", "Wright", "Scott", "Nguyen", "Tran", "Patel", "Kim", "Park", "Chen", "Wong", "Singh", "Khan", "Ali", "Hughes", "Foster", "Bennett", "Murphy", "Campbell", "Mitchell", "Carter", "Roberts", "Phillips", "Evans", "Turner", "Parker", "Collins", "Edwards", "Stewart", "Morris", "Cook", "Bailey", "Cooper", "Howard", "Ward", "Gray", "Watson", "Sanders", "Russell", "Hayes", "Myers", "Hamilton", "Graham", "Sullivan", "Wallace", "Cole", "Jordan"];
const ES_WOMEN = ["María", "Guadalupe", "Juana", "Rosa", "Verónica", "Claudia", "Leticia", "Adriana", "Patricia", "Alejandra", "Gabriela", "Elizabeth", "Araceli", "Silvia", "Yesenia", "Maribel", "Norma", "Sandra", "Marisol", "Karina"];
const ES_MEN = ["José", "Juan", "Luis", "Miguel", "Carlos", "Jorge", "Francisco", "Jesús", "Antonio", "Alejandro", "Ricardo", "Roberto", "Fernando", "Javier", "Raúl", "Manuel", "Óscar", "Sergio", "Eduardo", "Mario"];
const ES_LAST = ["García", "Hernández", "Martínez", "López", "González", "Rodríguez", "Pérez", "Sánchez", "Ramírez", "Flores", "Torres", "Rivera", "Gómez", "Díaz", "Reyes", "Cruz", "Morales", "Ortiz", "Gutiérrez", "Chávez", "Ramos", "Ruiz", "Mendoza", "Vargas", "Castillo", "Jiménez", "Moreno", "Romero", "Herrera", "Medina", "Aguilar", "Vázquez", "Castro", "Delgado", "Rojas", "Navarro", "Salazar", "Guerrero", "Contreras", "Estrada", "Figueroa", "Orozco", "Cervantes", "Ochoa", "Zamora", "Rosales", "Valencia", "Carrillo", "Espinoza", "Barajas"];
const EN_BOYS = ["Liam", "Noah", "Ethan", "Mason", "Lucas", "Aiden", "Elijah", "Jayden", "Caleb", "Owen", "Isaac", "Wyatt", "Dylan", "Nathan", "Jamal", "Kai"];
const EN_GIRLS = ["Emma", "Olivia", "Ava", "Sophia", "Isabella", "Mia", "Harper", "Chloe", "Zoe", "Lily", "Nora", "Hailey", "Aaliyah", "Madison", "Layla", "Anika"];
const ES_BOYS = ["Mateo", "Santiago", "Diego", "Sebastián", "Emiliano", "Adrián", "Ángel", "Daniel", "Gael", "Leonardo", "Julián", "Carlos", "Iker", "Josué"];
const ES_GIRLS = ["Sofía", "Valentina", "Camila", "Ximena", "Isabella", "Mía", "Renata", "Regina", "Daniela", "Natalia", "Valeria", "Lucía", "Victoria", "Alexa"];

export type Gender = "f" | "m";
export type DemoChild = { first: string; gender: Gender; schoolId: string; level: "elementary" | "middle" | "high" };
export type DemoContact = {
  id: string;
  name: string;
  first: string;
  gender: Gender;
  last: string;
  lang: Language;
  email: string | null;
  phone: string | null;
  children: DemoChild[];
  createdAt: Date;
};

const AREA_CODES = ["951", "909", "760", "442", "562", "626", "714", "949", "657", "213", "310", "818"];
const DOMAINS = ["example.com", "example.net", "example.org"];

function ascii(s: string): string {
  return s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/[^a-z]/g, "");
}

/** Hands out unique fictional emails and phone numbers (555-0100 to 555-0199 in several area codes). */
export function createAddressBook(rng: Rng) {
  const emails = new Set<string>();
  const phones = new Set<string>();
  return {
    email(first: string, last: string): string {
      const f = ascii(first);
      const l = ascii(last);
      for (let i = 0; ; i++) {
        const n = i === 0 ? "" : String(rng.int(2, 99));
        const local = rng.pick([`${f}.${l}${n}`, `${f}${l}${n}`, `${f[0]}${l}${n}`, `${f}_${l}${n}`]);
        const email = `${local}@${rng.pick(DOMAINS)}`;
        if (!emails.has(email)) {
          emails.add(email);
          return email;
        }
      }
    },
    /** null once every fictional number is taken. */
    phone(): string | null {
      for (let i = 0; i < 50; i++) {
        const p = `+1${rng.pick(AREA_CODES)}55501${String(rng.int(0, 99)).padStart(2, "0")}`;
        if (!phones.has(p)) {
          phones.add(p);
          return p;
        }
      }
      return null;
    },
  };
}

export function personName(rng: Rng, lang: Language): { first: string; last: string; gender: Gender } {
  const gender: Gender = rng.chance(0.72) ? "f" : "m"; // most family contacts are mothers
  // Plenty of English-speaking families in the district have Spanish surnames too.
  const hispanic = lang === "es" || rng.chance(0.28);
  const first = hispanic && (lang === "es" || rng.chance(0.5)) ? rng.pick(gender === "f" ? ES_WOMEN : ES_MEN) : rng.pick(gender === "f" ? EN_WOMEN : EN_MEN);
  return { first, last: rng.pick(hispanic ? ES_LAST : EN_LAST), gender };
}

export function childName(rng: Rng, lang: Language, last: string): { first: string; gender: Gender } {
  const gender: Gender = rng.chance(0.5) ? "f" : "m";
  const spanish = lang === "es" ? rng.chance(0.8) : ES_LAST.includes(last) && rng.chance(0.4);
  const pool = spanish ? (gender === "f" ? ES_GIRLS : ES_BOYS) : gender === "f" ? EN_GIRLS : EN_BOYS;
  return { first: rng.pick(pool), gender };
}

export function adultName(rng: Rng): string {
  const lang: Language = rng.chance(0.35) ? "es" : "en";
  const n = personName(rng, lang);
  return `${n.first} ${n.last}`;
}

/** "March 3" / "3 de marzo" (with the year when it differs from the reference year). */
export function humanDate(ymd: string, lang: Language, referenceYear: number): string {
  const [y, m, d] = ymd.split("-").map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  const opts: Intl.DateTimeFormatOptions = { timeZone: "UTC", month: "long", day: "numeric", ...(y !== referenceYear ? { year: "numeric" } : {}) };
  return date.toLocaleDateString(lang === "es" ? "es-US" : "en-US", opts);
}

/** (951) 555-0123 from +19515550123. */
export function displayPhone(e164: string): string {
  const m = /^\+1(\d{3})(\d{3})(\d{4})$/.exec(e164);
  return m ? `(${m[1]}) ${m[2]}-${m[3]}` : e164;
}
