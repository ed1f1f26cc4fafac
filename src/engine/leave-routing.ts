import { groupBy } from "../collections.ts";
import { type LeaveSpan, leaveOn } from "../domain/leave.ts";
import { dayLabel } from "../domain/period.ts";
import type { Lang } from "../i18n/index.ts";
import type { Choice } from "../messages.ts";
import { type ComposeContext, fanOut } from "./compose.ts";
import type { Guard } from "./guard.ts";
import type { NewMessage } from "./outbox.ts";
import type { Recipient } from "./snapshot.ts";

/** Who is away when, with each person's reachable chats (a deputy may hold any role). */
export interface Away {
  byAgency: Map<string, LeaveSpan[]>;
  chatsOf: Map<number, Recipient[]>;
}

export function awayOf(spans: LeaveSpan[], recipients: Map<string, Recipient[]>): Away {
  const chatsOf = new Map<number, Recipient[]>();
  for (const list of recipients.values())
    for (const r of list) chatsOf.set(r.contactId, [...(chatsOf.get(r.contactId) ?? []), r]);
  return { byAgency: groupBy(spans, (s) => s.agencyId), chatsOf };
}

/** A set of recipients and the line that tells them why this reached them. */
interface Route {
  kind: "focal" | "deputy" | "head";
  who: Recipient[];
  note?: (lang: Lang) => string;
}

/**
 * Where an agency's focal-point reminder goes on `day`: focal points not on leave get it as
 * always; the deputy of each one away gets it with a line naming whom they stand in for; when
 * nobody is left, the head gets it with a line saying why.
 */
export function focalRoutes(ctx: ComposeContext, agencyId: string, day: string): Route[] {
  const focal = ctx.recipients.get(`focal:${agencyId}`) ?? [];
  const spans = ctx.away?.byAgency.get(agencyId);
  if (!spans || !ctx.away) return [{ kind: "focal", who: focal }];
  const { chatsOf } = ctx.away;
  const awayNow = (id: number) => leaveOn(spans, id, day);
  const present = focal.filter((r) => !awayNow(r.contactId));
  const routes: Route[] = [{ kind: "focal", who: present }];
  const served = new Set(present.map((r) => r.contactId));
  const away = [...groupBy(focal, (r) => (awayNow(r.contactId) ? r.contactId : undefined))];
  for (const [contactId, chats] of away) {
    const leave = awayNow(contactId);
    const deputy = leave?.deputyId;
    // A deputy away too, or with no chat the bot can reach, stands in for nobody.
    const deputyChats = deputy ? chatsOf.get(deputy) : undefined;
    if (!leave || !deputy || !deputyChats || served.has(deputy) || awayNow(deputy)) continue;
    served.add(deputy);
    const name = chats[0]?.name;
    routes.push({
      kind: "deputy",
      who: deputyChats,
      note: (lang) =>
        ctx.i18n.t(lang, "leave-note-deputy", { name: nameOr(ctx, lang, name), to: dayLabel(leave.to) }),
    });
  }
  if (served.size === 0 && away.length > 0) {
    const names = (lang: Lang) => away.map(([, chats]) => nameOr(ctx, lang, chats[0]?.name)).join(", ");
    const until = away.map(([id]) => awayNow(id)?.to ?? day).sort()[0] ?? day;
    routes.push({
      kind: "head",
      who: ctx.recipients.get(`head:${agencyId}`) ?? [],
      note: (lang) => ctx.i18n.t(lang, "leave-note-head", { names: names(lang), to: dayLabel(until) }),
    });
  }
  return routes;
}

const nameOr = (ctx: ComposeContext, lang: Lang, name: string | null | undefined) =>
  name || ctx.i18n.t(lang, "leave-unnamed");

/**
 * Whether the agency had nobody to answer on a day: every focal point away and none with a
 * deputy. Undefined for an agency nobody of which takes leave, so the ladder pays nothing.
 */
export function pausedDays(ctx: ComposeContext, agencyId: string): ((day: string) => boolean) | undefined {
  if (!ctx.away?.byAgency.has(agencyId)) return undefined;
  return (day) => focalRoutes(ctx, agencyId, day).some((r) => r.kind === "head");
}

/** `fanOut` to an agency's focal points as routed on `day` (see focalRoutes). */
export function focalFanOut(
  ctx: ComposeContext,
  day: string,
  agencyId: string,
  key: string,
  kind: string,
  body: (lang: Lang) => { text: string; choices?: Choice[][] },
  guard: Guard | null = null,
): NewMessage[] {
  return focalRoutes(ctx, agencyId, day).flatMap((route) =>
    fanOut(
      ctx,
      route.who,
      key,
      kind,
      agencyId,
      (lang) => {
        const b = body(lang);
        return route.note ? { ...b, text: `${route.note(lang)}\n\n${b.text}` } : b;
      },
      guard,
    ),
  );
}

/** `fanOut` to an agency's people in a role: its focal points as routed on `day`, its heads as always. */
export function agencyFanOut(
  ctx: ComposeContext,
  role: "focal" | "head",
  day: string,
  ...rest: Parameters<typeof focalFanOut> extends [unknown, unknown, ...infer R] ? R : never
): NewMessage[] {
  if (role === "focal") return focalFanOut(ctx, day, ...rest);
  const [agencyId, key, kind, body, guard] = rest;
  return fanOut(ctx, ctx.recipients.get(`head:${agencyId}`), key, kind, agencyId, body, guard);
}
