/** What the tests of several instances on one database and one Redis share. */
import type { LogLine, Service } from "../helpers/service.ts";

/** One API call as both emulators log it: who called, and from when to when. */
export interface Call {
  method: string;
  caller?: string;
  startedAt?: number;
  at: number;
}

/**
 * getUpdates calls of two different callers that were open at the same time (beyond `slackMs`,
 * the moment a socket's close takes to reach the server): one poller per token means none.
 */
export function overlappingPolls(calls: Call[], slackMs = 50): string[] {
  const polls = calls
    .filter((c) => c.method.toLowerCase() === "getupdates")
    .sort((x, y) => (x.startedAt ?? x.at) - (y.startedAt ?? y.at));
  const found: string[] = [];
  for (const [i, earlier] of polls.entries())
    for (const later of polls.slice(i + 1))
      if (later.caller !== earlier.caller && (later.startedAt ?? later.at) + slackMs < earlier.at)
        found.push(
          `${earlier.caller} ${earlier.startedAt}–${earlier.at} and ${later.caller} from ${later.startedAt}`,
        );
  return found;
}

/** The callers that polled, one entry per turn: `a, b, a` is a that gave way to b and back. */
export function pollers(calls: Call[]): string[] {
  const turns: string[] = [];
  for (const c of calls.filter((c) => c.method.toLowerCase() === "getupdates"))
    if (turns.at(-1) !== (c.caller ?? "")) turns.push(c.caller ?? "");
  return turns;
}

/** Whether the service logged that it polls `platform` now (and has not stopped since). */
export function polling(service: Service, platform: string): boolean {
  let on = false;
  for (const l of service.logs() as LogLine[]) {
    if (l.msg === `${platform}: this instance polls for updates`) on = true;
    if (l.msg === `${platform}: this instance stops polling`) on = false;
  }
  return on;
}

/**
 * Waits for `cond`, checked every `everyMs`: a check that reads thousands of rows every 25 ms
 * (helpers' until) would load the process that hosts the emulators, and so slow what it measures.
 */
export async function waitFor(
  cond: () => boolean | Promise<boolean>,
  message: string,
  timeoutMs: number,
  everyMs = 500,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await cond())) {
    if (Date.now() > deadline) throw new Error(`timed out: ${message}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
