import { TZDate } from "@date-fns/tz";
import { addDay } from "../domain/period.ts";
import { type Rules, rulesFor } from "../domain/rules.ts";
import { daysFromTo } from "../domain/schedule.ts";
import type { ComposeContext } from "./compose.ts";
import type { EngineDeps } from "./deps.ts";
import type { NewMessage } from "./outbox.ts";
import type { Snapshot, WorkItem } from "./snapshot.ts";

/** Longer than any run of days off (Tết with its weekends is about ten). */
const DEFERRAL_DAYS = 14;

export function instant(day: string, time: string, zone: string): Date {
  const [y, m, d] = day.split("-").map(Number);
  const [hh, mm] = time.split(":").map(Number);
  return new Date(new TZDate(y ?? 0, (m ?? 1) - 1, d ?? 1, hh ?? 0, mm ?? 0, 0, zone).getTime());
}

export interface Collected {
  messages: NewMessage[];
  /** The days the messages were due to go out. */
  days: Set<string>;
  expired: number;
}

/** One plan's rules over the tick's window: what each kind of rule needs to find its days. */
export interface PlanWindow {
  deps: EngineDeps;
  snapshot: Snapshot;
  planId: string;
  rules: Rules;
  /** The rule days looked at, from far enough back to reach a step deferred over the longest break (Tết). */
  days: string[];
  /** The day a rule of `day` at `time` is told on, when its send time falls in the window. */
  sendDayOf: (day: string, time: string) => string | undefined;
  /** Whether a rule of `day` at `time` was to go out before `tellDay`, while nothing ran. */
  late: (day: string, time: string) => boolean;
  work: () => WorkItem[];
  ctx: () => ComposeContext;
  /** Adds the messages told on `sendDay`. */
  add: (sendDay: string, list: NewMessage[]) => void;
  out: Collected;
}

export function planWindow(
  deps: EngineDeps,
  snapshot: Snapshot,
  planId: string,
  { from, at, tellDay }: { from: Date; at: Date; tellDay: string | undefined },
  shared: () => Pick<ComposeContext, "names" | "kinds" | "recipients" | "away" | "snoozes">,
  out: Collected,
): PlanWindow {
  const { calendar } = deps;
  const rules = rulesFor(deps.rulesFile, planId);
  const sendTime = (day: string, time: string) =>
    calendar.nextSendTime(instant(day, time, calendar.timeZone));
  return {
    deps,
    snapshot,
    planId,
    rules,
    out,
    days: daysFromTo(addDay(calendar.localDate(from), -DEFERRAL_DAYS), calendar.localDate(at)),
    // A rule that falls on a day off is worked out when it can be sent, at the next working start,
    // so it tells what is true then: an agency that reported over the weekend is not chased on
    // Monday, and a task due on Monday is "due today", not Sunday's "due tomorrow".
    sendDayOf: (day, time) => {
      const t = sendTime(day, time);
      if (!(t > from && t <= at)) return undefined;
      const sendDay = calendar.localDate(t);
      return tellDay && sendDay < tellDay ? tellDay : sendDay;
    },
    late: (day, time) => tellDay !== undefined && calendar.localDate(sendTime(day, time)) < tellDay,
    work: lazy(() => snapshot.work(planId)),
    ctx: lazy<ComposeContext>(() => ({
      i18n: deps.i18n,
      ...shared(),
      sendAfter: calendar.nextSendTime(at).toISOString(),
      planId,
      rules,
    })),
    add: (day, list) => {
      if (list.length > 0) out.days.add(day);
      out.messages.push(...list);
    },
  };
}

export function lazy<T>(make: () => T): () => T {
  let value: T | undefined;
  let made = false;
  return () => {
    if (!made) {
      value = make();
      made = true;
    }
    return value as T;
  };
}
