/**
 * The weekdays' names in the languages rapport speaks, in one table for two readers: a therapist's
 * command (`weekdayNumber`: the confirmation names the day in the clinic's language, "Dienstag",
 * "martes", so that is how therapists write it back) and a client's free text (`weekdayInText`:
 * "until monday", "bis Freitag", "hasta el lunes"). Pure.
 */

interface Weekday {
  /** Names read in both: the full names, and the English abbreviations ("mon", "thurs"). */
  names: readonly string[];
  /**
   * The short forms (Mo Di Mi Do Fr Sa So, Die Mit Don...; lun mar mié jue vie sáb dom) and the
   * plurals or "every" forms ("dienstags", "los sábados"): read in a therapist's command only. In a
   * client's free text they are ordinary words ("so", "sa", "die", "mit", "don", "mar").
   * Spanish two-letter forms are left out: "do" is Donnerstag, not domingo.
   */
  short: readonly string[];
}

/** Monday first: a day's number is its place here plus one. The first name is the English one. */
const WEEKDAYS: readonly Weekday[] = [
  { names: ["monday", "mon", "montag", "lunes"], short: ["mo", "montags", "lun"] },
  { names: ["tuesday", "tue", "tues", "dienstag", "martes"], short: ["di", "die", "dienstags", "mar"] },
  { names: ["wednesday", "wed", "mittwoch", "miércoles"], short: ["mi", "mit", "mittwochs", "mié"] },
  { names: ["thursday", "thu", "thurs", "donnerstag", "jueves"], short: ["do", "don", "donnerstags", "jue"] },
  { names: ["friday", "fri", "freitag", "viernes"], short: ["fr", "fre", "freitags", "vie"] },
  {
    names: ["saturday", "sat", "samstag", "sonnabend", "sábado"],
    short: ["sa", "sam", "samstags", "sonnabends", "sáb", "sábados"],
  },
  { names: ["sunday", "sun", "sonntag", "domingo"], short: ["so", "son", "sonntags", "dom", "domingos"] },
];

const unaccented = (word: string) => word.normalize("NFD").replace(/\p{M}/gu, "").normalize("NFC");

/**
 * 1 (Monday) to 7 for a weekday as a therapist writes it: "thu", "thurs", "Thursdays", "weds",
 * "Di.", "mié", "sábado"; any case, accents set aside ("mié" and "mie" are one). English names may
 * be cut anywhere after three letters. Spanish "mar" is also March: where a date may stand (a
 * one-off session), a date read from it ("mar 10") goes first; a weekly schedule names no date, so
 * there it is Tuesday.
 */
export function weekdayNumber(word: string): number | undefined {
  const w = unaccented(word.toLowerCase()).replace(/\.$/u, "");
  const english = WEEKDAYS.findIndex(({ names: [name = ""] }) => {
    return (
      w.length >= 3 && (name.startsWith(w) || `${name}s` === w || (name === "wednesday" && w === "weds"))
    );
  });
  if (english >= 0) return english + 1;
  const other = WEEKDAYS.findIndex((day) => [...day.names, ...day.short].map(unaccented).includes(w));
  return other < 0 ? undefined : other + 1;
}

/**
 * 1 (Monday) to 7 for a weekday named in a client's free text, in lower case as typed: the full
 * names and the English abbreviations, with or without accents ("miércoles", "miercoles"); never
 * a short form, which is an ordinary word there.
 */
export function weekdayInText(word: string): number | undefined {
  const at = WEEKDAYS.findIndex((day) =>
    day.names.some((name) => name === word || unaccented(name) === word),
  );
  return at < 0 ? undefined : at + 1;
}
