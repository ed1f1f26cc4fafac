/*
 * Button data: what a channel sends back when a choice is pressed (Telegram callback_data, or
 * the data of a numbered line picked on Zalo and the console). Channels pass it through
 * untouched; only this module writes or reads it. Telegram allows 64 bytes.
 *
 *   rp                 start a report (a reminder about several tasks, "report another")
 *   rp:<assignmentId>  start a report with that assignment picked (a reminder about one task)
 *   f:<nonce>:<value>  an answer to the flow question that showed it; the nonce changes with
 *                      every flow, so a button from an older flow is refused as stale
 *   cq:<id>:e|r        a coordinator's question <id> (clarifications): open the report it is
 *                      about for editing (e), or answer it in words (r)
 *   ca:<id>            an answer to question <id>: ask that agency a follow-up
 *
 * Flow values (the <value> above; each flow reads its own):
 *   x                  cancel the flow (every flow)
 *   p<page>            another page of a list (report and KPI task/target lists, paging.ts)
 *   a<assignmentId>    report: this task          t<targetId>   KPI: this target
 *   s<code>            report: status (ns ip dn bl na)            %<n>  report: percent
 *   skip ok edit chg   skip a question, confirm, change answers, pick another task
 *   es ep ec ed ee back  report: which answer to change, or back to the summary
 *   vi en              settings: language
 *
 * The engine writes rp and rp:<id> into reminders (engine/compose.ts) with the same spelling.
 */

const FLOW = /^f:([^:]+):(.*)$/;
const REPORT = /^rp(?::(\d+))?$/;

/** The answer `value` to the flow whose nonce is `nonce`. */
export function flowData(nonce: string, value: string): string {
  return `f:${nonce}:${value}`;
}

/** The nonce and value of a flow answer, or undefined for any other data. */
export function readFlowData(data: string): { nonce: string; value: string } | undefined {
  const m = FLOW.exec(data);
  return m?.[1] !== undefined && m[2] !== undefined ? { nonce: m[1], value: m[2] } : undefined;
}

export const CANCEL_VALUE = "x";

export function isCancelData(data: string): boolean {
  return readFlowData(data)?.value === CANCEL_VALUE;
}

/** "Report" buttons: a general one, or one with its assignment picked. */
export function reportData(assignmentId?: number): string {
  return assignmentId === undefined ? "rp" : `rp:${assignmentId}`;
}

/**
 * A report button's assignment: a number, null for a general one, undefined when `data` is
 * not a report button at all.
 */
export function readReportData(data: string): number | null | undefined {
  const m = REPORT.exec(data);
  if (!m) return undefined;
  return m[1] === undefined ? null : Number(m[1]);
}

export type ClarifyAction = "edit" | "reply" | "follow-up";

/** The buttons of a question to an agency, and of its answer back to the coordinator. */
export function clarifyData(id: number, action: ClarifyAction): string {
  return action === "follow-up" ? `ca:${id}` : `cq:${id}:${action === "edit" ? "e" : "r"}`;
}

const CLARIFY = /^(?:cq:(\d{1,9}):([er])|ca:(\d{1,9}))$/;

/** A question's or an answer's button, or undefined for any other data. */
export function readClarifyData(data: string): { id: number; action: ClarifyAction } | undefined {
  const m = CLARIFY.exec(data);
  if (!m) return undefined;
  if (m[3] !== undefined) return { id: Number(m[3]), action: "follow-up" };
  return { id: Number(m[1]), action: m[2] === "e" ? "edit" : "reply" };
}
