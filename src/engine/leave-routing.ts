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

/** What routing reads; a composer's context has it, and so can a command (/nhac) from a snapshot. */
export type RouteContext = Pick<ComposeContext, "i18n" | "recipients" | "away">;

/** People on leave with nobody standing in, and the first day one of them is back at work. */
export interface Absent {
  names: (string | null)[];
  to: string;
}

/**
 * A set of recipients: the people themselves ("present"), a deputy, a person away with nobody
 * standing in ("away", head messages only), or the agency's head level when no focal point is
 * left ("head"). Those that reach someone in another's place say whom, and the line telling them.
 */
export interface Route {
  kind: "present" | "deputy" | "away" | "head";
  who: Recipient[];
  absent?: Absent;
  note?: (lang: Lang) => string;
}

/**
 * The agency's people in `role` on `day`: those not on leave, the deputy of each one away, and
 * the ones away whose deputy cannot stand in (none named, away too, or with no chat to reach).
 */
function standIns(ctx: RouteContext, role: "focal" | "head", agencyId: string, day: string) {
  const people = ctx.recipients.get(`${role}:${agencyId}`) ?? [];
  const spans = ctx.away?.byAgency.get(agencyId);
  if (!spans || !ctx.away)
    return { routes: [{ kind: "present", who: people } as Route], served: people.length, uncovered: [] };
  const { chatsOf } = ctx.away;
  const awayNow = (id: number) => leaveOn(spans, id, day);
  const present = people.filter((r) => !awayNow(r.contactId));
  const routes: Route[] = [{ kind: "present", who: present }];
  const served = new Set(present.map((r) => r.contactId));
  const uncovered: { chats: Recipient[]; leave: LeaveSpan }[] = [];
  for (const [contactId, chats] of groupBy(people, (r) => (awayNow(r.contactId) ? r.contactId : undefined))) {
    const leave = awayNow(contactId);
    if (!leave) continue;
    const deputy = leave.deputyId;
    const deputyChats = deputy ? chatsOf.get(deputy) : undefined;
    if (!deputy || !deputyChats || awayNow(deputy)) {
      uncovered.push({ chats, leave });
      continue;
    }
    // A deputy already getting it (present, or standing in for another) is not told twice.
    if (served.has(deputy)) continue;
    served.add(deputy);
    const absent = { names: [chats[0]?.name ?? null], to: leave.to };
    routes.push({
      kind: "deputy",
      who: deputyChats,
      absent,
      note: (lang) =>
        ctx.i18n.t(lang, "leave-note-deputy", { name: names(ctx, lang, absent), to: dayLabel(leave.to) }),
    });
  }
  return { routes, served: served.size, uncovered };
}

/** The absent people's names as a line reads them. */
export const names = (ctx: RouteContext, lang: Lang, absent: Absent) =>
  absent.names.map((name) => nameOr(ctx, lang, name)).join(", ");

export const nameOr = (ctx: RouteContext, lang: Lang, name: string | null | undefined) =>
  name || ctx.i18n.t(lang, "leave-unnamed");

const absentOf = (uncovered: { chats: Recipient[]; leave: LeaveSpan }[]): Absent => ({
  names: uncovered.map((u) => u.chats[0]?.name ?? null),
  to: uncovered.map((u) => u.leave.to).sort()[0] ?? "",
});

/**
 * Where an agency's focal-point reminder goes on `day`: focal points not on leave get it as
 * always; the deputy of each one away gets it with a line naming whom they stand in for; when
 * nobody is left, the head level (headRoutes) gets it with a line saying why.
 */
export function focalRoutes(ctx: RouteContext, agencyId: string, day: string): Route[] {
  const { routes, served, uncovered } = standIns(ctx, "focal", agencyId, day);
  if (served > 0 || uncovered.length === 0) return routes;
  const absent = absentOf(uncovered);
  const why = (lang: Lang) =>
    ctx.i18n.t(lang, "leave-note-head", { names: names(ctx, lang, absent), to: dayLabel(absent.to) });
  return [
    ...routes,
    ...headRoutes(ctx, agencyId, day).map(
      (r): Route => ({
        kind: "head",
        who: r.who,
        absent,
        note: (lang) => [why(lang), ...(r.note ? [r.note(lang)] : [])].join("\n"),
      }),
    ),
  ];
}

/**
 * Where a message to an agency's head goes on `day`: heads not on leave, and the deputy of a
 * head away, with a line naming whom they stand in for. A head away with nobody to stand in
 * still gets it, as before leave existed; the coordinators are told (headsAwayBlock).
 */
export function headRoutes(ctx: RouteContext, agencyId: string, day: string): Route[] {
  const { routes, uncovered } = standIns(ctx, "head", agencyId, day);
  if (uncovered.length === 0) return routes;
  return [...routes, { kind: "away", who: uncovered.flatMap((u) => u.chats), absent: absentOf(uncovered) }];
}

/**
 * For the coordinators' escalation and overdue lists: a line per agency among `of` whose heads
 * are all away with nobody standing in, so that they know to phone someone else there; as one
 * block, or none.
 */
export function headsAwayBlock(
  ctx: RouteContext & Pick<ComposeContext, "names">,
  lang: Lang,
  of: Iterable<{ agencyId: string }>,
  day: string,
): string[] {
  const lines: string[] = [];
  for (const agencyId of new Set([...of].map((x) => x.agencyId))) {
    if (!ctx.away?.byAgency.has(agencyId)) continue;
    const routes = headRoutes(ctx, agencyId, day);
    const away = routes.find((r) => r.kind === "away")?.absent;
    if (!away || routes.some((r) => r.kind !== "away" && r.who.length > 0)) continue;
    lines.push(
      ctx.i18n.t(lang, "leave-head-away", {
        agency: ctx.names.get(agencyId) ?? agencyId,
        names: names(ctx, lang, away),
        to: dayLabel(away.to),
      }),
    );
  }
  return lines.length ? [lines.join("\n")] : [];
}

/**
 * Whether the agency had nobody to answer on a day: every focal point away and none with a
 * deputy. Undefined for an agency nobody of which takes leave, so the ladder pays nothing.
 */
export function pausedDays(ctx: ComposeContext, agencyId: string): ((day: string) => boolean) | undefined {
  if (!ctx.away?.byAgency.has(agencyId)) return undefined;
  return (day) => focalRoutes(ctx, agencyId, day).some((r) => r.kind === "head");
}

/** A message's text as a route delivers it: with the line saying why, when there is one. */
export const noted = (route: Route, lang: Lang, text: string) =>
  route.note ? `${route.note(lang)}\n\n${text}` : text;

/** `fanOut` to an agency's focal points as routed on `day` (see focalRoutes). */
export function focalFanOut(ctx: ComposeContext, day: string, ...rest: RoutedArgs): NewMessage[] {
  return routedFanOut(ctx, focalRoutes(ctx, rest[0], day), ...rest);
}

type RoutedArgs = [
  agencyId: string,
  key: string,
  kind: string,
  body: (lang: Lang) => { text: string; choices?: Choice[][] },
  guard?: Guard | null,
];

function routedFanOut(
  ctx: ComposeContext,
  routes: Route[],
  ...[agencyId, key, kind, body, guard]: RoutedArgs
) {
  return routes.flatMap((route) =>
    fanOut(
      ctx,
      route.who,
      key,
      kind,
      agencyId,
      (lang) => {
        const b = body(lang);
        return { ...b, text: noted(route, lang, b.text) };
      },
      guard ?? null,
    ),
  );
}

/** `fanOut` to an agency's people in a role, routed around leave on `day`. */
export function agencyFanOut(
  ctx: ComposeContext,
  role: "focal" | "head",
  day: string,
  ...rest: RoutedArgs
): NewMessage[] {
  const routes = role === "focal" ? focalRoutes(ctx, rest[0], day) : headRoutes(ctx, rest[0], day);
  return routedFanOut(ctx, routes, ...rest);
}
