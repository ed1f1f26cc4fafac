import { describe, expect, it } from "vitest";
import { createWorkingCalendar, type DayEntry, isYmd } from "../../src/domain/working-time.ts";

// A hand-written slice of 2026 so these tests do not depend on the shipped data file.
const tet2026: DayEntry[] = ["14", "15", "16", "17", "18", "19", "20", "21", "22"].map((d) => ({
  date: `2026-02-${d}`,
  kind: "holiday",
  name: "Tết Nguyên Đán Bính Ngọ",
}));
const entries: DayEntry[] = [
  { date: "2026-01-01", kind: "holiday", name: "Tết Dương lịch" },
  { date: "2026-01-02", kind: "holiday", name: "Tết Dương lịch (nghỉ hoán đổi)" },
  { date: "2026-01-10", kind: "workday", name: "Làm bù ngày 02/01/2026" },
  ...tet2026,
  { date: "2026-09-01", kind: "holiday", name: "Quốc khánh (ngày liền kề)" },
  { date: "2026-09-02", kind: "holiday", name: "Quốc khánh (2/9)" },
];
const cal = createWorkingCalendar(entries);

const vn = (local: string) => new Date(`${local}+07:00`);

describe("isWorkingDay", () => {
  it("treats plain weekdays as working and weekends as not", () => {
    expect(cal.isWorkingDay("2026-03-04")).toBe(true); // Wednesday
    expect(cal.isWorkingDay("2026-03-07")).toBe(false); // Saturday
    expect(cal.isWorkingDay("2026-03-08")).toBe(false); // Sunday
  });

  it("skips holidays, including weekday Tết days", () => {
    expect(cal.isWorkingDay("2026-02-16")).toBe(false);
    expect(cal.isWorkingDay("2026-02-20")).toBe(false);
    expect(cal.isWorkingDay("2026-09-02")).toBe(false);
    expect(cal.holidayName("2026-02-16")).toBe("Tết Nguyên Đán Bính Ngọ");
    expect(cal.holidayName("2026-02-23")).toBeUndefined();
  });

  it("counts the day after Tết and a swapped Saturday as working", () => {
    expect(cal.isWorkingDay("2026-02-23")).toBe(true);
    expect(cal.isWorkingDay("2026-01-10")).toBe(true);
    expect(cal.holidayName("2026-01-10")).toBeUndefined();
  });

  it("lets a later entry for the same date win", () => {
    const c = createWorkingCalendar([
      { date: "2026-03-04", kind: "holiday", name: "x" },
      { date: "2026-03-04", kind: "workday", name: "y" },
    ]);
    expect(c.isWorkingDay("2026-03-04")).toBe(true);
  });

  it("rejects malformed dates", () => {
    expect(() => cal.isWorkingDay("2026-02-30")).toThrow(/YYYY-MM-DD/);
    expect(() => createWorkingCalendar([{ date: "26-1-1", kind: "holiday", name: "x" }])).toThrow();
    expect(isYmd("2028-02-29")).toBe(true);
    expect(isYmd("2027-02-29")).toBe(false);
  });
});

describe("nextSendTime", () => {
  it("moves Friday evening to Monday 07:30", () => {
    expect(cal.nextSendTime(vn("2026-03-06T18:00:00")).toISOString()).toBe(
      vn("2026-03-09T07:30:00").toISOString(),
    );
  });

  it("moves an early weekday morning to 07:30 the same day", () => {
    expect(cal.nextSendTime(vn("2026-03-04T06:00:00"))).toEqual(vn("2026-03-04T07:30:00"));
  });

  it("leaves an instant inside working time unchanged", () => {
    const noon = vn("2026-03-04T12:00:00");
    expect(cal.nextSendTime(noon)).toEqual(noon);
    expect(cal.isWorkingTime(noon)).toBe(true);
  });

  it("skips the whole Tết break", () => {
    expect(cal.nextSendTime(vn("2026-02-13T17:45:00"))).toEqual(vn("2026-02-23T07:30:00"));
  });

  it("treats closing time as outside and opening time as inside", () => {
    expect(cal.isWorkingTime(vn("2026-03-04T17:30:00"))).toBe(false);
    expect(cal.isWorkingTime(vn("2026-03-04T07:30:00"))).toBe(true);
    expect(cal.nextSendTime(vn("2026-03-04T17:30:00"))).toEqual(vn("2026-03-05T07:30:00"));
  });

  it("uses the Vietnamese date, not UTC, near midnight", () => {
    // 2026-03-06T23:30Z is Saturday 06:30 in Hà Nội.
    const at = new Date("2026-03-06T23:30:00Z");
    expect(cal.localDate(at)).toBe("2026-03-07");
    expect(cal.nextSendTime(at)).toEqual(vn("2026-03-09T07:30:00"));
  });

  it("turns the date at local midnight, asked in any order, in a zone three quarters off the hour", () => {
    expect(cal.localDate(vn("2026-03-06T23:59:59.999"))).toBe("2026-03-06");
    expect(cal.localDate(vn("2026-03-07T00:00:00"))).toBe("2026-03-07");
    expect(cal.localDate(vn("2026-03-06T23:59:59.999"))).toBe("2026-03-06");
    // Kathmandu is UTC+05:45: its midnight falls at 18:15 UTC.
    const nepal = createWorkingCalendar([], { timeZone: "Asia/Kathmandu" });
    expect(nepal.localDate(new Date("2026-03-06T18:14:59.999Z"))).toBe("2026-03-06");
    expect(nepal.localDate(new Date("2026-03-06T18:15:00Z"))).toBe("2026-03-07");
  });

  it("sends on a swapped working Saturday", () => {
    expect(cal.nextSendTime(vn("2026-01-09T18:00:00"))).toEqual(vn("2026-01-10T07:30:00"));
  });

  it("honours configured hours", () => {
    const c = createWorkingCalendar([], { start: "08:00", end: "11:30" });
    expect(c.nextSendTime(vn("2026-03-04T07:45:00"))).toEqual(vn("2026-03-04T08:00:00"));
    expect(c.nextSendTime(vn("2026-03-04T11:30:00"))).toEqual(vn("2026-03-05T08:00:00"));
    expect(() => createWorkingCalendar([], { start: "17:00", end: "08:00" })).toThrow();
    expect(() => createWorkingCalendar([], { start: "7:30" })).toThrow(/HH:MM/);
  });

  it("gives up instead of hanging when no day is a working day", () => {
    const allOff: DayEntry[] = Array.from({ length: 400 }, (_, i) => ({
      date: new Date(Date.UTC(2026, 0, 1 + i)).toISOString().slice(0, 10),
      kind: "holiday",
      name: "off",
    }));
    const c = createWorkingCalendar(allOff);
    expect(() => c.nextSendTime(vn("2026-03-04T12:00:00"))).toThrow(/No working day/);
    expect(() => c.workingDayOnOrBefore("2026-06-01")).toThrow(/No working day/);
  });
});

describe("workingDayOnOrBefore / OnOrAfter", () => {
  it("moves a Sunday back to the Friday and forward to the Monday", () => {
    expect(cal.workingDayOnOrBefore("2026-03-08")).toBe("2026-03-06");
    expect(cal.workingDayOnOrAfter("2026-03-08")).toBe("2026-03-09");
  });

  it("keeps a working day as it is", () => {
    expect(cal.workingDayOnOrBefore("2026-03-04")).toBe("2026-03-04");
    expect(cal.workingDayOnOrAfter("2026-03-04")).toBe("2026-03-04");
  });

  it("jumps over Tết in both directions", () => {
    expect(cal.workingDayOnOrBefore("2026-02-18")).toBe("2026-02-13");
    expect(cal.workingDayOnOrAfter("2026-02-18")).toBe("2026-02-23");
  });

  it("crosses a year boundary", () => {
    expect(cal.workingDayOnOrBefore("2026-01-02")).toBe("2025-12-31");
  });
});
