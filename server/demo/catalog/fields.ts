import type { FormField, LocalizedText } from "../../../common/contract/forms.js";

type Opt = [value: string, en: string, es: string];

const options = (list: Opt[]) => list.map(([value, en, es]) => ({ value, label: { en, es } }));
const text = (en: string, es: string): LocalizedText => ({ en, es });

/** Field builders shared by the demo topics: labels and help in English and Spanish. */
export const f = {
  school(help = text("The school your student attends.", "La escuela a la que asiste su estudiante."), required = true): FormField {
    return { key: "school", type: "school", label: text("School", "Escuela"), help, required };
  },
  grade(required = true): FormField {
    const grades: Opt[] = [
      ["tk", "Transitional kindergarten (TK)", "Kínder de transición (TK)"],
      ["k", "Kindergarten", "Kínder"],
      ...Array.from({ length: 12 }, (_, i): Opt => [String(i + 1), `Grade ${i + 1}`, `Grado ${i + 1}`]),
    ];
    return {
      key: "grade",
      type: "choice",
      label: text("Grade", "Grado"),
      help: text("The grade your student is in now, or will enter.", "El grado que cursa su estudiante o al que ingresará."),
      required,
      options: options(grades),
    };
  },
  studentName(required = true): FormField {
    return {
      key: "student_name",
      type: "text",
      label: text("Student's full name", "Nombre completo del estudiante"),
      help: text("As it appears in school records.", "Tal como aparece en los registros escolares."),
      required,
      maxLength: 100,
    };
  },
  studentId(required = false): FormField {
    return {
      key: "student_id",
      type: "text",
      label: text("Student ID number", "Número de identificación del estudiante"),
      help: text("Six digits, printed on report cards and the student ID card. Leave blank if you don't know it.", "Seis dígitos; aparece en la boleta de calificaciones y en la credencial. Déjelo en blanco si no lo sabe."),
      required,
      maxLength: 10,
    };
  },
  date(key: string, en: string, es: string, helpEn: string, helpEs: string, required = false): FormField {
    return { key, type: "date", label: text(en, es), help: text(helpEn, helpEs), required };
  },
  text(key: string, en: string, es: string, helpEn: string, helpEs: string, opts: { required?: boolean; maxLength?: number } = {}): FormField {
    return { key, type: "text", label: text(en, es), help: text(helpEn, helpEs), required: opts.required ?? false, maxLength: opts.maxLength ?? 120 };
  },
  longText(key: string, en: string, es: string, helpEn: string, helpEs: string, required = false): FormField {
    return { key, type: "long_text", label: text(en, es), help: text(helpEn, helpEs), required, maxLength: 2000 };
  },
  choice(key: string, en: string, es: string, helpEn: string, helpEs: string, list: Opt[], required = true): FormField {
    return { key, type: "choice", label: text(en, es), help: text(helpEn, helpEs), required, options: options(list) };
  },
  multi(key: string, en: string, es: string, helpEn: string, helpEs: string, list: Opt[], required = false): FormField {
    return { key, type: "multi_choice", label: text(en, es), help: text(helpEn, helpEs), required, options: options(list) };
  },
  number(key: string, en: string, es: string, helpEn: string, helpEs: string, min: number, max: number, required = false): FormField {
    return { key, type: "number", label: text(en, es), help: text(helpEn, helpEs), required, min, max };
  },
  phone(key: string, en: string, es: string, helpEn: string, helpEs: string, required = false): FormField {
    return { key, type: "phone", label: text(en, es), help: text(helpEn, helpEs), required };
  },
  email(key: string, en: string, es: string, helpEn: string, helpEs: string, required = false): FormField {
    return { key, type: "email", label: text(en, es), help: text(helpEn, helpEs), required };
  },
  bestTimes(): FormField {
    return {
      key: "best_times",
      type: "multi_choice",
      label: text("Best times to reach you", "Mejores horarios para comunicarnos con usted"),
      help: text("Choose all that apply.", "Elija todas las opciones que correspondan."),
      required: false,
      options: options([
        ["morning", "Morning (8–11 a.m.)", "Mañana (8–11 a.m.)"],
        ["midday", "Midday (11 a.m.–1 p.m.)", "Mediodía (11 a.m.–1 p.m.)"],
        ["afternoon", "Afternoon (1–4 p.m.)", "Tarde (1–4 p.m.)"],
      ]),
    };
  },
};
