import { periodLabel } from "../domain/period.ts";
import type { TallyCounts } from "../domain/tally.ts";
import { HEADERS, SHEETS, STATUS, TEXT } from "./labels.ts";
import type { Counts, SynthesisModel, TaskRow } from "./model.ts";

/** The synthesis as four sheets of cells; xlsx writes them all, csv writes the tasks sheet. */

export type Cell = string | number | Date | null;
export type CellFormat = "date" | "datetime" | "percent" | "link" | "wrap";

export interface Column {
  header: string;
  width: number;
  format?: CellFormat;
}

export interface Table {
  name: string;
  columns: Column[];
  rows: Cell[][];
  /** Rows to colour (overdue tasks), by index into `rows`. */
  highlight: boolean[];
  /** The last row sums the others. */
  totalRow: boolean;
}

/** A calendar day as an Excel date: midnight UTC, which Excel shows as that day. */
export function dayDate(day: string): Date {
  return new Date(Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10))));
}

/** A local wall time "YYYY-MM-DDTHH:mm" as an Excel date-time showing that same wall time. */
export function wallDate(local: string): Date {
  return new Date(`${local.slice(0, 16)}:00Z`);
}

function columns(headers: readonly string[], widths: number[], formats: Record<number, CellFormat> = {}) {
  return headers.map((header, i) => ({ header, width: widths[i] ?? 12, format: formats[i] }));
}

const counts = (c: Counts): Cell[] => [
  c.assigned,
  c.required,
  c.reported,
  c.done,
  c.inProgress,
  c.blocked,
  c.overdue,
  c.rate,
];

const onTime = (c: TallyCounts | undefined): Cell[] => [
  c?.doneOnTime ?? 0,
  c?.doneLate ?? 0,
  c?.openInTime ?? 0,
  c?.openLate ?? 0,
];

export function summaryTable(m: SynthesisModel): Table {
  const rows: Cell[][] = m.agencies.map((a, i) => [
    i + 1,
    a.name,
    ...counts(a),
    ...onTime(m.tally.byAgency[a.agencyId]),
  ]);
  rows.push([null, TEXT.total, ...counts(m.totals), ...onTime(m.tally.total)]);
  return {
    name: SHEETS.summary,
    columns: columns(HEADERS.summary, [6, 42, 12, 12, 12, 12, 12, 12, 10, 12, 12, 12, 14, 14], {
      9: "percent",
    }),
    rows,
    highlight: rows.map(() => false),
    totalRow: true,
  };
}

export function statusLabel(row: Pick<TaskRow, "status">): string {
  return row.status ? STATUS[row.status] : TEXT.notReported;
}

export function tasksTable(m: SynthesisModel): Table {
  const rows: Cell[][] = m.tasks.map((t) => [
    t.ref,
    t.section,
    t.title,
    t.agencyName,
    t.deadline.due ? dayDate(t.deadline.due) : t.deadline.text,
    t.deadline.indicative ? TEXT.indicative : null,
    statusLabel(t),
    t.percent,
    t.reportedThisPeriod ? TEXT.yes : TEXT.no,
    t.description,
    t.evidenceUrl,
    t.reportedAt ? wallDate(t.reportedAt) : null,
    t.daysOverdue,
  ]);
  return {
    name: SHEETS.tasks,
    columns: columns(HEADERS.tasks, [8, 7, 60, 34, 14, 10, 16, 10, 10, 50, 30, 18, 10], {
      2: "wrap",
      4: "date",
      9: "wrap",
      10: "link",
      11: "datetime",
    }),
    rows,
    highlight: m.tasks.map((t) => t.daysOverdue !== null),
    totalRow: false,
  };
}

export function targetsTable(m: SynthesisModel): Table {
  const rows: Cell[][] = m.targets.map((t) => [
    t.ref,
    t.section,
    t.title,
    t.unit,
    t.target2026,
    t.target2030,
    t.latest?.value ?? null,
    t.latest ? periodLabel(t.latest.period) : null,
    t.latest?.agencyName ?? null,
    t.latest ? wallDate(t.latest.reportedAt) : null,
  ]);
  return {
    name: SHEETS.targets,
    columns: columns(HEADERS.targets, [8, 7, 60, 12, 22, 22, 20, 10, 30, 18], {
      2: "wrap",
      4: "wrap",
      5: "wrap",
      9: "datetime",
    }),
    rows,
    highlight: rows.map(() => false),
    totalRow: false,
  };
}

export function missingTable(m: SynthesisModel): Table {
  const rows: Cell[][] = m.missing.map((a, i) => [
    i + 1,
    a.name,
    a.required,
    a.reported,
    a.required - a.reported,
    a.focalPoints
      .map((f) => f.name ?? "")
      .filter(Boolean)
      .join("; ") || null,
    a.focalPoints.flatMap((f) => f.chats).join("; ") || null,
  ]);
  return {
    name: SHEETS.missing,
    columns: columns(HEADERS.missing, [6, 42, 12, 12, 12, 34, 30], { 5: "wrap" }),
    rows,
    highlight: rows.map(() => false),
    totalRow: false,
  };
}

export function allTables(m: SynthesisModel): Table[] {
  return [summaryTable(m), tasksTable(m), targetsTable(m), missingTable(m)];
}
