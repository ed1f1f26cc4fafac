import { TZDate } from "@date-fns/tz";
import { I18n } from "../i18n/index.ts";
import type { Store } from "../store/index.ts";
import { AUDIT_COLUMNS, type AuditLine, auditLine } from "./audit-lines.ts";
import { SHEETS } from "./labels.ts";
import { localTime } from "./synthesis-queries.ts";
import { type Cell, type Table, wallDate } from "./tables.ts";

/** An audit entry of the month as the workbook shows it; `local` is "YYYY-MM-DDTHH:mm". */
export type MonthAuditLine = AuditLine & { local: string };

/** The workbook is a Vietnamese document whatever the operator's language (see labels.ts). */
let words: I18n | undefined;

/** Every audit entry of the period's calendar month (Vietnam time), oldest first, in Vietnamese. */
export async function monthAudit(
  store: Store,
  period: string,
  timeZone: string,
  agencyNames: Map<string, string>,
): Promise<MonthAuditLine[]> {
  const [y, m] = period.split("-").map(Number) as [number, number];
  const instant = (month: number) => new Date(new TZDate(y, month, 1, timeZone).getTime()).toISOString();
  // A month of a busy programme is a few hundred rows; the bound only guards the sheet.
  const rows = await store.audit.list({ since: instant(m - 1), until: instant(m), limit: 100_000 });
  words ??= new I18n();
  const reader = { i18n: words, lang: "vi" as const, timeZone, agencyNames };
  return rows.reverse().map((r) => ({ ...auditLine(reader, r), local: localTime(r.at, timeZone) }));
}

/** The "Nhật ký" sheet: who did what in the month, one row per entry. */
export function auditTable(lines: MonthAuditLine[]): Table {
  words ??= new I18n();
  const i18n = words;
  const headers = ["STT", ...AUDIT_COLUMNS.map((c) => i18n.t("vi", `audit-col-${c}`))];
  const widths = [6, 17, 12, 30, 26, 28, 50];
  const rows: Cell[][] = lines.map((l, i) => [
    i + 1,
    wallDate(l.local),
    l.channel,
    l.actor,
    l.action,
    l.target || null,
    l.detail || null,
  ]);
  return {
    name: SHEETS.audit,
    columns: headers.map((header, i) => ({
      header,
      width: widths[i] ?? 12,
      ...(i === 1 ? { format: "datetime" as const } : i === 6 ? { format: "wrap" as const } : {}),
    })),
    rows,
    highlight: rows.map(() => false),
    totalRow: false,
  };
}
