import { PAUSE_USAGE } from "./pause-usage.js";

/**
 * Words therapists reach for instead of a command, and the command that does it (command-hint.ts
 * writes the hint). Commands stay English in every language (DESIGN.md): a therapist who types
 * "zusammenfassung jonas" or "resumen de lucia" is told the command, `summary jonas`, and nothing
 * runs. Placeholders (ALIAS, N, FROM..TO|LENGTH) are filled from the message; a bare command word takes
 * what followed as typed (see command-hint.ts).
 */

/** Words from other tools, in English; ALIAS and N are filled from the message. */
export const ENGLISH_SYNONYMS: Readonly<Record<string, string>> = {
  erase: "discharge ALIAS --erase",
  // Mostly meant as ending the episode: the erasing form is offered second (word-notes.ts).
  delete: "discharge ALIAS",
  remove: "discharge ALIAS",
  resume: "pause ALIAS off",
  unpause: "pause ALIAS off",
  holiday: PAUSE_USAGE,
  vacation: PAUSE_USAGE,
  ack: "seen N",
  acknowledge: "seen N",
  list: "clients",
  caseload: "clients",
  status: "clients",
  overview: "clients",
  // The weekly digest and exports come from the clinic's server (rapport export; "export" and
  // "download" are answered by word-notes.ts); in the chat, the caseload is what is there.
  digest: "clients",
  graph: "chart ALIAS",
  plot: "chart ALIAS",
  send: "checkin ALIAS",
  ask: "checkin ALIAS",
  "check-in": "checkin ALIAS",
  add: "invite ALIAS",
  enrol: "invite ALIAS",
  enroll: "invite ALIAS",
  report: "summary ALIAS",
  scores: "summary ALIAS",
  history: "summary ALIAS --all",
  tz: "timezone ALIAS ZONE",
  lang: "language ALIAS CODE",
};

/**
 * The commands in German and Spanish words, written without accents (the typed word is compared
 * with its accents set aside: "gráfico", "löschen"). Words a client pack reads as a control word
 * when they are the whole message ("hilfe", "ayuda", "pausa") are that word there; with more
 * after them they come here. "sesion"/"sitzung", "termin" and "cita" are a one-off session (an
 * appointment: "termin jonas di 17:00" is the session on Tuesday, and `session` reads the weekday);
 * "zeitplan", "horario", "agenda" the weekly schedule.
 */
export const TRANSLATED_SYNONYMS: Readonly<Record<string, string>> = {
  // summary
  zusammenfassung: "summary",
  zusammenfassen: "summary",
  bericht: "summary",
  auswertung: "summary",
  ergebnisse: "summary",
  werte: "summary",
  resumen: "summary",
  resumir: "summary",
  informe: "summary",
  resultados: "summary",
  puntuaciones: "summary",
  verlauf: "summary ALIAS --all",
  historie: "summary ALIAS --all",
  historial: "summary ALIAS --all",
  // clients
  klienten: "clients",
  klientinnen: "clients",
  klientenliste: "clients",
  patienten: "clients",
  patientinnen: "clients",
  liste: "clients",
  ubersicht: "clients",
  clientes: "clients",
  pacientes: "clients",
  lista: "clients",
  // chart
  grafik: "chart",
  diagramm: "chart",
  kurve: "chart",
  grafico: "chart",
  grafica: "chart",
  diagrama: "chart",
  evolucion: "chart",
  // checkin, invite, discharge
  abfrage: "checkin",
  abfragen: "checkin",
  cuestionario: "checkin",
  encuesta: "checkin",
  enviar: "checkin",
  einladen: "invite",
  einladung: "invite",
  hinzufugen: "invite",
  invitar: "invite",
  invitacion: "invite",
  anadir: "invite",
  agregar: "invite",
  entlassen: "discharge",
  entlassung: "discharge",
  abschliessen: "discharge",
  alta: "discharge",
  loschen: "discharge ALIAS",
  entfernen: "discharge ALIAS",
  borrar: "discharge ALIAS",
  eliminar: "discharge ALIAS",
  // schedule, session, pause, timezone
  termin: "session",
  termine: "session",
  zeitplan: "schedule",
  plan: "schedule",
  planen: "schedule",
  horario: "schedule",
  agenda: "schedule",
  programar: "schedule",
  cita: "session",
  sitzung: "session",
  sesion: "session",
  pausieren: "pause",
  urlaub: "pause",
  ferien: "pause",
  pausa: "pause",
  pausar: "pause",
  vacaciones: "pause",
  fortsetzen: "pause ALIAS off",
  reanudar: "pause ALIAS off",
  zeitzone: "timezone",
  zona: "timezone",
  // seen, and the rest
  gesehen: "seen N",
  bestatigen: "seen N",
  quittieren: "seen N",
  visto: "seen N",
  confirmar: "seen N",
  kontakt: "contact",
  notfallkontakt: "contact",
  contacto: "contact",
  fragebogen: "instruments",
  instrumente: "instruments",
  instrumentos: "instruments",
  cuestionarios: "instruments",
  sprache: "language",
  idioma: "language",
  // Not German "alter": English "alter alex ..." would be told `age`.
  edad: "age",
  verknupfen: "link",
  vincular: "link",
  zusammenfassungen: "summaries compact|full",
  resumenes: "summaries compact|full",
  hilfe: "help",
  befehle: "help",
  ayuda: "help",
  comandos: "help",
  ordenes: "help",
};

/**
 * Words before the alias that belong to the sentence, not the command: "resumen de lucia",
 * "grafik von jonas", "zona horaria de lucia".
 */
export const LEADING_FILLER: ReadonlySet<string> = new Set([
  "de",
  "del",
  "la",
  "el",
  "a",
  "al",
  "para",
  "horaria",
  "von",
  "fur",
  "zu",
  "mit",
  "der",
  "die",
]);

/** A word as the tables hold it: lower case, accents set aside ("Gráfico" is "grafico"). */
export function plainWord(word: string): string {
  return word.toLowerCase().normalize("NFD").replace(/\p{M}/gu, "");
}
