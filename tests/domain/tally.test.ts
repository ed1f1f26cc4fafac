import { describe, expect, it } from "vitest";
import {
  classify,
  type DueChange,
  dueInForce,
  endOfLocalDay,
  type TallyItem,
  type TallyReport,
  type TallyWhen,
  tally,
} from "../../src/domain/tally.ts";

/** An instant in Gia Lai's wall time (UTC+7), as people there read it. */
const local = (wall: string) => new Date(`${wall}+07:00`).toISOString();
const done = (wall: string): TallyReport => ({ status: "done", submittedAt: local(wall) });
const open = (wall: string, status = "in_progress"): TallyReport => ({ status, submittedAt: local(wall) });

function item(reports: TallyReport[], extra: Partial<TallyItem> = {}): TallyItem {
  return {
    assignmentId: 1,
    taskId: 10,
    agencyId: "so-y-te",
    section: "II",
    kind: "date",
    due: "2026-12-31",
    reports,
    ...extra,
  };
}

const AFTERWARDS = { at: new Date("2027-03-01T00:00:00Z") };
const outcome = (i: TallyItem, changes: DueChange[] = [], when: TallyWhen = AFTERWARDS) =>
  classify(i, changes, when);

describe("the on-time tally of one assignment", () => {
  it("counts a completion on the deadline day as on time, the next local day as late", () => {
    expect(outcome(item([done("2026-12-30T16:00:00")]))).toEqual({ outcome: "doneOnTime" });
    expect(outcome(item([done("2026-12-31T23:59:00")]))).toEqual({ outcome: "doneOnTime" });
    // 00:30 on 1 January in Gia Lai is still 31 December in UTC: the local day decides.
    expect(outcome(item([done("2027-01-01T00:30:00")]))).toEqual({ outcome: "doneLate" });
    expect(outcome(item([done("2027-01-02T09:00:00")]))).toEqual({ outcome: "doneLate" });
  });

  it("judges unfinished work against the day the tally is taken", () => {
    const working = item([open("2026-12-20T09:00:00")]);
    const on = { at: new Date(local("2026-12-31T22:00:00")) };
    const after = { at: new Date(local("2027-01-01T08:00:00")) };
    expect(outcome(working, [], on)).toEqual({ outcome: "openInTime" });
    expect(outcome(working, [], after)).toEqual({ outcome: "openLate" });
    expect(outcome(item([]), [], after)).toEqual({ outcome: "openLate" });
    // The synthesis judges as of its deadline day, whatever the clock says.
    expect(outcome(working, [], { ...after, day: "2026-12-10" })).toEqual({ outcome: "openInTime" });
  });

  it("does not read reports made after the instant of the tally", () => {
    const later = item([open("2026-12-20T09:00:00"), done("2027-01-05T09:00:00")]);
    expect(outcome(later, [], { at: new Date(local("2027-01-03T09:00:00")) })).toEqual({
      outcome: "openLate",
    });
    expect(outcome(later)).toEqual({ outcome: "doneLate" });
  });

  it("takes the deadline in force when the report said done, not today's", () => {
    const extended: DueChange = {
      assignmentId: 1,
      taskId: 10,
      newDue: "2027-01-15",
      changedAt: local("2026-12-28T10:00:00"),
    };
    const finished = item([done("2027-01-10T09:00:00")]);
    expect(outcome(finished, [extended])).toEqual({ outcome: "doneOnTime" });
    // Moved after the work was finished late: it stays late.
    const afterwards = { ...extended, changedAt: local("2027-01-12T10:00:00") };
    expect(outcome(finished, [afterwards])).toEqual({ outcome: "doneLate" });
    // And an unfinished task is judged by the deadline in force now.
    const working = item([open("2026-12-20T09:00:00")]);
    const jan5 = { at: new Date(local("2027-01-05T09:00:00")) };
    expect(outcome(working, [extended], jan5)).toEqual({ outcome: "openInTime" });
    expect(outcome(working, [], jan5)).toEqual({ outcome: "openLate" });
  });

  it("lets an agency's own extension outlive a later change for the whole task", () => {
    const own: DueChange = {
      assignmentId: 1,
      taskId: 10,
      newDue: "2027-02-28",
      changedAt: local("2026-12-01T08:00:00"),
    };
    const wide: DueChange = {
      assignmentId: null,
      taskId: 10,
      newDue: "2027-01-31",
      changedAt: local("2026-12-20T08:00:00"),
    };
    const other: DueChange = {
      assignmentId: 2,
      taskId: 10,
      newDue: "2027-06-30",
      changedAt: local("2026-12-21T08:00:00"),
    };
    const at = new Date(local("2027-01-05T00:00:00"));
    expect(dueInForce(item([]), [own, wide, other], at)).toBe("2027-02-28");
    expect(dueInForce(item([], { assignmentId: 3 }), [own, wide, other], at)).toBe("2027-01-31");
    expect(
      dueInForce(item([], { assignmentId: 3 }), [own, wide, other], new Date(local("2026-12-10T00:00:00"))),
    ).toBe("2026-12-31");
    expect(dueInForce(item([], { taskId: 11 }), [own, wide], at)).toBe("2026-12-31");
  });

  it("keeps the first date through edits of a done report, and a later un-done report reopens", () => {
    // Edited the next week (the first row superseded): completed on the first date, on time.
    const edited = item([done("2026-12-30T09:00:00"), done("2027-01-06T09:00:00")]);
    expect(outcome(edited)).toEqual({ outcome: "doneOnTime" });
    // "Done" by mistake, corrected to in progress: unfinished, and past the deadline now.
    const corrected = item([done("2026-12-30T09:00:00"), open("2026-12-30T10:00:00")]);
    expect(outcome(corrected)).toEqual({ outcome: "openLate" });
    // Then finished in January: completed late, from the new "done".
    const reopened = item([...corrected.reports, done("2027-01-08T09:00:00")]);
    expect(outcome(reopened)).toEqual({ outcome: "doneLate" });
  });

  it("leaves recurring, periodic, undated and not applicable work out", () => {
    expect(outcome(item([done("2026-12-01T09:00:00")], { kind: "recurring", due: null }))).toEqual({
      outside: "recurring",
    });
    expect(outcome(item([], { kind: "milestones", due: "2026-12-31" }))).toEqual({ outside: "recurring" });
    expect(outcome(item([], { kind: "dependent", due: null }))).toEqual({ outside: "undated" });
    expect(outcome(item([open("2026-12-01T09:00:00", "not_applicable")]))).toEqual({
      outside: "notApplicable",
    });
    // A date set later brings an undated task into the tally from then on.
    const set: DueChange = {
      assignmentId: null,
      taskId: 10,
      newDue: "2027-01-31",
      changedAt: local("2026-12-15T00:00:00"),
    };
    expect(outcome(item([], { kind: "dependent", due: null }), [set])).toEqual({ outcome: "openLate" });
  });
});

describe("the tally of several assignments", () => {
  it("counts the four outcomes per agency and in total, and what was left out", () => {
    const items = [
      item([done("2026-12-30T09:00:00")], { assignmentId: 1 }),
      item([done("2027-01-03T09:00:00")], { assignmentId: 2 }),
      item([], { assignmentId: 3, due: "2027-06-30" }),
      item([open("2026-12-01T09:00:00")], { assignmentId: 4, agencyId: "cong-an-tinh" }),
      item([], { assignmentId: 5, agencyId: "cong-an-tinh", kind: "recurring", due: null }),
    ];
    const t = tally({ items, changes: [] }, { at: new Date(local("2027-01-10T09:00:00")) });
    expect(t.total).toEqual({ doneOnTime: 1, doneLate: 1, openInTime: 1, openLate: 1, outside: 1 });
    expect(t.byAgency.get("so-y-te")).toEqual({
      doneOnTime: 1,
      doneLate: 1,
      openInTime: 1,
      openLate: 0,
      outside: 0,
    });
    expect(t.byAgency.get("cong-an-tinh")).toEqual({
      doneOnTime: 0,
      doneLate: 0,
      openInTime: 0,
      openLate: 1,
      outside: 1,
    });
    expect(t.outside).toEqual({ recurring: 1, undated: 0, notApplicable: 0 });
  });

  it("ends a local day at its last instant in Gia Lai", () => {
    expect(endOfLocalDay("2026-12-31").toISOString()).toBe("2026-12-31T16:59:59.999Z");
  });
});
