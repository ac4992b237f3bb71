import type { Delivery } from "../../src/model.js";
import { Conversation } from "./conversation.js";

/**
 * The consent question as a new client meets it: a clinic with a linked Dr Rivera, and for each
 * answer a client invited anew (in `language`), who starts and types the answer.
 */
export async function clinicForConsent(): Promise<Conversation> {
  const c = new Conversation();
  const { code } = await c.engine.addTherapist("Dr Rivera");
  await c.say("rivera", `link ${code}`);
  return c;
}

let clients = 0;

/** A new client types `answer` to the consent question: who, the question, the reply, what was stored. */
export async function typedToConsent(
  c: Conversation,
  language: string,
  answer: string,
): Promise<{ alias: string; consent?: Delivery; reply?: Delivery; stored?: string }> {
  clients += 1;
  const alias = `client${clients}`;
  const [invite] = await c.say("rivera", `invite ${alias}`);
  const code = /start (\S+)/.exec(invite?.message.text ?? "")?.[1] ?? "";
  if (language !== "en") await c.say("rivera", `language ${alias} ${language}`);
  const [consent] = await c.say(alias, `start ${code}`);
  const reply = (await c.say(alias, answer)).find((d) => d.externalId === alias);
  const [stored] = (await c.data(alias)).consents;
  return { alias, consent, reply, stored: stored?.choice };
}
