import { stringify } from "csv-stringify/sync";
import { dayLabel } from "../domain/period.ts";
import type { SynthesisModel } from "./model.ts";
import { type Cell, type CellFormat, tasksTable } from "./tables.ts";

function text(value: Cell, format: CellFormat | undefined): string {
  if (value === null) return "";
  if (value instanceof Date) {
    const iso = value.toISOString();
    return format === "datetime" ? `${dayLabel(iso)} ${iso.slice(11, 16)}` : dayLabel(iso);
  }
  return typeof value === "string" ? neutralised(value) : String(value);
}

/**
 * Text a spreadsheet would run as a formula (=, +, -, @, or a tab or CR before one) gets a
 * leading apostrophe, as OWASP advises for CSV injection: a focal point's description must never
 * become a live HYPERLINK or DDE call in the coordinator's Excel. Numbers are not text here, so
 * a negative figure stays a number.
 */
export function neutralised(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/**
 * The "Nhiệm vụ" sheet as CSV: UTF-8 with a byte order mark (so Excel reads the diacritics),
 * comma-separated, CRLF line ends, fields quoted where they need it (RFC 4180).
 */
export function renderCsv(m: SynthesisModel): Buffer {
  const t = tasksTable(m);
  const records = [
    t.columns.map((c) => c.header),
    ...t.rows.map((row) => row.map((v, i) => text(v, t.columns[i]?.format))),
  ];
  return Buffer.from(stringify(records, { bom: true, record_delimiter: "windows" }), "utf8");
}
