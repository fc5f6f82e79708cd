import { addDays } from "../time.js";
import { f } from "./fields.js";
import type { DemoTopic } from "./types.js";

const busNumber = f.text("bus_number", "Bus number", "Número de autobús", "Printed on the front and side of the bus, for example 14.", "Aparece en el frente y el costado del autobús, por ejemplo 14.", { required: true, maxLength: 10 });
const incidentDate = (required: boolean) =>
  f.date("date", "Date it happened", "Fecha en que ocurrió", "If it happens often, the most recent time.", "Si ocurre con frecuencia, la vez más reciente.", required);

export const transportationTopics: DemoTopic[] = [
  {
    slug: "bus-stop-route",
    category: "transportation",
    department: "transportation",
    name: { en: "Bus stop or route concern", es: "Problema con la parada o la ruta del autobús" },
    description: { en: "Unsafe or distant stops, crowded buses, or a route or stop change.", es: "Paradas inseguras o lejanas, autobuses llenos, o un cambio de ruta o de parada." },
    defaultKind: "concern",
    weight: 9,
    fields: [
      f.school(),
      busNumber,
      f.text("road", "Road or bus stop", "Calle o parada", "The street and nearest cross street of the stop.", "La calle y el cruce más cercano a la parada.", { required: true }),
      f.choice("issue", "What is it about?", "¿De qué se trata?", "Choose the closest match.", "Elija la opción más parecida.", [
        ["unsafe_stop", "The stop location is unsafe", "La parada no es segura"],
        ["too_far", "The stop is too far from home", "La parada está muy lejos de casa"],
        ["crowded", "The bus is overcrowded", "El autobús va demasiado lleno"],
        ["stop_change", "Request a route or stop change", "Solicitar un cambio de ruta o de parada"],
        ["other", "Something else", "Otra cosa"],
      ]),
      incidentDate(false),
    ],
    samples: { issue: ({ rng }) => rng.pick(["unsafe_stop", "too_far", "crowded", "stop_change"]) },
    messages: [
      {
        en: "The bus stop at {road} is not safe for the kids. There is no sidewalk and cars come around the curve very fast. {My_child} {child} waits there every morning for bus {bus_number} to {school}. Can the stop be moved closer to the corner?",
        es: "La parada del autobús en {road} no es segura para los niños. No hay banqueta y los carros dan la vuelta muy rápido. {My_child} {child} espera ahí todas las mañanas el autobús {bus_number} para ir a {school}. ¿Se puede mover la parada más cerca de la esquina?",
      },
      {
        en: "Bus {bus_number} has been so full this month that {child} had to stand in the aisle on the way to {school}. Some kids are sitting three to a seat. Is there a plan to add another bus on this route?",
        es: "El autobús {bus_number} ha estado tan lleno este mes que {child} tuvo que ir de pie en el pasillo camino a {school}. Algunos niños van sentados de tres en tres. ¿Hay algún plan para agregar otro autobús en esta ruta?",
      },
      {
        kind: "question",
        en: "We moved and our new home is closer to {road}. Can {child} be switched to a stop there for bus {bus_number}? {My_child} goes to {school}.",
        es: "Nos mudamos y nuestra nueva casa queda más cerca de {road}. ¿Se puede cambiar a {child} a una parada ahí para el autobús {bus_number}? {My_child} va a {school}.",
      },
    ],
    answers: [
      {
        en: "Thank you for letting us know about the stop at {road}. Our routing coordinator visited the location and we agree it needs a change: starting next Monday, bus {bus_number} will stop at the corner, where there is a sidewalk and a crossing guard in the morning. The new pickup time is 7:12 a.m.",
        es: "Gracias por avisarnos sobre la parada en {road}. Nuestro coordinador de rutas visitó el lugar y estamos de acuerdo en que hace falta un cambio: a partir del próximo lunes, el autobús {bus_number} se detendrá en la esquina, donde hay banqueta y un guardia de cruce por la mañana. El nuevo horario de recogida es a las 7:12 a.m.",
      },
      {
        en: "We reviewed ridership on bus {bus_number} and moved eleven students to the second run that leaves for {school} at the same time, so every student now has a seat. Please let us know if you still see crowding next week.",
        es: "Revisamos el número de pasajeros del autobús {bus_number} y pasamos a once estudiantes a la segunda ruta que sale hacia {school} a la misma hora, así que ahora todos tienen asiento. Por favor avísenos si la próxima semana todavía ve el autobús lleno.",
      },
    ],
  },
  {
    slug: "late-bus",
    category: "transportation",
    department: "transportation",
    name: { en: "Late or missed bus", es: "Autobús tarde o que no pasó" },
    description: { en: "A bus that came late, early, or not at all.", es: "Un autobús que llegó tarde, temprano o que no pasó." },
    defaultKind: "concern",
    weight: 10,
    fields: [
      f.school(),
      busNumber,
      incidentDate(true),
      f.choice("time_of_day", "Morning or afternoon?", "¿Mañana o tarde?", "Which trip was affected.", "Qué viaje se vio afectado.", [
        ["morning", "Morning pickup", "Recogida de la mañana"],
        ["afternoon", "Afternoon drop-off", "Regreso de la tarde"],
      ]),
      f.number("minutes_late", "About how many minutes late?", "¿Aproximadamente cuántos minutos tarde?", "An estimate is fine.", "Un cálculo aproximado está bien.", 0, 120),
    ],
    samples: { minutes_late: ({ rng }) => rng.pick([10, 15, 15, 20, 20, 25, 30, 35, 40, 45]), date: ({ rng, day }) => addDays(day, -rng.int(0, 3)) },
    messages: [
      {
        en: "Bus {bus_number} was {minutes_late} minutes late again on {date}. {My_child} missed breakfast at {school} and was marked tardy. This is the third time in two weeks.",
        es: "El autobús {bus_number} llegó {minutes_late} minutos tarde otra vez el {date}. {My_child} no alcanzó el desayuno en {school} y le pusieron retardo. Es la tercera vez en dos semanas.",
      },
      {
        en: "The afternoon bus was {minutes_late} minutes late to our stop on {date}. The kids waited in the heat and nobody answered the phone at the transportation office. I had to leave work to pick up {child}.",
        es: "El autobús de la tarde llegó {minutes_late} minutos tarde a nuestra parada el {date}. Los niños esperaron bajo el sol y nadie contestó el teléfono en la oficina de transporte. Tuve que salir del trabajo para recoger a {child}.",
      },
      {
        kind: "question",
        en: "Is there a way to get a text message when bus {bus_number} is running late? On {date} it was {minutes_late} minutes late and we had no idea. {child} goes to {school}.",
        es: "¿Hay alguna forma de recibir un mensaje de texto cuando el autobús {bus_number} va tarde? El {date} llegó {minutes_late} minutos tarde y no sabíamos nada. {child} va a {school}.",
      },
    ],
    answers: [
      {
        en: "I'm sorry about the delay on {date}. Bus {bus_number} was covering a second route because of a driver shortage that week. We have since hired two drivers and the route has been on time for the last five days. We also asked the attendance office at {school} to excuse the tardy.",
        es: "Lamento el retraso del {date}. El autobús {bus_number} estaba cubriendo una segunda ruta por la falta de choferes esa semana. Desde entonces contratamos a dos choferes y la ruta ha llegado a tiempo los últimos cinco días. También le pedimos a la oficina de asistencia de {school} que justifique el retardo.",
      },
      {
        kind: "question",
        en: "You can sign up for late-bus text alerts in the ParentSquare app under Transportation; alerts go out whenever a bus is more than 10 minutes behind. I also checked the GPS for {date}: bus {bus_number} was held up by a collision on the route.",
        es: "Puede inscribirse para recibir alertas de retraso por mensaje de texto en la aplicación ParentSquare, en la sección de Transporte; se envían cuando un autobús va más de 10 minutos tarde. También revisé el GPS del {date}: el autobús {bus_number} se retrasó por un choque en la ruta.",
      },
    ],
  },
  {
    slug: "bus-conduct",
    category: "transportation",
    department: "transportation",
    name: { en: "Bus behavior or driver concern", es: "Conducta en el autobús o inquietud sobre el chofer" },
    description: { en: "Student behavior on the bus, or a concern or thank-you about a driver.", es: "La conducta de estudiantes en el autobús, o una inquietud o agradecimiento sobre un chofer." },
    defaultKind: "concern",
    weight: 5,
    fields: [
      f.school(),
      busNumber,
      incidentDate(true),
      f.choice("involves", "Who is it about?", "¿Sobre quién es?", "This helps us send it to the right person.", "Esto nos ayuda a enviarlo a la persona indicada.", [
        ["student", "Another student's behavior", "La conducta de otro estudiante"],
        ["driver", "The driver", "El chofer"],
        ["both", "Both", "Ambos"],
      ]),
      f.longText("desired_outcome", "What outcome are you hoping for?", "¿Qué resultado espera?", "Optional. For example, a seat change or a call back.", "Opcional. Por ejemplo, un cambio de asiento o una llamada.", false),
    ],
    samples: { involves: ({ rng }) => rng.pick(["student", "driver", "both"]) },
    messages: [
      {
        en: "{My_child} told me that some older students on bus {bus_number} have been taking {child}'s things and pushing in line. It happened again on {date}. {child} is now afraid to ride the bus to {school}.",
        es: "{My_child} me contó que unos estudiantes mayores en el autobús {bus_number} le han estado quitando sus cosas a {child} y empujando en la fila. Volvió a pasar el {date}. Ahora {child} tiene miedo de tomar el autobús a {school}.",
      },
      {
        en: "I want to report that the driver of bus {bus_number} was on the phone while driving on {date}. {My_child} saw it and other parents at {school} have noticed it too.",
        es: "Quiero reportar que el chofer del autobús {bus_number} iba hablando por teléfono mientras manejaba el {date}. {My_child} lo vio y otros padres de {school} también lo han notado.",
      },
      {
        kind: "compliment",
        en: "I want to thank the driver of bus {bus_number}. On {date} she waited with {child} until I got to the stop after I was stuck in traffic. We really appreciate her.",
        es: "Quiero agradecerle a la chofer del autobús {bus_number}. El {date} esperó con {child} hasta que llegué a la parada porque me quedé atorado en el tráfico. Se lo agradecemos mucho.",
      },
    ],
    answers: [
      {
        en: "Thank you for reporting this. We reviewed the camera footage from bus {bus_number} for {date} and the assistant principal at {school} has met with the students involved. Starting tomorrow {child} has an assigned seat near the driver.",
        es: "Gracias por reportarlo. Revisamos el video de la cámara del autobús {bus_number} del {date} y el subdirector de {school} se reunió con los estudiantes involucrados. A partir de mañana {child} tendrá un asiento asignado cerca del chofer.",
      },
      {
        en: "We take this seriously. The transportation supervisor reviewed the video from {date} and met with the driver; using a phone while driving is against our policy and it has been addressed.",
        es: "Tomamos esto muy en serio. El supervisor de transporte revisó el video del {date} y se reunió con el chofer; usar el teléfono mientras se maneja va contra nuestras normas y ya se atendió.",
      },
      {
        kind: "compliment",
        en: "Thank you so much for writing! We shared your note with the driver of bus {bus_number} and her supervisor. It made her day.",
        es: "¡Muchas gracias por escribirnos! Compartimos su mensaje con la chofer del autobús {bus_number} y con su supervisor. Le alegró el día.",
      },
    ],
  },
  {
    slug: "bus-service-request",
    category: "transportation",
    department: "transportation",
    name: { en: "Request bus service", es: "Solicitar servicio de autobús" },
    description: { en: "Ask whether your student qualifies for the bus and which stop to use.", es: "Pregunte si su estudiante tiene derecho al autobús y qué parada le corresponde." },
    defaultKind: "question",
    weight: 5,
    fields: [
      f.school(),
      f.grade(),
      f.text("address", "Home address", "Domicilio", "We use it only to find the nearest stop.", "Solo lo usamos para encontrar la parada más cercana.", { required: true, maxLength: 150 }),
      f.date("start_date", "Date service is needed", "Fecha en que necesita el servicio", "The first day your student will ride.", "El primer día que su estudiante usará el autobús.", false),
      f.choice("iep_transport", "Is transportation part of an IEP?", "¿El transporte forma parte de un IEP?", "Students with transportation in their IEP are routed by Special Education.", "El transporte de estudiantes con IEP lo organiza Educación Especial.", [
        ["no", "No", "No"],
        ["yes", "Yes", "Sí"],
        ["unsure", "I'm not sure", "No estoy seguro/a"],
      ]),
    ],
    samples: { start_date: ({ rng, day }) => addDays(day, rng.int(3, 21)), iep_transport: ({ rng }) => rng.weighted([["no", 8], ["yes", 1], ["unsure", 1]]) },
    messages: [
      {
        en: "We just moved to {address} and {child} will start at {school} on {start_date}. Does {child} qualify for the bus, and which stop would it be?",
        es: "Nos acabamos de mudar a {address} y {child} empieza en {school} el {start_date}. ¿Tiene derecho al autobús y cuál sería la parada?",
      },
      {
        en: "Can {my_child} get bus service to {school}? We live at {address}, only about a mile away, but there is no sidewalk on most of the way and I start work very early.",
        es: "¿Puede {my_child} tener servicio de autobús a {school}? Vivimos en {address}, a solo una milla más o menos, pero casi todo el camino no tiene banqueta y entro a trabajar muy temprano.",
      },
    ],
    answers: [
      {
        en: "{child} qualifies for bus service. The nearest stop to {address} is at Pine St and 4th Ave, on bus 22: pickup at 7:05 a.m. and drop-off at 3:10 p.m., starting {start_date}. Please have {child} at the stop five minutes early the first week.",
        es: "{child} tiene derecho al servicio de autobús. La parada más cercana a {address} está en Pine St y 4th Ave, en el autobús 22: recogida a las 7:05 a.m. y regreso a las 3:10 p.m., a partir del {start_date}. Por favor lleve a {child} a la parada cinco minutos antes durante la primera semana.",
      },
      {
        en: "Your address is inside the 1.5-mile walking zone for {school}, so regular bus service isn't available. If there is a safety or medical reason, you can request an exception through the school office: https://www.riverside.example/transportation",
        es: "Su domicilio está dentro de la zona de 1.5 millas para caminar a {school}, así que no hay servicio regular de autobús. Si existe un motivo de seguridad o médico, puede solicitar una excepción en la oficina de la escuela: https://www.riverside.example/transportation",
      },
    ],
  },
  {
    slug: "lost-item-bus",
    category: "transportation",
    department: "transportation",
    name: { en: "Item left on the bus", es: "Objeto olvidado en el autobús" },
    description: { en: "Backpacks, jackets, instruments and devices left on a school bus.", es: "Mochilas, chamarras, instrumentos y aparatos olvidados en un autobús escolar." },
    defaultKind: "question",
    weight: 3,
    fields: [
      f.school(),
      busNumber,
      incidentDate(true),
      f.choice("item", "What was left?", "¿Qué se olvidó?", "Choose the closest match.", "Elija la opción más parecida.", [
        ["backpack", "Backpack", "Mochila"],
        ["lunchbox", "Lunchbox", "Lonchera"],
        ["jacket", "Jacket or sweater", "Chamarra o suéter"],
        ["instrument", "Musical instrument", "Instrumento musical"],
        ["device", "Chromebook or phone", "Chromebook o teléfono"],
        ["other", "Something else", "Otra cosa"],
      ]),
      f.text("description", "Describe it", "Descríbalo", "Color, brand, name tags: anything that helps the driver spot it.", "Color, marca, etiquetas con nombre: lo que ayude al chofer a reconocerlo.", { required: true }),
    ],
    messages: [
      {
        en: "{child} forgot something on bus {bus_number} after school on {date}: {description}. Could the driver check under the seats? We can pick it up at {school} or at the bus yard.",
        es: "{child} olvidó algo en el autobús {bus_number} a la salida el {date}: {description}. ¿Podría el chofer revisar debajo de los asientos? Podemos recogerlo en {school} o en el patio de autobuses.",
      },
      {
        en: "Did anyone turn in {description}? {child} thinks it was left on bus {bus_number} on {date}.",
        es: "¿Alguien entregó {description}? {child} cree que lo dejó en el autobús {bus_number} el {date}.",
      },
    ],
    answers: [
      {
        en: "Good news: the driver found it. It is at the front office of {school} with {child}'s name on it and can be picked up any school day before 4 p.m.",
        es: "Buenas noticias: el chofer lo encontró. Está en la oficina de {school} con el nombre de {child} y puede recogerlo cualquier día de clases antes de las 4 p.m.",
      },
      {
        en: "We searched bus {bus_number} and the lost-and-found at the bus yard, but nothing matching has turned up yet. We keep items for 30 days and will write to you if it appears.",
        es: "Revisamos el autobús {bus_number} y la sección de objetos perdidos del patio de autobuses, pero todavía no aparece nada parecido. Guardamos los objetos 30 días y le escribiremos si aparece.",
      },
    ],
  },
];

export const mealTopics: DemoTopic[] = [
  {
    slug: "free-reduced-meals",
    category: "meals",
    department: "nutrition",
    name: { en: "Free and reduced meals", es: "Comidas gratuitas y a precio reducido" },
    description: { en: "Applying for free or reduced-price meals, or checking an application.", es: "Solicitar comidas gratuitas o a precio reducido, o consultar una solicitud." },
    defaultKind: "question",
    weight: 6,
    fields: [
      f.school(),
      f.number("household_size", "People in your household", "Personas en su hogar", "Everyone living in your home who shares income and expenses.", "Todas las personas que viven en su hogar y comparten ingresos y gastos.", 1, 15, true),
      f.number("students_count", "Students in the district", "Estudiantes en el distrito", "How many children in your home attend district schools.", "Cuántos niños de su hogar asisten a escuelas del distrito.", 1, 10, false),
      f.choice("application", "Where are you in the process?", "¿En qué parte del proceso está?", "So we can answer the right question.", "Para responder lo que necesita.", [
        ["new", "I want to apply", "Quiero presentar una solicitud"],
        ["status", "I applied and want to know the status", "Ya la presenté y quiero saber cómo va"],
        ["renew", "Renewing for this school year", "Renovación para este año escolar"],
      ]),
    ],
    samples: { household_size: ({ rng }) => rng.int(2, 8), students_count: ({ rng }) => rng.int(1, 4) },
    messages: [
      {
        en: "I would like to apply for free meals for {child} at {school}. We are a family of {household_size} and my hours at work were cut. Where do I find the application?",
        es: "Quisiera solicitar comidas gratuitas para {child} en {school}. Somos una familia de {household_size} y me redujeron las horas en el trabajo. ¿Dónde encuentro la solicitud?",
      },
      {
        en: "I submitted the meal application online about three weeks ago and haven't heard anything. {child} at {school} is still being charged for lunch. Can you check the status? We are a household of {household_size}.",
        es: "Envié la solicitud de comidas por internet hace unas tres semanas y no he recibido respuesta. A {child} todavía le cobran el almuerzo en {school}. ¿Pueden revisar cómo va? Somos {household_size} en casa.",
      },
    ],
    answers: [
      {
        en: "Thank you for reaching out. You can apply online at https://www.riverside.example/meals or pick up a paper application at any school office; it takes about 10 minutes. Applications are processed within 10 school days, and in the meantime {child} will never be denied a meal.",
        es: "Gracias por comunicarse. Puede presentar la solicitud en https://www.riverside.example/meals o recoger una solicitud en papel en cualquier oficina escolar; toma unos 10 minutos. Las solicitudes se procesan en un plazo de 10 días escolares y, mientras tanto, a {child} nunca se le negará una comida.",
      },
      {
        en: "I found your application: it was approved for free meals, and the meal system at {school} was updated this morning. Charges since the day you applied have been credited back to {child}'s account.",
        es: "Encontré su solicitud: fue aprobada para comidas gratuitas y el sistema de comidas de {school} se actualizó esta mañana. Los cargos desde el día en que la presentó se reembolsaron a la cuenta de {child}.",
      },
    ],
  },
  {
    slug: "meal-account",
    category: "meals",
    department: "nutrition",
    name: { en: "Meal account balance or payment", es: "Saldo o pago de la cuenta de comidas" },
    description: { en: "Balances, missing payments, refunds and low-balance alerts.", es: "Saldos, pagos que no aparecen, reembolsos y alertas de saldo bajo." },
    defaultKind: "question",
    weight: 4,
    fields: [
      f.school(),
      f.studentId(true),
      f.choice("issue", "What do you need?", "¿Qué necesita?", "Choose one.", "Elija una opción.", [
        ["balance", "Check the balance", "Consultar el saldo"],
        ["payment", "A payment didn't show up", "Un pago no aparece"],
        ["refund", "Refund a balance", "Reembolso del saldo"],
        ["alerts", "Low-balance alerts", "Alertas de saldo bajo"],
      ]),
      f.number("amount", "Amount (dollars)", "Cantidad (dólares)", "If it's about a payment.", "Si se trata de un pago.", 1, 500, false),
    ],
    samples: { amount: ({ rng }) => rng.pick([20, 25, 30, 40, 50, 60, 75, 100]), issue: ({ rng }) => rng.pick(["balance", "payment", "payment", "refund", "alerts"]) },
    messages: [
      {
        en: "I paid ${amount} on the meal account for {child} (student ID {student_id}) but the balance still shows negative and {child} got a reminder at lunch at {school}.",
        es: "Pagué ${amount} en la cuenta de comidas de {child} (número de estudiante {student_id}), pero el saldo sigue en negativo y a {child} le recordaron en el almuerzo en {school}.",
      },
      {
        en: "How can I see the lunch balance for {child}? Student ID {student_id}, {school}. I'd also like an alert when it gets low.",
        es: "¿Cómo puedo ver el saldo del almuerzo de {child}? Número de estudiante {student_id}, {school}. También quisiera una alerta cuando esté bajo.",
      },
    ],
    answers: [
      {
        en: "The payment of ${amount} posted this morning; it was held because the payment site was down for maintenance over the weekend. {child}'s balance is positive again and the reminder has been cleared.",
        es: "El pago de ${amount} se registró esta mañana; se había retenido porque el sitio de pagos estuvo en mantenimiento el fin de semana. El saldo de {child} ya es positivo y se quitó el aviso.",
      },
      {
        en: "You can see the balance and turn on low-balance alerts in the MealPay app with student ID {student_id}. The current balance is $12.40.",
        es: "Puede ver el saldo y activar las alertas de saldo bajo en la aplicación MealPay con el número de estudiante {student_id}. El saldo actual es de $12.40.",
      },
    ],
  },
  {
    slug: "food-allergy",
    category: "meals",
    department: "nutrition",
    name: { en: "Food allergy or special diet", es: "Alergia alimentaria o dieta especial" },
    description: { en: "Allergies, medical diets and meal accommodations.", es: "Alergias, dietas médicas y adaptaciones de comidas." },
    defaultKind: "question",
    weight: 3,
    priorities: [["normal", 6], ["high", 3], ["critical", 1]],
    fields: [
      f.school(),
      f.studentName(),
      f.multi("allergies", "Allergies or restrictions", "Alergias o restricciones", "Choose all that apply.", "Elija todas las que correspondan.", [
        ["peanuts", "Peanuts", "Cacahuate"],
        ["tree_nuts", "Tree nuts", "Nueces"],
        ["milk", "Milk", "Leche"],
        ["egg", "Egg", "Huevo"],
        ["wheat", "Wheat or gluten", "Trigo o gluten"],
        ["soy", "Soy", "Soya"],
        ["fish", "Fish", "Pescado"],
        ["shellfish", "Shellfish", "Mariscos"],
        ["sesame", "Sesame", "Ajonjolí"],
      ], true),
      f.choice("medical_form", "Do you have a signed medical statement?", "¿Tiene una constancia médica firmada?", "A doctor's statement lets us change meals.", "Con la constancia del médico podemos cambiar las comidas.", [
        ["yes", "Yes", "Sí"],
        ["no", "Not yet", "Todavía no"],
      ]),
      f.bestTimes(),
    ],
    messages: [
      {
        en: "{child} has food allergies ({allergies}) and starts at {school} next month. What do we need to do so the cafeteria has a safe meal every day?",
        es: "{child} tiene alergias alimentarias ({allergies}) y empieza en {school} el próximo mes. ¿Qué necesitamos hacer para que la cafetería tenga una comida segura todos los días?",
      },
      {
        kind: "concern",
        en: "{child} is allergic ({allergies}) and {when} was served a lunch containing it at {school}. Thankfully the teacher noticed. How can we make sure this doesn't happen again?",
        es: "{child} es alérgic{o} ({allergies}) y {when} le sirvieron un almuerzo que lo contenía en {school}. Por suerte la maestra se dio cuenta. ¿Cómo podemos asegurarnos de que no vuelva a pasar?",
      },
    ],
    answers: [
      {
        en: "Please have your doctor fill out the Medical Statement for Special Diets (https://www.riverside.example/meals/diet) and send it to the school nurse. Once we receive it, our dietitian sets up {child}'s profile so the register flags any item containing {allergies} within two school days.",
        es: "Pida a su médico que llene la Constancia Médica para Dietas Especiales (https://www.riverside.example/meals/diet) y envíela a la enfermera escolar. Cuando la recibamos, nuestra nutrióloga configura el perfil de {child} para que la caja marque cualquier alimento con {allergies} en un plazo de dos días escolares.",
      },
      {
        kind: "concern",
        en: "I am very sorry. Our dietitian met with the cafeteria manager at {school} today: {child}'s photo and allergy alert are now on the register screen, and the kitchen staff reviewed the labeling procedure.",
        es: "Lo siento mucho. Hoy nuestra nutrióloga se reunió con la encargada de la cafetería de {school}: la foto de {child} y su alerta de alergia ya aparecen en la pantalla de la caja, y el personal de cocina repasó el procedimiento de etiquetado.",
      },
    ],
  },
  {
    slug: "menu-feedback",
    category: "meals",
    department: "nutrition",
    name: { en: "Menu feedback", es: "Comentarios sobre el menú" },
    description: { en: "Ideas, praise or concerns about school meals.", es: "Ideas, elogios o inquietudes sobre las comidas escolares." },
    defaultKind: "suggestion",
    weight: 3,
    fields: [
      f.school(),
      f.choice("meal", "Which meal?", "¿Qué comida?", "Choose one.", "Elija una.", [
        ["breakfast", "Breakfast", "Desayuno"],
        ["lunch", "Lunch", "Almuerzo"],
        ["supper", "After-school supper", "Cena después de clases"],
      ]),
    ],
    messages: [
      {
        kind: "suggestion",
        en: "Could {school} offer more vegetarian options at lunch? {child} often comes home hungry because the only choice is a cheese sandwich.",
        es: "¿Podría {school} ofrecer más opciones vegetarianas en el almuerzo? {child} muchas veces llega a casa con hambre porque la única opción es un sándwich de queso.",
      },
      {
        kind: "compliment",
        en: "{child} loves the new breakfast burritos at {school}! Thank you to the cafeteria staff for always being so kind.",
        es: "¡A {child} le encantan los nuevos burritos del desayuno en {school}! Gracias al personal de la cafetería por ser siempre tan amable.",
      },
      {
        kind: "comment",
        en: "The lunch period at {school} is so short that {child} barely has time to eat. The food is fine, but a lot of kids throw most of it away.",
        es: "El horario del almuerzo en {school} es tan corto que {child} casi no tiene tiempo de comer. La comida está bien, pero muchos niños tiran la mayor parte.",
      },
    ],
    answers: [
      {
        kind: "suggestion",
        en: "Thank you for the suggestion! Starting next month every school will have a daily vegetarian hot entrée, and {school} will have a salad bar on Tuesdays and Thursdays.",
        es: "¡Gracias por la sugerencia! A partir del próximo mes todas las escuelas tendrán un platillo caliente vegetariano todos los días, y {school} tendrá barra de ensaladas los martes y jueves.",
      },
      {
        kind: "compliment",
        en: "Thank you! We shared your note with the cafeteria team at {school}; they were delighted.",
        es: "¡Gracias! Compartimos su mensaje con el equipo de la cafetería de {school}; se pusieron muy contentos.",
      },
      {
        kind: "comment",
        en: "Thank you for the feedback. We shared it with the principal of {school}, who is reviewing the lunch schedule with the school site council this month.",
        es: "Gracias por sus comentarios. Los compartimos con la directora de {school}, que está revisando el horario del almuerzo con el consejo escolar este mes.",
      },
    ],
  },
];
