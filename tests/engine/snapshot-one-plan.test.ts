import { describe, expect, it } from "vitest";
import { Snapshot } from "../../src/engine/snapshot.ts";
import { engineFixture, reportAll } from "../helpers/engine.ts";

describe("Snapshot for one plan (the web console's)", () => {
  it("reads the same work, statuses and reports as the tick's whole-country snapshot, and no recipients", async () => {
    const { core, planId, people } = await engineFixture();
    await reportAll(core, "so-y-te", "2026-12", "done");
    await reportAll(core, "van-phong-ubnd-tinh", "2027-01", "blocked");
    // A report replaced by a later one: only the later status counts.
    const [a] = (await core.store.reports.assignmentsOf("so-y-te")).filter((x) => x.role === "lead");
    if (!a) throw new Error("Sở Y tế leads nothing in the seed");
    const at = new Date("2027-01-05T03:00:00Z");
    const report = { ...a, agencyId: "so-y-te", contactId: people.ytFocal, chatId: "tg:1001", channel: "tg" };
    await core.store.reports.save({ ...report, period: "2027-01", status: "in_progress" }, at);
    await core.store.reports.save({ ...report, period: "2027-01", status: "blocked" }, at);

    const periods = ["2026-12", "2027-01"];
    const whole = await new Snapshot(core.store).load({ shared: true, plan: planId, periods });
    const one = await new Snapshot(core.store).load({ shared: true, plan: planId, periods, onePlan: true });
    expect(one.work(planId)).toEqual(whole.work(planId));
    expect(one.work(planId).find((w) => w.assignmentId === a.assignmentId)?.status).toBe("blocked");
    expect(one.work(planId).filter((w) => w.status === "done").length).toBeGreaterThan(0);
    for (const p of periods) {
      expect(one.reportedIn(p, planId)).toEqual(whole.reportedIn(p, planId));
      expect(one.reportedIn(p, planId).size).toBeGreaterThan(0);
    }
    expect(one.agencyNames()).toEqual(whole.agencyNames());
    expect(() => one.recipients()).toThrow(/recipients not loaded/);
    expect(whole.recipients().size).toBeGreaterThan(0);
  });
});
