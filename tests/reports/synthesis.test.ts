import { describe, expect, it } from "vitest";
import { UserError } from "../../src/errors.ts";
import { buildSynthesis } from "../../src/reports/synthesis.ts";
import { LINK, NOW, PERIOD, reportsFixture, TRICKY } from "./fixture.ts";

describe("the monthly synthesis", async () => {
  const fx = await reportsFixture();
  const m = await buildSynthesis(fx.core, { period: PERIOD, now: NOW });
  const row = (agency: string, ref: string) => {
    const r = m.tasks.find((t) => t.agencyId === agency && t.ref === ref);
    if (!r) throw new Error(`no row ${agency} ${ref}`);
    return r;
  };
  const agency = (id: string) => m.agencies.find((a) => a.agencyId === id);

  it("has one row per task and lead agency, and every agency with a lead assignment", async () => {
    expect(m.plan.id).toBe(fx.planId);
    expect(m.asOf).toBe("2026-12-10");
    expect(m.tasks).toHaveLength(964);
    expect(m.agencies).toHaveLength(153);
    expect(m.sections.map((s) => s.numeral)).toEqual([
      "I",
      "II",
      "III",
      "IV",
      "V",
      "VI",
      "VII",
      "VIII",
      "IX",
      "X",
    ]);
    expect(m.totals).toMatchObject({ tasks: 62, assigned: 964, agencies: 153 });
  });

  it("reads statuses as of the period, from the current report", async () => {
    const ii3 = row("van-phong-ubnd-tinh", "II.3");
    expect(ii3).toMatchObject({ status: "blocked", percent: 30, description: TRICKY, evidenceUrl: LINK });
    expect(ii3).toMatchObject({ reportedThisPeriod: true, reportedAt: "2026-11-20T09:30" });
    expect(ii3.deadline).toMatchObject({ due: "2026-10-31", indicative: false, text: "Tháng 10/2026" });
    // December's "done" is after the period: November still reads "in progress".
    expect(row("so-y-te", "V.6").status).toBe("in_progress");
    expect(row("so-y-te", "II.10").deadline).toMatchObject({ due: null, text: "Thực hiện thường xuyên" });
    expect(row("cong-an-tinh", "II.2").deadline).toMatchObject({ due: "2026-09-30", indicative: true });
  });

  it("counts overdue days up to the period's deadline day, skipping closed tasks", async () => {
    expect(row("van-phong-ubnd-tinh", "II.4").daysOverdue).toBe(163);
    expect(row("van-phong-ubnd-tinh", "II.3").daysOverdue).toBe(40);
    expect(row("cong-an-tinh", "II.2")).toMatchObject({ status: "done", daysOverdue: null });
    expect(row("so-y-te", "V.6").daysOverdue).toBeNull();
    expect(agency("van-phong-ubnd-tinh")?.overdue).toBe(2);
  });

  it("sums each agency's figures and its reporting rate", async () => {
    expect(agency("so-y-te")).toMatchObject({
      assigned: 9,
      required: 9,
      reported: 9,
      inProgress: 9,
      rate: 1,
    });
    expect(agency("van-phong-ubnd-tinh")).toMatchObject({ assigned: 11, reported: 1, blocked: 1 });
    expect(agency("van-phong-ubnd-tinh")?.rate).toBeCloseTo(1 / 11);
    // II.2 was closed in October: Công an tỉnh owes one report fewer.
    expect(agency("cong-an-tinh")).toMatchObject({ assigned: 27, required: 26, done: 1, rate: 0 });
    expect(m.totals).toMatchObject({
      reported: 10,
      reportedRequired: 10,
      required: 963,
      completeAgencies: 1,
    });
  });

  it("lists who has not reported in full, with their focal points", async () => {
    expect(m.missing).toHaveLength(152);
    expect(m.missing.some((a) => a.agencyId === "so-y-te")).toBe(false);
    expect(m.missing.find((a) => a.agencyId === "van-phong-ubnd-tinh")).toMatchObject({
      required: 11,
      reported: 1,
      focalPoints: [{ name: null, chats: ["tg:3001"] }],
    });
  });

  it("shows the latest target value reported up to the period", async () => {
    expect(m.targets).toHaveLength(54);
    const i2 = m.targets.find((t) => t.ref === "I.2");
    expect(i2).toMatchObject({ target2026: "50", target2030: "80", unit: "%" });
    expect(i2?.latest).toMatchObject({ value: "62,5", period: PERIOD, agencyName: "Văn phòng UBND tỉnh" });
    expect(m.targets.find((t) => t.ref === "I.1")?.latest).toBeNull();
  });

  it("works for a month with no reports: every agency has not reported", async () => {
    const empty = await buildSynthesis(fx.core, { period: "2026-07", now: NOW });
    expect(empty.tasks.every((t) => t.status === null && !t.reportedThisPeriod)).toBe(true);
    expect(empty.missing).toHaveLength(empty.agencies.length);
    expect(empty.totals).toMatchObject({ reported: 0, completeAgencies: 0, rate: 0 });
    expect(empty.targets.every((t) => t.latest === null)).toBe(true);
  });

  it("refuses a future month and text that is not a month", async () => {
    for (const value of ["2027-01", "abc", "2026-13", "2026-1"]) {
      const call = () => buildSynthesis(fx.core, { period: value, now: NOW });
      await expect(call()).rejects.toThrow(UserError);
      await expect(call()).rejects.toThrow(
        expect.objectContaining({ key: "err-export-month", args: { value } }),
      );
    }
    await expect(buildSynthesis(fx.core, { period: "2026-12", now: NOW })).resolves.toBeDefined();
    await expect(buildSynthesis(fx.core, { period: PERIOD, now: NOW, planId: "nope" })).rejects.toThrow(
      expect.objectContaining({ key: "err-plan-unknown" }),
    );
  });
});
