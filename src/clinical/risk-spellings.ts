/**
 * The spellings the risk screen evens out (risk-tokens.ts): data only, so a reviewer sees every
 * variant in one place. Keys are lower-case words with repeated letters already single.
 */

export const LEET: Record<string, string> = {
  "0": "o",
  "1": "i",
  "3": "e",
  "4": "a",
  "5": "s",
  "7": "t",
  "@": "a",
  $: "s",
  "!": "i",
  "|": "i",
};

/** Spelled-out forms, keyed by the squeezed word (repeated letters already single). */
export const EXPANSIONS: Record<string, string[]> = {
  dont: ["do", "not"],
  doesnt: ["does", "not"],
  didnt: ["did", "not"],
  cant: ["can", "not"],
  canot: ["can", "not"],
  wont: ["will", "not"],
  wouldnt: ["would", "not"],
  woudnt: ["would", "not"],
  couldnt: ["could", "not"],
  shouldnt: ["should", "not"],
  isnt: ["is", "not"],
  arent: ["are", "not"],
  wasnt: ["was", "not"],
  werent: ["were", "not"],
  havent: ["have", "not"],
  hasnt: ["has", "not"],
  hadnt: ["had", "not"],
  aint: ["am", "not"],
  nt: ["not"],
  im: ["i", "am"],
  ive: ["i", "have"],
  id: ["i", "would"],
  thats: ["that", "is"],
  whats: ["what", "is"],
  theres: ["there", "is"],
  its: ["it", "is"],
  itl: ["it", "will"],
  youre: ["you", "are"],
  theyre: ["they", "are"],
  theyd: ["they", "would"],
  everyones: ["everyone", "is"],
  wana: ["want", "to"],
  gona: ["going", "to"],
  gota: ["got", "to"],
  tryna: ["trying", "to"],
  kinda: ["kind", "of"],
  sorta: ["sort", "of"],
  u: ["you"],
  ur: ["your"],
  r: ["are"],
  ppl: ["people"],
  noone: ["nobody"],
  nobdy: ["nobody"],
  everybody: ["everyone"],
  cuz: ["because"],
  coz: ["because"],
  cos: ["because"],
  idk: ["i", "do", "not", "know"],
  rn: ["right", "now"],
  myslef: ["myself"],
  wnat: ["want"],
  whant: ["want"],
  wnt: ["want"],
  mysefl: ["myself"],
  meself: ["myself"],
  tho: ["though"],
  wud: ["would"],
  wld: ["would"],
  ths: ["this"],
};

/**
 * Words whose doubled letter is not emphasis and must not be squeezed into another word:
 * "odd" is not "od" (an overdose). Written with an apostrophe, "od'd" is the overdose.
 */
export const KEEP_DOUBLE = new Set(["odd", "odds", "oddly"]);
export const APOSTROPHE_FORMS: Record<string, string> = { odd: "oded", oding: "oding", oded: "oded" };

/** Two words written apart that mean one (after squeezing). */
export const JOINS: Record<string, string> = {
  "my self": "myself",
  "your self": "yourself",
  "him self": "himself",
  "her self": "herself",
  "no one": "nobody",
  "no body": "nobody",
  "any more": "anymore",
  "some one": "someone",
  "every one": "everyone",
  "good bye": "goodbye",
  "good byes": "goodbyes",
};
