import type { RoutingExample } from "./classifier.js";

/**
 * A small bilingual routed history, as a district's families write: four departments, ten messages each in
 * English and in Spanish (with the usual missing accents and typos).
 */
const history: Record<string, { en: string[]; es: string[] }> = {
  transportation: {
    en: [
      "The bus never came to our stop this morning and my kids were waiting in the cold",
      "Bus 42 was 30 minutes late again today, is there a new driver?",
      "Can you change my son's bus stop to the corner of Maple and 5th?",
      "The bus driver drove past my daughter without stopping",
      "What time does the afternoon bus drop off at Lincoln Elementary?",
      "We moved, how do I get transportation from our new address?",
      "My child was left on the bus after the route ended",
      "Is there a late bus for students who stay for tutoring?",
      "The bus route schedule on the website is wrong",
      "Who do I talk to about bus safety, kids are standing in the aisle",
    ],
    es: [
      "El autobús no pasó por la parada esta mañana y los niños esperaron una hora",
      "El camion 42 llego tarde otra vez, mi hijo perdió el desayuno",
      "Quiero cambiar la parada del autobus de mi hija a la esquina de Maple",
      "El chofer del autobús no se detuvo para recoger a mi hijo",
      "¿A qué hora deja el autobús a los niños en la tarde?",
      "Nos mudamos, ¿cómo solicito transporte desde la nueva dirección?",
      "Dejaron a mi niña dormida en el autobús al final de la ruta",
      "¿Hay autobús para los estudiantes que se quedan a tutorías?",
      "El horario de la ruta del autobús en la página está equivocado",
      "Los niños van parados en el pasillo del autobús, es peligroso",
    ],
  },
  nutrition: {
    en: [
      "My daughter has a peanut allergy, how do I make sure the cafeteria knows?",
      "How do I apply for free or reduced price lunch?",
      "There is a negative balance on my son's lunch account",
      "The school lunch served today was cold and the kids did not eat",
      "Can the cafeteria offer a vegetarian meal option?",
      "How do I add money to my child's meal account online?",
      "My son was charged twice for breakfast this week",
      "Is breakfast free for all students this year?",
      "Please send me the school menu for next month",
      "My child needs a gluten free diet, what paperwork do you need for meals?",
    ],
    es: [
      "Mi hija es alérgica al cacahuate, ¿cómo le aviso a la cafetería?",
      "¿Cómo solicito almuerzo gratis o a precio reducido?",
      "La cuenta de almuerzo de mi hijo tiene saldo negativo",
      "La comida de la escuela hoy estaba fría y los niños no comieron",
      "¿La cafetería puede ofrecer comida vegetariana?",
      "¿Cómo pongo dinero en la cuenta de comidas de mi hijo?",
      "Le cobraron el desayuno dos veces a mi hijo esta semana",
      "¿El desayuno es gratis para todos los alumnos este año?",
      "Por favor envíenme el menú de la cafetería del próximo mes",
      "Mi niño necesita dieta sin gluten, ¿qué papeles necesitan para las comidas?",
    ],
  },
  enrollment: {
    en: [
      "How do I enroll my child in kindergarten for next year?",
      "What documents do I need to register a new student?",
      "We are moving into the district, how do we enroll?",
      "I need to transfer my son to a different school in the district",
      "What proof of residency do you accept for registration?",
      "Is there still space to register for the fall semester?",
      "How do I withdraw my daughter, we are moving out of state",
      "Can I enroll my child without a birth certificate?",
      "I submitted the online registration but never got a confirmation",
      "When is the deadline for school choice transfer applications?",
    ],
    es: [
      "¿Cómo inscribo a mi hijo en kinder para el próximo año?",
      "¿Qué documentos necesito para inscribir a un estudiante nuevo?",
      "Nos vamos a mudar al distrito, ¿cómo hacemos la inscripción?",
      "Necesito transferir a mi hijo a otra escuela del distrito",
      "¿Qué comprobante de domicilio aceptan para la inscripcion?",
      "¿Todavía hay cupo para inscribirse en el semestre de otoño?",
      "¿Cómo doy de baja a mi hija? nos mudamos a otro estado",
      "¿Puedo inscribir a mi niño sin acta de nacimiento?",
      "Hice la inscripción en línea pero nunca recibí confirmación",
      "¿Cuál es la fecha límite para pedir transferencia de escuela?",
    ],
  },
  special_education: {
    en: [
      "I would like to request an evaluation for special education services",
      "My son's IEP meeting needs to be rescheduled",
      "The accommodations in my daughter's IEP are not being followed",
      "How do I request a 504 plan for my child with ADHD?",
      "My child needs speech therapy, who do I contact?",
      "Can I get a copy of my son's latest IEP progress report?",
      "We disagree with the evaluation results and want an independent evaluation",
      "My daughter has autism and needs a one on one aide in class",
      "Who is the special education case manager at Roosevelt Middle?",
      "I need help understanding my procedural safeguards and parent rights in special ed",
    ],
    es: [
      "Quiero pedir una evaluación para servicios de educación especial",
      "Necesito cambiar la fecha de la junta del IEP de mi hijo",
      "No están cumpliendo las adaptaciones del IEP de mi hija",
      "¿Cómo pido un plan 504 para mi hijo con TDAH?",
      "Mi hijo necesita terapia de lenguaje, ¿con quién hablo?",
      "¿Me pueden dar una copia del reporte de progreso del IEP?",
      "No estamos de acuerdo con la evaluación y queremos una evaluación independiente",
      "Mi hija tiene autismo y necesita un asistente personal en clase",
      "¿Quién es la coordinadora de educación especial en la secundaria Roosevelt?",
      "Necesito ayuda para entender mis derechos como padre en educación especial",
    ],
  },
};

export const DISTRICT_HISTORY: RoutingExample[] = Object.entries(history).flatMap(([label, byLang]) => [
  ...byLang.en.map((text) => ({ text, label, lang: "en" })),
  ...byLang.es.map((text) => ({ text, label, lang: "es" })),
]);
