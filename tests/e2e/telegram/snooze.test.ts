import { describe, expect, it } from "vitest";
import type { SentMessage } from "../../emulators/telegram-api.ts";
import { linkContact, startTestApp, type TestApp } from "../../helpers/app.ts";
import { rowsOf } from "../../helpers/engine-choice.ts";
import { until } from "../../helpers/redis.ts";
import { assignmentId, button, buttons, person, press, tickAt } from "./support.ts";

const focal = person(1001, "Đầu mối Y tế");

interface OutboxState {
  id: number;
  state: string;
  send_after: string;
  kind: string;
}

/**
 * The app with only the ticks the test runs: the every-minute dispatch works on the real clock,
 * and would send a snoozed row as soon as the real date passes its time.
 */
async function app(): Promise<TestApp> {
  const t = await startTestApp({ now: "2026-12-17T09:00:00+07:00" });
  await t.app.runner.dropScheduler("dispatch");
  await linkContact(t, focal.user.id, "so-y-te", "focal", "Đầu mối Y tế");
  return t;
}

async function dueReminder(t: TestApp): Promise<SentMessage> {
  await tickAt(t, "2026-12-17T08:00:00");
  const found = () =>
    t.emulator.messages(focal.chat.id).find((m) => m.text?.startsWith("📅 Nhắc hạn nhiệm vụ"));
  await until(() => found() !== undefined, "the due reminder");
  return found() as SentMessage;
}

async function snoozeRow(t: TestApp, fromId: string): Promise<OutboxState | undefined> {
  const [row] = await rowsOf(t.core)<OutboxState>(
    "select id, state, send_after, kind from outbox where dedupe_key = ?",
    `snooze:${fromId}`,
  );
  return row;
}

/** Waits for delivery to record what became of the snoozed row (the send lands before the record). */
async function settled(t: TestApp, fromId: string): Promise<void> {
  const done = async () => !["pending", "sending"].includes((await snoozeRow(t, fromId))?.state ?? "pending");
  await until(done, "the snoozed row's outcome recorded");
}

describe("⏰ Nhắc lại sau on Telegram", () => {
  it("snoozes a due reminder to the next morning; it is saved, then sent once the clock gets there", async () => {
    const t = await app();
    const reminder = await dueReminder(t);
    expect(reminder.text).toMatch(/V\.6 .* — hạn 31\/12\/2026, còn 14 ngày/);
    const v6 = await assignmentId(t, "so-y-te", "V.6");
    expect(button(reminder, "📝 Báo cáo ngay").data).toBe(`rp:${v6}`);
    const snooze = button(reminder, "⏰ Nhắc lại sau").data;
    expect(snooze).toMatch(/^sz:\d+$/);
    const fromId = snooze.slice(3);

    t.clock.set("2026-12-17T09:00:00+07:00");
    const [offer] = await press(t, focal, reminder, "⏰ Nhắc lại sau");
    expect(offer?.text).toBe("⏰ Nhắc lại vào lúc nào?");
    expect(buttons(offer).map((b) => b.text)).toEqual([
      "Sau 2 tiếng (lúc 11:00)",
      "Sáng mai (thứ Sáu 18/12)",
      "Sáng thứ Hai (21/12)",
    ]);

    const [done] = await press(t, focal, offer, "Sáng mai");
    expect(done?.text).toBe("⏰ Đã hẹn: bot sẽ nhắc lại lúc 07:30 thứ Sáu 18/12/2026.");
    expect(await snoozeRow(t, fromId)).toMatchObject({
      state: "pending",
      send_after: "2026-12-18T00:30:00.000Z",
      kind: "snooze",
    });
    expect(
      await rowsOf(t.core)("select contact_id, assignment_id, option, until from snoozes"),
    ).toMatchObject([{ assignment_id: v6, option: "am", until: "2026-12-18T00:30:00.000Z" }]);

    // Later that day nothing goes out; the next morning the reminder comes back, buttons and all.
    await tickAt(t, "2026-12-17T16:00:00");
    expect((await snoozeRow(t, fromId))?.state).toBe("pending");
    const before = t.emulator.messages(focal.chat.id).length;
    await tickAt(t, "2026-12-18T07:30:00");
    const back = () =>
      t.emulator
        .messages(focal.chat.id)
        .slice(before)
        .find((m) => m.text?.startsWith("⏰ Nhắc lại theo hẹn:"));
    await until(() => back() !== undefined, "the snoozed reminder");
    expect(back()?.text).toContain("V.6 ");
    await settled(t, fromId);
    const again = await snoozeRow(t, fromId);
    expect(again?.state).toBe("sent");
    expect(button(back(), "⏰ Nhắc lại sau").data).toBe(`sz:${again?.id}`);
    expect(button(back(), "📝 Báo cáo ngay").data).toBe(`rp:${v6}`);
  });

  it("drops the snoozed reminder at delivery when the task is reported done meanwhile", async () => {
    const t = await app();
    const reminder = await dueReminder(t);
    const fromId = button(reminder, "⏰ Nhắc lại sau").data.slice(3);
    t.clock.set("2026-12-17T09:00:00+07:00");
    const [offer] = await press(t, focal, reminder, "⏰ Nhắc lại sau");
    const [done] = await press(t, focal, offer, "Sau 2 tiếng");
    expect(done?.text).toBe("⏰ Đã hẹn: bot sẽ nhắc lại lúc 11:00 thứ Năm 17/12/2026.");

    const v6 = await assignmentId(t, "so-y-te", "V.6");
    await rowsOf(t.core)(
      `insert into reports (assignment_id, task_id, agency_id, period, status, percent, submitted_at)
       select a.id, a.task_id, a.agency_id, '2026-12', 'done', 100, '2026-12-17T03:00:00.000Z'
       from assignments a where a.id = ?`,
      v6,
    );
    const before = t.emulator.messages(focal.chat.id).length;
    await tickAt(t, "2026-12-17T11:00:00");
    await settled(t, fromId);
    expect((await snoozeRow(t, fromId))?.state).toBe("skipped");
    expect(
      t.emulator
        .messages(focal.chat.id)
        .slice(before)
        .filter((m) => m.text?.startsWith("⏰ Nhắc lại theo hẹn")),
    ).toEqual([]);
  });
});
