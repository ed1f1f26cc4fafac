import { describe, expect, it } from "vitest";
import type { SentMessage } from "../../emulators/telegram-api.ts";
import { linkContact, startTestApp, type TestApp } from "../../helpers/app.ts";
import { rowsOf } from "../../helpers/engine-choice.ts";
import { until } from "../../helpers/redis.ts";
import {
  assignmentId,
  button,
  buttons,
  expectNoStackTrace,
  type Person,
  person,
  press,
  say,
  tickAt,
} from "./support.ts";

const focal = person(1001, "Đầu mối Y tế");
const coordinator = person(2001, "PC06");

/** The app with only the ticks the test runs (the real-clock dispatch would send snoozed rows early). */
async function app(): Promise<TestApp> {
  const t = await startTestApp({ now: "2026-12-17T09:00:00+07:00" });
  await t.app.runner.dropScheduler("dispatch");
  await linkContact(t, focal.user.id, "so-y-te", "focal", "Đầu mối Y tế");
  await linkContact(t, coordinator.user.id, "cong-an-tinh", "coordinator", "PC06");
  return t;
}

/** The first message to `who` after the first `n` that matches, once it has arrived. */
async function next(t: TestApp, who: Person, n: number, what: (m: SentMessage) => boolean, name: string) {
  const found = () => t.emulator.messages(who.chat.id).slice(n).find(what);
  await until(() => found() !== undefined, name, 10_000);
  return found() as SentMessage;
}

/** The lines of a message about V.6. */
const v6Of = (text: string | undefined) => (text ?? "").split("\n").filter((l) => l.startsWith("• V.6 "));

const starts = (prefix: string) => (m: SentMessage) => m.text?.startsWith(prefix) ?? false;

describe("extensions and what was already queued on Telegram", () => {
  it("drops a snoozed reminder written for the old date once the extension is approved; the new date's reminders follow", async () => {
    const t = await app();
    const rows = rowsOf(t.core);
    await tickAt(t, "2026-12-17T08:00:00");
    const reminder = await next(t, focal, 0, starts("📅 Nhắc hạn nhiệm vụ"), "the due reminder");
    expect(reminder.text).toMatch(/V\.6 .* — hạn 31\/12\/2026, còn 14 ngày/);
    const fromId = button(reminder, "⏰ Nhắc lại sau").data.slice(3);

    // Put off to tomorrow morning: a row waits in the outbox, written for 31/12.
    t.clock.set("2026-12-17T09:00:00+07:00");
    const [offer] = await press(t, focal, reminder, "⏰ Nhắc lại sau");
    await press(t, focal, offer, "Sáng mai");
    const queued = () =>
      rows<{ state: string; last_error: string | null }>(
        "select state, last_error from outbox where dedupe_key = ?",
        `snooze:${fromId}`,
      );
    expect(await queued()).toEqual([{ state: "pending", last_error: null }]);

    // Then the agency asks for more time (the snooze took the buttons off the reminder), and a
    // coordinator agrees.
    const c = t.emulator.messages(coordinator.chat.id).length;
    await say(t, focal, "em xin gia han V.6 den 20/01/2027 vi cho huong dan cua Bo Y te a");
    const asked = await next(t, coordinator, c, starts("📅 Đề nghị gia hạn"), "the request");
    const f = t.emulator.messages(focal.chat.id).length;
    await press(t, coordinator, asked, "Đồng ý");
    await next(t, focal, f, starts("✅"), "the approval");
    const v6 = await assignmentId(t, "so-y-te", "V.6");
    expect(await rows("select due_override from assignments where id = ?", v6)).toEqual([
      { due_override: "2027-01-20" },
    ]);

    // The next morning the snoozed copy is dropped, not sent with the old date.
    const before = t.emulator.messages(focal.chat.id).length;
    await tickAt(t, "2026-12-18T07:30:00");
    await until(async () => (await queued())[0]?.state !== "pending", "the snoozed row's outcome");
    expect(await queued()).toEqual([
      { state: "skipped", last_error: "stale: due date moved from 2026-12-31 to 2027-01-20" },
    ]);
    // Monday 21/12 is thirty days before the new date; told on 24/12, when the next tick runs, and
    // delivered. Seven days before the old date, nothing chases 31/12 for V.6.
    await tickAt(t, "2026-12-24T08:00:00");
    const dec24 = await rows<{ text: string }>(
      "select text from outbox where chat_id = ? and dedupe_key like 'due:2026-12-24:%'",
      `tg:${focal.chat.id}`,
    );
    expect(dec24.flatMap((r) => v6Of(r.text))).toEqual([
      expect.stringMatching(/ — hạn 20\/01\/2027, còn 27 ngày$/),
    ]);
    await next(t, focal, before, (m) => m.text === dec24[0]?.text, "the reminder for the new date");
    const told = t.emulator.messages(focal.chat.id).slice(before);
    expect(told.flatMap((m) => v6Of(m.text)).filter((l) => l.includes("31/12/2026"))).toEqual([]);

    // Fourteen days before the new date, the reminder names it and is due out that morning.
    await tickAt(t, "2027-01-05T09:00:00");
    await tickAt(t, "2027-01-06T08:00:00");
    const jan6 = await rows<{ text: string; send_after: string }>(
      "select text, send_after from outbox where chat_id = ? and dedupe_key like 'due:2027-01-06:%'",
      `tg:${focal.chat.id}`,
    );
    expect(jan6.flatMap((r) => v6Of(r.text))).toEqual([
      expect.stringMatching(/ — hạn 20\/01\/2027, còn 14 ngày$/),
    ]);
    expect(jan6[0]?.send_after).toBe("2027-01-06T01:00:00.000Z");
    expectNoStackTrace(t);
  });

  it("reminds the coordinators of an unanswered request, then closes it when its date passes; the agency may ask again", async () => {
    const t = await app();
    const rows = rowsOf(t.core);
    const c = t.emulator.messages(coordinator.chat.id).length;
    const [sent] = await say(t, focal, "em xin gia han V.6 den 20/01/2027 vi cho huong dan cua Bo Y te a");
    expect(sent?.text).toContain("Đã gửi đề nghị gia hạn V.6 từ 31/12/2026 đến 20/01/2027");
    const asked = await next(t, coordinator, c, starts("📅 Đề nghị gia hạn"), "the request");
    expect(asked.text).toContain("Sở Y tế");

    // Friday is the first working day; the reminder comes on Monday morning, once.
    await tickAt(t, "2026-12-18T09:00:00");
    const reminded = () =>
      rows<{ chat_id: string }>("select chat_id from outbox where kind = 'extension-reminded'");
    expect(await reminded()).toEqual([]);
    const r = t.emulator.messages(coordinator.chat.id).length;
    await tickAt(t, "2026-12-21T08:00:00");
    const reminder = await next(t, coordinator, r, starts("⏳"), "the reminder");
    expect(reminder.text).toContain(
      "⏳ Đề nghị gia hạn gửi ngày 17/12/2026 chưa được trả lời sau 2 ngày làm việc:",
    );
    expect(reminder.text).toContain("Hạn hiện tại: 31/12/2026 → xin đến: 20/01/2027");
    expect(buttons(reminder).map((b) => b.text)).toEqual(["✅ Đồng ý", "❌ Từ chối", "📆 Đề xuất ngày khác"]);
    await tickAt(t, "2026-12-22T08:00:00");
    expect(await reminded()).toHaveLength(1);

    // Nobody answers; the day after the date asked for, the request is closed and the agency told.
    await tickAt(t, "2027-01-20T16:00:00");
    const f = t.emulator.messages(focal.chat.id).length;
    await tickAt(t, "2027-01-21T08:00:00");
    const closed = await next(t, focal, f, starts("⌛"), "the expiry notice");
    expect(closed.text).toContain(
      "đến 20/01/2027 chưa được trả lời trước ngày đó nên đã đóng. Hạn vẫn là 31/12/2026.",
    );
    expect(closed.text).toContain("/giahan V.6");
    const requests = () =>
      rows<{ status: string; new_due: string }>("select status, new_due from extension_requests order by id");
    expect(await requests()).toEqual([{ status: "expired", new_due: "2027-01-20" }]);

    // An answer that comes too late changes nothing.
    const [late] = await press(t, coordinator, reminder, "Đồng ý");
    expect(late?.text).toContain("đã đóng vì không được trả lời trước ngày đó");
    const v6 = await assignmentId(t, "so-y-te", "V.6");
    expect(await rows("select due_override from assignments where id = ?", v6)).toEqual([
      { due_override: null },
    ]);

    // The agency asks again, as the notice said it could.
    const [again] = await say(t, focal, "xin gia han V.6 den 28/02/2027 do van cho huong dan a");
    expect(again?.text).toContain("Đã gửi đề nghị gia hạn V.6 từ 31/12/2026 đến 28/02/2027");
    expect(await requests()).toEqual([
      { status: "expired", new_due: "2027-01-20" },
      { status: "open", new_due: "2027-02-28" },
    ]);
    expectNoStackTrace(t);
  });
});
