/**
 * Function words that carry no topic, in normalised form (lower-case, no accents, no apostrophes).
 * Question words ("how", "when", "cuando", "donde") and negations are deliberately kept: they separate
 * requests such as "when does the bus come" from "the bus did not come".
 */
export const ENGLISH_STOP_WORDS: ReadonlySet<string> = new Set(
  `a an the and or but if then than so as of at by for with about into onto from to in on up out off over under
  again further once here there all any both each few more most other some such own same too very just also
  i me my mine myself we us our ours ourselves you your yours yourself yourselves he him his himself she her hers
  herself it its itself they them their theirs themselves this that these those am is are was were be been being
  have has had having do does did doing would could should ought im ive id ill youre youve youll youd hes shes
  its were theyre theyve weve well wed thats theres heres lets please hi hello hey dear thanks thank regards
  sincerely`.split(/\s+/),
);

export const SPANISH_STOP_WORDS: ReadonlySet<string> = new Set(
  `a al algo algunas algunos ante antes con contra de del desde durante e el ella ellas ellos en entre era eramos
  eran es esa esas ese eso esos esta estaba estado estamos estan estar estas este esto estos estoy fue fueron fui
  ha hace han has hasta hay he la las le les lo los me mi mis mucho muchos muy nos nosotros o os otra otras otro
  otros para pero poco por porque que se sea ser si sido sin sobre somos son soy su sus suya suyo tambien te
  tenemos tener tengo ti tiene tienen todo todos tu tus un una uno unos usted ustedes vosotros y ya yo
  hola buenos buenas dias tardes gracias saludos atentamente favor estimado estimada querido`.split(/\s+/),
);

/**
 * Words that say a question is being asked but not what about. A message whose only known words are these
 * and stop words ("what is the weather like on saturday") shares no topic with the history.
 */
export const GENERIC_WORDS: ReadonlySet<string> = new Set(
  `what whats when where who whom whose why how which can cant will wont need want help question ask know get
  que cual cuales cuando donde quien quienes como cuanto cuanta cuantos cuantas puedo puede pueden necesito
  quiero ayuda saber pregunta`.split(/\s+/),
);
