/** Shape of a language's lexicon: word classes plus phrase lists per cue group (see phrases.ts for the syntax). */
export type LexiconSource = {
  classes: Record<string, readonly string[]>;
  groups: Record<string, readonly string[]>;
};
