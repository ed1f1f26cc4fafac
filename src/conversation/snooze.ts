import { SNOOZE_PLACEHOLDER, type SnoozeOption, snoozeData } from "../choice-data.ts";
import { dayLabel } from "../domain/period.ts";
import { chaseOf, isTomorrow, type SnoozeTime, snoozeTimes } from "../domain/snooze.ts";
import { snoozeKey } from "../engine/keys.ts";
import type { OutboxRow } from "../engine/outbox.ts";
import type { Reply } from "../messages.ts";
import { contactActor, type Store } from "../store/index.ts";
import type { Turn } from "./context.ts";
import { readSnoozeText } from "./snooze-text.ts";

/**
 * "⏰ Remind me later" on a chasing message: offer the times that fit, then write the message
 * again into the outbox for the time chosen. The button's data names an outbox row and is never
 * trusted: the row must have been sent to this very chat, for one of the speaker's contacts,
 * still carry the snooze choice, and still chase something unsettled.
 */

/** Where a typed "later" looks for the reminder it is about. */
const TYPED_LOOKBACK_MS = 24 * 60 * 60 * 1000;

const hasSnooze = (row: OutboxRow) => !!row.choices?.flat().some((c) => c.data === SNOOZE_PLACEHOLDER);

/**
 * A button can be pressed only on a message that went out, but delivery records "sent" just
 * after the platform answers: a row still "sending" has reached the person all the same.
 */
const wentOut = (row: OutboxRow) => row.state === "sent" || row.state === "sending";

/** The row a snooze is about, or the polite reason it cannot be snoozed. */
async function snoozable(turn: Turn, outboxId: number): Promise<OutboxRow | Reply[]> {
  const { store } = turn.deps;
  const row = await store.outbox.get(outboxId);
  const mine = turn.actor?.contacts.some((c) => c.id === row?.contactId);
  if (!row || !mine || row.chatId !== turn.incoming.chatId || !wentOut(row) || !hasSnooze(row))
    return [{ text: turn.t("snooze-unknown") }];
  if (await store.engine.dueMovedReason(row.guard)) return [{ text: turn.t("snooze-moved") }];
  if (await store.engine.settledReason(row.guard)) return [{ text: turn.t("snooze-settled") }];
  return row;
}

/** A pressed (or numbered) snooze choice: `sz:<id>` offers the times, `sz:<id>:<o>` snoozes. */
export async function snoozePressed(
  turn: Turn,
  data: { outboxId: number; option?: SnoozeOption },
): Promise<Reply[]> {
  const row = await snoozable(turn, data.outboxId);
  if (Array.isArray(row)) return row;
  return data.option ? snooze(turn, row, data.option) : offer(turn, row);
}

/**
 * A typed "remind me later" by a known person in their own chat, outside any question: about
 * the latest chasing message the chat was sent in the last day. With none, undefined when the
 * text also reads as a command the speaker may use (`command`), so "nhac …" still reaches /remind.
 */
export async function typedSnooze(turn: Turn, command: boolean): Promise<Reply[] | undefined> {
  const { incoming } = turn;
  const text = incoming.text ?? "";
  if (incoming.choice || !turn.actor || incoming.chatType === "group" || text.trim().startsWith("/"))
    return undefined;
  const ask = readSnoozeText(text);
  if (!ask) return undefined;
  const since = new Date(turn.now.getTime() - TYPED_LOOKBACK_MS).toISOString();
  const recent = await turn.deps.store.snoozes.recentSent(incoming.chatId, since);
  const latest = recent.find(hasSnooze);
  if (!latest) return command ? undefined : [{ text: turn.t("snooze-nothing") }];
  return snoozePressed(turn, { outboxId: latest.id, ...("option" in ask ? { option: ask.option } : {}) });
}

function weekdayDay(turn: Turn, time: SnoozeTime): string {
  const n = new Date(`${time.day}T12:00:00Z`).getUTCDay();
  return `${turn.t("snooze-weekday", { n })} ${dayLabel(time.day).slice(0, 5)}`;
}

function hhmm(turn: Turn, at: Date): string {
  return new Intl.DateTimeFormat("en-GB", {
    hour: "2-digit",
    minute: "2-digit",
    timeZone: turn.deps.calendar.timeZone,
  }).format(at);
}

function optionLabel(turn: Turn, time: SnoozeTime): string {
  if (time.option === "h2") return turn.t("snooze-opt-h2", { time: hhmm(turn, time.at) });
  if (time.option === "mo") return turn.t("snooze-opt-mo", { day: dayLabel(time.day).slice(0, 5) });
  const key = isTomorrow(time, turn.now, turn.deps.calendar) ? "snooze-opt-am" : "snooze-opt-next";
  return turn.t(key, { day: weekdayDay(turn, time) });
}

function offer(turn: Turn, row: OutboxRow, prefix: string[] = []): Reply[] {
  const deadline = row.guard?.deadline;
  const { times, pastDeadline } = snoozeTimes(turn.now, turn.deps.calendar, deadline);
  const late = deadline && pastDeadline > 0 ? { deadline: dayLabel(deadline) } : undefined;
  if (times.length === 0)
    return [{ text: [...prefix, turn.t("snooze-none-deadline", late ?? { deadline: "" })].join("\n") }];
  const text = [...prefix, turn.t("snooze-ask"), ...(late ? [turn.t("snooze-ask-some-late", late)] : [])];
  return [
    {
      text: text.join("\n"),
      choices: times.map((time) => [
        { label: optionLabel(turn, time), data: snoozeData(row.id, time.option) },
      ]),
    },
  ];
}

async function snooze(turn: Turn, row: OutboxRow, option: SnoozeOption): Promise<Reply[]> {
  const { times } = snoozeTimes(turn.now, turn.deps.calendar, row.guard?.deadline);
  const time = times.find((t) => t.option === option);
  // The offer was made earlier: two hours from then may be after work now, or past the deadline.
  if (!time) return offer(turn, row, [turn.t("snooze-option-gone")]);
  const contactId = row.contactId as number;
  const assignments = [...new Set(row.guard?.assignments ?? [])];
  const { deps } = turn;
  const most = await deps.store.transaction(async (tx) => {
    const outboxId = await writeAgain(turn, tx, row, time);
    if (outboxId === undefined) return undefined;
    const createdAt = turn.now.toISOString();
    const until = time.at.toISOString();
    await tx.snoozes.record(
      assignments.map((assignmentId) => ({
        ...{ contactId, assignmentId, fromOutboxId: row.id, outboxId, option, until, createdAt },
        chase: chaseOf(row.guard, assignmentId),
      })),
    );
    await tx.audit.record({
      ...contactActor(contactId, turn.incoming.chatId),
      at: turn.now,
      action: "snooze.set",
      targetKind: "outbox",
      targetId: row.id,
      after: { until, option, outboxId, assignments },
    });
    const chases = assignments.map((assignmentId) => ({
      assignmentId,
      chase: chaseOf(row.guard, assignmentId),
    }));
    return Math.max(0, ...(await tx.snoozes.counts(contactId, chases)).values());
  });
  if (most === undefined) return [{ text: turn.t("snooze-already") }];
  const at = `${hhmm(turn, time.at)} ${weekdayDay(turn, time)}/${time.day.slice(0, 4)}`;
  const lines = [turn.t("snooze-done", { at })];
  if (most === 2) lines.push(turn.t("snooze-second"));
  if (most >= 3) lines.push(turn.t("snooze-third", { count: most }));
  return [{ text: lines.join("\n") }];
}

/**
 * The whole message again (every part of a long one), under its own key: snoozing one message
 * twice writes nothing the second time. Returns the id of the row carrying the choices.
 */
async function writeAgain(turn: Turn, tx: Store, row: OutboxRow, time: SnoozeTime) {
  const parts = await tx.snoozes.messageParts(row.chatId, row.dedupeKey);
  const body = parts.map((p) => p.text).join("\n");
  const text = row.kind === "snooze" ? body : `${turn.t("snooze-header")}\n\n${body}`;
  const ids = await tx.outbox.add(
    [
      {
        dedupeKey: snoozeKey(row.id),
        chatId: row.chatId,
        contactId: row.contactId,
        agencyId: row.agencyId,
        planId: row.planId,
        kind: "snooze",
        text,
        choices: row.choices,
        guard: row.guard,
        sendAfter: time.at.toISOString(),
      },
    ],
    turn.now.toISOString(),
    (chatId) => turn.deps.capabilitiesOf(chatId).textLimit,
  );
  return ids.at(-1);
}
