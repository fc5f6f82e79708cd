import type { Language } from "../enums.js";

const ES = new Set(
  "el la los las de del que y en un una por para con no es su sus al lo como mas pero mi mis hijo hija escuela autobus gracias hola buenos buenas dias tardes favor usted ustedes nuestro nuestra esta este estan fue muy porque cuando donde quiero necesito ayuda senora senor".split(" "),
);
const EN = new Set(
  "the and of to in a is that for it with on was you my our your this are be have not at but from they we can would please thank thanks hello hi son daughter school bus help need when where because".split(" "),
);

/** A small stop-word vote between English and Spanish; ties and very short texts fall back to `fallback`. */
export function guessLanguage(text: string, fallback: Language = "en"): Language {
  const words = text
    .toLowerCase()
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .match(/[a-zñ]+/g);
  if (!words) return fallback;
  let es = 0;
  let en = 0;
  for (const w of words.slice(0, 400)) {
    if (ES.has(w)) es++;
    if (EN.has(w)) en++;
  }
  if (es + en < 2 || es === en) return fallback;
  return es > en ? "es" : "en";
}
