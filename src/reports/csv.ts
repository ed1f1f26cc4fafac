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
  return String(value);
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
