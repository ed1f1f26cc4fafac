import { readFileSync } from "node:fs";
import { asc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { raw } from "../../src/store/context.ts";
import { engines, report } from "../store/engines.ts";

/** The first statement of the migration that added `reports_one_current`: the repair before the index. */
function repairOf(dialect: "sqlite" | "postgres"): string {
  const file =
    dialect === "sqlite" ? "sqlite/0018_reports_one_current.sql" : "postgres/0010_reports_one_current.sql";
  const text = readFileSync(new URL(`../../migrations/${file}`, import.meta.url), "utf8");
  return text.split("--> statement-breakpoint")[0] as string;
}

describe.each(engines())("one current report per assignment and month ($name)", (engine) => {
  it("refuses a second current report of a month, and the migration first mends a database that had them", async () => {
    const o = await engine.seeded();
    const [a] = await o.store.reports.assignmentsOf("so-y-te");
    if (!a) throw new Error("no assignment");
    await report(o.q, a.assignmentId, {
      period: "2026-10",
      status: "in_progress",
      at: "2026-11-02T01:00:00.000Z",
    });
    const second = report(o.q, a.assignmentId, { period: "2026-10", status: "done" });
    await expect(second).rejects.toThrow();

    // A database from before the index, where three saves of October raced.
    await raw("drop index reports_one_current")(o.q).run();
    await report(o.q, a.assignmentId, { period: "2026-10", status: "done", at: "2026-11-03T01:00:00.000Z" });
    await report(o.q, a.assignmentId, {
      period: "2026-10",
      status: "blocked",
      at: "2026-11-04T01:00:00.000Z",
    });
    await report(o.q, a.assignmentId, { period: "2026-09", status: "done", at: "2026-10-04T01:00:00.000Z" });
    await raw(repairOf(o.q.dialect))(o.q).run();
    await raw(
      "create unique index reports_one_current on reports (assignment_id, period) where superseded_at is null",
    )(o.q).run();

    const r = o.q.t.reports;
    const rows = await o.q.db
      .select({ period: r.period, status: r.status, superseded: r.supersededAt })
      .from(r)
      .where(eq(r.assignmentId, a.assignmentId))
      .orderBy(asc(r.id));
    expect(rows).toEqual([
      { period: "2026-10", status: "in_progress", superseded: "2026-11-03T01:00:00.000Z" },
      { period: "2026-10", status: "done", superseded: "2026-11-04T01:00:00.000Z" },
      { period: "2026-10", status: "blocked", superseded: null },
      { period: "2026-09", status: "done", superseded: null },
    ]);
  });
});
