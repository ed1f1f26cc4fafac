import { TZDate } from "@date-fns/tz";
import { format } from "date-fns";
import { UserError } from "../errors.ts";
import type { Store } from "../store/index.ts";
import type { TargetRow } from "./model.ts";

export type { ReportRow } from "../store/synthesis.ts";

/** An instant as local wall time, "YYYY-MM-DDTHH:mm". */
export function localTime(iso: string, zone: string): string {
  return format(new TZDate(Date.parse(iso), zone), "yyyy-MM-dd'T'HH:mm");
}

/** The plan with that id, or the first one imported, of the plans in import order. */
export function pickPlan<P extends { id: string }>(plans: P[], planId?: string): P {
  const plan = planId ? plans.find((p) => p.id === planId) : plans[0];
  if (!plan) throw new UserError(planId ? "err-plan-unknown" : "err-no-plan", { plan: planId ?? "" });
  return plan;
}

/** Focal points by agency (people not removed), with every chat they are reached on. */
export async function focalPoints(
  store: Store,
): Promise<Map<string, { name: string | null; chats: string[] }[]>> {
  const byContact = new Map<number, { agencyId: string; name: string | null; chats: string[] }>();
  for (const r of await store.synthesis.focalChats()) {
    const c = byContact.get(r.id) ?? { agencyId: r.agencyId, name: r.name, chats: [] };
    if (r.chatId) c.chats.push(r.chatId);
    byContact.set(r.id, c);
  }
  const out = new Map<string, { name: string | null; chats: string[] }[]>();
  for (const { agencyId, ...c } of byContact.values()) out.set(agencyId, [...(out.get(agencyId) ?? []), c]);
  return out;
}

/** Annex I targets with the latest value reported up to the period, and who reported it. */
export async function latestTargets(
  store: Store,
  o: { planId: string; period: string; names: Map<string, string>; zone: string },
): Promise<TargetRow[]> {
  const reported = await store.synthesis.targetReportsUpTo(o.planId, o.period);
  const latest = new Map(reported.map((r) => [r.targetId, r]));
  return (await store.synthesis.liveTargets(o.planId)).map(({ id, ...t }) => {
    const r = latest.get(id);
    return {
      ...t,
      latest: r
        ? {
            value: r.value,
            agencyId: r.agencyId,
            agencyName: o.names.get(r.agencyId) ?? r.agencyId,
            period: r.period,
            reportedAt: localTime(r.submittedAt, o.zone),
          }
        : null,
    };
  });
}
