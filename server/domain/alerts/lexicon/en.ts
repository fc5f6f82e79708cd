/**
 * English alert lexicon, curated by hand for school-district messages (syntax in phrases.ts).
 * Groups ending in `.explicit` / `.threat` are strong phrases; the others are cues the scorer only counts together.
 */
import type { LexiconSource } from "./types.js";

export const en: LexiconSource = {
  classes: {
    neg: ["not", "no", "never", "dont", "doesnt", "didnt", "wont", "wouldnt", "cant", "cannot", "couldnt", "shouldnt", "isnt", "arent", "wasnt", "werent", "aint", "nobody", "neither", "nor", "stop", "quit"],
    fp: ["i", "me", "my", "myself", "im", "ive", "id", "ill", "mine", "imma", "ima"],
    you: ["you", "your", "youre", "yourself", "u", "ur", "ya", "yall", "youll", "yourselves", "thee"],
    self: ["myself", "herself", "himself", "themselves", "themself", "ourselves", "meself", "hisself"],
    kid: ["son", "daughter", "child", "kid", "kids", "children", "student", "students", "boy", "girl", "teen", "teenager", "friend", "classmate", "stepson", "stepdaughter", "grandson", "granddaughter", "nephew", "niece"],
    family: ["dad", "daddy", "father", "stepdad", "stepfather", "mom", "mommy", "mother", "stepmom", "stepmother", "uncle", "aunt", "grandpa", "grandfather", "grandma", "grandmother", "cousin", "boyfriend", "babysitter", "parent", "parents", "guardian", "neighbor", "coach", "tutor", "pastor", "priest", "stepbrother"],
    weapon: ["gun{,s}", "handgun{,s}", "pistol{,s}", "rifle{,s}", "shotgun{,s}", "revolver{,s}", "firearm{,s}", "glock{,s}", "ak47", "ar15", "uzi", "9mm", "knife", "knives", "blade{,s}", "machete{,s}", "switchblade{,s}", "dagger{,s}", "sword{,s}", "bomb{,s}", "explosive{,s}", "grenade{,s}", "ammo", "ammunition", "bullet{,s}", "taser{,s}", "weapon{,s}", "boxcutter{,s}"],
    target: ["everyone", "everybody", "people", "students", "kids", "teachers", "teacher", "staff", "principal", "classmates", "class", "school", "him", "her", "them", "you", "yall", "u", "ya", "coach", "counselor", "driver", "me", "us", "@kid", "mr", "ms", "mrs", "miss", "somebody", "someone", "anyone"],
    place: ["school{,s}", "campus", "class", "classroom", "bus", "locker", "backpack", "bookbag", "bag", "cafeteria", "gym", "hallway", "halls", "hall", "bathroom", "restroom", "playground", "recess", "lunch", "lunchroom", "period", "field", "game", "library", "stadium", "assembly", "prom", "graduation", "homecoming", "dance", "rally", "office", "parking", "pickup", "dropoff", "elementary", "highschool", "building"],
    time: ["tomorrow", "tonight", "today", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "morning", "afternoon", "soon", "week", "later"],
    intent: ["going", "gonna", "gon", "finna", "will", "ill", "theyll", "youll", "hell", "shell", "would", "wanna", "want{,s,ed}", "plan{,s,ned,ning}", "ready", "about", "bout", "threaten{,s,ed,ing}", "swear", "imma", "ima", "tryna", "trying", "promise{,d}", "might", "gotta", "coming", "come"],
    abuseVerb: ["hit{,s,ting}", "beat{,s,ing}", "beaten", "punch{,es,ed}", "slap{,s,ped}", "kick{,s,ed}", "choke{,s,d}", "touch{,es,ed,ing}", "burn{,s,ed}", "lock{,s,ed}", "starve{,s,d}", "hurt{,s}", "whip{,s,ped}", "grab{,s,bed}", "molest{,s,ed}", "rape{,s,d}", "strangle{,s,d}", "smack{,s,ed}"],
    report: ["said", "says", "say", "saying", "told", "tells", "posted", "posting", "wrote", "writes", "texted", "messaged", "heard", "overheard", "saw", "seen", "threatened", "bragged", "bragging", "showed", "talking", "snapchat", "instagram", "tiktok", "chat"],
  },
  groups: {
    guard: [
      "photo|picture|video|film|fashion|senior|family|engagement|maternity|newborn|modeling|model|photoshoot shoot{,s,ing}",
      "shoot{,s,ing} me|us|him|her|them? a|an|the? email|text|message|note|line|msg|dm|pm|call|reply|question|quick",
      "shoot{,s,ing} for|hoops|baskets|around|threes|free|film|photos|pictures|video|videos", "shoot{,s,ing} the|some ~1 ball|breeze|shit",
      "shooting guard{,s}|star{,s}|range|percentage|stars|sleeve",
      "^shoot,", "oh|aw|ah|awe shoot", "shot clock", "flu|booster|covid|vaccine|allergy|insulin|tetanus|measles|big|mug|long|screen|jump|moon|flu shot{,s}", "give it a shot", "shot put", "shot at the|a ~1 title|record|championship|playoffs|job|team|spot",
      "kill{,s,ed,ing}|murder{,s,ed}|slay{,s,ed,ing} it|that|them|this ~1 test|exam|game|season|performance|presentation|show|concert|recital|match",
      "kill{,s,ed,ing} it", "is|are|was|were|its|thats|literally|lowkey|totally|keeps|kept killing me|us", "killing time", "kill time", "killer deal|app|workout|lineup|sale|view", "kill two birds", "dressed to kill", "kill the lights|engine|power|process|music|vibe",
      "dying to", "to die for", "die hard", "die laughing", "died laughing", "dying of laughter|laughing", "dead tired|battery|end|serious|last|set|ass|silent|week|giveaway|heat", "drop dead gorgeous", "scared to death", "bored to death", "worried sick",
      "bomb{,ed,ing} the|my|that|this|a|his|her|their? test|exam|quiz|final|finals|interview|audition|presentation|essay",
      "was|is|its|thats|da|totally|be|are the? bomb", "photo|bath|cherry|f|fbomb|bomb|truth bomb{,s}", "bomb{,s} pop|cyclone|diggity|dot",
      "fire|lockdown|tornado|earthquake|evacuation|safety|shooter|intruder drill{,s}", "active shooter drill{,s}|training|protocol|training|plan",
      "nerf|water|squirt|toy|prop|plastic|foam|glue|staple|paintball|laser|bubble|fake|costume|cardboard|wooden|rubber|cap|dart|candy|chocolate|pretend|lego|finger|airsoft @weapon",
      "@weapon skill{,s}|safety|control|violence|laws|law|policy|reform|show|lock|locks|storage", "butter knife", "knife and fork", "top gun", "jump the gun", "smoking gun", "son of a gun", "stick to my|your|our|his|her guns", "big guns", "bullet point{,s}|journal|list", "sharpshooter|sharp shooter",
      "heart|panic|anxiety|asthma|allergy|shark|seizure attack{,s}", "blow{,s,ing,n}|blew up my|his|her|our|the phone|phones|balloon{,s}|inbox|notifications", "suicide{,s} squad|drill{,s}|doors|prevention|awareness|hotline|lifeline|sprints", "run{,ning} suicides",
      "cutting board|edge|class|corners", "cutting it close", "cutting in line", "hit{,s} me|him|her|us up", "cut{,s} class|the line|from the team",
    ],
    "self_harm.explicit": [
      "suicid*", "kill{,s,ed,ing} @self", "kms", "unaliv*", "end{,s,ed,ing} it ~1 all|tonight|today|now", "end{,s,ed,ing} ~1 my|her|his|their own? life|lives", "take{,s,ing}|took my|her|his|their own? life",
      "want{,s,ed}|wanna|wish|wishes|ready to? ~1 die", "wish{,es} i|she|he was|were|could dead|die", "wish{,es} i|she|he ~2 never ~1 born", "better off dead", "better off without me|her|him|us",
      "dont|doesnt|didnt want{,s}|wanna to? live|exist", "dont|doesnt|didnt want{,s}|wanna to? be alive", "dont|doesnt|didnt want{,s}|wanna to? be here|around anymore", "dont|doesnt|didnt want{,s}|wanna to? wake up", "want{,s} to disappear forever", "no|nothing reason|left to live", "nothing to live for", "not worth living", "cant go on", "tired of living", "tired of being alive",
      "hang{,ing} @self", "slit{,ting} my|her|his wrist{,s}", "cut{,s,ting} @self", "cut{,s,ting} my|her|his arms|wrists|legs|thighs", "been|started|keeps cutting", "cutting again", "self harm{,ing}", "selfharm{,ing}", "harm{,ing} @self", "hurting @self", "hurt @self on purpose", "want{,s,ed}|wanna to? hurt @self",
      "overdos*", "od on", "take{,s,ing}|took|swallow{,ed,ing} all|a bunch of|a handful of|too many ~1 pills|meds|tablets|medication|medicine|sleeping",
      "jump{,s,ing,ed} off a|the ~1 bridge|building|roof|cliff|overpass", "suicide note", "goodbye note|letter", "note|letter saying goodbye", "nobody|noone would miss me|her|him", "no one would miss me|her|him", "everyone would be better off", "wont be here|around much longer", "wont be around anymore", "gun to my|her|his head|temple",
      "want{,s} to be dead", "rather be dead", "wanna be dead",
    ],
    "self_harm.you": ["kill yourself", "kys", "go die", "hope you die", "drink bleach", "neck yourself", "hang yourself", "slit your wrists", "end yourself", "unalive yourself", "go jump off a bridge"],
    "self_harm.method": ["pill{,s}", "rope", "ledge", "bridge", "razor{,s}", "blade{,s}", "wrist{,s}", "overdose", "jump", "hang", "bleach", "cut", "cutting", "scars", "hurt myself", "gun", "my gun", "trigger", "hospitalized", "psych ward", "noose"],
    "self_harm.distress": [
      "hopeless{,ness}", "worthless{,ness}", "empty", "numb", "alone", "lonely", "loneliness", "depress*", "anxiety", "give up", "giving up", "gave up", "burden", "no point", "pointless", "miserable", "suffer{,ing}", "pain", "cry", "crying", "cried", "hate myself", "hate my life", "cant take it", "cant do this", "tired of everything", "exhausted", "no one cares", "noone|nobody cares", "dont matter", "trapped", "broken", "failure", "screw up", "therap*", "meds", "medication", "antidepressant{,s}", "psychiatr*", "mental health", "crisis", "hotline", "no future", "not good enough", "dark", "darkness", "dont deserve", "self hatred", "disappear", "ptsd", "bpd", "bipolar", "ugly", "useless", "lost", "hurts", "struggl*", "insomnia", "panic", "helpless", "guilt", "ashamed", "sad", "sadness",
    ],
    "self_harm.death": ["kill{,ed,ing}", "die", "died", "dying", "dead", "death", "end it", "not be here", "gone", "funeral", "grave"],
    "violence.threat": [
      "shoot{,s,ing}|shot up the|this|that|our|my|a|his|her|their|your ~1 @place|@target|place|party|mall|church|store|town|house",
      "shoot{,s,ing}|shot up @place|everyone|everybody", "kill{,s,ing}|shoot{,s,ing}|murder{,s,ing}|stab{,s,bing}|bomb{,s,ing}|hurt{,ing} ~1 everyone|everybody|yall", "kill{,s,ing}|shoot{,s,ing}|murder{,s,ing}|stab{,s,bing}|bomb{,s,ing}|hurt{,ing} ~1 all of you|them|us", "kill{,s,ing}|shoot{,s,ing}|murder{,s,ing}|stab{,s,bing} them all", "blow{,ing} up everyone|everybody",
      "hit|kill|death list", "bomb threat{,s}", "death threat{,s}", "threat{,s,en,ened,ening} to ~2 kill|shoot|stab|hurt|bomb|bring|beat|jump|attack|blow|burn|murder|cut|strangle|choke|rape",
      "threaten{,ed,ing} ~3 with a ~1 @weapon", "pull{,s,ed,ing} a|his|her ~1 @weapon on", "point{,s,ed,ing} a|his|her ~1 @weapon at", "held|hold{,s,ing} a ~1 @weapon to", "open{,ed} fire", "blow{,ing} up the|our|this ~1 @place", "burn{,ing} down the|our|this ~1 @place",
      "active shooter", "next school shooter", "you|youre|ur|yall|your dead meat", "youre|ur|yall|u gonna|going to? die", "you are|r gonna|going to? die", "ill|imma|ima|gonna|finna kill u|you|yall|ya",
      "got|was|been|get|getting jumped|stabbed|assaulted", "beat{,s,ing} him|her|them|me|you|us up", "beat{,s,ing} my|his|her|our ~1 up", "beaten up", "brought|bringing|bring{,s}|carry{,ing} a|his|her ~1 @weapon to|into|on @place|the",
    ],
    "violence.verb": [
      "kill{,s,ed,ing}", "murder{,s,ed,ing}", "shoot{,s,ing}", "shot", "stab{,s,bed,bing}", "hurt{,s,ing}", "beat{,s,ing} up", "beat ~1 ass", "attack{,s,ed,ing}", "blow{,s,ing} up", "blew up", "bomb{,s,ed,ing}", "punch{,es,ed,ing}", "choke{,s,d}", "choking", "strangl*", "massacre", "slaughter", "assault{,s,ed,ing}", "shooter{,s}", "jump{,ed} him|her|them|my", "fight{,ing} him|her|them|you", "smoke{,d} him|her|them|you", "rape{,d}", "school shoot{er,ers,ing}", "mass shoot{er,ing}", "columbine", "shooting"
    ],
    "violence.intent": ["@intent", "ill", "gonna", "going to", "about to", "want to", "plan{,s,ning} to", "he|she|they|someone|somebody|kid|student|boy|girl would"],
    "violence.report": ["@report", "heard", "rumor{,s}", "rumour{,s}", "threat{,s}", "list", "post"],
    "context.target": ["@target", "the|my|our|his|her|a ~1 teacher{,s}|principal|students|kids|class|driver|coach|counselor|@kid"],
    "context.place": ["@place", "high school", "middle school", "pep rally", "football|basketball|soccer game", "parking lot", "pickup|dropoff|carpool line"],
    "context.time": ["@time", "next week", "this week", "after school", "before school", "after lunch", "at lunch", "first|second|third|1st|2nd|3rd|4th|5th|6th|last period"],
    "weapon.weapon": ["@weapon", "ar 15", "ak 47", "box cutter{,s}", "pipe bomb{,s}", "brass knuckles"],
    "weapon.possess": ["brought", "bring{,s,ing}", "has", "had", "have", "having", "carry{,ing}", "carries", "carried", "show{,s,ed,ing}", "pull{,s,ed,ing} out", "hid{,e,es,ing}", "hidden", "stash{,ed}", "found", "sneak{,s,ing}", "snuck", "with a", "got a", "packing", "flash{,ed,ing}", "threaten{,s,ed,ing}", "wave{,d,s}", "waving", "pointed", "pointing"],
    "abuse.explicit": [
      "sexually|physically abus*", "molest*", "abus{e,es,ed,ing} her|him|me|them|us|my|his", "abus{e,es,ed,ing} the|their kids|children|child|students", "touch{,es,ed,ing} her|him|me inappropriately|private|privates", "touch{,es,ed,ing} her|him|me down there", "inappropriate{,ly} touch{,ed,ing}", "rape{,d}", "raping",
      "scared|afraid|terrified to go ~1 home", "dont|doesnt want to go ~1 home", "no food at home", "doesnt|dont|didnt|never feed{,s} her|him|them|us", "lock{,s,ed} her|him|them|me in", "left alone for days", "neglect{,s,ed,ing} ~2 @kid|her|him|them", "child neglect", "home with|covered in ~1 bruis*", "bruis* all over", "burn marks", "belt marks", "welt{,s}", "child abuse", "abuse at home", "hit{,s} me|her|him|them with a|the ~1 belt|cord|hanger|bat",
    ],
    "abuse.family": ["@family", "step dad", "step father", "foster dad|mom|parent|father|mother"],
    "abuse.act": ["@abuseVerb me|him|her|them|us|my|his|our|@kid", "bruis*", "abus*"],
    "harassment.explicit": [
      "bull{y,ied,ies,ying}", "cyberbull*", "harass*", "pick{,s,ed,ing} on", "make{,s}|made|making fun of", "call{,s,ed,ing} her|him|them|my|me ~2 names", "name calling", "racial slur{,s}", "slur{,s}", "threatening messages|texts|posts", "spread{,s,ing} rumors|rumours|lies",
      "fake account{,s}|profile{,s}|page", "humiliat*", "tease{,d,s}", "teasing", "mock{,ed,ing}", "torment*", "stalk*", "intimidat*", "hazed", "hazing", "noose{,s}", "n word", "the n word", "swastika{,s}", "homophobic", "racist ~1 comment{,s}|remark{,s}|names|slur{,s}|messages|jokes",
      "push{,es,ed,ing}|shove{,s,d}|trip{,s,ped}|spit{,s}|spat|punch{,es,ed} him|her|my|them ~4 every|each|again|always|recess|lunch|bus|hallway|class", "take{,s}|took|steal{,s}|stole his|her|their lunch|money|things|stuff|phone|food", "nude{,s}|naked ~1 photo{,s}|pictures|pics", "shar{e,es,ed,ing} ~2 nudes", "gang{,ed,ing} up on",
      "tell{,s,ing}|told her|him|them|my ~2 to kill @self",
    ],
    "harassment.slur": ["nigger{,s}", "niggers", "niglet{,s}", "faggot{,s}", "fag{,s}", "faggy", "spic{,s}", "wetback{,s}", "beaner{,s}", "chink{,s}", "kike{,s}", "gook{,s}", "coon{,s}", "sand nigger{,s}", "towel head{,s}", "towelhead{,s}", "raghead{,s}", "camel jockey", "porch monkey{,s}", "jungle bunny", "tranny", "trannies", "dyke{,s}", "zipperhead{,s}", "nig{,s}", "negroes", "wigger{,s}", "shemale"],
    "harassment.slurWeak": ["queer{,s}", "homo{,s}", "retard{,s,ed}", "white trash", "trailer trash", "cracker{,s}", "redneck{,s}", "hillbilly", "hillbillies", "savage{,s}", "monkey{,s}", "ape{,s}", "whitey", "oreo", "uncle tom{,s}", "colored", "ghetto", "gay", "gays", "lesbo", "illegals", "terrorist{,s}", "mongoloid", "negro"],
    "harassment.identity": ["jew{,s}", "jewish", "muslim{,s}", "arab{,s}", "mexican{,s}", "black{,s}", "white{,s}", "asian{,s}", "chinese", "gay{,s}", "lesbian{,s}", "immigrant{,s}", "latino{,s}", "hispanic{,s}", "african{,s}", "indian{,s}", "race", "racist", "racism", "women", "blacks", "whites", "islam", "christians", "trans", "transgender", "refugees", "jewish"],
    "harassment.dehuman": ["animal{,s}", "trash", "vermin", "filth", "filthy", "scum", "subhuman", "parasite{,s}", "cockroach{,es}", "savage{,s}", "apes", "monkeys", "go back to", "should be shot|killed|hanged|hung|deported|exterminated|gassed|lynched", "dont belong", "inferior", "disgusting", "hate all", "lynch*", "exterminat*", "genocide", "die"],
    "harassment.insult": ["stupid", "idiot{,s}", "dumb", "loser{,s}", "ugly", "fat", "moron{,s}", "worthless", "pathetic", "freak{,s}", "weirdo{,s}", "shut up", "stfu", "gtfo", "nobody|noone likes you", "no one likes you", "everyone hates you", "lame", "trash", "hate", "hates", "hated"],
    profanity: ["fuck*", "fuk*", "fck*", "shit*", "bitch*", "ass", "asses", "asshole{,s}", "damn", "hoe{,s}", "pussy", "pussies", "dick{,s}", "cunt{,s}", "bastard{,s}", "crap", "whore{,s}", "slut{,s}", "motherfuck*", "mf", "wtf", "stfu", "tf", "hell", "piss*", "cock{,s}", "twat{,s}", "thot{,s}", "skank{,s}", "nigga{,s}", "niggah", "nicca{,s}"],
  },
};
