import { expect } from "vitest";
import type { ChatInput, SentMessage, UserInput } from "../../emulators/telegram-api.ts";
import type { TestApp } from "../../helpers/app.ts";
import { rowsOf } from "../../helpers/engine-choice.ts";
import { until } from "../../helpers/redis.ts";

/** A person on Telegram: their private chat has their user id. */
export interface Person {
  user: UserInput;
  chat: ChatInput;
}

export function person(id: number, first_name: string): Person {
  return { user: { id, first_name, language_code: "vi" }, chat: { id, type: "private" } };
}

export function group(id: number, title: string): ChatInput {
  return { id, type: "group", title };
}

export interface Button {
  text: string;
  data: string;
}

export function buttons(m: SentMessage | undefined): Button[] {
  const rows = (m?.replyMarkup as { inline_keyboard?: { text: string; callback_data?: string }[][] })
    ?.inline_keyboard;
  return (rows ?? []).flat().map((b) => ({ text: b.text, data: b.callback_data ?? "" }));
}

/** The button whose label contains the text; fails the test when there is none. */
export function button(m: SentMessage | undefined, label: string): Button {
  const found = buttons(m).find((b) => b.text.includes(label));
  if (!found)
    throw new Error(`no button "${label}" on ${JSON.stringify(m?.text)}; has ${JSON.stringify(buttons(m))}`);
  return found;
}

/** Runs an action as a user and returns the bot's next `count` messages in that chat. */
export async function expectReplies(
  t: TestApp,
  chat: ChatInput,
  action: () => unknown,
  count = 1,
): Promise<SentMessage[]> {
  const before = t.emulator.messages(chat.id).length;
  action();
  const all = await t.emulator.waitForMessages(chat.id, before + count, 10_000);
  return all.slice(before);
}

export async function say(
  t: TestApp,
  who: Person,
  text: string,
  opts: { count?: number; chat?: ChatInput; replyTo?: number } = {},
): Promise<SentMessage[]> {
  const chat = opts.chat ?? who.chat;
  return expectReplies(
    t,
    chat,
    () =>
      t.emulator.sendText(
        who.user,
        chat,
        text,
        opts.replyTo === undefined ? {} : { replyToMessageId: opts.replyTo },
      ),
    opts.count ?? 1,
  );
}

/** Presses the button labelled `label` on a bot message and returns the next replies. */
export async function press(
  t: TestApp,
  who: Person,
  message: SentMessage | undefined,
  label: string,
  opts: { count?: number; chat?: ChatInput } = {},
): Promise<SentMessage[]> {
  if (!message) throw new Error(`press "${label}": no message`);
  const chat = opts.chat ?? who.chat;
  const { data } = button(message, label);
  return expectReplies(
    t,
    chat,
    () => t.emulator.pressButton(who.user, chat, message.messageId, data),
    opts.count ?? 1,
  );
}

const HELP = /^(Các lệnh:|Lệnh điều phối:)/;

/**
 * Updates are handled one at a time, in order (polling and webhook alike): after the action,
 * a linked person (`sentinel`) asks for /trogiup, and once that is answered every earlier
 * update has been handled. Returns what the bot sent to `watch` in between.
 */
export async function sentBefore(
  t: TestApp,
  watch: ChatInput,
  sentinel: Person,
  action: () => unknown,
): Promise<SentMessage[]> {
  const before = t.emulator.messages(watch.id).length;
  const sentinelBefore = t.emulator.messages(sentinel.chat.id).length;
  await action();
  t.emulator.sendText(sentinel.user, sentinel.chat, "/trogiup");
  const answered = () =>
    t.emulator
      .messages(sentinel.chat.id)
      .slice(sentinelBefore)
      .findIndex((m) => HELP.test(m.text ?? ""));
  await until(() => answered() >= 0, "the sentinel's help text", 10_000);
  const sent = t.emulator.messages(watch.id).slice(before);
  return watch.id === sentinel.chat.id ? sent.slice(0, answered()) : sent;
}

export function textOf(messages: SentMessage[]): string {
  return messages.map((m) => m.text ?? m.caption ?? "").join("\n");
}

/** No reply ever shows a stack trace or a raw error. */
export function expectNoStackTrace(t: TestApp): void {
  for (const m of t.emulator.messages()) {
    const text = m.text ?? m.caption ?? "";
    expect(text).not.toMatch(/Error:|^\s+at\s|\n\s+at\s|node_modules|\.ts:\d+/);
  }
}

let injected = 1_000_000;

/**
 * Delivers a hand-made update (what pressButton and sendText cannot produce). The emulator
 * numbers its own updates after the highest id it has seen, so each injected update jumps
 * far ahead: an id at or below one already handled would be dropped as confirmed.
 */
export function inject(t: TestApp, body: Record<string, unknown>): void {
  injected += 100_000;
  t.emulator.injectUpdate({ update_id: injected, ...body });
}

/** The id of an agency's assignment to a task, as the buttons carry it. */
export async function assignmentId(t: TestApp, agency: string, ref: string): Promise<number> {
  const [row] = await rowsOf(t.core)<{ id: number }>(
    "select a.id id from assignments a join tasks t on t.id = a.task_id where a.agency_id = ? and t.ref = ?",
    agency,
    ref,
  );
  if (!row) throw new Error(`no assignment of ${agency} to ${ref}`);
  return row.id;
}

/**
 * Waits until delivery has written down the platform's id for a message the outbox sent. The
 * emulator shows the message as soon as the bot sends it, but the id lands in the outbox a
 * moment later; a reply sent in between (no person types that fast) would find no message.
 */
export async function recorded(t: TestApp, m: SentMessage | undefined): Promise<SentMessage | undefined> {
  if (!m) return m;
  const known = async () =>
    (
      await rowsOf(t.core)<{ id: number }>(
        "select id from outbox where chat_id = ? and platform_message_id = ?",
        `tg:${m.chatId}`,
        String(m.messageId),
      )
    ).length > 0;
  await until(known, `message ${m.messageId} recorded as sent`, 10_000);
  return m;
}

/** Ticks at `local` (Vietnam time) with the conversations' clock moved there too. */
export async function tickAt(t: TestApp, local: string) {
  const at = new Date(`${local}+07:00`);
  t.clock.set(at);
  await t.app.runner.tick(at);
}
