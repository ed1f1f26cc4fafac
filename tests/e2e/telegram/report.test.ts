import { describe, expect, it } from "vitest";
import type { SentMessage } from "../../emulators/telegram-api.ts";
import { linkContact, startTestApp, type TestApp } from "../../helpers/app.ts";
import { jsonValue, rowsOf } from "../../helpers/engine-choice.ts";
import { countOf } from "../../helpers/saved.ts";
import {
  assignmentId,
  button,
  buttons,
  expectNoStackTrace,
  type Person,
  person,
  press,
  recorded,
  say,
  textOf,
} from "./support.ts";

const focal = person(1001, "Đầu mối Y tế");

interface ReportRow {
  id: number;
  assignment_id: number;
  status: string;
  percent: number | null;
  description: string | null;
  channel: string;
  chat_id: string;
  period: string;
  superseded_at: string | null;
}

function reports(t: TestApp): Promise<ReportRow[]> {
  return rowsOf(t.core)<ReportRow>("select * from reports order by id");
}

/** How many conversations are open (in one chat, or anywhere). */
function openFlows(t: TestApp, chatId?: string): Promise<number> {
  return chatId
    ? countOf(rowsOf(t.core), "select count(*) n from flows where chat_id = ?", chatId)
    : countOf(rowsOf(t.core), "select count(*) n from flows");
}

/** Picks a task on the first page of the list, answers every step with buttons, and sends. */
async function reportWithButtons(
  t: TestApp,
  who: Person,
  list: SentMessage | undefined,
  ref: string,
  status: string,
  description: string,
): Promise<SentMessage[]> {
  expect(list?.text).toMatch(/^Chọn nhiệm vụ cần báo cáo \(trang 1\/\d+\):/);
  const [statusQuestion] = await press(t, who, list, `${ref} · `);
  expect(statusQuestion?.text).toMatch(
    new RegExp(`^${ref.replace(".", "\\.")} .*\\nTình trạng thực hiện\\?`),
  );
  let [next] = await press(t, who, statusQuestion, status);
  if (status === "Đang thực hiện") {
    expect(next?.text).toBe("Tỷ lệ hoàn thành? Chọn hoặc nhập số từ 0 đến 100.");
    [next] = await press(t, who, next, "50%");
  }
  expect(next?.text).toContain("Mô tả ngắn kết quả");
  const [evidence] = await say(t, who, description);
  expect(evidence?.text).toContain("Gửi minh chứng nếu có");
  const [summary] = await press(t, who, evidence, "Bỏ qua");
  expect(summary?.text).toContain(`Xác nhận báo cáo — ${ref}`);
  expect(summary?.text).toContain(`• Tình trạng: ${status}`);
  expect(summary?.text).toContain(`• Mô tả: ${description}`);
  return press(t, who, summary, "✅ Gửi báo cáo");
}

describe("reminders and reports on Telegram", () => {
  it("delivers the cycle reminder; its button leads through a report, an edit, and a cancelled one", async () => {
    const t = await startTestApp();
    await linkContact(t, focal.user.id, "so-y-te", "focal", "Đầu mối Y tế");
    await t.app.runner.tick(new Date("2026-12-01T08:00:00+07:00"));
    const delivered = await t.emulator.waitForMessages(focal.chat.id, 2);
    const reminder = delivered.find((m) => m.text?.startsWith("📋 Kỳ báo cáo tháng 11/2026 — Sở Y tế"));
    expect(reminder?.text).toContain("Hạn gửi báo cáo: trước ngày");
    expect(button(reminder, "📝 Báo cáo ngay").data).toBe("rp");

    const [list] = await press(t, focal, reminder, "📝 Báo cáo ngay");
    // The keyboard is gone from the reminder: a second tap cannot start another flow.
    expect(
      buttons(t.emulator.messages(focal.chat.id).find((m) => m.messageId === reminder?.messageId)),
    ).toEqual([]);
    const [saved] = await reportWithButtons(
      t,
      focal,
      list,
      "II.10",
      "Đang thực hiện",
      "Đã công khai 12 trường",
    );
    expect(saved?.text).toMatch(
      /^Đã lưu báo cáo II\.10 cho kỳ tháng 11\/2026\. Có thể sửa đến hết ngày 10\/12\/2026/,
    );
    const ii10 = await assignmentId(t, "so-y-te", "II.10");
    expect(await reports(t)).toMatchObject([
      {
        assignment_id: ii10,
        status: "in_progress",
        percent: 50,
        description: "Đã công khai 12 trường",
        channel: "telegram",
        chat_id: "tg:1001",
        period: "2026-11",
        superseded_at: null,
      },
    ]);
    expect(await openFlows(t, "tg:1001")).toBe(0);

    // Reporting the same task again starts from the answers already given: one changed, the
    // rest kept, and the new report replaces the first one for the period.
    const [list2] = await say(t, focal, "/baocao");
    const [prefilled] = await press(t, focal, list2, "II.10 · ");
    expect(prefilled?.text).toMatch(/^Câu trả lời lần trước \(kỳ 11\/2026\)/);
    expect(prefilled?.text).toContain("• Mô tả: Đã công khai 12 trường");
    const [fields] = await press(t, focal, prefilled, "✏️ Sửa lại");
    const [status2] = await press(t, focal, fields, "Tình trạng");
    expect(status2?.text).toContain("Hiện tại: Đang thực hiện");
    const [summary2] = await press(t, focal, status2, "Hoàn thành");
    expect(summary2?.text).toContain("• Tình trạng: Hoàn thành");
    expect(summary2?.text).toContain("• Tỷ lệ hoàn thành: 100%");
    const [saved2] = await press(t, focal, summary2, "✅ Gửi báo cáo");
    expect(saved2?.text).toMatch(/^Đã lưu báo cáo II\.10/);
    const [first, second] = await reports(t);
    expect(await reports(t)).toHaveLength(2);
    expect(first?.superseded_at).not.toBeNull();
    expect(second).toMatchObject({
      assignment_id: ii10,
      status: "done",
      percent: 100,
      description: "Đã công khai 12 trường",
      superseded_at: null,
    });

    // A flow cancelled midway stores nothing.
    const [list3] = await press(t, focal, saved2, "📝 Báo cáo nhiệm vụ khác");
    const [status3] = await press(t, focal, list3, "IV.3 · ");
    await press(t, focal, status3, "Đang thực hiện");
    const [cancelled] = await say(t, focal, "/huy");
    expect(cancelled?.text).toBe("Đã hủy. Không có gì được lưu.");
    expect(await reports(t)).toHaveLength(2);
    expect(await openFlows(t, "tg:1001")).toBe(0);
    // The old keyboard no longer acts.
    const percentQuestion = t.emulator.messages(focal.chat.id).at(-2);
    const [stale] = await press(t, focal, percentQuestion, "75%");
    expect(stale?.text).toContain("Lựa chọn này thuộc một thao tác đã kết thúc");
    expect(await reports(t)).toHaveLength(2);
    expect(textOf(await say(t, focal, "/huy"))).toBe("Không có thao tác nào đang dở.");
    expectNoStackTrace(t);
  });

  it("starts a report on the reminded task when the user replies to a due-date reminder", async () => {
    const t = await startTestApp();
    await linkContact(t, focal.user.id, "so-y-te", "focal");
    await t.app.runner.tick(new Date("2026-12-01T08:00:00+07:00"));
    const delivered = await t.emulator.waitForMessages(focal.chat.id, 2);
    const due = delivered.find((m) => m.text?.startsWith("📅 Nhắc hạn nhiệm vụ — Sở Y tế"));
    expect(due?.text).toContain("V.6");
    const v6 = await assignmentId(t, "so-y-te", "V.6");
    expect(buttons(due).map((b) => b.data)).toEqual([
      `rp:${v6}`,
      expect.stringMatching(/^sz:\d+$/),
      `ex:${v6}`,
    ]);

    await recorded(t, due);
    const [question] = await say(t, focal, "Báo cáo nhiệm vụ này", { replyTo: due?.messageId });
    expect(question?.text).toMatch(/^V\.6 .*\nTình trạng thực hiện\?/);
    const [percent] = await press(t, focal, question, "Đang thực hiện");
    // A typed percent works as well as the buttons.
    const [descriptionQuestion] = await say(t, focal, "60");
    expect(descriptionQuestion?.text).toContain("Mô tả ngắn kết quả");
    const [evidence] = await press(t, focal, descriptionQuestion, "Bỏ qua");
    const [summary] = await say(t, focal, "https://soyte.gialai.gov.vn/bao-cao-v6.pdf");
    expect(summary?.text).toContain("• Tỷ lệ hoàn thành: 60%");
    expect(summary?.text).toContain("• Minh chứng: 1 mục");
    await press(t, focal, summary, "✅ Gửi báo cáo");
    expect(percent?.text).toContain("Tỷ lệ hoàn thành?");
    expect(evidence?.text).toContain("Gửi minh chứng");
    const [row] = await reports(t);
    expect(row).toMatchObject({ assignment_id: v6, status: "in_progress", percent: 60, description: null });
    const [stored] = await rowsOf(t.core)<{ e: unknown }>("select evidence e from reports");
    expect(jsonValue(stored?.e)).toEqual([
      { kind: "link", url: "https://soyte.gialai.gov.vn/bao-cao-v6.pdf" },
    ]);

    // A reply to something that is not a reminder is just a message.
    const [hint] = await say(t, focal, "ok", { replyTo: summary?.messageId });
    expect(hint?.text).toContain("Gửi /baocao để báo cáo tiến độ");
    expectNoStackTrace(t);
  });

  it("treats a reply to a message without a report button as an ordinary message", async () => {
    const t = await startTestApp();
    const coordinator = person(2001, "PC06");
    await linkContact(t, focal.user.id, "so-y-te", "focal", "Đầu mối Y tế");
    await linkContact(t, coordinator.user.id, "cong-an-tinh", "coordinator", "PC06");
    t.emulator.blockChat(focal.chat.id);
    await t.app.runner.tick(new Date("2026-12-01T08:00:00+07:00"));
    const notices = await t.emulator.waitForMessages(coordinator.chat.id, 1, 8000);
    const notice = notices.find((m) => m.text?.startsWith("⚠️ Không gửi được tin nhắn tới Đầu mối Y tế"));
    expect(notice).toBeDefined();
    expect(buttons(notice)).toEqual([]);

    await recorded(t, notice);
    const [answer] = await say(t, coordinator, "Đã gọi điện cho anh ấy", { replyTo: notice?.messageId });
    expect(answer?.text).toBe(
      "Gửi /baocao để báo cáo tiến độ, /nhiemvu để xem nhiệm vụ, /trogiup để xem hướng dẫn.",
    );
    expect(await openFlows(t)).toBe(0);

    // A reminder too long for one message arrives in parts, the button on the last one;
    // a reply to the first part is still a reply to the reminder.
    const before = t.emulator.messages(coordinator.chat.id).length;
    const line = "• Nhiệm vụ thường xuyên cần báo cáo trong kỳ, kèm số liệu và minh chứng.";
    await t.core.outbox.add([
      {
        dedupeKey: "test:long-reminder",
        chatId: "tg:2001",
        kind: "manual-remind",
        text: ["🔔 Nhắc báo cáo", ...Array.from({ length: 80 }, () => line)].join("\n"),
        choices: [[{ label: "📝 Báo cáo ngay", data: "rp" }]],
        sendAfter: new Date(Date.now() - 1000).toISOString(),
      },
    ]);
    await t.app.runner.dispatchNow(new Date());
    const parts = (await t.emulator.waitForMessages(coordinator.chat.id, before + 2, 8000)).slice(before);
    expect(buttons(parts[0])).toEqual([]);
    expect(buttons(parts[1]).map((b) => b.data)).toEqual(["rp"]);
    await recorded(t, parts[0]);
    const [list] = await say(t, coordinator, "Báo cáo", { replyTo: parts[0]?.messageId });
    expect(list?.text).toMatch(/^Chọn nhiệm vụ cần báo cáo/);
    expectNoStackTrace(t);
  });
});
