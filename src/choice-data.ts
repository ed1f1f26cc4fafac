/*
 * Button data: what a channel sends back when a choice is pressed (Telegram callback_data, or
 * the data of a numbered line picked on Zalo and the console). Channels pass it through
 * untouched; only this module writes or reads it. Telegram allows 64 bytes.
 *
 *   rp                 start a report (a reminder about several tasks, "report another")
 *   rp:<assignmentId>  start a report with that assignment picked (a reminder about one task)
 *   f:<nonce>:<value>  an answer to the flow question that showed it; the nonce changes with
 *                      every flow, so a button from an older flow is refused as stale
 *   sz                 "remind me later" as the engine writes it into a chasing message; delivery
 *                      binds it to the row it goes out with (sz:<outboxId>) before sending
 *   sz:<outboxId>      offer the times to snooze that message to
 *   sz:<outboxId>:<o>  snooze it: o is h2 (in two hours), am (next working morning), mo (Monday)
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

export const SNOOZE_PLACEHOLDER = "sz";
export const snoozeOptions = ["h2", "am", "mo"] as const;
export type SnoozeOption = (typeof snoozeOptions)[number];

const SNOOZE = /^sz:(\d{1,15})(?::(h2|am|mo))?$/;

/** "Snooze this message", or "snooze it by `option`". */
export function snoozeData(outboxId: number, option?: SnoozeOption): string {
  return option ? `sz:${outboxId}:${option}` : `sz:${outboxId}`;
}

/** The outbox row and the option a snooze button names, or undefined for any other data. */
export function readSnoozeData(data: string): { outboxId: number; option?: SnoozeOption } | undefined {
  const m = SNOOZE.exec(data);
  if (!m) return undefined;
  const option = m[2] as SnoozeOption | undefined;
  return option ? { outboxId: Number(m[1]), option } : { outboxId: Number(m[1]) };
}

/**
 * A message's choices as they go out in the row `outboxId`: the engine cannot know a row's id
 * when it composes the message, so its snooze placeholder is bound to it here, at delivery.
 */
export function bindSnooze<T extends { label: string; data: string }>(
  choices: T[][] | null,
  outboxId: number,
): T[][] | null {
  if (!choices) return choices;
  return choices.map((row) =>
    row.map((c) => (c.data === SNOOZE_PLACEHOLDER ? { ...c, data: snoozeData(outboxId) } : c)),
  );
}
