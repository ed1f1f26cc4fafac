import { wholePercent } from "../domain/percent.ts";
import type { NewReport } from "./reports.ts";

/** A report's optional answers as both save paths write them (reports.ts, reports-pg.ts). */
export function answerColumns(report: NewReport) {
  return {
    percent: report.percent == null ? null : wholePercent(report.percent),
    description: report.description ?? null,
    count: report.count ?? null,
    // Encoded here, not by the driver: through the JSON column a null would become the text "null".
    evidence: report.evidence?.length ? JSON.stringify(report.evidence) : null,
  };
}
