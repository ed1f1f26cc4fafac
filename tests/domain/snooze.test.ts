import { describe, expect, it } from "vitest";
import { buildCalendar } from "../../src/calendar/working-calendar.ts";
import { readSnoozeText } from "../../src/conversation/snooze-text.ts";
import { chaseOf, snoozeTimes } from "../../src/domain/snooze.ts";

// The real Vietnamese calendar: New Year's Day 2027 and Tết Đinh Mùi (4–10/02/2027) are days off.
const calendar = buildCalendar({ HOLIDAYS_FILE: undefined });
const at = (local: string) => new Date(`${local}+07:00`);
/** The offered times as "option local-day local-time". */
function offered(now: string, deadline?: string) {
  const { times, pastDeadline } = snoozeTimes(at(now), calendar, deadline);
  const local = (d: Date) =>
    new Intl.DateTimeFormat("sv-SE", {
      timeZone: "Asia/Ho_Chi_Minh",
      dateStyle: "short",
      timeStyle: "short",
    }).format(d);
  return { times: times.map((t) => `${t.option} ${local(t.at)}`), pastDeadline };
}

describe("snooze times", () => {
  it("offers two hours later, tomorrow morning and Monday morning on a Thursday morning", () => {
    expect(offered("2026-12-10T09:00:00").times).toEqual([
      "h2 2026-12-10 11:00",
      "am 2026-12-11 07:30",
      "mo 2026-12-14 07:30",
    ]);
  });

  it("leaves out two hours later when that is after work, or before work starts on a weekend", () => {
    expect(offered("2026-12-10T16:00:00").times).toEqual(["am 2026-12-11 07:30", "mo 2026-12-14 07:30"]);
    expect(offered("2026-12-12T10:00:00").times).toEqual(["am 2026-12-14 07:30"]);
  });

  it("skips the weekend: on a Friday the next working morning is Monday's, offered once", () => {
    expect(offered("2026-12-11T10:00:00").times).toEqual(["h2 2026-12-11 12:00", "am 2026-12-14 07:30"]);
  });

  it("skips holidays: New Year's Day, and Tết pushes both mornings to the day work resumes", () => {
    expect(offered("2026-12-31T10:00:00").times).toEqual(["h2 2026-12-31 12:00", "am 2027-01-04 07:30"]);
    expect(offered("2027-02-03T10:00:00").times).toEqual(["h2 2027-02-03 12:00", "am 2027-02-11 07:30"]);
  });

  it("offers next week's Monday on a Monday", () => {
    expect(offered("2026-12-14T09:00:00").times).toContain("mo 2026-12-21 07:30");
  });

  it("never offers a time past the deadline, and counts what it left out", () => {
    expect(offered("2026-12-10T09:00:00", "2026-12-10")).toEqual({
      times: ["h2 2026-12-10 11:00"],
      pastDeadline: 2,
    });
    expect(offered("2026-12-10T09:00:00", "2026-12-11")).toEqual({
      times: ["h2 2026-12-10 11:00", "am 2026-12-11 07:30"],
      pastDeadline: 1,
    });
    expect(offered("2026-12-10T16:00:00", "2026-12-10")).toEqual({ times: [], pastDeadline: 2 });
  });

  it("puts every time it offers inside working time", () => {
    for (const now of [
      "2026-12-10T06:00:00",
      "2026-12-10T15:29:00",
      "2026-12-10T15:31:00",
      "2027-02-09T11:00:00",
    ])
      for (const t of snoozeTimes(at(now), calendar).times) expect(calendar.isWorkingTime(t.at)).toBe(true);
  });
});

describe("typed snooze requests", () => {
  it("reads the ways people ask, without accents and with", () => {
    expect(readSnoozeText("nhac lai sau 2 tieng")).toEqual({ option: "h2" });
    expect(readSnoozeText("Nhắc lại sau 2 tiếng nhé")).toEqual({ option: "h2" });
    expect(readSnoozeText("em xin nhac lai sau hai gio a")).toEqual({ option: "h2" });
    expect(readSnoozeText("mai nhac lai")).toEqual({ option: "am" });
    expect(readSnoozeText("sáng mai nhắc em")).toEqual({ option: "am" });
    expect(readSnoozeText("de thu hai a")).toEqual({ option: "mo" });
    expect(readSnoozeText("để thứ 2 nhắc lại")).toEqual({ option: "mo" });
  });

  it("asks which time when none or several are named", () => {
    expect(readSnoozeText("nhac lai sau")).toEqual({ ask: true });
    expect(readSnoozeText("mai hoac thu hai nhac lai")).toEqual({ ask: true });
  });

  it("leaves alone what is not a request to be reminded later", () => {
    expect(readSnoozeText("da hoan thanh 2 tieng truoc")).toBeUndefined();
    expect(readSnoozeText("mai em bao cao")).toBeUndefined();
    expect(readSnoozeText("de xuat thu hai hop")).toBeUndefined();
    expect(readSnoozeText("2")).toBeUndefined();
  });
});

describe("what a snooze puts off", () => {
  it("is the period of a nudge, else the date the message chased for that task", () => {
    expect(chaseOf({ period: "2026-11", deadline: "2026-12-10" }, 7)).toBe("period:2026-11");
    expect(chaseOf({ deadline: "2026-12-31", dues: { 7: "2027-01-20", 8: "2026-12-31" } }, 7)).toBe(
      "due:2027-01-20",
    );
    // A milestone's date is the message's own deadline.
    expect(chaseOf({ deadline: "2026-12-15", dues: { 8: "2026-12-31" } }, 7)).toBe("due:2026-12-15");
    expect(chaseOf({ dues: { 7: "2026-12-31" } }, 7)).toBe("due:2026-12-31");
    // Rows from before chases were kept name neither.
    expect(chaseOf({}, 7)).toBeNull();
    expect(chaseOf(null, 7)).toBeNull();
  });
});
