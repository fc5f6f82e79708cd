import { addDays } from "../time.js";
import { f } from "./fields.js";
import type { DemoTopic } from "./types.js";

const sport = f.choice("sport", "Sport", "Deporte", "Choose one.", "Elija uno.", [
  ["football", "Football", "Fútbol americano"],
  ["soccer", "Soccer", "Fútbol"],
  ["basketball", "Basketball", "Básquetbol"],
  ["volleyball", "Volleyball", "Voleibol"],
  ["track", "Track and field", "Atletismo"],
  ["baseball", "Baseball or softball", "Béisbol o sóftbol"],
  ["wrestling", "Wrestling", "Lucha"],
  ["swimming", "Swimming", "Natación"],
]);

export const technologyTopics: DemoTopic[] = [
  {
    slug: "chromebook-repair",
    category: "technology",
    department: "technology",
    name: { en: "Chromebook repair", es: "Reparación de Chromebook" },
    description: { en: "Broken, lost or misbehaving school Chromebooks.", es: "Chromebooks escolares dañadas, perdidas o que fallan." },
    defaultKind: "question",
    weight: 6,
    fields: [
      f.school(),
      f.text("asset_tag", "Asset tag", "Etiqueta de inventario", "The sticker on the bottom, like RUSD-CB-04821.", "La etiqueta en la parte de abajo, como RUSD-CB-04821.", { required: true, maxLength: 20 }),
      f.choice("problem", "What's wrong?", "¿Qué falla?", "Choose the closest match.", "Elija la opción más parecida.", [
        ["screen", "Cracked or broken screen", "Pantalla rota o estrellada"],
        ["keyboard", "Keys or trackpad", "Teclas o panel táctil"],
        ["power", "Won't charge or turn on", "No carga o no enciende"],
        ["login", "Can't sign in", "No puede iniciar sesión"],
        ["lost", "Lost or stolen", "Perdida o robada"],
      ]),
      f.studentId(false),
    ],
    samples: { asset_tag: ({ rng }) => `RUSD-CB-${String(rng.int(1000, 29999)).padStart(5, "0")}` },
    messages: [
      {
        en: "{child}'s Chromebook (tag {asset_tag}) won't turn on even after charging all night. {child} needs it for homework for {school}. How do we get it fixed?",
        es: "La Chromebook de {child} (etiqueta {asset_tag}) no enciende aunque se cargó toda la noche. {child} la necesita para la tarea de {school}. ¿Cómo la arreglamos?",
      },
      {
        en: "The screen on {child}'s Chromebook cracked when the backpack fell at the bus stop. Asset tag {asset_tag}. Is there a fee for the repair?",
        es: "La pantalla de la Chromebook de {child} se estrelló cuando se le cayó la mochila en la parada del autobús. Etiqueta {asset_tag}. ¿Hay que pagar la reparación?",
      },
    ],
    answers: [
      {
        en: "We checked device {asset_tag} remotely: it was stuck in an update. Holding the refresh key and the power button for 10 seconds fixes it; if not, the {school} library will swap it tomorrow.",
        es: "Revisamos el equipo {asset_tag} a distancia: se quedó atorado en una actualización. Mantener presionadas la tecla de actualizar y el botón de encendido por 10 segundos lo soluciona; si no, la biblioteca de {school} se la cambia mañana.",
      },
      {
        en: "Please have {child} bring the Chromebook (tag {asset_tag}) to the library at {school}; the technician swaps it for a loaner on the spot and repairs take about a week. Accidental damage is covered the first time, so there's no charge.",
        es: "Pídale a {child} que lleve la Chromebook (etiqueta {asset_tag}) a la biblioteca de {school}; el técnico se la cambia por una de préstamo en ese momento y la reparación tarda una semana. El primer daño accidental está cubierto, así que no tiene costo.",
      },
    ],
  },
  {
    slug: "parent-portal",
    category: "technology",
    department: "technology",
    name: { en: "Parent portal login help", es: "Ayuda para entrar al portal de padres" },
    description: { en: "Passwords, activation and linking students to your account.", es: "Contraseñas, activación y vincular estudiantes a su cuenta." },
    defaultKind: "question",
    weight: 4,
    fields: [
      f.email("login_email", "Email you use to sign in", "Correo con el que inicia sesión", "The address on your portal account.", "El correo de su cuenta del portal.", true),
      f.studentId(false),
      f.choice("issue", "What's happening?", "¿Qué sucede?", "Choose one.", "Elija una opción.", [
        ["password", "Forgot password or locked out", "Olvidé la contraseña o la cuenta está bloqueada"],
        ["activation", "Never received the activation letter", "Nunca recibí la carta de activación"],
        ["missing_student", "A student is missing from my account", "Falta un estudiante en mi cuenta"],
      ]),
    ],
    samples: { login_email: ({ contactEmail, rng }) => contactEmail ?? `familia${rng.int(10, 999)}@example.net` },
    messages: [
      {
        en: "I can't sign in to the parent portal with {login_email}. I reset the password twice and it still says the account is locked.",
        es: "No puedo entrar al portal de padres con {login_email}. Cambié la contraseña dos veces y sigue diciendo que la cuenta está bloqueada.",
      },
      {
        en: "My account ({login_email}) only shows my older child. How do I add {child}, student ID {student_id}?",
        es: "Mi cuenta ({login_email}) solo muestra a mi hijo mayor. ¿Cómo agrego a {child}, número de estudiante {student_id}?",
      },
    ],
    answers: [
      {
        en: "Your account ({login_email}) was locked after several attempts. I've unlocked it and sent a new reset link that is valid for 24 hours.",
        es: "Su cuenta ({login_email}) se bloqueó después de varios intentos. Ya la desbloqueé y le envié un nuevo enlace para cambiar la contraseña, válido por 24 horas.",
      },
      {
        en: "I linked {child} to your account. Sign out and back in and you'll see both students.",
        es: "Ya vinculé a {child} con su cuenta. Cierre la sesión y vuelva a entrar y verá a los dos estudiantes.",
      },
    ],
  },
  {
    slug: "internet-hotspot",
    category: "technology",
    department: "technology",
    name: { en: "Internet hotspot request", es: "Solicitud de hotspot de internet" },
    description: { en: "Borrow a free hotspot if your student has no reliable internet at home.", es: "Pida prestado un hotspot gratuito si su estudiante no tiene internet confiable en casa." },
    defaultKind: "question",
    weight: 2,
    fields: [
      f.school(),
      f.number("students_count", "Students who need internet at home", "Estudiantes que necesitan internet en casa", "Across all district schools.", "En todas las escuelas del distrito.", 1, 8, true),
      f.choice("connection", "Internet at home today", "Internet en casa hoy", "Choose one.", "Elija una opción.", [
        ["none", "No internet at home", "No tenemos internet en casa"],
        ["slow", "Too slow for video", "Demasiado lento para video"],
        ["phone_only", "Only on a phone", "Solo en un teléfono"],
      ]),
      f.phone("text_phone", "Phone for text updates", "Teléfono para mensajes", "We text when the hotspot is ready.", "Le enviamos un mensaje cuando el hotspot esté listo.", false),
    ],
    samples: { students_count: ({ rng }) => rng.int(1, 4) },
    messages: [
      {
        en: "We don't have internet at home and {child} can't finish assignments for {school}. Is there a hotspot we can borrow? We have {students_count} students in the district.",
        es: "No tenemos internet en casa y {child} no puede terminar las tareas de {school}. ¿Hay un hotspot que nos puedan prestar? Tenemos {students_count} estudiantes en el distrito.",
      },
    ],
    answers: [
      {
        en: "A hotspot is ready for your family at the {school} library. It's free for the school year and covers up to {students_count} devices. You can also ask about low-cost home internet at https://www.riverside.example/connect.",
        es: "Hay un hotspot listo para su familia en la biblioteca de {school}. Es gratuito durante el año escolar y sirve para {students_count} equipos. También puede informarse sobre internet económico en https://www.riverside.example/connect.",
      },
    ],
  },
  {
    slug: "student-account",
    category: "technology",
    department: "technology",
    name: { en: "Student account or password", es: "Cuenta o contraseña del estudiante" },
    description: { en: "Student Google, Clever and learning app accounts.", es: "Cuentas de Google, Clever y aplicaciones de aprendizaje del estudiante." },
    defaultKind: "question",
    weight: 3,
    fields: [
      f.school(),
      f.studentId(true),
      f.grade(),
      f.choice("account", "Which account?", "¿Qué cuenta?", "Choose one.", "Elija una.", [
        ["google", "Google / Chromebook", "Google / Chromebook"],
        ["clever", "Clever", "Clever"],
        ["learning_app", "Math or reading app", "Aplicación de matemáticas o lectura"],
      ]),
    ],
    messages: [
      {
        en: "{child} forgot the password for the school Google account and can't get into Classroom. Student ID {student_id}, {grade} at {school}.",
        es: "{child} olvidó la contraseña de su cuenta escolar de Google y no puede entrar a Classroom. Número de estudiante {student_id}, {grade} en {school}.",
      },
      {
        en: "Since the transfer to {school}, the reading app says {child}'s account doesn't exist. Student ID {student_id}.",
        es: "Desde el cambio a {school}, la aplicación de lectura dice que la cuenta de {child} no existe. Número de estudiante {student_id}.",
      },
    ],
    answers: [
      {
        en: "I reset {child}'s password. The teacher at {school} has the temporary password and will hand it over privately tomorrow morning; {child} will choose a new one at the first sign-in.",
        es: "Restablecí la contraseña de {child}. La maestra de {school} tiene la contraseña temporal y se la entregará en privado mañana temprano; {child} elegirá una nueva al entrar por primera vez.",
      },
      {
        en: "The account moved with {child} but wasn't added to the {school} roster. It's fixed now; it can take up to an hour to show up in the app.",
        es: "La cuenta se cambió junto con {child}, pero no se agregó a la lista de {school}. Ya quedó corregido; puede tardar hasta una hora en aparecer en la aplicación.",
      },
    ],
  },
];

export const athleticsTopics: DemoTopic[] = [
  {
    slug: "sports-eligibility",
    category: "athletics",
    department: "athletics",
    name: { en: "Sports eligibility", es: "Elegibilidad deportiva" },
    description: { en: "Physicals, clearance forms and academic eligibility for school sports.", es: "Exámenes físicos, formularios de autorización y elegibilidad académica para los deportes escolares." },
    defaultKind: "question",
    weight: 4,
    levels: ["middle", "high"],
    roles: [["parent", 7], ["student", 3]],
    fields: [
      f.school(),
      sport,
      f.grade(),
      f.date("physical_date", "Date of last sports physical", "Fecha del último examen físico deportivo", "Leave blank if your student hasn't had one.", "Déjelo en blanco si su estudiante no lo ha tenido.", false),
    ],
    samples: { physical_date: ({ rng, day }) => addDays(day, -rng.int(20, 300)) },
    messages: [
      {
        en: "{child} wants to try out for {sport} at {school}. The physical was done on {physical_date}. Is that still valid, and what else is needed to be cleared?",
        es: "{child} quiere hacer la prueba para {sport} en {school}. El examen físico se hizo el {physical_date}. ¿Sigue siendo válido y qué más se necesita para la autorización?",
      },
      {
        kind: "concern",
        en: "{child} was told {sport} is off the table this season because of grades. How is eligibility calculated at {school}, and when can {child} play again?",
        es: "A {child} le dijeron que no puede jugar {sport} esta temporada por sus calificaciones. ¿Cómo se calcula la elegibilidad en {school} y cuándo puede volver a jugar?",
      },
    ],
    answers: [
      {
        en: "A physical is valid for 12 months, so the one from {physical_date} covers this season. {child} also needs the athletic clearance at https://www.riverside.example/athletics with the concussion and cardiac arrest forms signed. Tryouts start Monday at 3:30 in the {school} gym.",
        es: "El examen físico es válido por 12 meses, así que el del {physical_date} cubre esta temporada. {child} también necesita la autorización deportiva en https://www.riverside.example/athletics con los formularios de conmoción cerebral y paro cardíaco firmados. Las pruebas empiezan el lunes a las 3:30 en el gimnasio de {school}.",
      },
      {
        kind: "concern",
        en: "Eligibility is checked every grading period: a 2.0 GPA with no more than one F. Grades are checked again at the progress report in four weeks; if {child} meets the mark, {child} can play right away, and may keep practicing with the team in the meantime.",
        es: "La elegibilidad se revisa en cada periodo de calificaciones: promedio de 2.0 y no más de una F. Las calificaciones se vuelven a revisar en el informe de avance dentro de cuatro semanas; si {child} cumple, puede jugar de inmediato y mientras tanto puede seguir entrenando con el equipo.",
      },
    ],
  },
  {
    slug: "athletics-schedule",
    category: "athletics",
    department: "athletics",
    name: { en: "Game schedule or tickets", es: "Calendario de partidos o boletos" },
    description: { en: "Schedules, tickets and livestreams for school games.", es: "Calendarios, boletos y transmisiones de los partidos escolares." },
    defaultKind: "question",
    weight: 2,
    levels: ["middle", "high"],
    roles: [["parent", 6], ["community", 3], ["student", 1]],
    fields: [f.school(), sport],
    messages: [
      {
        en: "Where can I find the {sport} schedule for {school}? Are tickets sold at the gate or online?",
        es: "¿Dónde encuentro el calendario de {sport} de {school}? ¿Los boletos se venden en la entrada o por internet?",
      },
      {
        en: "Will the {sport} game at {school} this Friday be livestreamed? {child}'s grandparents can't travel to watch.",
        es: "¿El partido de {sport} en {school} este viernes se va a transmitir en línea? Los abuelos de {child} no pueden viajar para verlo.",
      },
    ],
    answers: [
      {
        en: "All schedules are at https://www.riverside.example/athletics and in the GoFan app, where you can also buy tickets; the gate takes cards only. Students with an ASB card get in free.",
        es: "Todos los calendarios están en https://www.riverside.example/athletics y en la aplicación GoFan, donde también puede comprar boletos; en la entrada solo se acepta tarjeta. Los estudiantes con credencial ASB entran gratis.",
      },
      {
        en: "Yes: every home game is streamed on the NFHS Network, and {school} posts the link on its athletics page the day before.",
        es: "Sí: todos los partidos en casa se transmiten en NFHS Network, y {school} publica el enlace en su página de deportes el día anterior.",
      },
    ],
  },
  {
    slug: "coach-feedback",
    category: "athletics",
    department: "athletics",
    name: { en: "Coach or team concern", es: "Inquietud sobre un entrenador o equipo" },
    description: { en: "Concerns or praise about a coach or a team.", es: "Inquietudes o elogios sobre un entrenador o un equipo." },
    defaultKind: "concern",
    weight: 2,
    levels: ["middle", "high"],
    fields: [
      f.school(),
      sport,
      f.text("coach_name", "Coach's name", "Nombre del entrenador", "If you know it.", "Si lo sabe.", { maxLength: 80 }),
    ],
    messages: [
      {
        en: "I'm concerned about how the {sport} coach at {school} talks to the players. {child} came home upset {when} because the coach yelled and called the team lazy in front of everyone.",
        es: "Me preocupa cómo les habla el entrenador de {sport} de {school} a los jugadores. {child} llegó a casa muy molest{o} {when} porque el entrenador gritó y le dijo flojo al equipo delante de todos.",
      },
      {
        kind: "compliment",
        en: "{child} has grown so much this season thanks to {coach_name}, the {sport} coach at {school}. Thank you for everything!",
        es: "{child} ha crecido muchísimo esta temporada gracias a {coach_name}, entrenador de {sport} en {school}. ¡Gracias por todo!",
      },
    ],
    answers: [
      {
        en: "Thank you for telling us. The athletic director at {school} is meeting with the coaching staff this week and would like to call you afterward.",
        es: "Gracias por decírnoslo. El director deportivo de {school} se reunirá con los entrenadores esta semana y le gustaría llamarle después.",
      },
      {
        kind: "compliment",
        en: "What a wonderful note. We forwarded it to {coach_name} and the athletic director at {school}.",
        es: "Qué mensaje tan bonito. Se lo enviamos a {coach_name} y al director deportivo de {school}.",
      },
    ],
  },
  {
    slug: "facility-use",
    category: "athletics",
    department: "athletics",
    name: { en: "Field or gym use request", es: "Solicitud de uso de canchas o gimnasio" },
    description: { en: "Community use of district fields, gyms and multipurpose rooms.", es: "Uso comunitario de canchas, gimnasios y salones de usos múltiples del distrito." },
    defaultKind: "question",
    weight: 2,
    roles: [["community", 9], ["parent", 1]],
    fields: [
      f.school({ en: "Which site you'd like to use.", es: "Qué plantel le gustaría usar." }),
      f.text("organization", "Organization", "Organización", "The group or league making the request.", "El grupo o liga que hace la solicitud.", { required: true, maxLength: 120 }),
      f.date("event_date", "Event date", "Fecha del evento", "The first date, if it repeats.", "La primera fecha, si se repite.", true),
      f.number("attendees", "Expected attendance", "Asistencia esperada", "Players and spectators.", "Jugadores y público.", 1, 2000, true),
      f.phone("contact_phone", "Day-of contact phone", "Teléfono de contacto el día del evento", "Someone we can reach on site.", "Alguien con quien comunicarnos en el lugar.", true),
    ],
    samples: { event_date: ({ rng, day }) => addDays(day, rng.int(10, 60)), attendees: ({ rng }) => rng.pick([40, 60, 80, 120, 150, 200, 300]) },
    messages: [
      {
        en: "{organization} would like to use the field at {school} on {event_date} for a youth tournament, about {attendees} people. Day-of contact: {contact_phone}. What is the process and the cost?",
        es: "{organization} quisiera usar la cancha de {school} el {event_date} para un torneo juvenil, unas {attendees} personas. Contacto el día del evento: {contact_phone}. ¿Cuál es el proceso y el costo?",
      },
    ],
    answers: [
      {
        en: "Facility requests go through https://www.riverside.example/facilities at least 30 days ahead. Nonprofit youth groups pay only the custodial fee; for {attendees} people on {event_date} that's two custodian hours. I've put a tentative hold on the field at {school} for {organization}.",
        es: "Las solicitudes se hacen en https://www.riverside.example/facilities con al menos 30 días de anticipación. Los grupos juveniles sin fines de lucro solo pagan la cuota de conserjería; para {attendees} personas el {event_date} son dos horas de conserje. Ya reservé de manera provisional la cancha de {school} para {organization}.",
      },
    ],
  },
];

export const employmentTopics: DemoTopic[] = [
  {
    slug: "employment-verification",
    category: "employment",
    department: "human-resources",
    name: { en: "Employment verification", es: "Verificación de empleo" },
    description: { en: "Verification of current or past employment, for loans, rentals or benefits.", es: "Verificación de empleo actual o anterior, para préstamos, rentas o beneficios." },
    defaultKind: "question",
    weight: 3,
    roles: [["community", 6], ["staff", 4]],
    fields: [
      f.text("employee_name", "Employee's full name", "Nombre completo del empleado", "As it appeared on payroll.", "Como aparecía en la nómina.", { required: true, maxLength: 100 }),
      f.text("employment_dates", "Approximate dates of employment", "Fechas aproximadas de empleo", "For example: August 2019 – June 2023.", "Por ejemplo: agosto de 2019 – junio de 2023.", { maxLength: 60 }),
      f.choice("purpose", "What is it for?", "¿Para qué es?", "Choose one.", "Elija una opción.", [
        ["loan", "Mortgage or loan", "Hipoteca o préstamo"],
        ["rental", "Apartment rental", "Renta de vivienda"],
        ["benefits", "Public benefits", "Beneficios públicos"],
        ["new_job", "A new employer", "Un nuevo empleador"],
      ]),
      f.email("send_to", "Send the verification to", "Enviar la verificación a", "An email address; we send a signed PDF.", "Un correo electrónico; enviamos un PDF firmado.", true),
    ],
    samples: {
      employment_dates: ({ rng }) => {
        const start = rng.int(2008, 2021);
        return `${start} – ${rng.chance(0.5) ? "present" : String(start + rng.int(1, 5))}`;
      },
    },
    messages: [
      {
        en: "I need an employment verification for {employee_name} (employed {employment_dates}). It is for: {purpose}. Please send it to {send_to}.",
        es: "Necesito una verificación de empleo para {employee_name} (empleo: {employment_dates}). Es para: {purpose}. Por favor envíenla a {send_to}.",
      },
      {
        en: "We are verifying employment for {employee_name} for a housing application. Please confirm position, start date and current status, and reply to {send_to}. The signed authorization is on file with our request.",
        es: "Estamos verificando el empleo de {employee_name} para una solicitud de vivienda. Por favor confirmen el puesto, la fecha de inicio y la situación actual, y respondan a {send_to}. La autorización firmada acompaña nuestra solicitud.",
      },
    ],
    answers: [
      {
        en: "The verification for {employee_name} was completed and emailed to {send_to} as a signed PDF. Future requests can also be made directly through The Work Number.",
        es: "La verificación de {employee_name} se completó y se envió a {send_to} como PDF firmado. Las próximas solicitudes también se pueden hacer directamente en The Work Number.",
      },
    ],
  },
  {
    slug: "job-application",
    category: "employment",
    department: "human-resources",
    name: { en: "Job application question", es: "Pregunta sobre una solicitud de empleo" },
    description: { en: "Openings, requirements and the status of an application.", es: "Vacantes, requisitos y el estado de una solicitud." },
    defaultKind: "question",
    weight: 3,
    roles: [["community", 9], ["staff", 1]],
    fields: [
      f.text("position", "Position", "Puesto", "The title in the job posting.", "El nombre del puesto en la convocatoria.", { required: true, maxLength: 100 }),
      f.date("application_date", "Date you applied", "Fecha en que presentó la solicitud", "Leave blank if you haven't applied yet.", "Déjelo en blanco si todavía no la presenta.", false),
      f.choice("question", "Your question is about", "Su pregunta es sobre", "Choose one.", "Elija una opción.", [
        ["status", "My application status", "El estado de mi solicitud"],
        ["requirements", "Requirements for the job", "Los requisitos del puesto"],
        ["interview", "An interview", "Una entrevista"],
      ]),
    ],
    samples: { application_date: ({ rng, day }) => addDays(day, -rng.int(7, 40)) },
    messages: [
      {
        en: "I applied for the {position} position on {application_date} and haven't heard back. Is the position still open?",
        es: "Presenté mi solicitud para el puesto de {position} el {application_date} y no he recibido respuesta. ¿Sigue abierta la vacante?",
      },
      {
        en: "What credentials do I need to apply for {position}? I finish my degree in June.",
        es: "¿Qué certificaciones necesito para solicitar el puesto de {position}? Termino mi carrera en junio.",
      },
    ],
    answers: [
      {
        en: "Thank you for applying. Interviews for {position} are scheduled for the last week of the month, and every applicant will be notified by email either way.",
        es: "Gracias por su solicitud. Las entrevistas para {position} están programadas para la última semana del mes y todos los solicitantes recibirán un correo con el resultado.",
      },
      {
        en: "For {position} you need a bachelor's degree and a valid credential or an intern permit. You can apply now and upload the credential when it's issued.",
        es: "Para {position} necesita una licenciatura y una credencial vigente o un permiso de practicante. Puede presentar la solicitud ahora y subir la credencial cuando se la entreguen.",
      },
    ],
  },
  {
    slug: "substitute-teaching",
    category: "employment",
    department: "human-resources",
    name: { en: "Substitute teaching", es: "Maestros suplentes" },
    description: { en: "Becoming a substitute teacher or classified substitute.", es: "Cómo ser maestro suplente o suplente de personal clasificado." },
    defaultKind: "question",
    weight: 2,
    roles: [["community", 8], ["parent", 2]],
    fields: [
      f.choice("credential", "Credential", "Credencial", "Choose the one you hold.", "Elija la que tiene.", [
        ["sub_permit", "30-Day Substitute Permit", "Permiso de suplente de 30 días"],
        ["teaching", "Teaching credential", "Credencial de maestro"],
        ["none", "Not yet", "Todavía no"],
      ]),
      f.multi("availability", "Days available", "Días disponibles", "Choose all that apply.", "Elija todos los que correspondan.", [
        ["mon", "Monday", "Lunes"],
        ["tue", "Tuesday", "Martes"],
        ["wed", "Wednesday", "Miércoles"],
        ["thu", "Thursday", "Jueves"],
        ["fri", "Friday", "Viernes"],
      ], true),
      f.text("subjects", "Subjects or grade levels", "Materias o grados", "Optional.", "Opcional.", { maxLength: 120 }),
    ],
    samples: { availability: ({ rng }) => rng.sample(["mon", "tue", "wed", "thu", "fri"], rng.int(2, 5)) },
    messages: [
      {
        en: "I'm interested in substitute teaching. My credential: {credential}. I'm available {availability}. How do I apply?",
        es: "Me interesa trabajar como maestr{o_parent} suplente. Mi credencial: {credential}. Tengo disponibilidad: {availability}. ¿Cómo presento la solicitud?",
      },
    ],
    answers: [
      {
        en: "Great! Substitute applications are open year round at https://www.riverside.example/jobs/substitutes. Onboarding takes about two weeks, including fingerprinting and a half-day orientation.",
        es: "¡Excelente! Las solicitudes para suplentes están abiertas todo el año en https://www.riverside.example/jobs/substitutes. El proceso de ingreso toma unas dos semanas, incluyendo toma de huellas y una orientación de medio día.",
      },
    ],
  },
  {
    slug: "volunteer-clearance",
    category: "employment",
    department: "human-resources",
    name: { en: "Volunteer clearance", es: "Autorización para voluntarios" },
    description: { en: "Clearance to volunteer in classrooms, chaperone trips or coach.", es: "Autorización para ser voluntario en el salón, acompañar excursiones o entrenar." },
    defaultKind: "question",
    weight: 3,
    fields: [
      f.school(),
      f.choice("volunteer_type", "How would you like to help?", "¿Cómo le gustaría ayudar?", "Choose one.", "Elija una opción.", [
        ["classroom", "Classroom volunteer", "Voluntario en el salón"],
        ["field_trip", "Field trip chaperone", "Acompañante de excursión"],
        ["coach", "Volunteer coach", "Entrenador voluntario"],
      ]),
      f.choice("fingerprinted", "Fingerprinted by the district before?", "¿Le tomó huellas el distrito antes?", "Clearances carry over for returning volunteers.", "La autorización se conserva para voluntarios que regresan.", [
        ["yes", "Yes", "Sí"],
        ["no", "No", "No"],
      ]),
    ],
    messages: [
      {
        en: "I'd like to chaperone a field trip at {school}. Do I need fingerprinting, and how long does the clearance take?",
        es: "Me gustaría acompañar una excursión de {school}. ¿Necesito tomarme las huellas y cuánto tarda la autorización?",
      },
      {
        en: "I want to volunteer in {child}'s classroom at {school} once a week. What do I need to do?",
        es: "Quiero ser voluntari{o_parent} en el salón de {child} en {school} una vez por semana. ¿Qué necesito hacer?",
      },
    ],
    answers: [
      {
        en: "Volunteers need a TB screening and a Megan's Law check; fingerprinting is only required for overnight trips and coaching. Submit the form at https://www.riverside.example/volunteer; clearance usually takes five school days and the {school} office will confirm.",
        es: "Los voluntarios necesitan una prueba de tuberculosis y una revisión de la Ley Megan; las huellas solo se piden para excursiones con pernocta y para entrenadores. Envíe el formulario en https://www.riverside.example/volunteer; la autorización tarda unos cinco días escolares y la oficina de {school} le confirmará.",
      },
    ],
  },
];
