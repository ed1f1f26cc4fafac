import { UserError } from "../errors.ts";
import type { Lang } from "../i18n/index.ts";
import type { WebDeps } from "./deps.ts";
import { lateAgencies } from "./report-data.ts";

/** A month as other systems send it: exactly YYYY-MM, nothing else. */
const PERIOD = /^\d{4}-(0[1-9]|1[0-2])$/;

export interface PeriodStatus {
  plan: { id: string; title: string };
  period: string;
  /** The period's deadline day, YYYY-MM-DD (statuses and overdue days are as of it). */
  deadline: string;
  /** Agencies owing a report this period; `reported` sent it in full (the overview's rate). */
  rate: { reported: number; required: number; percent: number };
  /** The synthesis's totals over lead assignments (the export's first sheet). */
  assignments: {
    assigned: number;
    required: number;
    reported: number;
    done: number;
    inProgress: number;
    blocked: number;
    overdue: number;
  };
  /** Agencies whose report is not complete (/chuabaocao's list), without their people. */
  notReported: { agencyId: string; name: string; reported: number; required: number }[];
  /** Agencies whose last report for the month came after the deadline. */
  late: { agencyId: string; name: string; lastReport: string }[];
}

export type StatusResult = { ok: true; status: PeriodStatus } | { ok: false; message: string };

/**
 * The period's figures, from the export's own synthesis of that month (so the API, the Báo cáo
 * page, the workbook and /chuabaocao agree). A malformed month, or one the plan has no report
 * for, is the caller's mistake, said in words.
 */
export async function periodStatus(deps: WebDeps, value: string, lang: Lang): Promise<StatusResult> {
  if (!PERIOD.test(value)) return { ok: false, message: deps.i18n.t(lang, "api-bad-period", { value }) };
  let model: Awaited<ReturnType<WebDeps["exportSynthesis"]>>["model"];
  try {
    ({ model } = await deps.exportSynthesis({ period: value, now: deps.now(), format: "csv" }));
  } catch (e) {
    if (e instanceof UserError) return { ok: false, message: deps.i18n.t(lang, e.key, e.args) };
    throw e;
  }
  const owing = model.agencies.filter((a) => a.required > 0).length;
  const reported = owing - model.missing.length;
  const t = model.totals;
  return {
    ok: true,
    status: {
      plan: model.plan,
      period: model.period,
      deadline: model.asOf,
      rate: { reported, required: owing, percent: owing === 0 ? 100 : Math.round((100 * reported) / owing) },
      assignments: {
        assigned: t.assigned,
        required: t.required,
        reported: t.reportedRequired,
        done: t.done,
        inProgress: t.inProgress,
        blocked: t.blocked,
        overdue: t.overdue,
      },
      notReported: model.missing.map(({ agencyId, name, reported, required }) => ({
        agencyId,
        name,
        reported,
        required,
      })),
      late: (await lateAgencies(deps, model)).map((l) => ({
        agencyId: l.agencyId,
        name: l.name,
        lastReport: l.lastDay,
      })),
    },
  };
}
