import type { Bilingual } from "./catalog/index.js";
import type { DepartmentSlug } from "./organization.js";

/** Department names as Spanish-speaking families read them in a signature. */
export const DEPARTMENT_ES: Record<DepartmentSlug, string> = {
  transportation: "Transporte",
  nutrition: "Servicios de Nutrición",
  enrollment: "Inscripciones",
  "special-education": "Educación Especial",
  "human-resources": "Recursos Humanos",
  athletics: "Deportes",
  technology: "Tecnología",
  communications: "Comunicaciones",
  superintendent: "Oficina del Superintendente",
  safety: "Seguridad",
};

/** A staff question that puts the conversation on hold (pending) until the family answers. */
export const ASKS: Record<DepartmentSlug, Bilingual[]> = {
  transportation: [
    {
      en: "Thank you for writing. So we can look into this, could you tell us what time {child} usually gets to the stop, and whether it happens in the morning, the afternoon or both?",
      es: "Gracias por escribirnos. Para revisar esto, ¿nos podría decir a qué hora llega {child} normalmente a la parada y si sucede en la mañana, en la tarde o en ambas?",
    },
    {
      en: "We're reviewing the GPS data for this route. Could you confirm the exact stop {child} uses? The nearest cross street is enough.",
      es: "Estamos revisando los datos del GPS de esta ruta. ¿Podría confirmarnos la parada exacta que usa {child}? Basta con el cruce más cercano.",
    },
  ],
  nutrition: [
    {
      en: "Could you confirm {child}'s date of birth so I can find the right account?",
      es: "¿Podría confirmarme la fecha de nacimiento de {child} para encontrar la cuenta correcta?",
    },
    {
      en: "To look into this I need the date of the payment and the last four digits of the card you used.",
      es: "Para revisarlo necesito la fecha del pago y los últimos cuatro dígitos de la tarjeta que usó.",
    },
  ],
  enrollment: [
    {
      en: "Could you send a photo of a utility bill or lease with your address? You can simply reply to this email with the picture.",
      es: "¿Podría enviarnos una foto de un recibo de servicios o del contrato de renta con su domicilio? Puede responder a este correo con la foto.",
    },
    {
      en: "Which grade did {child} complete most recently, and at which school?",
      es: "¿Qué grado terminó {child} más recientemente y en qué escuela?",
    },
  ],
  "special-education": [
    {
      en: "Could you share a few times that work for a call this week? I'd like to hear more about what you're seeing at home.",
      es: "¿Podría compartirme algunos horarios para una llamada esta semana? Me gustaría saber más de lo que observa en casa.",
    },
    {
      en: "Do you have a copy of {child}'s most recent plan? If not, I can send one before we talk.",
      es: "¿Tiene una copia del plan más reciente de {child}? Si no, se la puedo enviar antes de que hablemos.",
    },
  ],
  "human-resources": [
    {
      en: "Could you send us the employee's signed authorization? We can only release employment information with their consent.",
      es: "¿Nos podría enviar la autorización firmada por el empleado? Solo podemos compartir información laboral con su consentimiento.",
    },
    {
      en: "Could you tell us the job posting number? It's at the top of the posting.",
      es: "¿Nos podría dar el número de la convocatoria? Aparece al inicio del anuncio.",
    },
  ],
  athletics: [
    {
      en: "Which team is this about (JV or varsity), and did it happen at a practice or a game?",
      es: "¿De qué equipo se trata (JV o varsity) y ocurrió en un entrenamiento o en un partido?",
    },
    {
      en: "Could you confirm whether {child}'s athletic clearance has been submitted online?",
      es: "¿Podría confirmar si ya se envió en línea la autorización deportiva de {child}?",
    },
  ],
  technology: [
    {
      en: "Could you tell us the exact error message on the screen? A photo works too.",
      es: "¿Nos podría decir el mensaje de error exacto que aparece en la pantalla? También sirve una foto.",
    },
    {
      en: "Has {child} tried signing in on a school computer as well? That tells us whether the problem is the account or the device.",
      es: "¿{child} ya intentó entrar desde una computadora de la escuela? Así sabremos si el problema es la cuenta o el equipo.",
    },
  ],
  communications: [
    {
      en: "Could you tell us which school or page this is about, so we can send it to the right person?",
      es: "¿Nos podría decir de qué escuela o página se trata, para enviarlo a la persona indicada?",
    },
    {
      en: "Which phone number should we check? It has to match the one on file at the school.",
      es: "¿Qué número de teléfono debemos revisar? Tiene que coincidir con el que está registrado en la escuela.",
    },
  ],
  superintendent: [
    {
      en: "Thank you for writing. Would you be open to a short call with our family engagement coordinator to talk it through?",
      es: "Gracias por escribirnos. ¿Le gustaría tener una breve llamada con nuestra coordinadora de participación familiar para platicarlo?",
    },
    {
      en: "Could you tell us a bit more about how this affects your family? It helps the cabinet understand the impact.",
      es: "¿Nos podría contar un poco más de cómo afecta esto a su familia? Ayuda al gabinete a entender el impacto.",
    },
  ],
  safety: [
    {
      en: "Thank you. Can you tell us roughly what time of day this happens? It helps us schedule patrols.",
      es: "Gracias. ¿Nos puede decir aproximadamente a qué hora del día sucede? Nos ayuda a programar los rondines.",
    },
    {
      en: "Is this still happening? Any detail about where exactly on campus helps us respond.",
      es: "¿Sigue ocurriendo? Cualquier detalle sobre el lugar exacto en el plantel nos ayuda a responder.",
    },
  ],
};

/** The family's answer to a staff question. */
export const FOLLOW_UPS: Bilingual[] = [
  { en: "Thank you for the quick reply. Yes, that's right. Please let me know what you find out.", es: "Gracias por la pronta respuesta. Sí, así es. Por favor avíseme lo que averigüen." },
  { en: "Sorry for the delay. Mornings work best for me, any day before 10. The number on file is the right one.", es: "Perdón por la demora. Me quedan mejor las mañanas, cualquier día antes de las 10. El número que tienen registrado es el correcto." },
  { en: "I just sent it as a reply to your email. Let me know if you can't open it.", es: "Ya lo envié como respuesta a su correo. Avíseme si no lo puede abrir." },
  { en: "It happened again today, same as before. I appreciate you looking into it.", es: "Volvió a pasar hoy, igual que antes. Agradezco que lo estén revisando." },
  { en: "Here is the information: it was {when}, and {child} was with two friends.", es: "Aquí está la información: fue {when} y {child} estaba con dos amigos." },
  { en: "Yes, a call works. You can reach me after 3:30 at the number on file.", es: "Sí, una llamada está bien. Me puede localizar después de las 3:30 en el número registrado." },
];

/** A short thank-you after the answer, before the case is closed. */
export const THANKS: Bilingual[] = [
  { en: "Thank you so much, that's very helpful!", es: "¡Muchas gracias, me ayuda mucho!" },
  { en: "Great, thank you for the quick answer.", es: "Perfecto, gracias por la rápida respuesta." },
  { en: "Thanks! We'll do that.", es: "¡Gracias! Así lo haremos." },
];

/** Internal notes, written in English by staff. `{colleague}` is an @mention of a teammate. */
export const NOTES: Record<DepartmentSlug, string[]> = {
  transportation: [
    "Checked the GPS log: the bus reached the stop 18 minutes after the scheduled time. The route was covered by a substitute driver that week.",
    "{colleague} can you pull the camera footage for this route?",
    "Routing coordinator is reviewing the stop with the city traffic engineer.",
  ],
  nutrition: [
    "Payment shows as pending with the processor; {colleague} is following up with MealPay.",
    "Application found in the system and approved; eligibility updated.",
  ],
  enrollment: [
    "Residency documents still pending; reminder sent.",
    "{colleague} please check there's space in this grade before we confirm.",
  ],
  "special-education": [
    "Case manager notified; meeting options go out this week.",
    "Reviewed the plan: 30 min/week of service, and the logs show gaps since the provider's leave.",
    "{colleague} can you cover the follow-up call? I'm out Thursday.",
  ],
  "human-resources": ["Authorization on file; verification drafted for signature.", "Forwarded to the recruiting team."],
  athletics: ["Talked with the athletic director; he'll call the family.", "Clearance still incomplete: the cardiac arrest form is missing."],
  technology: ["Device last synced 9 days ago; probably stuck in an update.", "{colleague} can you swap this one at the library tomorrow?"],
  communications: ["Forwarded to the school's office manager.", "Notification system shows the number was opted out by a STOP reply."],
  superintendent: ["Shared with the cabinet for Monday's meeting.", "Sent a copy to the principal."],
  safety: [
    "Site administrator and SRO notified; follow-up scheduled.",
    "Reviewed camera footage from that area. Patrols increased at dismissal.",
    "Counselor notified for a same-day wellness check.",
  ],
};

/** What a staff member records after calling a family that left no email. */
export const CALL_NOTES: string[] = [
  "Called the family back at the number on file and explained the next steps; they were satisfied.",
  "Returned the call; parent confirmed the issue is resolved.",
  "Spoke with the caller and walked them through the process on the phone.",
];

/** Comments families leave with a rating, by how it went. */
export const RATING_COMMENTS: Record<"good" | "mixed" | "poor", Bilingual[]> = {
  good: [
    { en: "Very quick and helpful, thank you!", es: "¡Muy rápido y útil, gracias!" },
    { en: "The answer solved our problem the same day.", es: "La respuesta resolvió nuestro problema el mismo día." },
    { en: "Friendly and clear. So much easier than calling around.", es: "Amables y claros. Mucho más fácil que andar llamando." },
    { en: "{staff_first} was wonderful.", es: "{staff_first} fue muy amable." },
  ],
  mixed: [
    { en: "It took a couple of days, but the answer was clear.", es: "Tardó un par de días, pero la respuesta fue clara." },
    { en: "Helpful, though I had to explain the problem twice.", es: "Me ayudaron, aunque tuve que explicar el problema dos veces." },
  ],
  poor: [
    { en: "I had to write twice before anyone answered.", es: "Tuve que escribir dos veces antes de que alguien respondiera." },
    { en: "The answer didn't really solve the problem.", es: "La respuesta no resolvió realmente el problema." },
    { en: "Too slow: it happened again before anyone replied.", es: "Demasiado lento: volvió a pasar antes de que alguien respondiera." },
  ],
};

/** How families close a first message. */
export const CLOSINGS: Bilingual[] = [
  { en: "Thank you.", es: "Gracias." },
  { en: "Thanks for your help.", es: "Gracias por su ayuda." },
  { en: "Thank you for your time.", es: "Gracias por su tiempo." },
  { en: "I appreciate any help.", es: "Agradezco cualquier ayuda." },
  { en: "", es: "" },
];
