import type { Role } from "./columns.ts";
import { type Deadline, DeadlineError, parseDeadline } from "./deadline.ts";
import type { Gazetteer, Party } from "./gazetteer.ts";
import { PlanFormatError } from "./plan-format-error.ts";
import type { SourceItem } from "./source/text.ts";
import { readPlanDocument, type TableRow, type TableSection } from "./table-reader.ts";
import { parseTargetValue, type TargetValue } from "./target-value.ts";

export interface ParsedSection {
  annex: "targets" | "tasks";
  numeral: string;
  title: string;
  position: number;
}

interface Item {
  ref: string;
  section: string;
  number: string;
  position: number;
  title: string;
  line: number;
}

export interface ParsedTask extends Item {
  output: string;
  deadline: Deadline;
  leads: Party[];
  partners: Party[];
  notes: { header: string; text: string }[];
}

export interface YearValue extends TargetValue {
  year: number;
}

export interface ParsedTarget extends Item {
  unit: string;
  target2026: TargetValue | null;
  target2030: TargetValue | null;
  otherYears: YearValue[];
  trackers: Party[];
}

/** A name no directory knows, with where it was printed. */
export interface UnknownName {
  name: string;
  line: number;
  cell: string;
}

export interface ParsedPlan {
  title: string;
  sections: ParsedSection[];
  tasks: ParsedTask[];
  targets: ParsedTarget[];
  unknown: UnknownName[];
}

export interface ParseOptions {
  /** Fail on a deadline no rule reads, instead of importing the task with no date. */
  strict?: boolean;
}

/** Reads the whole document; a row that fits no rule fails with its line and text. */
export function parsePlan(source: SourceItem[], gazetteer: Gazetteer, opts: ParseOptions = {}): ParsedPlan {
  const doc = readPlanDocument(source);
  const sections = [...sectionsOf("targets", doc.targets), ...sectionsOf("tasks", doc.tasks)];
  const unknown: UnknownName[] = [];
  const parties = (row: TableRow, cell: string, required: boolean): Party[] => {
    if (cell.trim() === "") {
      if (required) throw new PlanFormatError(row.line, row.cells.join(" | "), "no-lead");
      return [];
    }
    const found = gazetteer.resolveLoose(cell);
    for (const name of found.unknown) unknown.push({ name, line: row.line, cell });
    return found.parties;
  };

  const tasks = items(doc.tasks).map(({ item, row }): ParsedTask => {
    return {
      ...item,
      output: field(row, "output"),
      deadline: taskDeadline(row, opts.strict),
      leads: parties(row, field(row, "lead"), true),
      partners: parties(row, field(row, "partner"), false),
      notes: row.layout.columns
        .filter((c) => c.role === "note" && row.cells[c.index])
        .map((c) => ({ header: c.header, text: row.cells[c.index] ?? "" })),
    };
  });

  const targets = items(doc.targets).map(({ item, row }): ParsedTarget => {
    const values = targetValues(row, doc.title);
    const otherYears = [...values]
      .filter((e): e is [number, TargetValue] => e[0] !== 2026 && e[0] !== 2030 && e[1] !== null)
      .map(([year, v]) => ({ year, ...v }));
    return {
      ...item,
      unit: field(row, "unit"),
      target2026: values.get(2026) ?? null,
      target2030: values.get(2030) ?? null,
      otherYears,
      trackers: parties(row, field(row, "tracker"), true),
    };
  });
  return { title: doc.title, sections, tasks, targets, unknown };
}

function sectionsOf(
  annex: ParsedSection["annex"],
  list: { numeral: string; title: string }[],
): ParsedSection[] {
  return list.map((s, i) => ({ annex, numeral: s.numeral, title: s.title, position: i }));
}

/** A deadline no rule reads is kept as its text with no date, unless the import is strict. */
function taskDeadline(row: TableRow, strict: boolean | undefined): Deadline {
  const when = field(row, "deadline");
  try {
    return parseDeadline(when);
  } catch (e) {
    if (!(e instanceof DeadlineError)) throw e;
    if (strict) throw new PlanFormatError(row.line, when, "bad-deadline");
    return { ...parseDeadline(""), text: e.text };
  }
}

/** A target's value per year: the year columns, or a single value column for the plan's last year. */
function targetValues(row: TableRow, planTitle: string): Map<number, TargetValue | null> {
  const values = new Map<number, TargetValue | null>();
  for (const c of row.layout.columns) {
    const year =
      c.role === "year" ? c.year : c.role === "value" ? (row.year ?? planEndYear(planTitle)) : null;
    if (year && !values.get(year)) values.set(year, parseTargetValue(row.cells[c.index] ?? ""));
  }
  return values;
}

function field(row: TableRow, role: Role): string {
  const c = row.layout.columns.find((x) => x.role === role);
  return c ? (row.cells[c.index] ?? "") : "";
}

/** "giai đoạn 2026 – 2030" → 2030: the year a value column speaks of when no row says. */
function planEndYear(title: string): number {
  const years = [...title.matchAll(/\b(?:19|20)\d{2}\b/g)].map((m) => Number(m[0]));
  return years.length ? Math.max(...years) : 2030;
}

/**
 * Gives every row a ref unique in its plan and stable across re-imports: "II.3" as printed,
 * and for a number printed twice in a section (section II has two "7"), its ordinal there.
 */
function items(sections: TableSection[]): { item: Item; row: TableRow }[] {
  const out: { item: Item; row: TableRow }[] = [];
  let position = 0;
  for (const section of sections) {
    const printed = new Set(section.rows.map((r) => r.local));
    const used = new Set<string>();
    section.rows.forEach((row, k) => {
      const title = field(row, "title");
      if (!title) throw new PlanFormatError(row.line, row.cells.join(" | "), "no-title");
      let key = row.local;
      if (used.has(key)) key = printed.has(String(k + 1)) ? `${row.local}b` : String(k + 1);
      while (used.has(key)) key = `${key}b`;
      used.add(key);
      out.push({
        item: {
          ref: section.implicit ? key : `${section.numeral}.${key}`,
          section: section.numeral,
          number: row.number,
          position: position++,
          title,
          line: row.line,
        },
        row,
      });
    });
  }
  return out;
}
