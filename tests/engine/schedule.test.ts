import { describe, expect, it } from "vitest";
import { buildCalendar } from "../../src/calendar/working-calendar.ts";
import { periodDeadline, periodOf } from "../../src/domain/period.ts";
import { rulesFor } from "../../src/domain/rules.ts";
import {
  cycleStepsOn,
  dueOffsetOn,
  isDigestDay,
  nudgesOf,
  overdueStepOn,
} from "../../src/domain/schedule.ts";
import { config } from "../helpers/db.ts";

const calendar = buildCalendar(config);
const rules = rulesFor(undefined, "p");
const steps = (day: string) =>
  cycleStepsOn(day, rules, calendar).map((s) => ("nudge" in s ? `nudge${s.nudge}` : s.step));

describe("reporting periods", () => {
  it("reports on the month just ended until the 10th, then on the current month", () => {
    expect(periodOf("2026-12-01", 10)).toBe("2026-11");
    expect(periodOf("2026-12-10", 10)).toBe("2026-11");
    expect(periodOf("2026-12-11", 10)).toBe("2026-12");
    expect(periodOf("2027-01-05", 10)).toBe("2026-12");
    expect(periodDeadline("2026-11", 10)).toBe("2026-12-10");
    expect(periodDeadline("2026-12", 10)).toBe("2027-01-10");
  });
});

describe("the monthly cycle", () => {
  it("opens on the 1st, nudges on the 5th and 8th, escalates on the 11th and 12th", () => {
    expect(steps("2026-12-01")).toEqual(["open"]);
    expect(steps("2026-12-05")).toEqual(["nudge5"]);
    expect(steps("2026-12-08")).toEqual(["nudge8"]);
    expect(steps("2026-12-11")).toEqual(["escalate-head"]);
    expect(steps("2026-12-12")).toEqual(["missing-coordinator"]);
    for (const d of ["2026-12-02", "2026-12-09", "2026-12-10", "2026-12-13"]) expect(steps(d)).toEqual([]);
    expect(cycleStepsOn("2026-12-01", rules, calendar)[0]).toMatchObject({ period: "2026-11" });
  });

  it("moves the day-8 nudge to the working day before a weekend or holiday", () => {
    // 8 November 2026 is a Sunday: the nudge goes on Friday the 6th.
    expect(steps("2026-11-06")).toEqual(["nudge8"]);
    expect(steps("2026-11-08")).toEqual([]);
    // 8 August 2026 is a Saturday.
    expect(steps("2026-08-07")).toEqual(["nudge8"]);
    // 8 February 2027 falls in the Tết break (4–10 February): back to Wednesday the 3rd.
    expect(steps("2027-02-03")).toEqual(["nudge8"]);
    expect(steps("2027-02-08")).toEqual([]);
  });

  it("keeps the day-5 nudge on its day; the working-time gate delays it", () => {
    expect(steps("2026-12-05")).toEqual(["nudge5"]); // a Saturday
    expect(calendar.nextSendTime(new Date("2026-12-05T08:00:00+07:00")).toISOString()).toBe(
      "2026-12-07T00:30:00.000Z",
    );
  });

  it("counts nudges per period, 1 and 2, not by their day of the month", () => {
    expect(cycleStepsOn("2026-12-05", rules, calendar)).toEqual([
      { step: "nudge", period: "2026-11", nudge: 5, count: 1 },
    ]);
    expect(cycleStepsOn("2026-12-08", rules, calendar)).toEqual([
      { step: "nudge", period: "2026-11", nudge: 8, count: 2 },
    ]);
  });

  it("drops a nudge that could only go out on or after the deadline (Tết 2027)", () => {
    // The 5th falls in the break (4–10 February) and could go out only on the 11th, after the
    // deadline of the 10th; the 8th moves back to the 3rd and is the period's only nudge.
    expect(nudgesOf("2027-02", rules, calendar)).toEqual([
      { nudge: 8, day: "2027-02-03", sendDay: "2027-02-03", count: 1 },
    ]);
    expect(steps("2027-02-05")).toEqual([]);
    expect(cycleStepsOn("2027-02-03", rules, calendar)).toMatchObject([{ nudge: 8, count: 1 }]);
  });

  it("merges a nudge deferred to or past a later one, so nudges go out in rule order", () => {
    const late = (cycle: object) => rulesFor({ default: { cycle: { deadlineDay: 20, ...cycle } } }, "p");
    // Deadline the 20th: the 5th could go out on the 11th, after the 8th moved back to the 3rd.
    expect(nudgesOf("2027-02", late({}), calendar).map((n) => [n.nudge, n.sendDay, n.count])).toEqual([
      [8, "2027-02-03", 1],
    ]);
    // Neither moves: both wait for the 11th and go out once, as the later one.
    expect(
      nudgesOf("2027-02", late({ moveBackDays: [] }), calendar).map((n) => [n.nudge, n.sendDay, n.count]),
    ).toEqual([[8, "2027-02-11", 1]]);
  });

  it("follows rules changed in configuration", () => {
    const custom = rulesFor({ plans: { p: { cycle: { nudgeDays: [3, 7], moveBackDays: [] } } } }, "p");
    expect(cycleStepsOn("2026-12-03", custom, calendar).map((s) => s.step)).toEqual(["nudge"]);
    expect(cycleStepsOn("2026-12-05", custom, calendar)).toEqual([]);
    expect(rulesFor({ plans: { p: { cycle: { nudgeDays: [3] } } } }, "other").cycle.nudgeDays).toEqual([
      5, 8,
    ]);
  });
});

describe("due dates and the overdue ladder", () => {
  it("reminds 30, 14, 7, 3 and 1 days before, and on the day", () => {
    const hits = ["2026-12-01", "2026-12-17", "2026-12-24", "2026-12-28", "2026-12-30", "2026-12-31"].map(
      (d) => dueOffsetOn(d, "2026-12-31", rules),
    );
    expect(hits).toEqual([30, 14, 7, 3, 1, 0]);
    expect(dueOffsetOn("2026-12-20", "2026-12-31", rules)).toBeUndefined();
    expect(dueOffsetOn("2027-01-01", "2026-12-31", rules)).toBeUndefined();
  });

  it("climbs from focal point to head to coordinators", () => {
    expect(overdueStepOn("2027-01-01", "2026-12-31", rules)).toBe("focal");
    expect(overdueStepOn("2027-01-07", "2026-12-31", rules)).toBe("head");
    expect(overdueStepOn("2027-01-14", "2026-12-31", rules)).toBe("coordinator");
    expect(overdueStepOn("2027-01-20", "2026-12-31", rules)).toBeUndefined();
  });

  it("posts digests on Mondays", () => {
    expect(isDigestDay("2026-12-07", rules)).toBe(true);
    expect(isDigestDay("2026-12-08", rules)).toBe(false);
  });
});
