import { type ClarifyAction, clarifyData } from "../choice-data.ts";
import type { AuditChannel } from "../db/schema.ts";
import { clarifyAnswerKey, clarifyKey, recipientKey } from "../engine/keys.ts";
import type { Outbox } from "../engine/outbox.ts";
import type { I18n, Lang } from "../i18n/index.ts";
import type { AuditActor, Store } from "../store/index.ts";
import { shortTitle } from "../text/title.ts";

/** What asking and answering need, in chat and on the web alike. */
export interface ClarifyDeps {
  store: Store;
  outbox: Outbox;
  i18n: I18n;
  now: Date;
}

/** Longer than any question or answer a phone sends in one message; beyond it, refused. */
export const MAX_CLARIFY = 1000;

export type ClarifyOutcome =
  | { ok: true; id: number; recipients: number; agency: string; ref: string }
  | { ok: false; key: string; args?: Record<string, string | number> };

export interface AskInput {
  assignmentId: number;
  agencyId: string;
  question: string;
  askedBy: number;
  actor: AuditActor;
  via: AuditChannel;
}

/** A question's text as typed, or the key of why it cannot be sent. */
export function checkText(text: string | undefined): { text: string } | { key: string } {
  const trimmed = (text ?? "").trim();
  if (!trimmed) return { key: "clarify-empty" };
  if (trimmed.length > MAX_CLARIFY) return { key: "clarify-too-long" };
  return { text: trimmed };
}

/**
 * Sends a coordinator's question about one assignment to its agency's focal points through
 * the outbox, each with a choice that opens that very report and one that answers in words.
 * Nothing is saved when nobody can receive it. The question and its audit row commit together.
 */
export async function askAgency(deps: ClarifyDeps, input: AskInput): Promise<ClarifyOutcome> {
  const { store } = deps;
  const checked = checkText(input.question);
  if ("key" in checked) return { ok: false, key: checked.key, args: { max: MAX_CLARIFY } };
  const [assignment, agency, asker] = await Promise.all([
    store.reports.assignmentFor(input.agencyId, input.assignmentId),
    store.catalog.agency(input.agencyId),
    store.people.contactById(input.askedBy),
  ]);
  if (!assignment || !agency || !asker) return { ok: false, key: "clarify-gone" };
  const focal = await store.people.focalChats(agency.id);
  if (focal.length === 0) return { ok: false, key: "clarify-nobody", args: { agency: agency.name } };
  const id = await store.transaction(async (tx) => {
    const id = await tx.clarifications.add({
      assignmentId: input.assignmentId,
      agencyId: input.agencyId,
      question: checked.text,
      askedBy: input.askedBy,
      askedVia: input.via,
      at: deps.now,
    });
    await tx.audit.record({
      ...input.actor,
      at: deps.now,
      action: "clarify.ask",
      targetKind: "clarification",
      targetId: id,
      after: { ref: assignment.ref, agency: agency.id, assignment: assignment.assignmentId },
    });
    return id;
  });
  const args = {
    asker: asker.name ?? asker.agencyName,
    agency: agency.name,
    ref: assignment.ref,
    title: shortTitle(assignment.title, 120),
    question: checked.text,
  };
  await deps.outbox.add(
    focal.map((f) => ({
      dedupeKey: recipientKey(clarifyKey(id), f.id, f.chat),
      chatId: f.chat,
      contactId: f.id,
      agencyId: agency.id,
      kind: "question",
      text: deps.i18n.t(f.lang, "clarify-question-text", args),
      choices: [[choice(deps.i18n, f.lang, id, "edit")], [choice(deps.i18n, f.lang, id, "reply")]],
      sendAfter: deps.now.toISOString(),
    })),
  );
  return { ok: true, id, recipients: focal.length, agency: agency.name, ref: assignment.ref };
}

const LABELS: Record<ClarifyAction, string> = {
  edit: "clarify-choice-edit",
  reply: "clarify-choice-reply",
  "follow-up": "clarify-choice-follow-up",
};

function choice(i18n: I18n, lang: Lang, id: number, action: ClarifyAction) {
  return { label: i18n.t(lang, LABELS[action]), data: clarifyData(id, action) };
}

export interface AnswerInput {
  id: number;
  contactId: number;
  /** The words of a plain answer; for an edited report, its description (or nothing). */
  text: string | null;
  reportId?: number;
  actor: AuditActor;
}

/**
 * Closes the question with its answer and sends it to the coordinator who asked; false when
 * it was answered already (the first answer stands) or is gone.
 */
export async function answerQuestion(deps: ClarifyDeps, input: AnswerInput): Promise<boolean> {
  const { store } = deps;
  const asked = await store.clarifications.get(input.id);
  if (!asked) return false;
  const answered = await store.transaction(async (tx) => {
    const done = await tx.clarifications.answer({ ...input, at: deps.now });
    if (!done) return false;
    await tx.audit.record({
      ...input.actor,
      at: deps.now,
      action: "clarify.answer",
      targetKind: "clarification",
      targetId: input.id,
      after: { ref: asked.ref, agency: asked.agencyId, report: input.reportId ?? null },
    });
    return true;
  });
  const row = answered ? await store.clarifications.get(input.id) : undefined;
  if (!row) return false;
  const chats = await store.clarifications.chatsOf(row.askedBy);
  await deps.outbox.add(
    chats.map(({ chat, lang }) => {
      const t = (key: string, args?: Record<string, string | number>) => deps.i18n.t(lang, key, args);
      return {
        dedupeKey: recipientKey(clarifyAnswerKey(row.id), row.askedBy, chat),
        chatId: chat,
        contactId: row.askedBy,
        agencyId: row.agencyId,
        kind: "answer",
        text: answerText(t, row),
        choices: [[choice(deps.i18n, lang, row.id, "follow-up")]],
        sendAfter: deps.now.toISOString(),
      };
    }),
  );
  return true;
}

type T = (key: string, args?: Record<string, string | number>) => string;

export interface Thread {
  agencyName: string;
  ref: string;
  question: string;
  answer: string | null;
  answererName: string | null;
  answerReportId: number | null;
  reportStatus: string | null;
  reportPercent: number | null;
}

/** What the answer says: the words, or the edited report's status, percent and description. */
export function answerBody(t: T, row: Thread): string {
  if (row.answerReportId === null) return row.answer ?? "";
  const status = row.reportStatus ? t(`status-${row.reportStatus}`) : "";
  const percent = row.reportPercent === null ? "" : ` · ${row.reportPercent}%`;
  return t("clarify-answer-report", {
    status: `${status}${percent}`,
    description: row.answer ? row.answer : "none",
  });
}

function answerText(t: T, row: Thread): string {
  return t("clarify-answer-text", {
    agency: row.agencyName,
    who: row.answererName ?? row.agencyName,
    ref: row.ref,
    question: row.question,
    answer: answerBody(t, row),
  });
}
