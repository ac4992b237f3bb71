import { DEMO_CRISIS_TEXT, type Settings } from "./settings.js";

/**
 * What makes this a demo, as it stands: a clinic whose RAPPORT_CONFIG sets its crisis text, running
 * an admin command without a platform token, is told that and only that, not to set what it set.
 */
export function demoWarning(settings: Pick<Settings, "crisisText" | "dataKey" | "platforms">): string {
  const { telegram, slack, teams } = settings.platforms;
  const why = [
    telegram || slack || teams
      ? "RAPPORT_DEMO is set"
      : "no platform token is set (TELEGRAM_BOT_TOKEN, SLACK_BOT_TOKEN or MicrosoftAppId)",
  ];
  if (settings.crisisText === DEMO_CRISIS_TEXT)
    why.push("the crisis text is the sample (set clinic.crisisText in the file named by RAPPORT_CONFIG)");
  if (!settings.dataKey) why.push("no encryption key (RAPPORT_DATA_KEY)");
  return `DEMO MODE: for trying rapport out only: ${why.join("; ")}.`;
}
