import type { ReportStatus } from "../db/schema.ts";
import type { TallyCounts } from "../domain/tally.ts";
import type { MonthAuditLine } from "./audit-sheet.ts";

/** The monthly synthesis as plain data: every exporter (xlsx, csv, docx) reads only this. */
export interface SynthesisModel {
  plan: { id: string; title: string };
  /** The month reported on, "YYYY-MM". */
  period: string;
  /** The period's deadline day ("2026-12-10"): overdue days are counted up to it. */
  asOf: string;
  /** Tasks annex sections I–X, in the document's order. */
  sections: { numeral: string; title: string }[];
  agencies: AgencySummary[];
  totals: Totals;
  tasks: TaskRow[];
  targets: TargetRow[];
  /** Agencies whose report for the period is not complete, with their focal points. */
  missing: MissingAgency[];
  /**
   * The on-time tallies of lead assignments with a date, as of `asOf` (reports up to the period):
   * in total and by agency id (domain/tally.ts).
   */
  tally: { total: TallyCounts; byAgency: Record<string, TallyCounts> };
  /** The audit trail of the period's month, oldest first (the workbook's "Nhật ký" sheet). */
  audit?: MonthAuditLine[];
}

export interface Counts {
  /** Live lead assignments. */
  assigned: number;
  /** Lead assignments owing a report this period (not closed before it). */
  required: number;
  /** Lead assignments with a current report in the period. */
  reported: number;
  /** Required assignments reported in the period. */
  reportedRequired: number;
  done: number;
  inProgress: number;
  blocked: number;
  overdue: number;
  /** reportedRequired / required, 1 when nothing is required. */
  rate: number;
}

export interface AgencySummary extends Counts {
  agencyId: string;
  name: string;
}

export interface Totals extends Counts {
  agencies: number;
  /** Agencies whose report for the period is complete. */
  completeAgencies: number;
  tasks: number;
}

export interface TaskRow {
  assignmentId: number;
  taskId: number;
  ref: string;
  title: string;
  section: string;
  agencyId: string;
  agencyName: string;
  deadline: {
    kind: string;
    /** Effective due date (a coordinator's override wins), "YYYY-MM-DD". */
    due: string | null;
    indicative: boolean;
    /** As the document writes it ("Thực hiện thường xuyên", "Quý II/2026"). */
    text: string;
  };
  /** Latest status up to the period; null when never reported. */
  status: ReportStatus | null;
  reportedThisPeriod: boolean;
  percent: number | null;
  description: string | null;
  evidenceUrl: string | null;
  /** Local wall time of the latest report, "YYYY-MM-DDTHH:mm". */
  reportedAt: string | null;
  /** Days past due as of `asOf`; null when not overdue. */
  daysOverdue: number | null;
}

export interface TargetRow {
  ref: string;
  section: string;
  title: string;
  unit: string;
  target2026: string;
  target2030: string;
  latest: {
    value: string;
    agencyId: string;
    agencyName: string;
    period: string;
    /** Local wall time, "YYYY-MM-DDTHH:mm". */
    reportedAt: string;
  } | null;
}

export interface MissingAgency {
  agencyId: string;
  name: string;
  required: number;
  reported: number;
  focalPoints: { name: string | null; chats: string[] }[];
}
