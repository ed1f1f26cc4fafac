import { describe, expect, it } from "vitest";
import type { TgMessage } from "../../emulators/telegram-api.ts";
import { linkContact, startTestApp, type TestApp } from "../../helpers/app.ts";
import { jsonValue, rowsOf } from "../../helpers/engine-choice.ts";
import { countOf } from "../../helpers/saved.ts";
import {
  assignmentId,
  button,
  buttons,
  expectNoStackTrace,
  inject,
  person,
  press,
  say,
  sentBefore,
  textOf,
} from "./support.ts";

const focal = person(1001, "Đầu mối Y tế");
const stranger = person(1999, "Người lạ");

async function flow(
  t: TestApp,
): Promise<{ step: string; data: { assignmentId?: number; description?: string } } | undefined> {
  const [row] = await rowsOf(t.core)<{ step: string; data: unknown }>(
    "select step, data from flows where chat_id = 'tg:1001'",
  );
  return row ? { step: row.step, data: jsonValue(row.data) } : undefined;
}

const reportCount = (t: TestApp) => countOf(rowsOf(t.core), "select count(*) n from reports");

/** A button press Telegram would never produce: data that was not on any button. */
function forgedPress(t: TestApp, on: { messageId: number }, data: string) {
  const chat = { id: focal.chat.id, type: "private", first_name: focal.user.first_name };
  inject(t, {
    callback_query: {
      id: `forged-${data}`,
      from: { id: focal.user.id, is_bot: false, first_name: focal.user.first_name },
      message: { message_id: on.messageId, date: Math.floor(Date.now() / 1000), chat, text: "…" },
      chat_instance: "1",
      data,
    },
  });
}

describe("bad input over Telegram", () => {
  it("keeps forged buttons from reaching another agency's task", async () => {
    const t = await startTestApp();
    await linkContact(t, focal.user.id, "so-y-te", "focal");
    const vpII4 = await assignmentId(t, "van-phong-ubnd-tinh", "II.4");
    const [tasks] = await say(t, focal, "/nhiemvu", { count: 2 });
    if (!tasks) throw new Error("no /nhiemvu answer");

    // "rp:<id>" of Văn phòng UBND tỉnh's assignment: the report starts, but not on that task.
    const [list] = await sentBefore(t, focal.chat, focal, () => forgedPress(t, tasks, `rp:${vpII4}`));
    expect(list?.text).toMatch(/^Chọn nhiệm vụ cần báo cáo/);
    expect(buttons(list).map((b) => b.data)).not.toContainEqual(expect.stringMatching(`:a${vpII4}$`));
    expect(await flow(t)).toMatchObject({ step: "task" });
    expect((await flow(t))?.data.assignmentId).toBeUndefined();

    // The right nonce with the other agency's assignment: refused, the list again.
    const nonce = button(list, "II.10 · ").data.split(":")[1];
    const refused = await sentBefore(t, focal.chat, focal, () =>
      forgedPress(t, list ?? tasks, `f:${nonce}:a${vpII4}`),
    );
    expect(refused[0]?.text).toBe("Vui lòng chọn nhiệm vụ trong danh sách.");
    expect(refused[1]?.text).toMatch(/^Chọn nhiệm vụ cần báo cáo/);
    expect(await flow(t)).toMatchObject({ step: "task" });

    // A wrong nonce: the button belongs to no live flow.
    const own = await assignmentId(t, "so-y-te", "II.10");
    const [stale] = await sentBefore(t, focal.chat, focal, () => forgedPress(t, tasks, `f:000000:a${own}`));
    expect(stale?.text).toContain("Lựa chọn này thuộc một thao tác đã kết thúc");
    // Junk data of every shape is answered politely.
    for (const data of ["f::", "f", "rp:abc", "rp:-1", "x".repeat(64), `f:${nonce}:a1e9`]) {
      const replies = await sentBefore(t, focal.chat, focal, () => forgedPress(t, tasks, data));
      expect(replies.length).toBeGreaterThanOrEqual(1);
      expect(replies.length).toBeLessThanOrEqual(2);
    }
    expect(await reportCount(t)).toBe(0);
    expect(
      await rowsOf(t.core)("select count(*) n from reports where agency_id = 'van-phong-ubnd-tinh'"),
    ).toEqual([{ n: 0 }]);
    expectNoStackTrace(t);
  });

  it("refuses over-long text, keeps the flow at its step, and stores emoji and mixed scripts exactly", async () => {
    const t = await startTestApp();
    await linkContact(t, focal.user.id, "so-y-te", "focal");
    const huge = "Báo cáo ".repeat(1250);
    expect(huge.length).toBe(10_000);
    const [tooLong] = await say(t, focal, huge);
    expect(tooLong?.text).toBe(
      "Tin nhắn quá dài (10.000 ký tự; tối đa 4.000). Vui lòng rút gọn rồi gửi lại.",
    );
    expect(await flow(t)).toBeUndefined();

    const [list] = await say(t, focal, "/baocao");
    const [status] = await press(t, focal, list, "II.10 · ");
    const [percent] = await press(t, focal, status, "Đang thực hiện");
    const [description] = await press(t, focal, percent, "25%");
    expect(description?.text).toContain("Mô tả ngắn kết quả (tối đa 2.000 ký tự)");

    const [again] = await say(t, focal, huge);
    expect(again?.text).toContain("Tin nhắn quá dài (10.000 ký tự");
    expect((await flow(t))?.step).toBe("description");
    const [over] = await say(t, focal, "x".repeat(2500));
    expect(over?.text).toBe(
      "Mô tả dài 2.500 ký tự, vượt quá 2.000. Vui lòng rút gọn rồi gửi lại; chưa có gì thay đổi.",
    );
    expect((await flow(t))?.step).toBe("description");
    expect((await flow(t))?.data.description).toBeUndefined();

    const mixed = "Đã xong 👍 完成 ✅";
    const [evidence] = await say(t, focal, mixed);
    expect(evidence?.text).toContain("Gửi minh chứng");
    const [summary] = await press(t, focal, evidence, "Bỏ qua");
    expect(summary?.text).toContain(`• Mô tả: ${mixed}`);
    // A double tap reaches the bot twice before the keyboard goes: one report, one polite refusal.
    const send = button(summary, "✅ Gửi báo cáo").data;
    const answers = await sentBefore(t, focal.chat, focal, () => {
      t.emulator.pressButton(focal.user, focal.chat, summary?.messageId ?? 0, send);
      t.emulator.pressButton(focal.user, focal.chat, summary?.messageId ?? 0, send);
    });
    expect(answers.map((m) => m.text?.slice(0, 25))).toEqual([
      "Đã lưu báo cáo II.10 cho ",
      "Lựa chọn này thuộc một th",
    ]);
    expect(await rowsOf(t.core)("select description, percent from reports")).toEqual([
      { description: mixed, percent: 25 },
    ]);
    expectNoStackTrace(t);
  });

  it("answers a command word typed without its slash with the command to send, and runs nothing", async () => {
    const t = await startTestApp();
    const coordinator = person(2001, "PC06");
    await linkContact(t, focal.user.id, "so-y-te", "focal");
    await linkContact(t, coordinator.user.id, "cong-an-tinh", "coordinator", "PC06");
    const outbox = () => countOf(rowsOf(t.core), "select count(*) n from outbox");
    const before = await outbox();
    expect(textOf(await say(t, coordinator, "nhắc so y te"))).toBe(
      "Trên Telegram, lệnh bắt đầu bằng dấu “/”. Có phải bạn muốn gửi: /nhac so y te\n\n" +
        "Gửi /baocao để báo cáo tiến độ, /nhiemvu để xem nhiệm vụ, /trogiup để xem hướng dẫn.",
    );
    // Nothing went to Sở Y tế's focal point: the words were not run as /nhac.
    expect(await outbox()).toBe(before);
    expect(t.emulator.messages(focal.chat.id)).toEqual([]);
    expect(textOf(await say(t, focal, "Nhiệm vụ"))).toMatch(/^Trên Telegram, .*gửi: \/nhiemvu\n/);
    expect(await flow(t)).toBeUndefined();
    // English command names open ordinary sentences: the plain hint.
    expect(textOf(await say(t, focal, "help me please"))).toBe(
      "Gửi /baocao để báo cáo tiến độ, /nhiemvu để xem nhiệm vụ, /trogiup để xem hướng dẫn.",
    );
    expectNoStackTrace(t);
  });

  it("answers unknown commands and strangers politely, and ignores updates with nothing to answer", async () => {
    const t = await startTestApp();
    await linkContact(t, focal.user.id, "so-y-te", "focal");
    expect(textOf(await say(t, focal, "/xyz"))).toBe(
      "Gửi /baocao để báo cáo tiến độ, /nhiemvu để xem nhiệm vụ, /trogiup để xem hướng dẫn.",
    );
    expect(textOf(await say(t, focal, "/xyz@nhacviec_test_bot tham số"))).toContain("Gửi /baocao");
    expect(textOf(await say(t, stranger, "/xyz"))).toMatch(/^Xin chào! Bạn chưa được liên kết/);
    expect(textOf(await say(t, stranger, "Đây là 𝓽𝓮𝔁𝓽 ‮ lạ"))).toMatch(/^Xin chào! Bạn chưa được liên kết/);

    const mine = t.emulator.sendText(focal.user, focal.chat, "xin chào").message as TgMessage;
    await t.emulator.waitForMessages(focal.chat.id, 3);
    const chat = { id: focal.chat.id, type: "private", first_name: focal.user.first_name };
    const from = { id: focal.user.id, is_bot: false, first_name: focal.user.first_name };
    const date = Math.floor(Date.now() / 1000);
    const quiet = await sentBefore(t, focal.chat, focal, () => {
      t.emulator.editText(focal.user, focal.chat, mine.message_id, "/baocao");
      inject(t, {
        poll: {
          id: "5",
          question: "Họp lúc mấy giờ?",
          options: [{ text: "8h", voter_count: 1 }],
          total_voter_count: 1,
          is_closed: false,
          is_anonymous: true,
          type: "regular",
          allows_multiple_answers: false,
        },
      });
      inject(t, { message: { message_id: 900, date, chat, from, sticker: { file_id: "st" } } });
      inject(t, {
        message: { message_id: 901, date, chat, from: { ...from, id: 42, is_bot: true }, text: "/baocao" },
      });
      inject(t, {
        callback_query: { id: "q1", from, chat_instance: "1", inline_message_id: "abc", data: "rp" },
      });
      inject(t, {
        channel_post: {
          message_id: 5,
          date,
          chat: { id: -100777, type: "channel", title: "Kênh" },
          text: "/trehan",
        },
      });
      inject(t, {});
    });
    expect(quiet).toEqual([]);
    expect(t.emulator.messages().filter((m) => m.chatId === -100777)).toEqual([]);
    expect(await flow(t)).toBeUndefined();
    expectNoStackTrace(t);
  });
});
