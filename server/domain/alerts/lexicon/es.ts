/**
 * Spanish alert lexicon (accents are folded before matching, so `mañana` is written `manana`).
 * Clitic pronouns come before the verb or stick to it (`lo va a matar`, `matarlo`), hence the brace expansions.
 */
import type { LexiconSource } from "./types.js";

const KILL = "matar{,te,lo,la,los,las,le,les,me,nos}|mato|mata|matan|mate|matare|mataria|matara|matando|matamos";
const SHOOT = "disparar{,le,les,te}|disparo|dispara|disparan|balacear{,los}|balear{,los}|tirotear|tirotearon";
const STAB = "apunalar{,lo,la,te}|apunalo|acuchillar{,lo,la,te}|acuchillo";
const HURT =
  "lastimar{,lo,la,te}|lastimaron|herir{,lo,la,te}|hirieron|golpear{,lo,la,te}|golpeo|golpean|golpearon|golpeaba|golpeaban|pegarle|pegarles|pegarte|pegaron|atacar{,lo,la}|ataco|atacaron|madrear{,lo}|madrearon|patearon|apalearon";

export const es: LexiconSource = {
  classes: {
    neg: ["no", "nunca", "jamas", "ni", "nadie", "tampoco", "deja", "deje"],
    fp: ["yo", "me", "mi", "mis", "conmigo", "estoy", "quiero", "siento", "tengo"],
    you: ["tu", "tus", "te", "ti", "usted", "ustedes", "contigo"],
    kid: ["hijo", "hija", "hijos", "hijas", "nino", "nina", "ninos", "ninas", "estudiante", "estudiantes", "alumno", "alumna", "alumnos", "chico", "chica", "muchacho", "muchacha", "amigo", "amiga", "nieto", "nieta", "sobrino", "sobrina"],
    family: ["papa", "padre", "padrastro", "mama", "madre", "madrastra", "tio", "tia", "abuelo", "abuela", "primo", "prima", "novio", "hermano", "hermanastro", "vecino", "vecina", "entrenador", "tutor", "padres", "pareja", "esposo", "maestro", "maestra", "profesor", "profesora", "director", "directora", "chofer"],
    weapon: ["pistola{,s}", "arma{,s}", "rifle{,s}", "escopeta{,s}", "revolver{,es}", "fusil{,es}", "cuchillo{,s}", "navaja{,s}", "machete{,s}", "bomba{,s}", "explosivo{,s}", "granada{,s}", "bala{,s}", "municion{,es}", "cuerno", "metralleta{,s}", "punal"],
    target: ["todos", "todas", "gente", "estudiantes", "alumnos", "maestro{,s}", "maestra{,s}", "profesor{,es}", "profesora{,s}", "profe", "director", "directora", "clase", "escuela", "ella", "ellos", "ellas", "te", "lo", "le", "les", "me", "nos", "@kid", "alguien", "chofer", "consejero"],
    place: ["escuela", "colegio", "clase", "salon", "aula", "autobus", "bus", "camion", "mochila", "casillero", "patio", "recreo", "cafeteria", "comedor", "gimnasio", "pasillo", "bano", "prepa", "preparatoria", "secundaria", "primaria", "campus", "partido", "baile", "graduacion", "estacionamiento", "biblioteca"],
    time: ["manana", "hoy", "noche", "lunes", "martes", "miercoles", "jueves", "viernes", "sabado", "domingo", "pronto", "semana", "luego", "tarde"],
    intent: ["voy", "vas", "va", "vamos", "van", "quiero", "quiere", "quieren", "pienso", "piensa", "piensan", "amenazo", "amenaza", "amenazan", "amenazando", "juro", "jura", "promete", "prometio", "dijo", "dice"],
    report: ["dijo", "dice", "dicen", "escribio", "publico", "publicaron", "vio", "vi", "oyo", "oi", "escuche", "escucho", "amenazo", "mostro", "enseno", "conto", "mensaje", "instagram", "tiktok", "chat", "grupo"],
    abuseVerb: ["pega", "pegan", "pego", "golpea", "golpean", "golpeo", "toca", "tocan", "toco", "manosea", "manoseo", "quema", "quemo", "encierra", "encerro", "jalo", "jala", "empujo", "aventó", "avento", "patea", "pateo", "ahorca", "ahorco", "lastima", "lastimo", "abusa", "abuso", "viola", "violo", "maltrata", "maltrato"],
  },
  groups: {
    guard: [
      "me|te|se|nos muero|muere|muera|morimos|muero|muriendo|moria de|por", "muero de ganas", "morir{,me,se} de ~1 risa|verguenza|sueno|hambre|aburrimiento|ganas|miedo|frio|calor|amor|envidia", "muerto|muerta|muertos|muertas de risa|cansancio|hambre|sueno|miedo|frio|calor|verguenza|aburrimiento",
      "me|nos esta|estan matando", "me mata|matan", "matar el|la tiempo|rato|hambre|sed", "matar dos pajaros",
      "fue|es|era|estuvo|estuvieron|estan una|la bomba", "que bomba", "pasarla|pasamos|pasaron|pasaste bomba", "la pasamos bomba", "bomba{,s} de agua|humo|chocolate|bano|crema", "bombazo",
      "tiro{,s} libre{,s}", "tiro{,s} de esquina|tres", "@weapon de juguete|plastico|agua|silicon|silicona|pegamento|carton|espuma|utileria|madera", "pistola de agua", "cuchillo{,s} de mantequilla|cocina", "arma{,s} de juguete",
      "simulacro{,s} ~2 incendio|tirador|encierro|evacuacion|emergencia", "ataque{,s} de panico|ansiedad|asma|tos|risa|nervios", "cortar{me,se,le} el|las|los ~1 pelo|cabello|unas|fleco", "se corto el|la ~1 pelo|cabello|dedo|mano", "lastimo|lastimaron el|la|su ~1 rodilla|tobillo|brazo|pie|mano|dedo",
      "prevencion|prevenir del? suicidio|acoso|bullying", "contra el acoso|bullying", "linea de prevencion",
    ],
    "self_harm.explicit": [
      "suicidarme|suicidarse|suicidarte|suicidandose|suicida|suicidas", "suicidar", "intento{,s} de suicidio", "intento|intentaron|intentado suicidarse", "pensamientos suicidas", "pensando|habla|hablando|piensa|pensar en el? suicidio", "quitarme|quitarse|quitarte la vida", "se quiere|quiero|quieres|quiera|queria quitar la vida", "matarme|matarse|matandome|matandose", "me quiero|voy|queria a? matar", "se quiere|va|queria|quiso a? matar", "quiero|quiere|quisiera|queria|quieren morir{,me,se}", "ganas de morir{,me,se}",
      "no quiero|quiere|queria seguir? vivir|viviendo", "ya no quiero|quiere|puedo|puede seguir", "cansado|cansada de vivir", "seria|estaria mejor desaparecer|morir{,me,se}", "seria|estaria mejor no estar|existir", "seria|estaria mejor estar muerto|muerta", "cansado|cansada de la vida", "ya no quiero|quiere vivir|existir", "ya no quiero|quiere estar aqui", "acabar|terminar con mi|su vida", "acabar|terminar con todo", "cortarme|cortarse|cortandose|cortandome", "se|me esta|estoy ~1 cortando|lastimando",
      "se|me corta|corto|lastima|lastimo los|sus|mis brazos|munecas|piernas", "lastimando|cortando|lastima|corta los|sus|mis brazos|munecas|piernas", "hacerme|hacerse dano", "autolesion*", "sobredosis", "tomar{,me,se} todas las ~1 pastillas", "se|me tomo|tome todas las ~1 pastillas", "se|me va|voy a tomar todas|muchas ~2 pastillas", "se|me va|voy a tomar un frasco de pastillas",
      "nadie me|la|lo extranaria", "colgar{me,se}|ahorcar{me,se}", "se|me va|voy|quiere|quiero a? colgar|ahorcar", "la|mi vida no tiene sentido", "no tiene sentido vivir", "no le|les veo|ve|vemos sentido a la vida", "quemar{me,se} ~2 a proposito", "se|me quema|quemo ~2 a proposito", "se despide|despidio|despedia de ~2 todos|nosotros|amigos|familia", "carta|nota|mensaje donde|en|que ~3 despide|despidio|despedia",
      "tirar{,me,se}|aventar{,me,se}|lanzar{,me,se} de|del|desde|al|a ~2 puente|edificio|techo|azotea|tren|metro|ventana|vias", "se|me quiere|quiero|va|voy a? tirar|aventar|lanzar de|del|desde|al ~2 puente|edificio|techo|azotea|tren|metro|ventana",
      "se|me tomo|tome|tomaba|tomara un|una|todas|muchas|varias frasco|caja|bote|punado|las ~2 pastillas", "estaria{,n}|estarian|estarias mejor sin mi|ella|el", "cortadas|cicatrices|cortes en los|sus ~1 brazos|munecas|piernas", "nota|carta|mensaje ~2 despedida|adios", "diciendo|dijo|dice|escribio adios a todos", "adios a todos|para siempre", "es un adios", "se|me hace|hago|esta haciendo dano", "se|me hizo|hice dano ~2 a proposito", "se|me lastima|corta|lastimo|corto|hace|hizo ~3 a proposito", "mejor muerto|muerta", "desaparecer para siempre", "me quiero morir", "se quiere morir", "no vale la pena vivir", "no tengo razon para vivir", "carta de despedida",
    ],
    "self_harm.you": ["matate", "suicidate", "muerete", "ojala te mueras", "ojala te murieras"],
    "self_harm.method": ["pastillas", "cuerda", "puente", "navaja", "cortadas", "cicatrices", "saltar", "ahorcar{me,se}"],
    "self_harm.distress": ["no valgo nada", "no sirvo para nada", "sin esperanza", "deprimid*", "depresion", "ansiedad", "solo", "sola", "vacio", "vacia", "cansado de todo", "cansada de todo", "no puedo mas", "no aguanto", "inutil", "carga", "llorar", "llorando", "lloro", "triste", "tristeza", "dolor", "no sirvo", "fracaso", "odio mi vida", "me odio", "terapeuta", "terapia", "psicolog*", "psiquiatr*", "nadie me quiere", "nadie me entiende"],
    "self_harm.desire": ["quiero", "quiere", "quisiera", "queria", "pienso|piensa|pensando|pensar en", "habla{,ba,ndo} de", "a proposito", "ganas de", "cansado|cansada de", "prefiero", "prefiere"],
    "self_harm.death": ["suicidio", "desaparecer", "irme|irse para siempre", "no despertar", "dormir para siempre", "ya no estar", "morir", "muerte", "muerto", "muerta", "morirme", "morirse"],
    "violence.threat": [
      `${KILL}|${SHOOT}|${STAB} a? todos|todas`, `${KILL}|${SHOOT}|${STAB} a? todo el mundo`, "matar a todos", "tiroteo{,s}", "balacera{,s}", "amenaza{,s} de bomba|muerte", "amenazo|amenazaron|amenazado|amenazada|amenazando de muerte", `amenazo|amenazaron|amenaza|amenazan|amenazando ~4 con ~2 ${KILL}|${SHOOT}|${STAB}|${HURT}|traer|volar|quemar|una|un`,
      `lo|la|los|las|te|le|les voy|va|vamos|van|iba|ibamos|iban a ${KILL}|${SHOOT}|${STAB}|${HURT}|pegar|golpear|lastimar`,
      "amenazo|amenazaron|amenazaba|amenazando a|al ~2 director|directora|maestro|maestra|profesor|profesora|mi|su|un|una|los|las|todos",
      "@weapon en|contra el|la|su ~1 cuello|garganta|cabeza|pecho|espalda", "volar la|el ~1 @place", "quemar la|el ~1 @place", "lista negra", "lista de muerte",
      "te voy|vamos a ~1 matar|partir|romper", "estas muerto|muerta", "vas a morir", "van a morir",
    ],
    "violence.verb": [KILL, SHOOT, STAB, "dar un balazo|tiro|navajazo", "balazo{,s}", "volar"],
    "violence.harm": [HURT, "hacer{le,te,les} dano", "quemar", "herir", "partir{le,te} la madre|cara|madre", "romper{le,te} la cara|madre", "golpiza", "pelea{,r}"],
    "violence.intent": ["@intent", "va a", "voy a", "van a", "vamos a", "quiere", "amenazo con"],
    "violence.planned": ["planeado", "planeada", "planean", "manana"],
    "violence.report": ["@report", "rumor{,es}", "amenaza{,s}", "lista"],
    "context.target": ["@target", "a un|una|la|el|los|las|mi|su ~1 maestro|maestra|profesor|profesora|director|directora|estudiante{,s}|alumno{,s}|nino{,s}|nina{,s}|hijo|hija"],
    "context.clitic": ["lo|la|le|les|te|me|nos|los|las"],
    "context.injury": ["sangre", "sangrando", "sangro", "puntadas", "hospital", "desmayado", "desmayo", "inconsciente", "ojo morado", "fractura", "le rompieron"],
    "context.place": ["@place", "afuera de la escuela", "a la escuela", "en la escuela"],
    "context.time": ["@time", "esta noche", "la proxima semana", "despues de ~1 clase|clases|escuela|recreo", "primer|segundo|tercer|ultimo periodo"],
    "context.pretend": [
      "puede{,n}|podria{,n}|podemos ~3 traer|llevar|usar|tener", "permitido{,s}", "permiten", "se permite{,n}", "reglas", "politica", "obra", "escena", "teatro", "disfraz", "disfraces", "juguete{,s}", "pelicula", "videojuego{,s}", "historia", "museo", "guerra", "caza", "cocina", "carros", "coches", "trafico", "velocidad", "cruce", "campamento", "policia{,s}", "oficial{,es}", "libro", "proyecto",
    ],
    "weapon.weapon": ["@weapon", "arma de fuego", "cuerno de chivo"],
    "weapon.possess": ["trajo", "traer", "trae", "traia", "puso", "pone", "pusieron", "apuntaba", "apunta", "lleva", "llevaba", "llevo", "mostro", "enseno", "saco", "escondio", "esconde", "amenazo", "apunto", "traen", "trajeron"],
    "weapon.have": ["tiene", "tenia", "tenga", "con", "compro"],
    "weapon.found": ["encontraron", "encontre", "escondida", "escondido"],
    "abuse.explicit": [
      "abuso{,s} sexual{,es}", "abusa|abuso|abusaron sexualmente? de ~1 ella|el|mi|ellos", "abusa|abuso de mi|su ~1 hijo|hija|nino|nina", "la|lo|me toca|toco|tocan|manosea sus? ~1 partes|intimas|privadas", "la|lo|me manosea|manoseo|manosean",
      "miedo de|a ir|volver|regresar a ~1 casa", "no quiere ir|volver|regresar a ~1 casa", "no le|les da|dan de comer", "solos|solas|solo|sola ~4 sin comida|comer", "los|las|lo|la dejan|deja|dejaron|dejo solos|solas|solo|sola ~2 dias|noche|noches", "no hay comida en ~1 casa", "lo|la|los|las encierra|encerraron|encerro", "maltrato infantil", "abuso infantil", "violencia domestica|familiar",
      "marcas de|del cinturon|golpes", "lo|la|me|les pega|golpea|pegan|golpean con el|un|una ~1 cinturon|cable|palo|chancla", "la|lo|me violo|violaron",
    ],
    "abuse.family": ["@family", "novio de mi|su mama", "pareja de mi|su mama"],
    "abuse.act": ["lo|la|me|les|nos|le @abuseVerb", "@abuseVerb a mi|su|mis|sus|los|las ~1 @kid", "golpes", "moretones", "moretes"],
    "harassment.explicit": [
      "acos*", "ciberacos*", "ciberbullying", "bullying", "bulling", "buleando", "hostig*", "se burlan|burlaban|burla|burlo de", "burlas", "insultos", "insultan", "insultaron", "insultando", "apodos", "le|les|me|te dicen|llaman ~3 nombres|insultos|groserias|apodos",
      "le|les|me|te quitan|quitaron|roban|robaron sus|su|mis|mi ~1 cosas|comida|dinero|lonche|almuerzo|telefono", "cuenta falsa", "perfil falso", "humill*", "intimid*", "amenazas", "mensajes ~1 amenazantes|amenazadores", "mensajes de odio", "racista{,s}", "fotos ~1 desnuda|desnudo|intimas", "lo|la|le|les empujan|empujaron|pegan|golpean ~3 todos los dias", "lo|la|le|les empujan|empujaron|pegan|golpean ~3 siempre|recreo|autobus",
      "nadie te|lo|la|les quiere", "burlar{,se,te,me} de", "para burlarse",
      "le|les|me|te dicen|llaman|gritan ~2 indio|india|negro|negra|gordo|gorda|mojado|maricon|joto|puto|puta|naco|tonto|tonta|estupido|estupida|feo|fea|retrasado|inutil",
      "le|les|me|te tiran|tiraron|rompen|rompieron su|sus|mi|mis ~1 comida|cosas|mochila|lonche|telefono", "todos te odian", "deberias morirte|matarte", "lo|la|los|las molestan|molestaron todos los dias",
    ],
    "harassment.toldToDie": ["le|les|me|te dicen|dijeron|escriben|escribieron que se|te mate|muera|suicide"],
    "harassment.slur": ["maricon{,es}", "joto{,s}", "mayate{,s}", "sudaca{,s}", "marica{,s}", "puto{,s} maricon{,es}", "negro de mierda", "india{,s,o,os} pata rajada", "mojado{,s} de mierda"],
    "harassment.slurWeak": ["mojado{,s}", "indio{,s}", "naco{,s}", "gordo{,s}", "gorda{,s}", "retrasado{,s}", "mongolico"],
    "harassment.identity": ["negro{,s}", "negra{,s}", "mexicano{,s}", "judio{,s}", "musulman{,es}", "chino{,s}", "gay{,s}", "inmigrante{,s}", "indigena{,s}", "lesbiana{,s}"],
    "harassment.dehuman": ["animales", "basura", "cucaracha{,s}", "escoria", "ratas", "regresate a tu pais", "vete a tu pais", "no pertenecen"],
    "harassment.insult": ["estupido{,s}", "estupida{,s}", "idiota{,s}", "tonto{,s}", "tonta{,s}", "feo", "fea", "perdedor{,a}", "callate", "asqueroso", "asquerosa"],
    "harassment.targeted": ["eres|estas|tu ~2 estupido|estupida|idiota|tonto|tonta|feo|fea|gordo|gorda|perdedor|perdedora|asqueroso|asquerosa|inutil"],
    profanity: ["mierda", "puta{,s}", "puto", "pendejo{,s}", "pendeja{,s}", "cabron{,es}", "chingar", "chinga*", "verga", "joder", "jodido", "cono", "culero{,s}", "pinche{,s}", "carajo", "huevon", "mamon", "cagada"],
  },
};
