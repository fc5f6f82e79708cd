import { addDays } from "../time.js";
import { f } from "./fields.js";
import type { DemoTopic } from "./types.js";

export const communicationsTopics: DemoTopic[] = [
  {
    slug: "general-question",
    category: "district",
    department: "communications",
    name: { en: "General question", es: "Pregunta general" },
    description: { en: "Anything else: we'll make sure it reaches the right person.", es: "Cualquier otra cosa: nos aseguraremos de que llegue a la persona indicada." },
    defaultKind: "question",
    weight: 10,
    fields: [],
    messages: [
      {
        en: "What time does school let out at {school} on minimum days? The calendar says early release but not the time.",
        es: "¿A qué hora salen de {school} en los días de salida temprana? El calendario dice salida temprana pero no dice la hora.",
        answer: {
          en: "On minimum days {school} lets out at 12:45 p.m.; the full bell schedule is on the school's home page under Bell Schedules, and buses run about 10 minutes after dismissal.",
          es: "En los días de salida temprana {school} sale a las 12:45 p.m.; el horario completo está en la página principal de la escuela, en Horarios, y los autobuses pasan unos 10 minutos después de la salida.",
        },
      },
      {
        en: "When is the last day of school this year, and is there summer school for elementary students?",
        es: "¿Cuándo es el último día de clases este año y hay escuela de verano para primaria?",
        answer: {
          en: "The last day of school is June 5 (a minimum day). Summer school for grades K–5 runs June 16 to July 10 at three sites; registration opens in April at https://www.riverside.example/summer.",
          es: "El último día de clases es el 5 de junio (salida temprana). La escuela de verano para kínder a 5.º grado es del 16 de junio al 10 de julio en tres planteles; las inscripciones abren en abril en https://www.riverside.example/summer.",
        },
      },
      {
        en: "I stopped getting the phone calls and texts from {school}. How do I update my number so I get the school messages again?",
        es: "Dejé de recibir las llamadas y mensajes de {school}. ¿Cómo actualizo mi número para volver a recibir los avisos de la escuela?",
        answer: {
          en: "Phone numbers come from the student information system, so the {school} office can update it for you in a minute, by phone or in person. Once it's changed, messages resume the next day.",
          es: "Los números de teléfono vienen del sistema de información estudiantil, así que la oficina de {school} puede actualizarlo en un minuto, por teléfono o en persona. Una vez cambiado, los mensajes se reanudan al día siguiente.",
        },
      },
      {
        en: "Where can I find the school supply list for {school}? {child} is starting there next week.",
        es: "¿Dónde encuentro la lista de útiles de {school}? {child} empieza ahí la próxima semana.",
        answer: {
          en: "Supply lists are posted on each school's page under Families. For {school} the teachers keep the list short; nothing is required on the first day.",
          es: "Las listas de útiles están en la página de cada escuela, en la sección Familias. En {school} los maestros piden pocas cosas; el primer día no se requiere nada.",
        },
      },
      {
        kind: "comment",
        en: "Just wanted to say the new Let's Talk page is much easier than calling around. Thank you!",
        es: "Solo quería decir que la nueva página de Hablemos es mucho más fácil que andar llamando. ¡Gracias!",
        answer: {
          en: "Thank you for the kind words! That's exactly why we built it.",
          es: "¡Gracias por sus amables palabras! Justo para eso la creamos.",
        },
      },
    ],
    answers: [
      {
        en: "Thank you for your question. I checked with {school} and shared the details with the office manager, who will also follow up with you directly.",
        es: "Gracias por su pregunta. Lo consulté con {school} y compartí los detalles con la encargada de la oficina, que también se comunicará con usted directamente.",
      },
    ],
  },
  {
    slug: "website-feedback",
    category: "district",
    department: "communications",
    name: { en: "Website or app feedback", es: "Comentarios sobre el sitio web o la aplicación" },
    description: { en: "Broken links, missing information or ideas for the district website and app.", es: "Enlaces rotos, información que falta o ideas para el sitio web y la aplicación del distrito." },
    defaultKind: "suggestion",
    weight: 2,
    fields: [
      f.text("page", "Page or screen", "Página o pantalla", "The web address or the name of the screen.", "La dirección web o el nombre de la pantalla.", { maxLength: 200 }),
      f.choice("device", "Device", "Dispositivo", "What you were using.", "Lo que estaba usando.", [
        ["phone", "Phone", "Teléfono"],
        ["computer", "Computer", "Computadora"],
        ["tablet", "Tablet", "Tableta"],
      ]),
    ],
    samples: { page: ({ rng }) => rng.pick(["https://www.riverside.example/calendar", "https://www.riverside.example/menus", "District app > Calendar", "https://www.riverside.example/enroll"]) },
    messages: [
      {
        kind: "concern",
        en: "The lunch menu link on the {school} page ({page}) goes to last year's menu.",
        es: "El enlace del menú en la página de {school} ({page}) lleva al menú del año pasado.",
        answer: { en: "Good catch, thank you! The link now points to this month's menu.", es: "¡Bien visto, gracias! El enlace ya lleva al menú de este mes." },
      },
      {
        kind: "suggestion",
        en: "It would help a lot if the district app showed the calendar in Spanish too ({page}). Many families in our school only read Spanish.",
        es: "Ayudaría mucho que la aplicación del distrito mostrara el calendario también en español ({page}). Muchas familias de nuestra escuela solo leen español.",
        answer: {
          en: "Thank you for the suggestion. The calendar translation is scheduled for the app update next month; until then the Spanish calendar is at https://www.riverside.example/es/calendario.",
          es: "Gracias por la sugerencia. La traducción del calendario viene en la actualización de la aplicación del próximo mes; mientras tanto, el calendario en español está en https://www.riverside.example/es/calendario.",
        },
      },
    ],
    answers: [{ en: "Thank you for letting us know. Our web team fixed the page today.", es: "Gracias por avisarnos. Nuestro equipo web corrigió la página hoy." }],
  },
  {
    slug: "school-messages",
    category: "district",
    department: "communications",
    name: { en: "Emergency alerts and school messages", es: "Alertas de emergencia y mensajes escolares" },
    description: { en: "Not getting calls or texts, or choosing which messages you receive.", es: "No recibe llamadas o mensajes, o quiere elegir qué avisos recibir." },
    defaultKind: "question",
    weight: 2,
    fields: [
      f.phone("alert_phone", "Phone number for calls and texts", "Número para llamadas y mensajes", "A mobile number if you want texts.", "Un celular si quiere recibir mensajes de texto.", true),
      f.multi("alert_types", "Messages you want", "Mensajes que quiere recibir", "Emergency alerts are always sent.", "Las alertas de emergencia siempre se envían.", [
        ["emergency", "Emergency alerts", "Alertas de emergencia"],
        ["attendance", "Absence calls", "Llamadas de inasistencia"],
        ["general", "General announcements", "Anuncios generales"],
        ["meals", "Low meal balance", "Saldo bajo de comidas"],
      ], true),
      f.choice("message_language", "Language for messages", "Idioma de los mensajes", "We send every message in this language.", "Enviamos todos los mensajes en este idioma.", [
        ["en", "English", "Inglés"],
        ["es", "Spanish", "Español"],
      ]),
    ],
    samples: { alert_types: ({ rng }) => ["emergency", ...rng.sample(["attendance", "general", "meals"], rng.int(1, 3))] },
    messages: [
      {
        en: "I'm not receiving the text alerts on {alert_phone}, only the emails. I'd like to get: {alert_types}.",
        es: "No me llegan las alertas por mensaje de texto al {alert_phone}, solo los correos. Me gustaría recibir: {alert_types}.",
      },
    ],
    answers: [
      {
        en: "Texts to {alert_phone} had been turned off after a STOP reply. I've re-enabled them; text Y to 67587 to confirm and you'll receive alerts again.",
        es: "Los mensajes al {alert_phone} estaban desactivados porque se respondió STOP. Ya los reactivé; envíe Y al 67587 para confirmar y volverá a recibir las alertas.",
      },
    ],
  },
  {
    slug: "media-request",
    category: "district",
    department: "communications",
    name: { en: "Media inquiry", es: "Solicitud de medios de comunicación" },
    description: { en: "Reporters and producers requesting comment or interviews.", es: "Periodistas y productores que solicitan declaraciones o entrevistas." },
    defaultKind: "question",
    weight: 1,
    roles: [["community", 1]],
    fields: [
      f.text("outlet", "Outlet", "Medio", "Newspaper, station or publication.", "Periódico, estación o publicación.", { required: true, maxLength: 100 }),
      f.date("deadline", "Deadline", "Fecha límite", "When you need a response.", "Cuándo necesita la respuesta.", true),
      f.choice("interview", "Are you requesting an interview?", "¿Solicita una entrevista?", "Or a written statement.", "O una declaración por escrito.", [
        ["yes", "Yes, an interview", "Sí, una entrevista"],
        ["statement", "A written statement is enough", "Basta una declaración por escrito"],
      ]),
    ],
    samples: { deadline: ({ rng, day }) => addDays(day, rng.int(1, 4)) },
    messages: [
      {
        en: "I'm a reporter with {outlet} working on a story about the district's new bell schedule. Could someone from the district comment before {deadline}?",
        es: "Soy periodista de {outlet} y preparo una nota sobre el nuevo horario escolar del distrito. ¿Alguien del distrito podría dar una declaración antes del {deadline}?",
      },
    ],
    answers: [
      {
        en: "Thanks for reaching out. Our Chief Communications Officer can do a 15-minute phone interview tomorrow at 10 a.m.; the board presentation on the bell schedule is at https://www.riverside.example/board.",
        es: "Gracias por comunicarse. Nuestra directora de comunicaciones puede dar una entrevista telefónica de 15 minutos mañana a las 10 a.m.; la presentación a la mesa directiva sobre el horario está en https://www.riverside.example/board.",
      },
    ],
  },
];

export const leadershipTopics: DemoTopic[] = [
  {
    slug: "compliment-staff",
    category: "district",
    department: "superintendent",
    name: { en: "Compliment a staff member", es: "Felicitar a un miembro del personal" },
    description: { en: "Tell us about someone who made a difference.", es: "Cuéntenos sobre alguien que marcó la diferencia." },
    defaultKind: "compliment",
    weight: 4,
    fields: [
      f.school(),
      f.text("staff_name", "Staff member's name", "Nombre del miembro del personal", "First and last name if you know it.", "Nombre y apellido si los sabe.", { required: true, maxLength: 80 }),
      f.choice("staff_role", "Their role", "Su puesto", "Choose the closest match.", "Elija la opción más parecida.", [
        ["teacher", "Teacher", "Maestro/a"],
        ["office", "Office staff", "Personal de oficina"],
        ["custodian", "Custodian", "Conserje"],
        ["principal", "Principal or assistant principal", "Director/a o subdirector/a"],
        ["other", "Other", "Otro"],
      ]),
    ],
    messages: [
      {
        en: "I want to recognize {staff_name} at {school}. {child} struggled with reading all last year and now reads chapter books. {staff_name} stayed after school twice a week to help.",
        es: "Quiero reconocer a {staff_name} de {school}. A {child} le costó mucho la lectura todo el año pasado y ahora lee libros por capítulos. {staff_name} se quedaba después de clases dos veces por semana para ayudar.",
      },
      {
        en: "A big thank-you to {staff_name} at {school}, who is always patient and kind with our family, even when I call for the tenth time.",
        es: "Muchas gracias a {staff_name} de {school}, que siempre es paciente y amable con nuestra familia, aunque llame por décima vez.",
      },
    ],
    answers: [
      {
        en: "Thank you for taking the time to write this! The superintendent sent your note to {staff_name} and the principal at {school}, and it will be read at the next staff recognition.",
        es: "¡Gracias por tomarse el tiempo de escribirnos! El superintendente envió su mensaje a {staff_name} y a la dirección de {school}, y se leerá en el próximo reconocimiento al personal.",
      },
    ],
  },
  {
    slug: "district-suggestion",
    category: "district",
    department: "superintendent",
    name: { en: "Suggestion for the district", es: "Sugerencia para el distrito" },
    description: { en: "Ideas to make our schools better.", es: "Ideas para mejorar nuestras escuelas." },
    defaultKind: "suggestion",
    weight: 3,
    fields: [
      f.choice("area", "Area", "Área", "Choose the closest match.", "Elija la opción más parecida.", [
        ["programs", "Programs and classes", "Programas y clases"],
        ["calendar", "Calendar and schedules", "Calendario y horarios"],
        ["communication", "Communication", "Comunicación"],
        ["facilities", "Buildings and grounds", "Edificios y terrenos"],
      ]),
    ],
    messages: [
      {
        en: "It would be great if the district offered an after-school program at {school}. Many families work until 5 and the waitlist at the YMCA is months long.",
        es: "Sería muy bueno que el distrito ofreciera un programa después de clases en {school}. Muchas familias trabajamos hasta las 5 y la lista de espera en la YMCA es de meses.",
        answer: {
          en: "Thank you for the suggestion. The district applied for expanded learning funds this year, and {school} is on the list of sites for a free after-school program starting in the fall. Families will hear about sign-ups in the spring.",
          es: "Gracias por la sugerencia. El distrito solicitó fondos para programas de aprendizaje extendido este año y {school} está en la lista de planteles para un programa gratuito después de clases a partir del otoño. Avisaremos a las familias sobre las inscripciones en la primavera.",
        },
      },
      {
        en: "Please consider starting middle school later. {child} gets up at 6 a.m. to catch the bus to {school} and is exhausted by noon.",
        es: "Por favor consideren que la secundaria empiece más tarde. {child} se levanta a las 6 a.m. para alcanzar el autobús a {school} y a mediodía ya está agotad{o}.",
      },
      {
        en: "Could the district send the weekly newsletter as a text with a link? A lot of parents at {school} never check email.",
        es: "¿Podría el distrito mandar el boletín semanal como mensaje de texto con un enlace? Muchos padres de {school} nunca revisan el correo.",
      },
    ],
    answers: [
      {
        en: "Thank you for the suggestion. It has been shared with the superintendent's cabinet, and similar ideas are being reviewed as part of the district's planning for next year.",
        es: "Gracias por la sugerencia. Se compartió con el gabinete del superintendente, y se están revisando ideas similares como parte de la planeación del distrito para el próximo año.",
      },
    ],
  },
  {
    slug: "board-meeting",
    category: "district",
    department: "superintendent",
    name: { en: "Board meeting or public comment", es: "Reunión de la mesa directiva o comentario público" },
    description: { en: "Speaking at a board meeting, written comments and agenda questions.", es: "Participar en una reunión de la mesa directiva, comentarios por escrito y preguntas sobre la agenda." },
    defaultKind: "question",
    weight: 2,
    roles: [["parent", 5], ["community", 4], ["staff", 1]],
    fields: [
      f.date("meeting_date", "Meeting date", "Fecha de la reunión", "Regular meetings are the second and fourth Tuesday.", "Las reuniones ordinarias son el segundo y cuarto martes.", true),
      f.choice("comment_type", "What would you like to do?", "¿Qué le gustaría hacer?", "Choose one.", "Elija una opción.", [
        ["speak", "Speak at the meeting", "Hablar en la reunión"],
        ["written", "Submit a written comment", "Enviar un comentario por escrito"],
        ["question", "Ask about an agenda item", "Preguntar sobre un punto de la agenda"],
      ]),
      f.text("agenda_item", "Agenda item or subject", "Punto de la agenda o tema", "For example: 'Item 7.2, bell schedule'.", "Por ejemplo: 'Punto 7.2, horario escolar'.", { maxLength: 150 }),
    ],
    samples: {
      meeting_date: ({ rng, day }) => addDays(day, rng.int(2, 14)),
      agenda_item: ({ rng, lang }) =>
        lang === "es"
          ? rng.pick(["el nuevo horario escolar", "el presupuesto del próximo año", "la seguridad en las paradas de autobús", "el programa de inmersión dual"])
          : rng.pick(["the new bell schedule", "next year's budget", "safety at bus stops", "the dual immersion program"]),
    },
    messages: [
      {
        en: "I'd like to speak during public comment at the board meeting on {meeting_date} about {agenda_item}. How do I sign up?",
        es: "Me gustaría hablar durante los comentarios públicos en la reunión de la mesa directiva del {meeting_date} sobre {agenda_item}. ¿Cómo me inscribo?",
      },
    ],
    answers: [
      {
        en: "You can sign up to speak at https://www.riverside.example/board until 5 p.m. on {meeting_date}, or fill out a speaker card at the meeting before public comment begins. Each speaker has three minutes, and Spanish interpretation is available.",
        es: "Puede inscribirse para hablar en https://www.riverside.example/board hasta las 5 p.m. del {meeting_date}, o llenar una tarjeta de orador en la reunión antes de que empiecen los comentarios públicos. Cada orador tiene tres minutos y hay interpretación al español.",
      },
    ],
  },
  {
    slug: "policy-concern",
    category: "district",
    department: "superintendent",
    name: { en: "District policy or decision", es: "Política o decisión del distrito" },
    description: { en: "Concerns about a district policy, program or decision.", es: "Inquietudes sobre una política, programa o decisión del distrito." },
    defaultKind: "concern",
    weight: 3,
    fields: [f.school({ en: "If it's about one school.", es: "Si se trata de una escuela." }, false)],
    messages: [
      {
        en: "I'm concerned about the new cell phone policy. {child} rides two buses to {school} and can't let me know if something goes wrong.",
        es: "Me preocupa la nueva política de celulares. {child} toma dos autobuses para llegar a {school} y no puede avisarme si pasa algo.",
        answer: {
          en: "Thank you for sharing your concern. Under the policy, students may use phones before and after school, and in the front office any time they need to reach a parent. I've asked the {school} principal to make sure every student knows this.",
          es: "Gracias por compartir su inquietud. Según la política, los estudiantes pueden usar el teléfono antes y después de clases, y en la oficina en cualquier momento que necesiten comunicarse con sus padres. Le pedí a la dirección de {school} que se asegure de que todos los estudiantes lo sepan.",
        },
      },
      {
        en: "Why was the math curriculum changed in the middle of the year? {child}'s class at {school} switched books in January and {child} is lost.",
        es: "¿Por qué cambiaron el programa de matemáticas a mitad del año? El grupo de {child} en {school} cambió de libros en enero y {child} está perdid{o}.",
        answer: {
          en: "The board adopted the new curriculum in November after a pilot in twelve classrooms, and some schools started early. {school} is holding a family math night next Thursday, and {child}'s teacher can share practice materials for home.",
          es: "La mesa directiva aprobó el nuevo programa en noviembre después de una prueba en doce grupos, y algunas escuelas empezaron antes. {school} tendrá una noche de matemáticas para familias el próximo jueves, y la maestra de {child} puede compartir material de práctica para casa.",
        },
      },
    ],
    answers: [
      {
        en: "Thank you for sharing your concern. I've passed it to the superintendent's cabinet and to the principal at {school}.",
        es: "Gracias por compartir su inquietud. La hice llegar al gabinete del superintendente y a la dirección de {school}.",
      },
    ],
  },
];

const safetyAnswer = {
  en: "Thank you for reporting this. The site administrator and our campus safety team were notified right away and are following up. To protect the students involved we can't share details, but every report is taken seriously.",
  es: "Gracias por reportarlo. La dirección del plantel y nuestro equipo de seguridad recibieron el aviso de inmediato y están dando seguimiento. Para proteger a los estudiantes involucrados no podemos compartir detalles, pero tomamos en serio cada reporte.",
};

export const safetyTopics: DemoTopic[] = [
  {
    slug: "safety-tip",
    category: null,
    department: "safety",
    name: { en: "Report a safety concern (anonymous)", es: "Reportar un problema de seguridad (anónimo)" },
    description: { en: "Bullying, threats, weapons, drugs, or someone who may hurt themselves. You don't have to give your name. If someone is in danger now, call 911.", es: "Acoso, amenazas, armas, drogas, o alguien que podría hacerse daño. No tiene que dar su nombre. Si alguien está en peligro ahora, llame al 911." },
    defaultKind: "concern",
    weight: 4,
    isPrivate: true,
    allowAnonymous: true,
    roles: [["student", 4], ["parent", 4], ["community", 1], ["staff", 1]],
    priorities: [["high", 6], ["critical", 3], ["normal", 1]],
    fields: [
      f.school({ en: "If it's about a school.", es: "Si se trata de una escuela." }, false),
      f.choice("concern_type", "What kind of concern?", "¿Qué tipo de problema?", "Choose the closest match.", "Elija la opción más parecida.", [
        ["bullying", "Bullying or harassment", "Acoso o intimidación"],
        ["threat", "A threat of violence", "Una amenaza de violencia"],
        ["weapon", "A weapon", "Un arma"],
        ["drugs", "Drugs or alcohol", "Drogas o alcohol"],
        ["self_harm", "Someone may hurt themselves", "Alguien podría hacerse daño"],
        ["other", "Something else", "Otra cosa"],
      ]),
      f.date("incident_date", "When did it happen?", "¿Cuándo ocurrió?", "Or when it is supposed to happen.", "O cuándo se supone que va a ocurrir.", false),
    ],
    messages: [
      {
        en: "Some students at {school} have been sharing a video making fun of a classmate and saying they will fight him after school on Friday.",
        es: "Unos estudiantes de {school} están compartiendo un video burlándose de un compañero y dicen que se van a pelear con él a la salida el viernes.",
      },
      {
        en: "I overheard students saying someone is bringing vape pens with THC to {school} and selling them in the bathroom by the gym.",
        es: "Escuché a unos estudiantes decir que alguien está llevando vapeadores con THC a {school} y los vende en el baño junto al gimnasio.",
      },
      {
        en: "A student at {school} posted on social media that they don't want to be alive anymore. I'm really worried about them.",
        es: "Un estudiante de {school} publicó en redes sociales que ya no quiere vivir. Me preocupa mucho esa persona.",
      },
    ],
    answers: [safetyAnswer],
  },
  {
    slug: "campus-safety",
    category: "safety",
    department: "safety",
    name: { en: "Campus safety concern", es: "Inquietud sobre la seguridad en el plantel" },
    description: { en: "Gates, fences, visitors and anything that makes a campus feel unsafe.", es: "Portones, bardas, visitantes y cualquier cosa que haga sentir inseguro un plantel." },
    defaultKind: "concern",
    weight: 3,
    priorities: [["normal", 5], ["high", 4], ["critical", 1]],
    fields: [
      f.school(),
      f.text("location", "Where on campus?", "¿En qué parte del plantel?", "For example: the gate by the kindergarten playground.", "Por ejemplo: el portón junto al patio de kínder.", { required: true, maxLength: 120 }),
      f.date("incident_date", "When did you notice it?", "¿Cuándo lo notó?", "The most recent time.", "La vez más reciente.", false),
    ],
    messages: [
      {
        en: "The gate at {location} at {school} is left open during the day and anyone can walk in from the park.",
        es: "El portón de {location} en {school} se queda abierto durante el día y cualquiera puede entrar desde el parque.",
        answer: {
          en: "Thank you. Our safety team checked the gate at {school} this morning: the latch was broken and has been replaced, and campus supervisors now check it every hour.",
          es: "Gracias. Nuestro equipo de seguridad revisó el portón de {school} esta mañana: el seguro estaba roto y ya se cambió, y los supervisores lo revisan cada hora.",
        },
      },
      {
        en: "A man has been standing by the fence near {location} at {school} at dismissal for the last few days, taking pictures.",
        es: "Un hombre ha estado parado junto a la barda cerca de {location} en {school} a la hora de la salida los últimos días, tomando fotos.",
        answer: {
          en: "Thank you for reporting this right away. Our campus safety officer and local police have increased patrols at dismissal at {school}. If you see this person again, please call (951) 555-0100.",
          es: "Gracias por reportarlo de inmediato. Nuestro oficial de seguridad y la policía local aumentaron los rondines a la hora de la salida en {school}. Si vuelve a ver a esa persona, llame al (951) 555-0100.",
        },
      },
    ],
    answers: [safetyAnswer],
  },
  {
    slug: "traffic-safety",
    category: "safety",
    department: "safety",
    name: { en: "Traffic and drop-off safety", es: "Seguridad vial y zona de ascenso y descenso" },
    description: { en: "Drop-off lines, crossings, speeding and parking near schools.", es: "Filas de ascenso y descenso, cruces, exceso de velocidad y estacionamiento cerca de las escuelas." },
    defaultKind: "concern",
    weight: 3,
    fields: [
      f.school(),
      f.text("road", "Street or intersection", "Calle o cruce", "Where the problem is.", "Dónde está el problema.", { required: true }),
      f.choice("time", "When?", "¿Cuándo?", "Choose one.", "Elija una opción.", [
        ["morning", "Morning drop-off", "Entrada de la mañana"],
        ["afternoon", "Afternoon pickup", "Salida de la tarde"],
        ["both", "Both", "Ambas"],
      ]),
    ],
    messages: [
      {
        en: "Drop-off at {school} is dangerous. Cars make U-turns on {road} and kids cross between them. We need a crossing guard.",
        es: "La zona de descenso de {school} es peligrosa. Los carros se dan vuelta en U en {road} y los niños cruzan entre ellos. Necesitamos un guardia de cruce.",
      },
      {
        en: "Parents at {school} park in the red zone on {road} every afternoon and the buses can't get through.",
        es: "Los padres de {school} se estacionan en la zona roja de {road} todas las tardes y los autobuses no pueden pasar.",
      },
    ],
    answers: [
      {
        en: "We agree. Starting next week a crossing guard will be at {road} from 7:30 to 8:15 and 2:45 to 3:30, and the city has agreed to add no U-turn signs.",
        es: "Estamos de acuerdo. A partir de la próxima semana habrá un guardia de cruce en {road} de 7:30 a 8:15 y de 2:45 a 3:30, y la ciudad aceptó poner señales de prohibido dar vuelta en U.",
      },
      {
        en: "Thank you. The school resource officer will be at {road} during pickup for the next two weeks, and the principal at {school} is sending a reminder to all families about the red zone.",
        es: "Gracias. El oficial escolar estará en {road} a la hora de la salida durante las próximas dos semanas, y la dirección de {school} enviará un recordatorio a todas las familias sobre la zona roja.",
      },
    ],
  },
];
