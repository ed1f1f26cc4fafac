import { decideData } from "../choice-data.ts";
import { addDay, dayLabel } from "../domain/period.ts";
import { rulesFor } from "../domain/rules.ts";
import type { I18n, Lang } from "../i18n/index.ts";
import type { Choice } from "../messages.ts";
import type { Store } from "../store/index.ts";
import { shortTitle } from "../text/title.ts";
import type { EngineDeps } from "./deps.ts";
import { type ExtensionStep, extensionKey, recipientKey } from "./keys.ts";
import { focalRoutes, headRoutes, noted, type Route } from "./leave-routing.ts";
import type { NewMessage } from "./outbox.ts";
import { instant } from "./plan-window.ts";
import { Snapshot } from "./snapshot.ts";

/**
 * Extension requests nobody answers: the coordinators are reminded once, on the second working
 * day after the request, at the cycle's time; a request still open once the date it asked for
 * has passed is closed as expired and the agency told it may ask again. Without this a request
 * would sit open for ever, and the one-open-request rule would stop the agency asking anew.
 */

export type ExtensionView = NonNullable<Awaited<ReturnType<Store["extensions"]["byId"]>>>;

/** Working days a request waits before the coordinators are reminded of it. */
export const REMIND_AFTER_WORKING_DAYS = 2;

interface To {
  contactId: number;
  chatId: string;
  lang: Lang;
  /** How leave routing reached them (agencyRoutes): its line goes above the text. */
  route?: Route;
}

/** What every message about a request names, in one language. */
export function requestArgs(r: ExtensionView) {
  return {
    ref: r.ref,
    title: shortTitle(r.title, 80),
    agency: r.agencyName,
    old: r.request.oldDue ? dayLabel(r.request.oldDue) : "—",
    asked: dayLabel(r.request.newDue),
  };
}

/** One message per chat about a request, under the key of its step: a step is told once. */
export function extensionMessages(
  r: ExtensionView,
  step: ExtensionStep,
  to: To[],
  sendAfter: string,
  body: (lang: Lang) => { text: string; choices?: Choice[][] },
): NewMessage[] {
  return to.map((c) => {
    const { text, ...rest } = body(c.lang);
    return {
      dedupeKey: recipientKey(extensionKey(r.request.id, step), c.contactId, c.chatId),
      chatId: c.chatId,
      contactId: c.contactId,
      agencyId: r.request.agencyId,
      planId: r.planId,
      kind: `extension-${step}`,
      text: c.route ? noted(c.route, c.lang, text) : text,
      ...rest,
      sendAfter,
    };
  });
}

/** The request as coordinators read it, with their three answers; `lead` lines come first. */
export function requestBody(i18n: I18n, r: ExtensionView, lang: Lang, lead: string[] = []) {
  const id = r.request.id;
  return {
    text: [
      ...lead,
      i18n.t(lang, "extend-request", requestArgs(r)),
      i18n.t(lang, "extend-request-reason", { reason: r.request.reason }),
      ...(r.request.late ? [i18n.t(lang, "extend-request-late")] : []),
    ].join("\n"),
    choices: [
      [{ label: i18n.t(lang, "extend-agree"), data: decideData(id, "a") }],
      [{ label: i18n.t(lang, "extend-refuse"), data: decideData(id, "r") }],
      [{ label: i18n.t(lang, "extend-propose"), data: decideData(id, "p") }],
    ],
  };
}

/**
 * Who hears how the agency's request ended: its focal points and heads on `day`, routed around
 * leave as reminders are (a deputy in place of one away, with a line saying for whom), each
 * chat once.
 */
export async function agencyRoutes(store: Store, i18n: I18n, agencyId: string, day: string): Promise<To[]> {
  const snapshot = await new Snapshot(store).load({ shared: true });
  const ctx = { i18n, recipients: snapshot.recipients(), away: snapshot.away() };
  const seen = new Set<string>();
  const to: To[] = [];
  for (const route of [...focalRoutes(ctx, agencyId, day), ...headRoutes(ctx, agencyId, day)])
    for (const r of route.who) {
      if (seen.has(`${r.contactId}:${r.chatId}`)) continue;
      seen.add(`${r.contactId}:${r.chatId}`);
      to.push({ contactId: r.contactId, chatId: r.chatId, lang: r.lang, route });
    }
  return to;
}

/**
 * The tick's part: expires what is past its date (in a transaction with the agency's notice)
 * and returns the coordinators' reminders whose time falls in (from, at].
 */
export async function extensionFollowUps(deps: EngineDeps, from: Date, at: Date): Promise<NewMessage[]> {
  const { store, calendar, i18n } = deps;
  const open = await store.extensions.waiting();
  if (open.length === 0) return [];
  const today = calendar.localDate(at);
  const sendAfter = calendar.nextSendTime(at).toISOString();
  const time = rulesFor(deps.rulesFile, "").cycle.time;
  const out: NewMessage[] = [];
  let coordinators: To[] | undefined;
  for (const r of open) {
    if (today > r.request.newDue) {
      await expire(deps, r, at, sendAfter);
      continue;
    }
    const since = calendar.localDate(new Date(r.request.requestedAt));
    let day = since;
    for (let i = 0; i < REMIND_AFTER_WORKING_DAYS; i++) day = calendar.workingDayOnOrAfter(addDay(day, 1));
    const remindAt = calendar.nextSendTime(instant(day, time, calendar.timeZone));
    if (!(remindAt > from && remindAt <= at)) continue;
    coordinators ??= await store.engine.coordinators();
    const lead = (lang: Lang) => [
      i18n.t(lang, "extend-reminder", { days: REMIND_AFTER_WORKING_DAYS, since: dayLabel(since) }),
    ];
    out.push(
      ...extensionMessages(r, "reminded", coordinators, sendAfter, (lang) =>
        requestBody(i18n, r, lang, lead(lang)),
      ),
    );
  }
  return out;
}

/** Closes the request and tells the agency, together: a request closed is never left untold. */
async function expire(deps: EngineDeps, r: ExtensionView, at: Date, sendAfter: string): Promise<void> {
  const { store, i18n } = deps;
  const to = await agencyRoutes(store, i18n, r.request.agencyId, deps.calendar.localDate(at));
  const args = { ...requestArgs(r), due: r.due ? dayLabel(r.due) : "—" };
  const messages = extensionMessages(r, "expired", to, sendAfter, (lang) => ({
    text: i18n.t(lang, "extend-expired", args),
  }));
  await store.transaction(async (tx) => {
    if (!(await tx.extensions.expire(r.request.id, at.toISOString()))) return;
    // Nobody decided it, so the trail would otherwise show a request that stopped without a word.
    await tx.audit.record({
      at,
      actorKind: "system",
      action: "extension.expire",
      targetKind: "extension",
      targetId: r.request.id,
      before: { due: r.request.oldDue, asked: r.request.newDue },
      after: { status: "expired", ref: r.ref, agency: r.request.agencyId },
      channel: "engine",
    });
    await tx.outbox.add(
      messages,
      at.toISOString(),
      (chatId) => deps.capabilitiesOf?.(chatId).textLimit ?? 4096,
    );
  });
}
