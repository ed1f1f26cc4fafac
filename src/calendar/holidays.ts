/**
 * Builds the day list for the working-time calendar from three layers, later layers winning per date:
 * 1. date-holidays' Vietnamese public holidays (any year, lunar ones computed; Tết is only eve + day 1),
 * 2. the shipped government breaks in data/holidays/vn-official.csv (full Tết, nghỉ bù, làm bù),
 * 3. the operator's overrides file (env HOLIDAYS_FILE), for announcements newer than this release.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { type DayEntry, isYmd } from "../domain/working-time.ts";

export const SHIPPED_HOLIDAYS_FILE = fileURLToPath(
  new URL("../../data/holidays/vn-official.csv", import.meta.url),
);

const HEADER = "date,kind,name";

/**
 * Parses `date,kind,name` CSV. Lines starting with `#` and blank lines are skipped so the data can
 * carry its provenance; a name may itself contain commas, as everything after the second comma is the name.
 */
export function parseDayEntries(text: string, file: string): DayEntry[] {
  const entries: DayEntry[] = [];
  let sawHeader = false;
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/);
  lines.forEach((raw, index) => {
    const line = raw.trim();
    if (line === "" || line.startsWith("#")) return;
    const where = `${file}:${index + 1}`;
    if (!sawHeader) {
      if (line.replace(/\s/g, "") !== HEADER) throw new Error(`${where}: expected header "${HEADER}"`);
      sawHeader = true;
      return;
    }
    const [dateCell = "", kindCell = "", ...nameParts] = line.split(",");
    const [date, kind, name] = [dateCell.trim(), kindCell.trim(), nameParts.join(",").trim()];
    if (!isYmd(date)) throw new Error(`${where}: bad date "${date}" (want YYYY-MM-DD)`);
    if (kind !== "holiday" && kind !== "workday") {
      throw new Error(`${where}: bad kind "${kind}" (want holiday or workday)`);
    }
    if (name === "") throw new Error(`${where}: missing name`);
    entries.push({ date, kind, name });
  });
  if (!sawHeader) throw new Error(`${file}: empty file, expected header "${HEADER}"`);
  return entries;
}

export function readDayEntries(file: string): DayEntry[] {
  return parseDayEntries(readFileSync(file, "utf8"), file);
}

/** Public (day-off) holidays from date-holidays, dated in Vietnam's own calendar. */
export function libraryHolidays(years: number[]): DayEntry[] {
  const require = createRequire(import.meta.url);
  // Required on first use, not imported: its ~100 modules would load on every CLI start, --help included.
  const Holidays = require("date-holidays") as typeof import("date-holidays").default;
  const hd = new Holidays("VN", { languages: ["vi"], types: ["public"], timezone: "Asia/Ho_Chi_Minh" });
  return years.flatMap((year) =>
    hd
      .getHolidays(year, "vi")
      .filter((h) => h.type === "public")
      .map((h): DayEntry => ({ date: h.date.slice(0, 10), kind: "holiday", name: h.name })),
  );
}

const cacheDir = fileURLToPath(new URL("../../.build/holidays/", import.meta.url));

/**
 * libraryHolidays remembered per year and library version: loading date-holidays and working out the
 * lunar dates costs ~0.2 s of every start, for an answer that never changes. The cache is a plain
 * file beside the compiled code; where it cannot be written (a read-only image), it is worked out again.
 */
export function cachedLibraryHolidays(years: number[]): DayEntry[] {
  const { version } = createRequire(import.meta.url)("date-holidays/package.json") as { version: string };
  const file = `${cacheDir}vn-${version}.json`;
  let cache: Record<string, DayEntry[]> = {};
  try {
    cache = JSON.parse(readFileSync(file, "utf8")) as Record<string, DayEntry[]>;
  } catch {
    // no cache yet, or a damaged one: worked out below
  }
  const missing = years.filter((y) => !cache[y]);
  if (missing.length === 0) return years.flatMap((y) => cache[y] ?? []);
  const computed = libraryHolidays(missing);
  for (const y of missing) cache[y] = computed.filter((e) => e.date.startsWith(`${y}-`));
  try {
    mkdirSync(dirname(file), { recursive: true });
    const tmp = `${file}.${process.pid}`;
    writeFileSync(tmp, JSON.stringify(cache));
    renameSync(tmp, file); // whole or nothing for a concurrent reader
  } catch {
    // read-only: fine, the next start works it out again
  }
  return years.flatMap((y) => cache[y] ?? []);
}

export function loadDayEntries(opts: { years: number[]; overridesFile?: string }): DayEntry[] {
  const inYears = (entry: DayEntry) => opts.years.includes(Number(entry.date.slice(0, 4)));
  const layers = [
    cachedLibraryHolidays(opts.years),
    readDayEntries(SHIPPED_HOLIDAYS_FILE).filter(inYears),
    // The operator wrote these on purpose, so they apply whatever the year.
    opts.overridesFile ? readDayEntries(opts.overridesFile) : [],
  ];
  const byDate = new Map<string, DayEntry>();
  for (const entry of layers.flat()) byDate.set(entry.date, entry);
  return [...byDate.values()].sort((a, b) => a.date.localeCompare(b.date));
}
