/**
 * Outbox dedupe keys, built and read only here. A key names what a message is about, so that
 * writing it again (a second tick, a second instance, an operator re-running a day) hits the
 * outbox's unique index and writes nothing. Every format, `<chat>` being a chat id such as
 * `tg:1001` (itself containing a colon):
 *
 *   Per recipient: `<base>:contact-<contactId>:<chat>`, where `<base>` is one of
 *     cycle:<period>:open:<plan>:<agency>           opening of the period (focal points)
 *     cycle:<period>:nudge<n>:<plan>:<agency>       n-th nudge (focal points)
 *     cycle:<period>:escalate-head:<plan>:<agency>  escalation to the head
 *     cycle:<period>:missing:<plan>                 missing list (coordinators)
 *     due:<day>:<plan>:<agency>                     due-date reminder, <day> the send day
 *     overdue-focal:<day>:<plan>:<agency>           overdue ladder, focal step
 *     overdue-head:<day>:<plan>:<agency>            overdue ladder, head step
 *     overdue-coordinator:<day>:<plan>              overdue ladder, coordinators
 *     unreachable:<chat gone>:<unreachable_at>      a chat is gone (coordinators), once per incident
 *     missed:<last tick before the gap, ISO>        ticks missed (coordinators), once per gap
 *     manual:<agency>:<instant, ISO>                /remind by a coordinator
 *     extension:<request id>:<step>                 an extension request: asked and reminded (the
 *                                                   coordinators), approved, rejected or expired
 *                                                   (the agency)
 *     welcome:<leave id>                            welcome back after a leave (the person)
 *     clarify:<id>                                  a coordinator's question <id> (focal points)
 *     clarify-answer:<id>                           its answer (the coordinator who asked)
 *     leave:<leave id>:<what>:<instant, ISO>        a leave or deputy set by someone else (the person told)
 *     unsent:<flow nonce>                           a report written to its summary and never sent (its writer)
 *   Per chat already (a person's own chat):
 *     snooze:<outbox id>                            a sent reminder written again for later, at the
 *                                                   person's request; once per message snoozed
 *   Per subscribed chat:
 *     digest:<rule day>:<plan>:<chat>               weekly digest, <rule day> the rule's own day
 *   Split parts: `<key>#<n>`, n ≥ 2, the n-th part of a message longer than its channel allows;
 *     the first part keeps the plain key.
 */

export type CycleStepKey = "open" | `nudge${number}` | "escalate-head";
export type AgencyDeadlineKind = "due" | "overdue-focal" | "overdue-head";

export const cycleKey = (period: string, step: CycleStepKey, planId: string, agencyId: string) =>
  `cycle:${period}:${step}:${planId}:${agencyId}`;

export const missingKey = (period: string, planId: string) => `cycle:${period}:missing:${planId}`;

export const agencyDeadlineKey = (kind: AgencyDeadlineKind, day: string, planId: string, agencyId: string) =>
  `${kind}:${day}:${planId}:${agencyId}`;

export const overdueCoordinatorKey = (day: string, planId: string) => `overdue-coordinator:${day}:${planId}`;

export const unreachableKey = (chatId: string, since: string) => `unreachable:${chatId}:${since}`;

export const missedKey = (since: Date) => `missed:${since.toISOString()}`;

export const clarifyKey = (id: number) => `clarify:${id}`;

export const clarifyAnswerKey = (id: number) => `clarify-answer:${id}`;

export const manualKey = (agencyId: string, at: string) => `manual:${agencyId}:${at}`;

export type ExtensionStep = "asked" | "approved" | "rejected" | "reminded" | "expired";

export const extensionKey = (requestId: number, step: ExtensionStep) => `extension:${requestId}:${step}`;

export const welcomeKey = (leaveId: number) => `welcome:${leaveId}`;

export const leaveNoticeKey = (leaveId: number, what: string, at: string) => `leave:${leaveId}:${what}:${at}`;
export const snoozeKey = (outboxId: number) => `snooze:${outboxId}`;

/** A base key made one recipient's: each of a person's chats gets its own message. */
export const recipientKey = (base: string, contactId: number, chatId: string) =>
  `${base}:contact-${contactId}:${chatId}`;

export const digestKey = (day: string, planId: string, chatId: string) => `digest:${day}:${planId}:${chatId}`;

/** The message's key, whichever part `key` names (the store keys part n+1 as `key#n+1`). */
export const messageKey = (key: string) => key.replace(/#\d+$/, "");

/** What the keys of a message's later parts start with. */
export const laterPartsPrefix = (key: string) => `${key}#`;

export const unsentKey = (nonce: string) => `unsent:${nonce}`;
