import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { exportPlan } from "../../src/catalog/plan-export.ts";
import { seededDatabase, storeOf } from "../helpers/db.ts";

// Saved from `plan export --json` (and the live assignments) of a fresh import before the
// reader learned other shapes: the shipped plan must keep reading exactly as it did.
const fixture = (name: string) =>
  JSON.parse(readFileSync(new URL(`fixtures/${name}`, import.meta.url), "utf8"));

describe("the shipped Gia Lai plan", async () => {
  const { db, sqlite, planId } = seededDatabase();

  it("exports exactly as before: refs, titles, deadlines, parties, targets, agencies", async () => {
    const data = await exportPlan(storeOf(db), planId);
    expect({ ...data, plan: { ...data.plan, importedAt: "(any)" } }).toEqual(fixture("gia-lai-export.json"));
  });

  it("expands into exactly the same assignments", async () => {
    const rows = sqlite
      .prepare(
        `select t.ref, a.agency_id, a.role, a.via_group_id from assignments a join tasks t on t.id = a.task_id
         where a.archived_at is null order by t.position, a.agency_id`,
      )
      .raw()
      .all();
    expect(rows).toEqual(fixture("gia-lai-assignments.json"));
  });
});
