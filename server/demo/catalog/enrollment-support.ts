import { addDays } from "../time.js";
import { f } from "./fields.js";
import type { DemoTopic } from "./types.js";

export const enrollmentTopics: DemoTopic[] = [
  {
    slug: "new-student-enrollment",
    category: "enrollment",
    department: "enrollment",
    name: { en: "New student enrollment", es: "Inscripción de un estudiante nuevo" },
    description: { en: "Enrolling a student who is new to the district, from TK to grade 12.", es: "Inscribir a un estudiante nuevo en el distrito, de TK a 12.º grado." },
    defaultKind: "question",
    weight: 8,
    fields: [
      f.grade(),
      f.date("start_date", "Expected first day", "Primer día previsto", "When you'd like your student to start.", "Cuándo le gustaría que empiece su estudiante.", true),
      f.school(
        { en: "The school nearest your home, or the one you'd like. Your attendance area decides the final placement.", es: "La escuela más cercana a su casa o la que prefiera. La asignación final depende de su zona." },
        false,
      ),
      f.text("previous_school", "Previous school or district", "Escuela o distrito anterior", "Leave blank if this is your student's first school.", "Déjelo en blanco si es la primera escuela de su estudiante.", { maxLength: 120 }),
      f.multi("documents", "Documents you already have", "Documentos que ya tiene", "You can start without all of them.", "Puede empezar sin tenerlos todos.", [
        ["birth_certificate", "Birth certificate", "Acta de nacimiento"],
        ["proof_of_address", "Proof of address", "Comprobante de domicilio"],
        ["immunizations", "Immunization record", "Cartilla de vacunación"],
        ["report_card", "Last report card", "Última boleta de calificaciones"],
      ]),
    ],
    samples: { start_date: ({ rng, day }) => addDays(day, rng.int(3, 30)) },
    messages: [
      {
        en: "We are moving to Riverside from {previous_school} and need to enroll {child} in {grade} starting {start_date}. Our new home is close to {school}. What documents do I need, and can we do it online?",
        es: "Nos mudamos a Riverside desde {previous_school} y necesito inscribir a {child} en {grade} a partir del {start_date}. Nuestra nueva casa está cerca de {school}. ¿Qué documentos necesito y se puede hacer por internet?",
      },
      {
        en: "How do I enroll {my_child} in {grade} at {school}? {child} would start on {start_date}. We already have: {documents}.",
        es: "¿Cómo inscribo a {my_child} en {grade} en {school}? {child} empezaría el {start_date}. Ya tenemos: {documents}.",
      },
    ],
    answers: [
      {
        en: "Welcome to Riverside Unified! You can enroll online at https://www.riverside.example/enroll. You'll need a birth certificate, two proofs of address and the immunization record; a report card from the previous school helps us place {child} but isn't required to start. Once the form is complete, {school} will call you within two school days to schedule the first day.",
        es: "¡Bienvenidos a Riverside Unified! Puede inscribirse en https://www.riverside.example/enroll. Necesitará el acta de nacimiento, dos comprobantes de domicilio y la cartilla de vacunación; la boleta de la escuela anterior nos ayuda a ubicar a {child}, pero no es necesaria para empezar. Cuando termine el formulario, {school} le llamará en un plazo de dos días escolares para fijar el primer día.",
      },
      {
        en: "Thank you! I've started an enrollment record for {child} in {grade} at {school}. Please finish it online at https://www.riverside.example/enroll and upload the documents you have; the school office will confirm the first day, {start_date}, once it's complete.",
        es: "¡Gracias! Ya abrí un registro de inscripción para {child} en {grade} en {school}. Por favor termínelo en https://www.riverside.example/enroll y suba los documentos que tenga; la oficina de la escuela confirmará el primer día, {start_date}, cuando esté completo.",
      },
    ],
  },
  {
    slug: "school-transfer",
    category: "enrollment",
    department: "enrollment",
    name: { en: "School transfer request", es: "Solicitud de cambio de escuela" },
    description: { en: "Attending a school outside your attendance area.", es: "Asistir a una escuela fuera de su zona." },
    defaultKind: "question",
    weight: 4,
    fields: [
      f.school({ en: "The school your student attends now.", es: "La escuela a la que asiste su estudiante ahora." }),
      { key: "requested_school", type: "school", label: { en: "Requested school", es: "Escuela solicitada" }, help: { en: "The school you'd like your student to attend.", es: "La escuela a la que le gustaría que asista." }, required: true },
      f.grade(),
      f.choice("reason", "Main reason", "Motivo principal", "Choose the closest match.", "Elija la opción más parecida.", [
        ["childcare", "Childcare near the school", "Cuidado infantil cerca de la escuela"],
        ["sibling", "A sibling attends it", "Un hermano o hermana asiste ahí"],
        ["program", "A program it offers", "Un programa que ofrece"],
        ["move", "We moved within the district", "Nos mudamos dentro del distrito"],
        ["other", "Other", "Otro"],
      ]),
    ],
    messages: [
      {
        en: "I would like to request a transfer for {child} from {school} to {requested_school} for next school year. Our childcare is right next to {requested_school} and {child}'s brother already goes there.",
        es: "Quisiera solicitar un cambio para {child} de {school} a {requested_school} para el próximo año escolar. La guardería está junto a {requested_school} y el hermano de {child} ya estudia ahí.",
      },
      {
        en: "We moved within the district. Can {child} finish the year at {school}, or do we have to transfer to {requested_school} right away?",
        es: "Nos mudamos dentro del distrito. ¿Puede {child} terminar el año en {school} o tenemos que cambiarnos a {requested_school} de inmediato?",
      },
    ],
    answers: [
      {
        en: "Transfer requests for next year are accepted until March 31 at https://www.riverside.example/transfers. Requests with a sibling at the school get priority, and families are notified by May 15. I've noted {child}'s request for {requested_school}.",
        es: "Las solicitudes de cambio para el próximo año se reciben hasta el 31 de marzo en https://www.riverside.example/transfers. Tienen prioridad las solicitudes con un hermano en la escuela, y avisamos a las familias a más tardar el 15 de mayo. Ya anoté la solicitud de {child} para {requested_school}.",
      },
      {
        en: "Students who move within the district may finish the current year at {school}. Bus service, though, only runs from your new address to {requested_school}. Nothing else is needed from you.",
        es: "Los estudiantes que se mudan dentro del distrito pueden terminar el año en {school}. Sin embargo, el autobús solo va de su nuevo domicilio a {requested_school}. No necesita hacer nada más.",
      },
    ],
  },
  {
    slug: "withdrawal",
    category: "enrollment",
    department: "enrollment",
    name: { en: "Withdrawal or moving away", es: "Baja o mudanza fuera del distrito" },
    description: { en: "Leaving the district and sending records to a new school.", es: "Salir del distrito y enviar el expediente a una nueva escuela." },
    defaultKind: "question",
    weight: 2,
    fields: [
      f.school(),
      f.date("last_day", "Last day of attendance", "Último día de asistencia", "Your student's last day at school.", "El último día de clases de su estudiante.", true),
      f.text("new_school", "New school, if you know it", "Nueva escuela, si la sabe", "City and school name.", "Ciudad y nombre de la escuela.", { required: true, maxLength: 120 }),
      f.email("records_email", "Email for the records release", "Correo para la entrega del expediente", "Where we send the signed release form.", "Adonde enviamos el formulario de autorización.", false),
    ],
    samples: { last_day: ({ rng, day }) => addDays(day, rng.int(2, 14)) },
    messages: [
      {
        en: "We are moving out of state and {child}'s last day at {school} will be {last_day}. What do we need to do to withdraw, and how do the records get to {new_school}?",
        es: "Nos vamos a mudar a otro estado y el último día de {child} en {school} será el {last_day}. ¿Qué tenemos que hacer para darle de baja y cómo llega el expediente a {new_school}?",
      },
    ],
    answers: [
      {
        en: "Thank you for letting us know, and best wishes with the move. The {school} office will have the withdrawal form ready for {last_day}; please return library books and the Chromebook that day. Records are sent as soon as {new_school} requests them, usually within five school days.",
        es: "Gracias por avisarnos y les deseamos lo mejor con la mudanza. La oficina de {school} tendrá listo el formulario de baja para el {last_day}; por favor devuelvan ese día los libros de la biblioteca y la Chromebook. El expediente se envía en cuanto {new_school} lo solicita, normalmente en cinco días escolares.",
      },
    ],
  },
  {
    slug: "records-request",
    category: "enrollment",
    department: "enrollment",
    name: { en: "Student records or transcript", es: "Expediente o certificado de estudios" },
    description: { en: "Transcripts, diploma verification, immunization records and cumulative files, for current and former students.", es: "Certificados de estudios, verificación de diploma, cartillas de vacunación y expedientes, para estudiantes actuales y anteriores." },
    defaultKind: "question",
    weight: 3,
    roles: [["community", 5], ["parent", 4], ["student", 2]],
    fields: [
      f.studentName(),
      f.number("graduation_year", "Year of graduation or last attendance", "Año de graduación o de última asistencia", "Helps us find older records.", "Nos ayuda a encontrar expedientes antiguos.", 1960, 2030, false),
      f.multi("records_type", "Records needed", "Documentos que necesita", "Choose all that apply.", "Elija todos los que correspondan.", [
        ["transcript", "Official transcript", "Certificado oficial de estudios"],
        ["diploma", "Diploma verification", "Verificación de diploma"],
        ["immunizations", "Immunization record", "Cartilla de vacunación"],
        ["cumulative", "Full cumulative file", "Expediente completo"],
      ], true),
      f.choice("delivery", "How should we send them?", "¿Cómo se los enviamos?", "Official transcripts to colleges go electronically.", "Los certificados para universidades se envían de forma electrónica.", [
        ["email", "Email", "Correo electrónico"],
        ["pickup", "I'll pick them up", "Los recojo en persona"],
        ["mail", "Postal mail", "Correo postal"],
      ]),
      f.email("delivery_email", "Send to this email", "Enviar a este correo", "If you chose email.", "Si eligió correo electrónico.", false),
    ],
    samples: { graduation_year: ({ rng }) => rng.int(1994, 2025), delivery: () => "email" },
    messages: [
      {
        en: "I need an official transcript sent to a college for my application. The records are under the name {student_name}, last year of attendance {graduation_year}. Please send it to {delivery_email}.",
        es: "Necesito que envíen un certificado oficial de estudios a una universidad para mi solicitud. El expediente está a nombre de {student_name}, último año de asistencia {graduation_year}. Por favor envíenlo a {delivery_email}.",
      },
      {
        en: "I need the immunization record for {student_name} for a summer camp. Could it be emailed to {delivery_email}?",
        es: "Necesito la cartilla de vacunación de {student_name} para un campamento de verano. ¿Me la pueden enviar a {delivery_email}?",
      },
    ],
    answers: [
      {
        en: "The records for {student_name} were sent electronically this morning to {delivery_email}; you'll receive a confirmation when they are opened. There is no fee for the first two copies.",
        es: "El expediente de {student_name} se envió de forma electrónica esta mañana a {delivery_email}; recibirá una confirmación cuando lo abran. Las dos primeras copias no tienen costo.",
      },
    ],
  },
  {
    slug: "residency-update",
    category: "enrollment",
    department: "enrollment",
    name: { en: "Address change or proof of residency", es: "Cambio de domicilio o comprobante de residencia" },
    description: { en: "Updating your address or phone, and which documents prove residency.", es: "Actualizar su domicilio o teléfono y qué documentos comprueban la residencia." },
    defaultKind: "question",
    weight: 3,
    fields: [
      f.school(),
      f.text("new_address", "New address", "Nuevo domicilio", "Street, number and apartment.", "Calle, número y departamento.", { required: true, maxLength: 150 }),
      f.date("move_date", "Moving date", "Fecha de la mudanza", "When you moved or will move.", "Cuándo se mudó o se mudará.", false),
      f.phone("new_phone", "New phone number", "Nuevo número de teléfono", "Only if it changed.", "Solo si cambió.", false),
    ],
    samples: { move_date: ({ rng, day }) => addDays(day, -rng.int(1, 20)) },
    messages: [
      {
        en: "We moved to {new_address} on {move_date}. Please update {child}'s address at {school}. Our new phone number is {new_phone}.",
        es: "Nos mudamos a {new_address} el {move_date}. Por favor actualicen el domicilio de {child} en {school}. Nuestro nuevo teléfono es {new_phone}.",
      },
      {
        en: "The {school} office asked me for a new proof of address for {new_address}, but the lease is in my sister's name. What other documents can I use?",
        es: "La oficina de {school} me pidió un nuevo comprobante de domicilio para {new_address}, pero el contrato de renta está a nombre de mi hermana. ¿Qué otros documentos puedo usar?",
      },
    ],
    answers: [
      {
        en: "Done: {child}'s address and phone number are updated in the student information system. Please bring a utility bill or lease showing {new_address} to the {school} office within 30 days.",
        es: "Listo: el domicilio y el teléfono de {child} quedaron actualizados en el sistema. Por favor lleve un recibo de servicios o el contrato de renta con {new_address} a la oficina de {school} en un plazo de 30 días.",
      },
      {
        en: "If the lease isn't in your name, you can bring a signed residency affidavit together with a piece of mail addressed to you at {new_address}. The affidavit is at https://www.riverside.example/enroll/residency.",
        es: "Si el contrato no está a su nombre, puede traer una declaración jurada de residencia firmada junto con una carta dirigida a usted en {new_address}. La declaración está en https://www.riverside.example/enroll/residency.",
      },
    ],
  },
];

export const supportTopics: DemoTopic[] = [
  {
    slug: "iep-504",
    category: "student-support",
    department: "special-education",
    name: { en: "IEP or 504 question", es: "Pregunta sobre el IEP o el plan 504" },
    description: { en: "Accommodations, meetings and services for students with an IEP or a 504 plan.", es: "Adaptaciones, reuniones y servicios para estudiantes con IEP o plan 504." },
    defaultKind: "question",
    weight: 5,
    fields: [
      f.school(),
      f.grade(),
      f.choice("plan_type", "Which plan?", "¿Qué plan?", "Choose 'No plan yet' if you're asking about starting one.", "Elija 'Todavía no tiene plan' si pregunta cómo empezar uno.", [
        ["iep", "IEP", "IEP"],
        ["plan_504", "504 plan", "Plan 504"],
        ["none", "No plan yet", "Todavía no tiene plan"],
      ]),
      f.bestTimes(),
    ],
    samples: { plan_type: ({ rng }) => rng.weighted([["iep", 6], ["plan_504", 4]]), best_times: ({ rng }) => rng.sample(["morning", "midday", "afternoon"], rng.int(1, 2)) },
    messages: [
      {
        en: "{child} has a plan at {school} ({plan_type}) and I don't think the accommodations are being followed in math class. The teacher told me she wasn't aware of them. Can we meet?",
        es: "{child} tiene un plan en {school} ({plan_type}) y creo que no se están cumpliendo las adaptaciones en la clase de matemáticas. La maestra me dijo que no las conocía. ¿Podemos reunirnos?",
      },
      {
        en: "When is {child}'s annual review ({plan_type})? It was due last month and nobody has contacted us. We're available: {best_times}.",
        es: "¿Cuándo es la revisión anual de {child} ({plan_type})? Tocaba el mes pasado y nadie se ha comunicado con nosotros. Tenemos disponibilidad: {best_times}.",
      },
    ],
    answers: [
      {
        en: "Thank you for raising this. I spoke with {child}'s case manager at {school}: the accommodations were re-sent to every teacher today, and we'd like to hold a team meeting next week. I'll send two options that match the times you gave.",
        es: "Gracias por avisarnos. Hablé con la coordinadora del caso de {child} en {school}: hoy se reenviaron las adaptaciones a todos los maestros y queremos tener una reunión del equipo la próxima semana. Le enviaré dos opciones que coincidan con sus horarios.",
      },
      {
        en: "The annual review for {child} is scheduled for the 14th at 3:30 p.m. at {school}; the formal notice is on its way home. If that time doesn't work, reply here and we'll move it.",
        es: "La revisión anual de {child} está programada para el día 14 a las 3:30 p.m. en {school}; el aviso oficial va en camino. Si ese horario no le funciona, responda aquí y lo cambiamos.",
      },
    ],
  },
  {
    slug: "evaluation-request",
    category: "student-support",
    department: "special-education",
    name: { en: "Request a special education evaluation", es: "Solicitar una evaluación de educación especial" },
    description: { en: "Ask the district to assess whether your student needs special education services.", es: "Pida al distrito que evalúe si su estudiante necesita servicios de educación especial." },
    defaultKind: "question",
    weight: 3,
    priorities: [["normal", 7], ["high", 3]],
    fields: [
      f.school(),
      f.grade(),
      f.studentName(),
      f.multi("concerns", "Areas of concern", "Áreas que le preocupan", "Choose all that apply.", "Elija todas las que correspondan.", [
        ["reading", "Reading", "Lectura"],
        ["math", "Math", "Matemáticas"],
        ["speech", "Speech or language", "Habla o lenguaje"],
        ["attention", "Attention", "Atención"],
        ["behavior", "Behavior", "Conducta"],
        ["motor", "Motor skills", "Habilidades motrices"],
        ["social", "Social skills", "Habilidades sociales"],
      ], true),
    ],
    messages: [
      {
        en: "I am requesting an evaluation for {child} ({student_name}), in {grade} at {school}. We are concerned about: {concerns}. {child}'s teacher agrees that extra support could help.",
        es: "Solicito una evaluación para {child} ({student_name}), en {grade} en {school}. Nos preocupa: {concerns}. La maestra de {child} está de acuerdo en que un apoyo adicional podría ayudar.",
      },
      {
        en: "{child} is struggling a lot ({concerns}) and the school suggested I put a request in writing. How does the evaluation process work?",
        es: "A {child} le está costando mucho ({concerns}) y la escuela me sugirió hacer la solicitud por escrito. ¿Cómo funciona el proceso de evaluación?",
      },
    ],
    answers: [
      {
        en: "We have received your written request for {student_name}. Within 15 calendar days you'll receive an assessment plan to review and sign; once it's signed, the team has 60 days to complete the evaluation and meet with you to go over the results. The school psychologist at {school} will be your contact.",
        es: "Recibimos su solicitud por escrito para {student_name}. En un plazo de 15 días naturales recibirá un plan de evaluación para revisar y firmar; una vez firmado, el equipo tiene 60 días para completar la evaluación y reunirse con usted para revisar los resultados. La psicóloga escolar de {school} será su contacto.",
      },
    ],
  },
  {
    slug: "related-services",
    category: "student-support",
    department: "special-education",
    name: { en: "Speech, OT or counseling services", es: "Terapia de lenguaje, ocupacional o consejería" },
    description: { en: "Missed sessions, schedules and progress for related services.", es: "Sesiones perdidas, horarios y avances de los servicios relacionados." },
    defaultKind: "concern",
    weight: 2,
    fields: [
      f.school(),
      f.choice("service", "Which service?", "¿Qué servicio?", "As written in the IEP.", "Como aparece en el IEP.", [
        ["speech", "Speech therapy", "Terapia de lenguaje"],
        ["ot", "Occupational therapy", "Terapia ocupacional"],
        ["counseling", "Counseling", "Consejería"],
        ["behavior", "Behavior support", "Apoyo conductual"],
      ]),
      f.choice("issue", "What is it about?", "¿De qué se trata?", "Choose one.", "Elija una opción.", [
        ["missed", "Sessions were missed", "Se perdieron sesiones"],
        ["schedule", "Schedule or frequency", "Horario o frecuencia"],
        ["progress", "Progress update", "Informe de avances"],
      ]),
    ],
    messages: [
      {
        en: "{child}'s sessions at {school} ({service}) have been missed for three weeks. The service is in the IEP. Will the sessions be made up?",
        es: "Las sesiones de {child} en {school} ({service}) no se han dado en tres semanas. El servicio está en el IEP. ¿Se van a reponer las sesiones?",
      },
      {
        kind: "question",
        en: "Could we get an update on {child}'s progress ({service})? The last report only said the goals were 'in progress'.",
        es: "¿Nos podrían dar un informe sobre los avances de {child} ({service})? El último informe solo decía que las metas estaban 'en progreso'.",
      },
    ],
    answers: [
      {
        en: "You're right, and I apologize: the therapist at {school} was on leave and the substitute started this week. Every missed session will be made up before the end of the semester, with two extra sessions per week. You'll receive the make-up schedule by Friday.",
        es: "Tiene razón y le pido una disculpa: la terapeuta de {school} estaba de licencia y la suplente empezó esta semana. Todas las sesiones perdidas se repondrán antes de que termine el semestre, con dos sesiones adicionales por semana. Recibirá el calendario de reposición a más tardar el viernes.",
      },
      {
        kind: "question",
        en: "The provider will send a detailed progress report on each of {child}'s goals by the end of next week and is happy to set up a call to go over it.",
        es: "La terapeuta enviará un informe detallado de cada meta de {child} antes del final de la próxima semana y con gusto agenda una llamada para revisarlo.",
      },
    ],
  },
  {
    slug: "student-wellness",
    category: "student-support",
    department: "special-education",
    name: { en: "Student wellness or counseling", es: "Bienestar estudiantil o consejería" },
    description: { en: "Anxiety, grief, school refusal and connecting with a counselor. If someone is in danger now, call 911.", es: "Ansiedad, duelo, rechazo escolar y contacto con un consejero. Si alguien está en peligro ahora, llame al 911." },
    defaultKind: "concern",
    weight: 3,
    priorities: [["normal", 5], ["high", 4], ["critical", 1]],
    fields: [
      f.school(),
      f.grade(),
      f.choice("support", "What kind of support?", "¿Qué tipo de apoyo?", "Choose the closest match.", "Elija la opción más parecida.", [
        ["counselor", "Talk to a school counselor", "Hablar con un consejero escolar"],
        ["community", "Community resources", "Recursos en la comunidad"],
        ["attendance", "Attendance or school refusal", "Asistencia o rechazo a ir a la escuela"],
        ["grief", "Grief or a family change", "Duelo o un cambio en la familia"],
      ]),
    ],
    messages: [
      {
        en: "{child} has been very anxious since the start of the year and some days refuses to go to {school}. We would like {child} to meet with a counselor.",
        es: "{child} ha estado muy ansios{o} desde que empezó el año y algunos días no quiere ir a {school}. Nos gustaría que {child} hablara con un consejero.",
      },
      {
        en: "Our family just lost {child}'s grandfather and {child} is having a hard time. Could the counselor at {school} check in this week?",
        es: "Nuestra familia acaba de perder al abuelo de {child} y le está costando mucho. ¿Podría el consejero de {school} hablar con {child} esta semana?",
      },
    ],
    answers: [
      {
        en: "Thank you for trusting us with this. The counselor at {school} will meet with {child} this week and then call you to talk about a support plan. Our list of free community counseling services is at https://www.riverside.example/wellness.",
        es: "Gracias por su confianza. El consejero de {school} se reunirá con {child} esta semana y luego le llamará para hablar de un plan de apoyo. Nuestra lista de servicios gratuitos de consejería en la comunidad está en https://www.riverside.example/wellness.",
      },
      {
        en: "I'm very sorry for your loss. The counselor at {school} will check in with {child} tomorrow morning, and the teachers know to give a little extra grace this week.",
        es: "Lamento mucho su pérdida. El consejero de {school} hablará con {child} mañana temprano, y los maestros saben que deben tener un poco más de paciencia esta semana.",
      },
    ],
  },
];
