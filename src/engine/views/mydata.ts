import { DateTime } from "luxon";
import type { Wording } from "../../prompts/render.js";
import type { ClientData } from "../../store/types.js";
import { formatDate, languageName } from "../format.js";
import { clientStatusText } from "./history.js";

/**
 * `mydata` as the client reads it, in their language: who rapport knows them as, each check-in
 * with its questions' short labels and the answers in the order they were asked, consents,
 * schedule and pauses, what was passed on to the therapist. The full record goes as a JSON file.
 */
export function myDataText(w: Wording, data: ClientData, zone: string): string {
  const language = w.pack.language;
  const when = (iso: string) => formatDate(iso, language, zone);
  const lines = [
    w.t("mydata_intro"),
    "",
    w.t("mydata_who", {
      alias: data.alias,
      therapist: data.therapist,
      status: clientStatusText(w, data.status),
    }),
    ...data.identities.map((i) => w.t("mydata_connected", { channel: i.channel, date: when(i.since) })),
    ...data.consents.map((c) =>
      w.t(c.choice === "given" ? "mydata_consent_given" : "mydata_consent_declined", {
        date: when(c.at),
        version: c.version,
      }),
    ),
  ];
  if (data.age !== null) lines.push(w.t("mydata_age", { age: data.age }));
  if (data.timeZone) lines.push(w.t("mydata_zone", { zone: data.timeZone }));
  if (data.pausedAt && data.pausedUntil)
    lines.push(w.t("mydata_paused_until", { date: when(data.pausedAt), until: when(data.pausedUntil) }));
  else if (data.pausedAt) lines.push(w.t("mydata_paused", { date: when(data.pausedAt) }));
  // Set by the therapist for this client only; the clinic's defaults are nothing about them.
  if (data.instruments) {
    const titles = data.instruments.map((id) => titleOf(w, id)).join(", ");
    lines.push(w.t("mydata_instruments", { instruments: titles }));
  }
  if (data.language) lines.push(w.t("mydata_language", { language: languageName(data.language, language) }));
  if (data.schedule) {
    const day = DateTime.fromObject({ weekday: data.schedule.weekday as 1 }, { locale: language }).toFormat(
      "cccc",
    );
    lines.push(
      w.t("mydata_schedule", { day, time: data.schedule.time, duration: data.schedule.durationMin }),
    );
  }
  for (const p of data.pauses) lines.push(w.t("mydata_pause", { from: p.from, to: p.to }));
  for (const c of data.checkins) {
    lines.push("", w.t("mydata_checkin", { date: when(c.createdAt), status: checkinStatus(w, c.status) }));
    // In the order they were asked (the plan), by each question's short label.
    for (const planned of c.plan) {
      const answer = c.answers.find((a) => a.instrument === planned.instrument && a.item === planned.item);
      if (!answer) continue;
      const instrument = w.instrument(planned.instrument);
      const item = instrument.items.find((i) => i.id === planned.item);
      // The safety question's short label speaks of the client to the therapist ("themselves"):
      // the client reads the question as they were asked it.
      const label = (instrument.riskItem ? item?.text : item?.short) ?? item?.text ?? planned.item;
      const choice = instrument.choices?.find((ch) => ch.value === answer.value)?.label;
      lines.push(`- ${label}: ${choice ?? answer.value.toLocaleString(language)}`);
    }
    if (c.comment) lines.push(w.t("mydata_comment", { comment: c.comment }));
  }
  if (data.riskAlerts.length > 0 || data.riskEvents.length > 0) lines.push("");
  for (const r of data.riskAlerts) lines.push(w.t("mydata_alert", { date: when(r.at) }));
  for (const e of data.riskEvents) {
    // A yes to the safety question has no words of the client's to quote: the alert line names it.
    if (e.text.trim() !== "") lines.push(w.t("mydata_passed_on", { date: when(e.at), text: e.text }));
    if (e.safetyAnswer === "yes" || e.safetyAnswer === "no") {
      lines.push(
        w.t("mydata_safety_answer", { answer: w.t(e.safetyAnswer === "yes" ? "answer_yes" : "answer_no") }),
      );
    }
  }
  if (data.emergencyContact) lines.push(w.t("mydata_contact", { text: data.emergencyContact }));
  return lines.join("\n");
}

/** An instrument as the client knows it, by its title; its id when the prompts no longer have it. */
function titleOf(w: Wording, id: string): string {
  try {
    return w.instrument(id).title;
  } catch {
    return id;
  }
}

function checkinStatus(w: Wording, status: string): string {
  if (status === "completed") return w.t("checkin_status_completed");
  if (status === "expired") return w.t("checkin_status_expired");
  if (status === "open") return w.t("checkin_status_open");
  return w.t("checkin_status_cancelled");
}
