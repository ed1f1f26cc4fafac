import { and, count, eq, isNull } from "drizzle-orm";
import type { Q } from "./context.ts";

/** What the Cài đặt page says of a plan: where it came from, when, and how much it holds. */
async function info(q: Q, planId: string) {
  const { plans, tasks, targets } = q.t;
  const [plan] = await q.db
    .select({ id: plans.id, title: plans.title, sourceName: plans.sourceName, importedAt: plans.importedAt })
    .from(plans)
    .where(eq(plans.id, planId));
  if (!plan) return undefined;
  const [t] = await q.db
    .select({ n: count() })
    .from(tasks)
    .where(and(eq(tasks.planId, planId), isNull(tasks.archivedAt)));
  const [g] = await q.db
    .select({ n: count() })
    .from(targets)
    .where(and(eq(targets.planId, planId), isNull(targets.archivedAt)));
  return { ...plan, tasks: Number(t?.n ?? 0), targets: Number(g?.n ?? 0) };
}

export const plans = { info };
