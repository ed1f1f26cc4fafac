/**
 * What the code calls where things happen: one line each (a count, a timer). Each does nothing
 * until the service calls enableMetrics(), so the operator's CLI, which shares the engine and the
 * conversation code, never loads prom-client (a noticeable part of its start-up).
 */
import { platformName } from "./capabilities.ts";

type Definitions = typeof import("./metrics-registry.ts");
let defs: Definitions | undefined;

/** Loads the metric definitions and starts counting; returns them for the /metrics route. */
export async function enableMetrics(): Promise<Definitions> {
  defs ??= await import("./metrics-registry.ts");
  return defs;
}

/** Channel prefixes (tg:, zalo:) and the router's channel names, as one label. */
export const channelLabel = platformName;

const nothing = () => 0;

/** Starts timing a tick; call the result when it is done. */
export const timeTick = (): (() => number) => defs?.tickSeconds.startTimer() ?? nothing;

export const countWritten = (kind: string): void => defs?.messagesWritten.inc({ kind });

export const countFlowError = (channel: string): void =>
  defs?.flowErrors.inc({ channel: channelLabel(channel) });

/** A report saved: `task` (progress) or `target` (an Annex I value). */
export const countReport = (kind: "task" | "target", channel: string): void =>
  defs?.reportSubmissions.inc({ kind, channel: channelLabel(channel) });

export const countWebhook = (channel: string, outcome: string): void =>
  defs?.webhookUpdates.inc({ channel, outcome });

/** One delivery outcome; `dueAt` (send_after) gives the latency of a sent message. */
export function recordSend(channel: string, result: string, dueAt?: string, retryAfterMs?: number): void {
  if (!defs) return;
  const label = channelLabel(channel);
  defs.sends.inc({ channel: label, result });
  if (result === "sent" && dueAt) {
    defs.deliveryLatency.observe({ channel: label }, Math.max(0, Date.now() - Date.parse(dueAt)) / 1000);
  }
  if (result === "rate_limited") {
    defs.rateLimited.inc({ channel: label });
    defs.retryAfterSeconds.inc({ channel: label }, (retryAfterMs ?? 0) / 1000);
  }
}

interface Handles<I extends { channel: string }, R> {
  handle(incoming: I, ...rest: never[]): Promise<R>;
}

/**
 * Times every update at the conversation's one entry point, whatever channel or mode (polling,
 * webhook, console) brought it, without the router knowing about metrics.
 */
export function measureUpdates<I extends { channel: string }, R>(router: Handles<I, R>): void {
  const handle = router.handle.bind(router) as (incoming: I, ...rest: unknown[]) => Promise<R>;
  router.handle = async (incoming: I, ...rest: unknown[]) => {
    const end = defs?.updatesHandled.startTimer({ channel: channelLabel(incoming.channel) });
    try {
      return await handle(incoming, ...rest);
    } finally {
      end?.();
    }
  };
}
