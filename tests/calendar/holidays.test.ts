import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import {
  libraryHolidays,
  loadDayEntries,
  parseDayEntries,
  readDayEntries,
  SHIPPED_HOLIDAYS_FILE,
} from "../../src/calendar/holidays.ts";
import { createWorkingCalendar } from "../../src/domain/working-time.ts";

const dir = mkdtempSync(join(tmpdir(), "nhacviec-holidays-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function writeTemp(name: string, text: string): string {
  const file = join(dir, name);
  writeFileSync(file, text, "utf8");
  return file;
}

const vn = (local: string) => new Date(`${local}+07:00`);

describe("loadDayEntries with the shipped data", () => {
  const cal = createWorkingCalendar(loadDayEntries({ years: [2025, 2026, 2027] }));

  it("closes the whole 2026 Tết break and reopens on 23 February", () => {
    for (const d of ["14", "15", "16", "17", "18", "19", "20", "21", "22"]) {
      expect(cal.isWorkingDay(`2026-02-${d}`), `2026-02-${d}`).toBe(false);
    }
    expect(cal.isWorkingDay("2026-02-13")).toBe(true);
    expect(cal.isWorkingDay("2026-02-23")).toBe(true);
    expect(cal.nextSendTime(vn("2026-02-13T17:45:00"))).toEqual(vn("2026-02-23T07:30:00"));
  });

  it("has the 2026 announced days off and swapped Saturdays", () => {
    for (const d of ["2026-01-01", "2026-01-02", "2026-04-27", "2026-04-30", "2026-05-01"]) {
      expect(cal.isWorkingDay(d), d).toBe(false);
    }
    for (const d of ["2026-08-31", "2026-09-01", "2026-09-02"]) expect(cal.isWorkingDay(d), d).toBe(false);
    expect(cal.isWorkingDay("2026-09-03")).toBe(true);
    expect(cal.isWorkingDay("2026-01-10")).toBe(true); // Saturday, làm bù for 2 January
    expect(cal.isWorkingDay("2026-08-22")).toBe(true); // Saturday, làm bù for 31 August
    expect(cal.isWorkingDay("2026-08-15")).toBe(false); // an ordinary Saturday
    expect(cal.holidayName("2026-09-02")).toMatch(/Quốc khánh/);
  });

  it("moves the day-8 nudge off a holiday to the working day before", () => {
    expect(cal.workingDayOnOrBefore("2026-09-01")).toBe("2026-08-28");
    expect(cal.workingDayOnOrBefore("2026-04-27")).toBe("2026-04-24");
  });

  it("covers 2027 with the statutory days", () => {
    for (const d of ["2027-01-01", "2027-02-05", "2027-02-08", "2027-04-16", "2027-05-03", "2027-09-02"]) {
      expect(cal.isWorkingDay(d), d).toBe(false);
    }
    expect(cal.isWorkingDay("2027-02-11")).toBe(true);
  });

  it("keeps date-holidays for years the CSV does not cover", () => {
    expect(cal.isWorkingDay("2025-01-29")).toBe(false); // Tết Ất Tỵ, day 1
    expect(cal.isWorkingDay("2025-04-07")).toBe(false); // Giỗ Tổ 2025
  });

  it("lists every date-holidays public day for 2026–2027 in the shipped CSV", () => {
    const shipped = new Set(readDayEntries(SHIPPED_HOLIDAYS_FILE).map((e) => e.date));
    const missing = libraryHolidays([2026, 2027]).filter((e) => !shipped.has(e.date));
    expect(missing).toEqual([]);
  });

  it("returns only the asked years from the shipped file, sorted", () => {
    const only2027 = loadDayEntries({ years: [2027] });
    expect(only2027.every((e) => e.date.startsWith("2027-"))).toBe(true);
    const dates = only2027.map((e) => e.date);
    expect(dates).toEqual([...dates].sort());
    expect(new Set(dates).size).toBe(dates.length);
  });
});

describe("overrides file", () => {
  it("adds a holiday and turns a holiday into a workday", () => {
    const file = writeTemp(
      "overrides.csv",
      [
        "date,kind,name",
        "# local decision",
        "2026-03-04,holiday,Nghỉ theo quyết định của tỉnh",
        "2026-02-20,workday,Trực Tết",
        "",
      ].join("\n"),
    );
    const cal = createWorkingCalendar(loadDayEntries({ years: [2026], overridesFile: file }));
    expect(cal.isWorkingDay("2026-03-04")).toBe(false);
    expect(cal.holidayName("2026-03-04")).toBe("Nghỉ theo quyết định của tỉnh");
    expect(cal.isWorkingDay("2026-02-20")).toBe(true);
    expect(cal.holidayName("2026-02-20")).toBeUndefined();
    expect(cal.nextSendTime(vn("2026-02-13T17:45:00"))).toEqual(vn("2026-02-20T07:30:00"));
  });

  it("fails loudly on a missing overrides file", () => {
    expect(() => loadDayEntries({ years: [2026], overridesFile: join(dir, "nope.csv") })).toThrow();
  });
});

describe("parseDayEntries", () => {
  it("reports file and line of a malformed row", () => {
    const text = "date,kind,name\n2026-03-04,holiday,ok\n2026-13-01,holiday,bad month\n";
    expect(() => parseDayEntries(text, "x.csv")).toThrow("x.csv:3: bad date");
    expect(() => parseDayEntries("date,kind,name\n2026-03-04,vacation,x\n", "y.csv")).toThrow(
      "y.csv:2: bad kind",
    );
    expect(() => parseDayEntries("date,kind,name\n2026-03-04,holiday\n", "z.csv")).toThrow(
      "z.csv:2: missing name",
    );
    expect(() => parseDayEntries("when,what\n", "h.csv")).toThrow("h.csv:1: expected header");
  });

  it("accepts CRLF, a BOM and commas inside the name", () => {
    const text = "\uFEFFdate,kind,name\r\n2026-03-04,holiday,Nghỉ, theo tỉnh\r\n";
    expect(parseDayEntries(text, "w.csv")).toEqual([
      { date: "2026-03-04", kind: "holiday", name: "Nghỉ, theo tỉnh" },
    ]);
  });
});
