import { isClosed } from "../domain/closed.ts";
import type { LeaveSpan } from "../domain/leave.ts";
import { addDay, dayLabel, daysBetween } from "../domain/period.ts";
import { rulesFor } from "../domain/rules.ts";
import type { Lang } from "../i18n/index.ts";
import { type ComposeContext, line } from "./compose.ts";
import type { EngineDeps } from "./deps.ts";
import { recipientKey, welcomeKey } from "./keys.ts";
import type { NewMessage } from "./outbox.ts";
import { instant } from "./plan-window.ts";
import type { Snapshot, WorkItem } from "./snapshot.ts";

/** Longer than any run of days off: a leave ending before Tết is welcomed back after it. */
const LOOK_BACK_DAYS = 15;

/**
 * On the first working day after a leave ran its course, at the cycle's time, the person is
 * told what happened meanwhile at their agency: reports made (by a deputy too), reminders
 * sent, and what is due or late now. A leave called off early gets no welcome: its person
 * is back already.
 */
export async function welcomeBack(
  deps: EngineDeps,
  snapshot: Snapshot,
  from: Date,
  at: Date,
): Promise<{ day: string; messages: NewMessage[] }[]> {
  const { calendar, store } = deps;
  const zone = calendar.timeZone;
  const rules = rulesFor(deps.rulesFile, "");
  const ended = await store.leave.endedBetween(
    addDay(calendar.localDate(from), -LOOK_BACK_DAYS),
    calendar.localDate(at),
  );
  const out: { day: string; messages: NewMessage[] }[] = [];
  for (const leave of ended) {
    const back = calendar.workingDayOnOrAfter(addDay(leave.to, 1));
    const sendTime = calendar.nextSendTime(instant(back, rules.cycle.time, zone));
    if (!(sendTime > from && sendTime <= at)) continue;
    await snapshot.loadShared();
    const chats = snapshot.away().chatsOf.get(leave.contactId) ?? [];
    if (chats.length === 0) continue;
    const activity = await store.leave.activity(
      leave.agencyId,
      instant(leave.from, "00:00", zone).toISOString(),
      instant(back, "00:00", zone).toISOString(),
    );
    const due = await dueNow(snapshot, leave.agencyId, back, rules.cycle.lookaheadDays);
    const ctx = { i18n: deps.i18n } as ComposeContext;
    const text = (lang: Lang) =>
      welcomeText(ctx, lang, leave, back, {
        ...activity,
        due,
        name: snapshot.agencyNames().get(leave.agencyId),
      });
    out.push({
      day: back,
      messages: chats.map((r) => ({
        dedupeKey: recipientKey(welcomeKey(leave.id), r.contactId, r.chatId),
        chatId: r.chatId,
        contactId: r.contactId,
        agencyId: leave.agencyId,
        planId: null,
        kind: "leave-welcome",
        text: text(r.lang),
        sendAfter: calendar.nextSendTime(at).toISOString(),
      })),
    });
  }
  return out;
}

/** The agency's open lead work, in every plan, late or due within `horizon` days of `day`. */
async function dueNow(snapshot: Snapshot, agencyId: string, day: string, horizon: number) {
  await snapshot.loadPlans();
  const items: WorkItem[] = [];
  for (const plan of snapshot.plans()) {
    await snapshot.loadWork(plan.id);
    for (const w of snapshot.work(plan.id))
      if (w.agencyId === agencyId && !isClosed(w) && w.due && daysBetween(day, w.due) <= horizon)
        items.push(w);
  }
  return items.sort((a, b) => (a.due ?? "").localeCompare(b.due ?? ""));
}

function welcomeText(
  ctx: ComposeContext,
  lang: Lang,
  leave: LeaveSpan,
  day: string,
  what: { reports: number; byDeputy: number; reminders: number; due: WorkItem[]; name: string | undefined },
): string {
  const t = (key: string, args: Record<string, string | number> = {}) => ctx.i18n.t(lang, key, args);
  return [
    t("leave-welcome", {
      from: dayLabel(leave.from),
      to: dayLabel(leave.to),
      agency: what.name ?? leave.agencyId,
    }),
    t("leave-welcome-activity", {
      reports: what.reports,
      byDeputy: what.byDeputy,
      reminders: what.reminders,
    }),
    what.due.length === 0
      ? t("leave-welcome-nothing-due")
      : [
          t("leave-welcome-due", { count: what.due.length }),
          ...what.due.map((w) => line(ctx, lang, w, day)),
        ].join("\n"),
  ].join("\n\n");
}
