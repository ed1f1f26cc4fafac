import { foldAccents, tidy } from "./text.ts";

/**
 * Reads the plan's tab-separated annex tables back into logical rows. The document was
 * exported from a paginated original: headers repeat at page breaks, a row's text
 * continues on following lines whose first cell is empty, and footnotes fall between.
 */

export interface TableRow {
  /** 1-based line of the row's first line in the document. */
  line: number;
  number: string;
  cells: string[];
}

export interface TableSection {
  numeral: string;
  title: string;
  line: number;
  rows: TableRow[];
}

export class PlanFormatError extends Error {
  constructor(
    readonly line: number,
    readonly text: string,
    readonly reason: string,
  ) {
    super(`${reason} (line ${line}: "${text.slice(0, 120)}")`);
    this.name = "PlanFormatError";
  }
}

const SECTION = /^<b>\s*([IVXLC]+)\s*\.?\s*<\/b>$/;
const NUMBER = /^\d+$/;
const SUBHEADER_CELL = /^nam \d{4}$/;

/** Reads lines[from, to) (0-based) as a table of `columns` columns. */
export function readTable(lines: string[], from: number, to: number, columns: number): TableSection[] {
  const sections: TableSection[] = [];
  let row: TableRow | undefined;
  for (let i = from; i < to; i++) {
    const raw = lines[i] ?? "";
    if (!raw.includes("\t")) continue; // blank lines, footnotes, page furniture
    const cells = raw.split("\t").map((c) => c.trim());
    const lineNo = i + 1;
    if (cells.length > columns && cells.slice(columns).some((c) => c !== "")) {
      throw new PlanFormatError(lineNo, raw, `expected ${columns} columns`);
    }
    const first = tidy(cells[0] ?? "");
    if (foldAccents(first) === "stt") continue; // header repeated at a page break
    if (first === "" && cells.some((c) => SUBHEADER_CELL.test(foldAccents(tidy(c))))) continue;
    const section = SECTION.exec(cells[0] ?? "");
    if (section?.[1]) {
      sections.push({ numeral: section[1], title: tidy(cells[1] ?? ""), line: lineNo, rows: [] });
      row = undefined;
      continue;
    }
    const current = sections.at(-1);
    if (NUMBER.test(first)) {
      if (!current) throw new PlanFormatError(lineNo, raw, "row before any section heading");
      row = { line: lineNo, number: first, cells: pad(cells.slice(1, columns).map(tidy), columns - 1) };
      current.rows.push(row);
      continue;
    }
    if (first === "") {
      if (!row) throw new PlanFormatError(lineNo, raw, "continuation line with no row to continue");
      const open = row;
      cells.slice(1, columns).forEach((cell, k) => {
        const text = tidy(cell);
        if (text) open.cells[k] = open.cells[k] ? `${open.cells[k]} ${text}` : text;
      });
      continue;
    }
    throw new PlanFormatError(lineNo, raw, "unrecognised table line");
  }
  return sections;
}

function pad(cells: string[], n: number): string[] {
  return Array.from({ length: n }, (_, k) => cells[k] ?? "");
}

export interface PlanDocument {
  title: string;
  targets: TableSection[];
  tasks: TableSection[];
}

const TARGETS_ANNEX = /^\**\s*phu luc (1|i)\b/;
const TASKS_ANNEX = /^\**\s*phu luc (2|ii)\b/;

/** Splits the document into its two annexes and reads each. */
export function readPlanDocument(text: string): PlanDocument {
  const lines = text.replace(/\r\n?/g, "\n").split("\n");
  const folded = lines.map((l) => foldAccents(l));
  const targetsStart = folded.findIndex((l) => TARGETS_ANNEX.test(l));
  const tasksStart = folded.findIndex((l) => TASKS_ANNEX.test(l));
  if (targetsStart < 0) throw new PlanFormatError(1, "", "Annex I (PHỤ LỤC 1) not found");
  if (tasksStart < 0) throw new PlanFormatError(1, "", "Annex II (Phụ lục II) not found");
  if (tasksStart < targetsStart)
    throw new PlanFormatError(tasksStart + 1, lines[tasksStart] ?? "", "Annex II before Annex I");
  return {
    title: findTitle(lines, targetsStart),
    targets: readTable(lines, targetsStart, tasksStart, 6),
    tasks: readTable(lines, tasksStart, lines.length, 6),
  };
}

/** The plan's own title: the bold line after the "KẾ HOẠCH" heading, else the first heading. */
function findTitle(lines: string[], limit: number): string {
  const heading = lines.findIndex((l, i) => i < limit && /^#+\s*\**\s*KẾ HOẠCH\s*\**\s*$/.test(l.trim()));
  if (heading >= 0) {
    const next = lines.slice(heading + 1, limit).find((l) => l.trim() !== "");
    if (next) {
      const body = tidy(next.replace(/\*\*/g, ""));
      return `Kế hoạch ${body.charAt(0).toLowerCase()}${body.slice(1)}`;
    }
  }
  const first = lines.find((l) => /^#+\s/.test(l));
  return first ? tidy(first.replace(/^#+\s*/, "").replace(/\*\*/g, "")) : "Kế hoạch";
}
