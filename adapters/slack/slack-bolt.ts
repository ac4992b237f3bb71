import {
  type App,
  type Logger as BoltLogger,
  HTTPModuleFunctions,
  LogLevel,
  type ReceiverProcessEventErrorHandlerArgs,
} from "@slack/bolt";
import type { Logger } from "../../src/log.js";

/**
 * Bolt's messages that can quote the request body: a JSON parse error starts with the body's
 * first characters ("Unexpected token 'S', \"SECRET…\" is not valid JSON"), and a form-encoded
 * `payload=` is parsed the same way. Only the words before the colon are logged.
 */
const QUOTES_BODY = ["Malformed request body", "Failed to parse the request body"];

/** Bolt's text with any quoted request body cut off. */
function boltText(msg: unknown[]): string {
  const text = msg.filter((m) => typeof m === "string").join(" ");
  const prefix = QUOTES_BODY.find((p) => text.startsWith(p));
  return prefix ? `${prefix} (its content is not logged)` : text;
}

/** Bolt's logger onto pino: only Bolt's own message strings, never the payloads it may pass along. */
export function boltLogger(log: Logger): BoltLogger {
  return {
    debug: () => {},
    info: () => {},
    warn: (...msg) => log.warn({ channel: "slack" }, boltText(msg)),
    error: (...msg) => log.error({ channel: "slack" }, boltText(msg)),
    setLevel: () => {},
    getLevel: () => LogLevel.WARN,
    setName: () => {},
  };
}

/** A signed request Bolt handled without acknowledging it (an event_callback without an event). */
class NotAcknowledged extends Error {}

/**
 * Over HTTP with processBeforeResponse, Bolt has run every listener when processEvent returns:
 * a request nothing acknowledged by then never will be, and Bolt would answer 404 after three
 * seconds with an error line. It is failed at once instead, answered 400 by `processEventError`.
 */
export function failUnacknowledged(app: App): void {
  const process = app.processEvent.bind(app);
  app.processEvent = async (event) => {
    let acknowledged = false;
    const ack = event.ack;
    await process({
      ...event,
      ack: (response) => {
        acknowledged = true;
        return ack(response);
      },
    });
    if (!acknowledged) throw new NotAcknowledged("request not acknowledged");
  };
}

/** The HTTP receiver's processEventErrorHandler: 400 for a request of no kind rapport handles. */
export function processEventError(log: Logger) {
  return async (args: ReceiverProcessEventErrorHandlerArgs): Promise<boolean> => {
    if (!(args.error instanceof NotAcknowledged))
      return HTTPModuleFunctions.defaultProcessEventErrorHandler(args);
    log.warn({ channel: "slack", status: 400 }, "slack request of no kind rapport handles refused");
    HTTPModuleFunctions.buildNoBodyResponse(args.response, 400);
    // Acknowledged here: Bolt's three-second timer for it is cleared.
    return true;
  };
}
