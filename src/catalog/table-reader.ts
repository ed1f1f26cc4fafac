import { tidy } from "../text/normalize.ts";
import { headerKind, isYearSubheader, type Layout, LayoutError, layoutOf, yearRow } from "./columns.ts";
import { PlanFormatError } from "./plan-format-error.ts";
import type { SourceItem, SourceRow } from "./source/text.ts";

/**
 * Finds the plan's tables by their header rows and reads them into sections of rows.
 * Header rows repeated at page breaks are skipped; group rows ("I", "A.", "III.1", bold
 * rows, "Đến năm 2030") open sections, sub-groups or years; in a paginated text export a
 * row continues on the following lines whose first cell is empty, even across footnotes.
 */

export interface TableRow {
  /** 1-based line of the row's first line in the document. */
  line: number;
  /** The number as printed, without a trailing dot; "" when the row has none. */
  number: string;
  /** The row's key inside its section before repeats are told apart: "3", "1.2", "a.1". */
  local: string;
  cells: string[];
  layout: Layout;
  /** The year a value column speaks of, from a group row such as "Đến năm 2030". */
  year: number | null;
}

export interface TableSection {
  numeral: string;
  title: string;
  line: number;
  rows: TableRow[];
  /** No group row came before the rows: refs are the numbers alone. */
  implicit: boolean;
}

export interface PlanDocument {
  title: string;
  targets: TableSection[];
  tasks: TableSection[];
}

const ROMAN = /^[IVXLC]+$/;
const LETTER = /^[A-ZĐ]$|^[a-zđ]$/;
const ITEM_NUMBER = /^\d+(\.\d+)*$/;
const NUMERAL = /^([IVXLC]+(?:\.\d+)*|[A-ZĐa-zđ]|\d+(?:\.\d+)*)$/;
const GROUP_LABEL = /^([IVXLC]+(?:\.\d+)*|[A-ZĐa-zđ]|\d+(?:\.\d+)*)[.)]?(?:\s*[:.\-–]\s*|\s+)(\S.*)$/;

type Style = "roman" | "letter" | "arabic";
const styleOf = (n: string): Style => (ROMAN.test(n) ? "roman" : LETTER.test(n) ? "letter" : "arabic");
const bare = (n: string) => n.replace(/[.)]+$/, "");

interface Table {
  layout: Layout;
  sections: TableSection[];
  topStyle: Style | null;
  subgroup: string;
  year: number | null;
  row: TableRow | undefined;
}

export function readPlanDocument(items: SourceItem[]): PlanDocument {
  const doc: PlanDocument = { title: "", targets: [], tasks: [] };
  const paragraphs: string[] = [];
  let table: Table | undefined;
  for (let i = 0; i < items.length; i++) {
    const item = items[i] as SourceItem;
    if (item.type === "paragraph") {
      if (doc.targets.length + doc.tasks.length === 0 && !table) paragraphs.push(item.text);
      continue;
    }
    if (item.cells.every((c) => c === "")) continue;
    const kind = headerKind(item.cells);
    if (kind) {
      const next = items[i + 1];
      const sub = next?.type === "row" && isYearSubheader(next.cells) ? next.cells : null;
      if (sub) i++;
      let layout: Layout;
      try {
        layout = layoutOf(item.cells, sub, kind);
      } catch (e) {
        if (e instanceof LayoutError) throw new PlanFormatError(item.line, e.header, e.reason, e.args);
        throw e;
      }
      // The same kind of table again (a header repeated at a page break, a header split over two
      // rows, the annex split in two tables) goes on where it was, under its latest header.
      if (table?.layout.kind === kind) table.layout = layout;
      else table = { layout, sections: doc[kind], topStyle: null, subgroup: "", year: null, row: undefined };
      continue;
    }
    if (!table) continue; // rows of other tables: signatures, recipients
    // A page break repeats "Năm 2026 | Năm 2030" under the header; without year columns such a
    // row is a group row naming the year of the value column ("Đến năm 2030").
    const yearColumns = table.layout.columns.some((c) => c.role === "year");
    if (yearColumns && item.cells[0] === "" && isYearSubheader(item.cells)) continue;
    readRow(table, item);
  }
  doc.title = findTitle(paragraphs);
  return doc;
}

function column(layout: Layout, row: SourceRow, role: "number" | "title"): string {
  const c = layout.columns.find((x) => x.role === role);
  return c ? (row.cells[c.index] ?? "") : "";
}

function readRow(table: Table, row: SourceRow): void {
  const { layout } = table;
  const width = Math.max(...layout.columns.map((c) => c.index)) + 1;
  if (row.cells.slice(width).some((c) => c !== "")) {
    throw new PlanFormatError(row.line, row.cells.join("\t"), "too-many-columns", { width });
  }
  const number = column(layout, row, "number");
  const title = column(layout, row, "title");
  const placed = new Set(
    layout.columns.filter((c) => c.role === "number" || c.role === "title").map((c) => c.index),
  );
  const others = row.cells.some((c, k) => c !== "" && !placed.has(k));

  const item = ITEM_NUMBER.test(bare(number));
  if (row.paginated ? row.bold && number && !item : number + title !== "" && !others) {
    group(table, row, number, title);
  } else if (row.paginated ? number === "" : number + title === "") {
    continueRow(table, row);
  } else if (row.paginated ? !item : number.length > 12 || /\s/.test(number)) {
    throw new PlanFormatError(row.line, row.cells.join(" | "), "bad-line");
  } else {
    addRow(table, row, bare(number));
  }
}

function group(table: Table, row: SourceRow, number: string, title: string): void {
  const text = tidy(`${number} ${title}`);
  const year = yearRow(text);
  if (year) {
    table.year = year;
    return;
  }
  let numeral = bare(number);
  let name = title;
  if (!NUMERAL.test(numeral)) {
    const m = GROUP_LABEL.exec(text);
    numeral = m ? (m[1] ?? "") : "";
    name = m ? (m[2] ?? "") : text;
  }
  const style = numeral ? styleOf(numeral.split(".")[0] ?? "") : null;
  table.topStyle ??= style;
  const top = numeral === "" || (style === table.topStyle && !numeral.includes("."));
  table.row = undefined;
  if (top) {
    table.sections.push({
      numeral: numeral || toRoman(table.sections.length + 1),
      title: tidy(name),
      line: row.line,
      rows: [],
      implicit: false,
    });
    table.subgroup = "";
    return;
  }
  const section = current(table, row);
  table.subgroup = numeral.startsWith(`${section.numeral}.`)
    ? numeral.slice(section.numeral.length + 1)
    : numeral;
}

function current(table: Table, row: SourceRow): TableSection {
  let section = table.sections.at(-1);
  if (!section) {
    section = { numeral: "I", title: "", line: row.line, rows: [], implicit: true };
    table.sections.push(section);
  }
  return section;
}

function addRow(table: Table, row: SourceRow, number: string): void {
  const section = current(table, row);
  const { subgroup } = table;
  let local = number || String(section.rows.length + 1);
  if (subgroup) local = local.startsWith(`${subgroup}.`) ? local : `${subgroup}.${local}`;
  else if (!section.implicit && local.startsWith(`${section.numeral}.`))
    local = local.slice(section.numeral.length + 1);
  table.row = {
    line: row.line,
    number,
    local,
    cells: [...row.cells],
    layout: table.layout,
    year: table.year,
  };
  section.rows.push(table.row);
}

function continueRow(table: Table, row: SourceRow): void {
  const open = table.row;
  if (!open) throw new PlanFormatError(row.line, row.cells.join("\t"), "orphan-continuation");
  row.cells.forEach((text, k) => {
    if (k === 0 || !text) return;
    open.cells[k] = open.cells[k] ? `${open.cells[k]} ${text}` : text;
  });
}

function toRoman(n: number): string {
  const table: [number, string][] = [
    [10, "X"],
    [9, "IX"],
    [5, "V"],
    [4, "IV"],
    [1, "I"],
  ];
  let out = "";
  for (const [v, s] of table) while (n >= v) [out, n] = [out + s, n - v];
  return out;
}

/** The plan's own title: the line after the "KẾ HOẠCH" heading, else the first heading. */
function findTitle(lines: string[]): string {
  const heading = lines.findIndex((l) => /^(#+\s*)?\**\s*KẾ HOẠCH\s*\**\s*$/.test(l.trim()));
  if (heading >= 0) {
    const next = lines.slice(heading + 1).find((l) => l.trim() !== "");
    if (next) {
      const body = tidy(next.replace(/\*\*/g, ""));
      return `Kế hoạch ${body.charAt(0).toLowerCase()}${body.slice(1)}`;
    }
  }
  const first = lines.find((l) => /^#+\s/.test(l)) ?? lines.find((l) => l.trim() !== "");
  return first ? tidy(first.replace(/^#+\s*/, "").replace(/\*\*/g, "")).slice(0, 300) : "Kế hoạch";
}
