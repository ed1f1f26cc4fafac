import { codeOrder, type Q, raw } from "./context.ts";

/** What `doctor` reads about the plan, the people and the outbox (ops/state-checks.ts words it). */

const firstPlanRow = raw<{ id: string; title: string }>(
  "select id, title from plans order by imported_at limit 1",
);

/** The plan imported first: the one doctor looks at. */
async function firstPlan(q: Q): Promise<{ id: string; title: string } | undefined> {
  return firstPlanRow(q).get();
}

const openTasks = raw<{ n: number | string }>(
  `select count(*) n from tasks t join sections s on s.id = t.section_id
   where s.plan_id = ? and t.archived_at is null`,
);

/** Tasks of the plan that are not archived. */
async function openTaskCount(q: Q, planId: string): Promise<number> {
  return Number((await openTasks(q).get(planId))?.n ?? 0);
}

// The collation goes on the selected column: PostgreSQL's DISTINCT orders only by what it selects.
const leads = raw<{ id: string }>(
  (d) =>
    `select distinct agency_id${codeOrder(d)} id from assignments
     where role = 'lead' and archived_at is null order by id`,
);

/** Agencies that lead open work, by id. */
async function leadAgencies(q: Q): Promise<string[]> {
  return (await leads(q).all()).map((r) => r.id);
}

const outboxTally = raw<{ failed: number | string; unreachable: number | string; pending: number | string }>(
  `select
     (select count(*) from outbox where state = 'failed' and created_at >= ?) failed,
     (select count(*) from outbox where state = 'unreachable' and created_at >= ?) unreachable,
     (select count(*) from outbox where state in ('pending', 'sending') and send_after <= ?) pending`,
);

/** Messages failed or unreachable since `since`, and those due by `now` but not yet sent. */
async function outboxHealth(
  q: Q,
  since: Date,
  now: Date,
): Promise<{ failed: number; unreachable: number; pending: number }> {
  const row = await outboxTally(q).get(since.toISOString(), since.toISOString(), now.toISOString());
  return {
    failed: Number(row?.failed ?? 0),
    unreachable: Number(row?.unreachable ?? 0),
    pending: Number(row?.pending ?? 0),
  };
}

export const checks = { firstPlan, openTaskCount, leadAgencies, outboxHealth };
