/*
 * Button data: what a channel sends back when a choice is pressed (Telegram callback_data, or
 * the data of a numbered line picked on Zalo and the console). Channels pass it through
 * untouched; only this module writes or reads it. Telegram allows 64 bytes.
 *
 *   rp                 start a report (a reminder about several tasks, "report another")
 *   rp:<assignmentId>  start a report with that assignment picked (a reminder about one task)
 *   f:<nonce>:<value>  an answer to the flow question that showed it; the nonce changes with
 *                      every flow, so a button from an older flow is refused as stale
 *   ex                 ask for a deadline extension (a due reminder about several tasks)
 *   ex:<assignmentId>  ask for one on that assignment (a due reminder about one task)
 *   xd:<requestId>:<a|r|p>  a coordinator's answer to an extension request: agree, refuse,
 *                      propose another date (re-checked against the request's row and the actor)
 *   cq:<id>:e|r        a coordinator's question <id> (clarifications): open the report it is
 *                      about for editing (e), or answer it in words (r)
 *   ca:<id>            an answer to question <id>: ask that agency a follow-up
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

const EXTEND = /^ex(?::(\d{1,9}))?$/;
const DECIDE = /^xd:(\d{1,9}):([arp])$/;

/** "Ask for an extension" choices: general, or with the assignment picked. */
export function extendData(assignmentId?: number): string {
  return assignmentId === undefined ? "ex" : `ex:${assignmentId}`;
}

/** An extension choice's assignment: a number, null for a general one, undefined for other data. */
export function readExtendData(data: string): number | null | undefined {
  const m = EXTEND.exec(data);
  if (!m) return undefined;
  return m[1] === undefined ? null : Number(m[1]);
}

export type ExtensionAnswer = "a" | "r" | "p";

export function decideData(requestId: number, answer: ExtensionAnswer): string {
  return `xd:${requestId}:${answer}`;
}

export function readDecideData(data: string): { requestId: number; answer: ExtensionAnswer } | undefined {
  const m = DECIDE.exec(data);
  return m ? { requestId: Number(m[1]), answer: m[2] as ExtensionAnswer } : undefined;
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
