import { lookupAgency } from "../../catalog/agency-lookup.ts";
import { reportData } from "../../choice-data.ts";
import { dayLabel, periodLabel } from "../../domain/period.ts";
import { manualKey, recipientKey } from "../../engine/keys.ts";
import {
  focalRoutes,
  headsAwayBlock,
  nameOr,
  names,
  noted,
  type Route,
  type RouteContext,
} from "../../engine/leave-routing.ts";
import { Snapshot } from "../../engine/snapshot.ts";
import { UserError } from "../../errors.ts";
import type { Reply } from "../../messages.ts";
import { defaultPlanId } from "../../people/subscriptions.ts";
import { recordAction } from "../actor.ts";
import type { Turn } from "../context.ts";
import { deadlineLabel, periodNow } from "../cycle.ts";
import { today } from "../leave-actions.ts";

const text = (t: string): Reply[] => [{ text: t }];

/** What leave routing reads, from a snapshot loaded with its shared reads. */
export const routeContext = (turn: Turn, snapshot: Snapshot) => ({
  i18n: turn.deps.i18n,
  names: snapshot.agencyNames(),
  recipients: snapshot.recipients(),
  away: snapshot.away(),
});

/**
 * /remind <agency>: a manual nudge to its focal points, through the outbox, now. It is routed
 * around leave as the engine's reminders are (focalRoutes), and the reply says where it went.
 */
export async function remindCommand(turn: Turn, arg: string): Promise<Reply[]> {
  if (!arg) throw new UserError("usage-remind");
  const { store, i18n } = turn.deps;
  const agency = await lookupAgency(store, arg);
  const ctx = routeContext(turn, await new Snapshot(store).load({ shared: true }));
  const routes = focalRoutes(ctx, agency.id, today(turn));
  const reached = routes.filter((r) => r.who.length > 0);
  if (reached.length === 0) {
    const away = routes.find((r) => r.absent)?.absent;
    if (!away) return text(turn.t("remind-nobody", { agency: agency.name }));
    return text(
      turn.t(
        "leave-remind-nobody",
        remindArgs(turn, ctx, agency.name, { kind: "head", who: [], absent: away }),
      ),
    );
  }
  const planId = await defaultPlanId(store);
  const period = periodNow(turn, planId);
  const stamp = turn.now.toISOString();
  const messages = reached.flatMap((route) =>
    route.who.map((r) => ({
      dedupeKey: recipientKey(manualKey(agency.id, stamp), r.contactId, r.chatId),
      chatId: r.chatId,
      contactId: r.contactId,
      agencyId: agency.id,
      kind: "manual-remind",
      text: noted(
        route,
        r.lang,
        i18n.t(r.lang, "remind-text", {
          agency: agency.name,
          period: periodLabel(period),
          deadline: deadlineLabel(turn, planId, period),
        }),
      ),
      choices: [[{ label: i18n.t(r.lang, "engine-button-report"), data: reportData() }]],
      sendAfter: stamp,
    })),
  );
  await turn.deps.outbox.add(messages);
  await recordAction(turn, {
    action: "remind.manual",
    targetKind: "agency",
    targetId: agency.id,
    after: { period, recipients: messages.length, routes: reached.map((r) => r.kind) },
  });
  await turn.deps.engine?.dispatchNow(turn.now);
  const done = reached.map((route) =>
    route.kind === "present"
      ? turn.t("remind-done", { agency: agency.name, count: route.who.length })
      : turn.t(
          `leave-remind-${route.kind === "deputy" ? "deputy" : "head"}`,
          remindArgs(turn, ctx, agency.name, route),
        ),
  );
  // Sent to a head who is away too: the coordinator should phone someone instead.
  const headAway = reached.some((r) => r.kind === "head")
    ? headsAwayBlock(ctx, turn.lang, [{ agencyId: agency.id }], today(turn))
    : [];
  return text([...done, ...headAway].join("\n"));
}

/** Whom a rerouted /remind reached, and whom they stand in for until when. */
function remindArgs(turn: Turn, ctx: RouteContext, agency: string, route: Route) {
  const to = [...new Set(route.who.map((r) => nameOr(ctx, turn.lang, r.name)))].join(", ");
  const absent = route.absent ?? { names: [], to: today(turn) };
  return { agency, to, names: names(ctx, turn.lang, absent), until: dayLabel(absent.to) };
}
