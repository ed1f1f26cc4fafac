import { describe, expect, it } from "vitest";
import { linkContact, startTestApp, type TestApp } from "../../helpers/app.ts";
import { rowsOf } from "../../helpers/engine-choice.ts";
import { until } from "../../helpers/redis.ts";
import {
  assignmentId,
  button,
  expectNoStackTrace,
  expectReplies,
  inject,
  type Person,
  person,
  press,
  say,
} from "./support.ts";

const focal = person(1001, "Đầu mối Y tế");
let forgeries = 0;

/** Button data sent as a press on no message of ours: what Telegram never produces, a forger may. */
function forgedPress(t: TestApp, who: Person, data: string) {
  const chat = { id: who.chat.id, type: "private", first_name: who.user.first_name };
  inject(t, {
    callback_query: {
      id: `forged-${++forgeries}`,
      from: { id: who.user.id, is_bot: false, first_name: who.user.first_name },
      message: { message_id: 1, date: Math.floor(Date.now() / 1000), chat, text: "…" },
      chat_instance: "1",
      data,
    },
  });
}
const coordinator = person(2001, "PC06");

describe("deadline extensions on Telegram", () => {
  it("from the due reminder: the agency asks, a coordinator proposes another date, reminders follow it", async () => {
    const t = await startTestApp({ now: "2026-12-17T09:00:00+07:00" });
    const asker = await linkContact(t, focal.user.id, "so-y-te", "focal", "Đầu mối Y tế");
    const decider = await linkContact(t, coordinator.user.id, "cong-an-tinh", "coordinator", "PC06");
    const rows = rowsOf(t.core);
    const v6 = await assignmentId(t, "so-y-te", "V.6");

    await t.app.runner.tick(new Date("2026-12-16T09:00:00+07:00"));
    await t.app.runner.tick(new Date("2026-12-17T08:00:00+07:00"));
    const delivered = await t.emulator.waitForMessages(focal.chat.id, 1);
    const reminder = delivered.find((m) => m.text?.startsWith("📅 Nhắc hạn nhiệm vụ — Sở Y tế"));
    expect(reminder?.text).toMatch(/V\.6 .* — hạn 31\/12\/2026, còn 14 ngày/);
    expect(button(reminder, "Xin gia hạn").data).toBe(`ex:${v6}`);

    // The button knows the task; the date and the reason come in one accentless sentence.
    const [question] = await press(t, focal, reminder, "Xin gia hạn");
    expect(question?.text).toContain("Hạn hiện tại: 31/12/2026. Xin gia hạn đến ngày nào?");
    const before = t.emulator.messages(coordinator.chat.id).length;
    const [sent] = await say(t, focal, "den 20/01/2027 vi cho huong dan cua Bo Y te a");
    expect(sent?.text).toContain("Đã gửi đề nghị gia hạn V.6 từ 31/12/2026 đến 20/01/2027");
    const [request] = await rows<{ id: number; status: string; reason: string; requested_by: number }>(
      "select id, status, reason, requested_by from extension_requests",
    );
    expect(request).toMatchObject({
      status: "open",
      reason: "cho huong dan cua Bo Y te",
      requested_by: asker,
    });

    // The coordinators get it through the outbox, with their three answers.
    const [asked] = (await t.emulator.waitForMessages(coordinator.chat.id, before + 1)).slice(before);
    expect(asked?.text).toContain("📅 Đề nghị gia hạn — Sở Y tế");
    expect(asked?.text).toContain("Hạn hiện tại: 31/12/2026 → xin đến: 20/01/2027");
    expect(button(asked, "Đồng ý").data).toBe(`xd:${request?.id}:a`);
    const refuse = button(asked, "Từ chối").data;
    const [which] = await press(t, coordinator, asked, "Đề xuất ngày khác");
    expect(which?.text).toContain("Gia hạn V.6 cho Sở Y tế đến ngày nào?");
    const told = t.emulator.messages(focal.chat.id).length;
    const [done] = await say(t, coordinator, "15/01/2027");
    expect(done?.text).toContain("Đã đồng ý gia hạn V.6 cho Sở Y tế đến 15/01/2027");

    // The agency hears it as its new date; the database holds it with its history.
    const [answer] = (await t.emulator.waitForMessages(focal.chat.id, told + 1)).slice(told);
    expect(answer?.text).toContain("gia hạn V.6");
    expect(answer?.text).toContain("đến 15/01/2027 (đơn vị xin đến 20/01/2027; hạn cũ 31/12/2026)");
    const [a] = await rows<{ due_override: string }>("select due_override from assignments where id = ?", v6);
    expect(a?.due_override).toBe("2027-01-15");
    expect(
      await rows(
        "select old_due, new_due, source, requested_by, approved_by from due_changes where assignment_id = ?",
        v6,
      ),
    ).toEqual([
      {
        old_due: "2026-12-31",
        new_due: "2027-01-15",
        source: "extension",
        requested_by: asker,
        approved_by: decider,
      },
    ]);
    // A second press of an answer finds the request closed and changes nothing.
    // (Telegram took the buttons off the message; an old client, or a forger, may still send one.)
    const [again] = await expectReplies(t, coordinator.chat, () => forgedPress(t, coordinator, refuse));
    expect(again?.text).toContain("đã được trả lời: đồng ý, hạn mới 15/01/2027");
    expect((await rows<{ status: string }>("select status from extension_requests"))[0]?.status).toBe(
      "approved",
    );

    // The next due reminder is about the new date.
    const n = t.emulator.messages(focal.chat.id).length;
    await t.app.runner.tick(new Date("2027-01-07T09:00:00+07:00"));
    await t.app.runner.tick(new Date("2027-01-08T08:00:00+07:00"));
    const dueReminder = () =>
      t.emulator
        .messages(focal.chat.id)
        .slice(n)
        .find((m) => m.text?.startsWith("📅 Nhắc hạn nhiệm vụ"));
    await until(() => dueReminder() !== undefined, "the due reminder on the new date", 10_000);
    expect(dueReminder()?.text).toMatch(/V\.6 .* — hạn 15\/01\/2027, còn \d+ ngày/);
    expectNoStackTrace(t);
  });
});
