import type { Wording } from "../../prompts/render.js";
import { riskItemsOf } from "../../prompts/schema.js";
import type { RiskEvent } from "../../store/types.js";
import { riskItemOf } from "./event-marks.js";

/**
 * A measure's risk item answered above its threshold (PHQ-9 item 9) in the episode, for the safety
 * line before a session: "PHQ-9 item 9 answered above 0 on Dec 3, 2026". Without it, "Safety
 * question: no each time it was asked (6)" read as reassurance right above the disclosure under
 * Risk. Undefined when there was none. Pure: the caller passes the episode's events.
 */
export function riskItemNote(
  w: Wording,
  events: readonly RiskEvent[],
  day: (iso: string) => string,
): string | undefined {
  const dates = new Map<string, Set<string>>();
  for (const e of events) {
    const r = riskItemOf(e.words);
    if (!r || e.source !== "safety_question") continue;
    const key = `${r.instrument}\n${r.item}`;
    dates.set(key, (dates.get(key) ?? new Set<string>()).add(day(e.at)));
  }
  const items = [...dates].map(([key, days]) => {
    const [instrument = "", item = ""] = key.split("\n");
    const known = w.hasInstrument(instrument) ? w.instrument(instrument) : undefined;
    const index = known?.items.findIndex((i) => i.id === item) ?? -1;
    return w.t("presession_safety_item", {
      measure: known ? (known.profile?.name ?? known.title) : instrument,
      number: index >= 0 ? index + 1 : item,
      above: (known && riskItemsOf(known).find((r) => r.item === item)?.above) ?? 0,
      dates: [...days].join(", "),
    });
  });
  return items.length > 0 ? items.join("; ") : undefined;
}
