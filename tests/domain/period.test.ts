import { addDays, addMonths, format, parseISO, subDays } from "date-fns";
import { describe, expect, it } from "vitest";
import { addDay, periodDeadline, periodOf } from "../../src/domain/period.ts";

// What period.ts computed with date-fns alone, before its day arithmetic went to UTC dates.
const viaDateFns = {
  periodOf: (day: string, deadlineDay: number) => format(subDays(parseISO(day), deadlineDay), "yyyy-MM"),
  periodDeadline: (period: string, deadlineDay: number) =>
    format(addDays(addMonths(parseISO(`${period}-01`), 1), deadlineDay - 1), "yyyy-MM-dd"),
  addDay: (day: string, n: number) => format(addDays(parseISO(day), n), "yyyy-MM-dd"),
};

/** Every day from 2023 through 2028: leap years, month and year ends. */
function days(): string[] {
  const out: string[] = [];
  for (let t = Date.UTC(2023, 0, 1); t <= Date.UTC(2028, 11, 31); t += 86_400_000)
    out.push(new Date(t).toISOString().slice(0, 10));
  return out;
}

describe("reporting periods", () => {
  it("the period of every day, for every deadline day, is date-fns's", () => {
    for (const day of days())
      for (const deadlineDay of [1, 5, 10, 15, 28, 31]) {
        expect(periodOf(day, deadlineDay), `${day} ${deadlineDay}`).toBe(
          viaDateFns.periodOf(day, deadlineDay),
        );
      }
  });

  it("a period's deadline, also past the end of a short month, is date-fns's", () => {
    for (let y = 2023; y <= 2028; y++)
      for (let m = 1; m <= 12; m++)
        for (const deadlineDay of [1, 10, 28, 29, 30, 31]) {
          const period = `${y}-${String(m).padStart(2, "0")}`;
          expect(periodDeadline(period, deadlineDay)).toBe(viaDateFns.periodDeadline(period, deadlineDay));
        }
    expect(periodDeadline("2026-11", 10)).toBe("2026-12-10");
    expect(periodDeadline("2026-12", 10)).toBe("2027-01-10");
  });

  it("days added and taken away are date-fns's", () => {
    for (const day of days().filter((_, i) => i % 7 === 0))
      for (const n of [-400, -31, -1, 0, 1, 29, 365]) expect(addDay(day, n)).toBe(viaDateFns.addDay(day, n));
  });

  it("what is not a real day fails as it did", () => {
    for (const bad of ["2026-02-30", "2026-13-01", "26-12-03", "soon"]) {
      expect(() => periodOf(bad, 10)).toThrow(RangeError);
      expect(() => addDay(bad, 1)).toThrow(RangeError);
    }
    expect(() => periodDeadline("2026-13", 10)).toThrow(RangeError);
  });
});
