import { describe, expect, it } from "vitest";
import type { SentMessage } from "../../emulators/telegram-api.ts";
import { linkContact, startTestApp, type TestApp } from "../../helpers/app.ts";
import { rowsOf } from "../../helpers/engine-choice.ts";
import {
  assignmentId,
  button,
  buttons,
  expectNoStackTrace,
  expectReplies,
  inject,
  type Person,
  person,
  press,
  recorded,
  say,
  textOf,
} from "./support.ts";

const coordinator = person(2001, "PC06");
const focal = person(1001, "Đầu mối Y tế");

interface Current {
  assignment_id: number;
  status: string;
  percent: number | null;
  description: string | null;
}

/** Each assignment's current report, by assignment id. */
async function current(t: TestApp): Promise<Map<number, Current>> {
  const rows = await rowsOf(t.core)<Current & { id: number }>(
    "select id, assignment_id, status, percent, description from reports where superseded_at is null order by id",
  );
  return new Map(rows.map((r) => [r.assignment_id, r]));
}

interface Thread {
  id: number;
  assignment_id: number;
  agency_id: string;
  question: string;
  asked_by: number;
  asked_via: string;
  answer: string | null;
  answered_by: number | null;
  answer_report_id: number | null;
}

function threads(t: TestApp): Promise<Thread[]> {
  return rowsOf(t.core)<Thread>(
    `select id, assignment_id, agency_id, question, asked_by, asked_via, answer, answered_by, answer_report_id
       from clarifications order by id`,
  );
}

/** What the outbox delivers to a chat next (a question or an answer), once it arrives. */
async function delivered(t: TestApp, chatId: number, before: number): Promise<SentMessage | undefined> {
  const all = await t.emulator.waitForMessages(chatId, before + 1, 10_000);
  return recorded(t, all[before]);
}

/** A press of a button whose keyboard is gone (an old client), or forged by someone it was not sent to. */
function stalePress(t: TestApp, who: Person, on: SentMessage | undefined, data: string) {
  const chat = { id: who.chat.id, type: "private", first_name: who.user.first_name };
  inject(t, {
    callback_query: {
      id: `stale-${who.user.id}-${data}`,
      from: { id: who.user.id, is_bot: false, first_name: who.user.first_name },
      message: { message_id: on?.messageId ?? 1, date: Math.floor(Date.now() / 1000), chat, text: "…" },
      chat_instance: "1",
      data,
    },
  });
}

describe("Hỏi lại on Telegram", () => {
  it("a coordinator asks about one report; the focal point edits that very report from the question; the answer comes back", async () => {
    const t = await startTestApp();
    const coordinatorId = await linkContact(t, coordinator.user.id, "cong-an-tinh", "coordinator", "PC06");
    const focalId = await linkContact(t, focal.user.id, "so-y-te", "focal", "Đầu mối Y tế");
    const v6 = await assignmentId(t, "so-y-te", "V.6");
    const ii10 = await assignmentId(t, "so-y-te", "II.10");
    const who = {
      agencyId: "so-y-te",
      contactId: focalId,
      chatId: "tg:1001",
      channel: "telegram",
      period: "2026-11",
    };
    const taskOf = async (id: number) =>
      (await t.core.store.reports.assignmentsOf("so-y-te")).find((a) => a.assignmentId === id)
        ?.taskId as number;
    // V.6 reported first; II.10 is the report the focal point touched last.
    await t.core.store.reports.save(
      {
        ...who,
        assignmentId: v6,
        taskId: await taskOf(v6),
        status: "in_progress",
        percent: 40,
        description: "Đang triển khai",
      },
      new Date("2026-12-01T02:00:00Z"),
    );
    await t.core.store.reports.save(
      {
        ...who,
        assignmentId: ii10,
        taskId: await taskOf(ii10),
        status: "in_progress",
        percent: 50,
        description: "12 trường",
      },
      new Date("2026-12-02T02:00:00Z"),
    );

    const inbox = t.emulator.messages(focal.chat.id).length;
    const [sent] = await say(t, coordinator, "/hoilai V.6 so y te da trien khai o bao nhieu xa roi a");
    expect(sent?.text).toBe(
      "Đã gửi câu hỏi về V.6 tới Sở Y tế (1 người nhận). Câu trả lời sẽ được chuyển lại cho bạn.",
    );
    const question = await delivered(t, focal.chat.id, inbox);
    expect(question?.text).toMatch(
      /^❓ PC06 hỏi về báo cáo nhiệm vụ V\.6 của Sở Y tế:\n“da trien khai o bao nhieu xa roi a”/,
    );
    expect(buttons(question).map((b) => b.text)).toEqual(["✏️ Sửa báo cáo", "💬 Trả lời"]);
    const edit = button(question, "Sửa báo cáo").data;

    // Someone of another agency cannot open it with the same data.
    const other = person(1003, "Đầu mối Tư pháp");
    await linkContact(t, other.user.id, "so-tu-phap", "focal");
    const [forged] = await expectReplies(t, other.chat, () => stalePress(t, other, question, edit));
    expect(forged?.text).toBe("Bạn không có quyền thực hiện thao tác này.");

    // The question opens V.6's report, from its last answers, not II.10 (touched last).
    const [prefilled] = await press(t, focal, question, "Sửa báo cáo");
    expect(prefilled?.text).toMatch(/^Câu trả lời lần trước \(kỳ 11\/2026\)/);
    expect(prefilled?.text).toContain("Xác nhận báo cáo — V.6");
    expect(prefilled?.text).toContain("• Mô tả: Đang triển khai");
    const [fields] = await press(t, focal, prefilled, "✏️ Sửa lại");
    const [percent] = await press(t, focal, fields, "Tỷ lệ hoàn thành");
    const [summary] = await say(t, focal, "80");
    const [fields2] = await press(t, focal, summary, "✏️ Sửa lại");
    await press(t, focal, fields2, "Mô tả");
    const [summary2] = await say(t, focal, "da trien khai o 12/17 xa, con 5 xa vung sau");
    expect(percent?.text).toContain("Tỷ lệ hoàn thành?");
    expect(summary2?.text).toContain("• Tỷ lệ hoàn thành: 80%");
    const coordinatorInbox = t.emulator.messages(coordinator.chat.id).length;
    const [saved] = await press(t, focal, summary2, "✅ Gửi báo cáo");
    expect(saved?.text).toMatch(/^Đã lưu báo cáo V\.6 cho kỳ tháng 11\/2026/);
    expect(saved?.text).toContain("Báo cáo đã sửa được gửi tới PC06 để trả lời câu hỏi.");

    const answer = await delivered(t, coordinator.chat.id, coordinatorInbox);
    expect(answer?.text).toBe(
      [
        "💬 Sở Y tế trả lời câu hỏi về V.6 (Đầu mối Y tế):",
        "Hỏi: “da trien khai o bao nhieu xa roi a”",
        "Đáp: đã sửa báo cáo — Đang thực hiện · 80%. da trien khai o 12/17 xa, con 5 xa vung sau",
      ].join("\n"),
    );
    // Saved on the asked assignment; II.10 untouched.
    const reports = await current(t);
    expect(reports.get(v6)).toMatchObject({
      status: "in_progress",
      percent: 80,
      description: "da trien khai o 12/17 xa, con 5 xa vung sau",
    });
    expect(reports.get(ii10)).toMatchObject({ percent: 50, description: "12 trường" });
    const [edited] = await rowsOf(t.core)<{ id: number }>(
      "select id from reports where assignment_id = ? and superseded_at is null",
      v6,
    );
    expect(await threads(t)).toEqual([
      {
        id: expect.any(Number),
        assignment_id: v6,
        agency_id: "so-y-te",
        question: "da trien khai o bao nhieu xa roi a",
        asked_by: coordinatorId,
        asked_via: "tg",
        answer: "da trien khai o 12/17 xa, con 5 xa vung sau",
        answered_by: focalId,
        answer_report_id: edited?.id,
      },
    ]);

    // A follow-up by replying to the answer; the focal point answers in words by replying to it.
    const inbox2 = t.emulator.messages(focal.chat.id).length;
    const [sent2] = await say(t, coordinator, "con 5 xa khi nao xong?", { replyTo: answer?.messageId });
    expect(sent2?.text).toContain("Đã gửi câu hỏi về V.6 tới Sở Y tế");
    const question2 = await delivered(t, focal.chat.id, inbox2);
    expect(question2?.text).toContain("“con 5 xa khi nao xong?”");
    const coordinatorInbox2 = t.emulator.messages(coordinator.chat.id).length;
    const [thanks] = await say(t, focal, "du kien xong truoc 20/12 a", { replyTo: question2?.messageId });
    expect(thanks?.text).toBe("Đã gửi câu trả lời tới PC06. Cảm ơn!");
    const answer2 = await delivered(t, coordinator.chat.id, coordinatorInbox2);
    expect(answer2?.text).toContain("Đáp: du kien xong truoc 20/12 a");
    const [, second] = await threads(t);
    expect(second).toMatchObject({
      assignment_id: v6,
      question: "con 5 xa khi nao xong?",
      answer: "du kien xong truoc 20/12 a",
      answered_by: focalId,
      answer_report_id: null,
    });
    // Reports did not change with a plain answer.
    expect((await current(t)).get(v6)?.percent).toBe(80);

    // An answered question's button (its keyboard is gone; an old client may still send it) opens nothing.
    const [again] = await expectReplies(t, focal.chat, () => stalePress(t, focal, question, edit));
    expect(again?.text).toBe("Câu hỏi này đã được Đầu mối Y tế trả lời. Muốn cập nhật thêm, gửi /baocao.");

    // The whole thread is in the task's history.
    const detail = textOf(await say(t, coordinator, "/chitiet V.6"));
    expect(detail).toContain("Hỏi lại (2):");
    expect(detail).toMatch(
      /• 03\/12\/2026 PC06 hỏi Sở Y tế: “da trien khai o bao nhieu xa roi a” — Đầu mối Y tế trả lời ngày 03\/12\/2026: đã sửa báo cáo — Đang thực hiện · 80%/,
    );
    expect(detail).toContain(
      "“con 5 xa khi nao xong?” — Đầu mối Y tế trả lời ngày 03/12/2026: du kien xong truoc 20/12 a",
    );
    const actions = await rowsOf(t.core)<{ action: string }>(
      "select action from audit where action like 'clarify.%' order by id",
    );
    expect(actions.map((a) => a.action)).toEqual([
      "clarify.ask",
      "clarify.answer",
      "clarify.ask",
      "clarify.answer",
    ]);
    expectNoStackTrace(t);
  });

  it("refuses /hoilai to a focal point and changes nothing; an agency not on the task is named back", async () => {
    const t = await startTestApp();
    await linkContact(t, coordinator.user.id, "cong-an-tinh", "coordinator", "PC06");
    await linkContact(t, focal.user.id, "so-y-te", "focal", "Đầu mối Y tế");
    const [refused] = await say(t, focal, "/hoilai V.6 so y te sao cham vay");
    expect(refused?.text).toBe("Lệnh này chỉ dành cho cán bộ điều phối Đề án 06 của Công an tỉnh.");
    const [notOnTask] = await say(t, coordinator, "/hoilai V.6 so tu phap: da xong chua");
    expect(notOnTask?.text).toMatch(/^Sở Tư pháp không được giao nhiệm vụ V\.6\. Đơn vị chủ trì: .*Sở Y tế/);
    const [usage] = await say(t, coordinator, "/hoilai V.6");
    expect(usage?.text).toContain("Cách dùng: /hoilai <mã nhiệm vụ> <đơn vị> <câu hỏi>");
    expect(await threads(t)).toEqual([]);
    expectNoStackTrace(t);
  });
});
