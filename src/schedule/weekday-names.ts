/**
 * A weekday as a therapist types it, in any language rapport speaks: the confirmation names the
 * day in the clinic's language ("Dienstag", "martes"), so that is how therapists write it back.
 * Pure.
 */

const ENGLISH = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];

/**
 * German and Spanish names, their plurals or "every" forms ("dienstags", "los sábados") and the
 * usual abbreviations (Mo Di Mi Do Fr Sa So, Die Mit Don...; lun mar mié jue vie sáb dom),
 * written without accents: the word is compared with its accents set aside, so "mié" and "mie"
 * are one. Spanish two-letter forms are left out: "do" is Donnerstag, not domingo.
 * Spanish "mar" is also March: where a date may stand (a one-off session), a date read from it
 * ("mar 10") goes first; a weekly schedule names no date, so there it is Tuesday.
 */
const OTHER: readonly (readonly string[])[] = [
  ["mo", "montag", "montags", "lun", "lunes"],
  ["di", "die", "dienstag", "dienstags", "mar", "martes"],
  ["mi", "mit", "mittwoch", "mittwochs", "mie", "miercoles"],
  ["do", "don", "donnerstag", "donnerstags", "jue", "jueves"],
  ["fr", "fre", "freitag", "freitags", "vie", "viernes"],
  ["sa", "sam", "samstag", "samstags", "sonnabend", "sonnabends", "sab", "sabado", "sabados"],
  ["so", "son", "sonntag", "sonntags", "dom", "domingo", "domingos"],
];

/** 1 (Monday) to 7 for a weekday as written: "thu", "thurs", "Thursdays", "weds", "Di.", "mié", "sábado". */
export function weekdayNumber(word: string): number | undefined {
  const w = word.toLowerCase().normalize("NFD").replace(/\p{M}/gu, "").replace(/\.$/u, "");
  const english = ENGLISH.findIndex(
    (name) =>
      w.length >= 3 && (name.startsWith(w) || `${name}s` === w || (name === "wednesday" && w === "weds")),
  );
  if (english >= 0) return english + 1;
  const other = OTHER.findIndex((names) => names.includes(w));
  return other < 0 ? undefined : other + 1;
}
