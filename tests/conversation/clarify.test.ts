import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { clarifyData } from "../../src/choice-data.ts";
import { addContact } from "../../src/people/contacts.ts";
import { agreed } from "../helpers/consent.ts";
import { rowsOf } from "../helpers/engine-choice.ts";
import { channelHarness, type Harness } from "./harness.ts";

interface Thread {
  id: number;
  assignment_id: number;
  question: string;
  answer: string | null;
  answer_report_id: number | null;
}

/**
 * Zalo: bare words, numbered choices; the people type without accents, in whole sentences. Sở Y tế
 * has two focal points here: the harness's on Zalo and the fixture's on Telegram.
 */
describe("Hỏi lại on Zalo: rules and permissions", () => {
  let h: Harness;
  const boss = "zalo:pc06";
  const rows = () => rowsOf(h.core);
  const threads = () =>
    rows()<Thread>(
      "select id, assignment_id, question, answer, answer_report_id from clarifications order by id",
    );
  /** What delivery does with a message that has choices: the chat's menu, answered by number. */
  const deliver = async (kind: string, chatId: string) => {
    const [m] = (await h.core.store.outbox.list({}))
      .filter((r) => r.kind === kind && r.chatId === chatId)
      .slice(-1);
    if (!m) throw new Error(`no ${kind} for ${chatId}`);
    await h.router.flows.setMenu(chatId, (m.choices ?? []).flat(), new Date());
    return m;
  };

  beforeAll(async () => {
    h = await channelHarness("zalo");
    const { id } = await addContact(h.core.store, {
      agency: "cong-an-tinh",
      role: "coordinator",
      chat: boss,
      name: "PC06",
    });
    await agreed(h.core.store, id);
  });
  beforeEach(async () => {
    // Questions first: they point at the reports the harness clears.
    for (const table of ["clarifications", "outbox"]) await rows()(`delete from ${table}`);
    await h.reset();
  });

  it("a question typed in a sentence, answered by 1 (edit the asked report) on the right assignment", async () => {
    const v6 = await h.assignment("V.6");
    const ii10 = await h.assignment("II.10");
    // The focal point's latest report is on another task.
    const [other] = (await h.core.store.reports.assignmentsOf("so-y-te")).filter(
      (a) => a.assignmentId === ii10,
    );
    await h.core.store.reports.save(
      {
        ...(other as NonNullable<typeof other>),
        agencyId: "so-y-te",
        period: "2026-11",
        status: "in_progress",
        percent: 30,
        contactId: (
          await rows()<{ id: number }>("select contact_id id from contact_chats where chat_id = ?", h.chat)
        )[0]?.id as number,
        chatId: h.chat,
        channel: "zalo",
      },
      new Date("2026-12-02T02:00:00Z"),
    );
    expect(await h.send("hoilai V.6 so y te: em kiem tra lai ty le giup anh nhe", boss)).toMatch(
      /^Đã gửi câu hỏi về V\.6 tới Sở Y tế \(2 người nhận\)/,
    );
    const question = await deliver("question", h.chat);
    expect(question.text).toContain("“em kiem tra lai ty le giup anh nhe”");
    expect(question.choices?.flat().map((c) => c.label)).toEqual(["✏️ Sửa báo cáo", "💬 Trả lời"]);

    // Reported last on II.10: the edit is still V.6's.
    const status = await h.send("1");
    expect(status).toMatch(/^V\.6 .*\nTình trạng thực hiện\?/);
    expect(await h.send("dang thuc hien")).toContain("Tỷ lệ hoàn thành?");
    expect(await h.send("65")).toContain("Mô tả ngắn kết quả");
    expect(await h.send("da trien khai o 9 benh vien")).toContain("Gửi minh chứng");
    expect(await h.send("bo qua")).toContain("Xác nhận báo cáo — V.6");
    expect(await h.send("gui bao cao")).toContain("Báo cáo đã sửa được gửi tới PC06 để trả lời câu hỏi.");

    const current = await rows()<{ id: number; assignment_id: number; percent: number }>(
      "select id, assignment_id, percent from reports where superseded_at is null order by id",
    );
    expect(current.map((r) => [r.assignment_id, r.percent])).toEqual([
      [ii10, 30],
      [v6, 65],
    ]);
    const saved = current[1];
    expect(await threads()).toEqual([
      {
        id: expect.any(Number),
        assignment_id: v6,
        question: "em kiem tra lai ty le giup anh nhe",
        answer: "da trien khai o 9 benh vien",
        answer_report_id: saved?.id,
      },
    ]);
    const answer = await deliver("answer", boss);
    expect(answer.text).toContain("Đáp: đã sửa báo cáo — Đang thực hiện · 65%. da trien khai o 9 benh vien");
    // The coordinator's 1 on the answer asks a follow-up: the next words are the question.
    expect(await h.send("1", boss)).toBe("Nhập câu hỏi gửi Sở Y tế về báo cáo nhiệm vụ V.6:");
    expect(await h.send("con bao nhieu benh vien chua trien khai?", boss)).toContain("Đã gửi câu hỏi về V.6");
    // The trail names the question by its task and agency.
    const trail = await h.send("nhatky", boss);
    expect(trail).toMatch(/Trả lời câu hỏi của điều phối · câu hỏi về V\.6 cho Sở Y tế/);
    expect(trail).toMatch(/Hỏi lại đơn vị · câu hỏi về V\.6 cho Sở Y tế/);
    expect((await threads()).map((t) => t.question)).toEqual([
      "em kiem tra lai ty le giup anh nhe",
      "con bao nhieu benh vien chua trien khai?",
    ]);
  });

  it("2 answers in words; a second answer and another agency's contact change nothing", async () => {
    await h.send("hoilai V.6 sở y tế đã có văn bản chưa em", boss);
    await deliver("question", h.chat);
    expect(await h.send("2")).toBe("Nhập câu trả lời cho câu hỏi về V.6:\n“đã có văn bản chưa em”");
    expect(await h.send("da co ke hoach 45/KH-SYT ngay 01/12 a")).toBe(
      "Đã gửi câu trả lời tới PC06. Cảm ơn!",
    );
    const [thread] = await threads();
    expect(thread).toMatchObject({ answer: "da co ke hoach 45/KH-SYT ngay 01/12 a", answer_report_id: null });
    expect(await h.core.store.reports.lastReport(thread?.assignment_id as number)).toBeUndefined();

    const id = thread?.id as number;
    const press = (data: string, who: string) =>
      h.router
        .handle(
          { chatId: who, chatType: "private", userId: who, channel: "zalo", choice: data },
          { bareCommands: true },
        )
        .then((r) => r.map((x) => x.text).join("\n"));
    expect(await press(clarifyData(id, "reply"), h.chat)).toBe(
      // The harness's focal point has no name: the agency's stands in.
      "Câu hỏi này đã được Sở Y tế trả lời. Muốn cập nhật thêm, gửi /baocao.",
    );
    // Never trusted: another agency's focal point, a focal point asking, an unknown question.
    expect(await press(clarifyData(id, "edit"), h.khcn)).toBe("Bạn không có quyền thực hiện thao tác này.");
    expect(await press(clarifyData(id, "follow-up"), h.chat)).toBe(
      "Lệnh này chỉ dành cho cán bộ điều phối Đề án 06 của Công an tỉnh.",
    );
    expect(await press(clarifyData(999_999, "edit"), h.chat)).toContain("không còn hiệu lực");
    expect(await h.flow(h.khcn)).toBeUndefined();
    expect(await threads()).toHaveLength(1);
  });

  it("bad input gets a polite line and saves nothing: too long, nobody to ask, unknown task", async () => {
    const audited = () => rows()("select id from audit where action like 'clarify.%'");
    const before = await audited();
    expect(await h.send(`hoilai V.6 so y te: ${"x".repeat(1001)}`, boss)).toContain("dài quá 1.000 ký tự");
    expect(await h.send("hoilai XX.9 so y te da xong chua", boss)).toContain("“XX.9”");
    expect(await h.send("hoilai V.6 benh vien khong ton tai abc", boss)).toMatch(
      /^Không thấy tên đơn vị được giao nhiệm vụ V\.6 trong lệnh\. Đơn vị chủ trì: Sở Y tế/,
    );
    // Sở Khoa học và Công nghệ's only focal point has left: nobody receives the question.
    const [khcn] = await rows()<{ id: number }>(
      "select id from contacts where agency_id = 'so-khoa-hoc-va-cong-nghe'",
    );
    await h.core.store.people.removeContact(khcn?.id as number, new Date().toISOString());
    const [task] = await rows()<{ ref: string }>(
      `select t.ref from assignments a join tasks t on t.id = a.task_id
        where a.agency_id = 'so-khoa-hoc-va-cong-nghe' and a.archived_at is null order by a.id limit 1`,
    );
    expect(await h.send(`hoilai ${task?.ref} so khoa hoc va cong nghe: tien do the nao`, boss)).toBe(
      "Sở Khoa học và Công nghệ chưa có đầu mối nào nhận được tin nhắn; chưa gửi câu hỏi.",
    );
    // Without the question, the next message is it.
    expect(await h.send("hoilai V.6 so y te", boss)).toBe(
      "Nhập câu hỏi gửi Sở Y tế về báo cáo nhiệm vụ V.6:",
    );
    expect(await h.send("huy", boss)).toContain("Đã hủy");
    expect(await threads()).toEqual([]);
    expect((await h.core.store.outbox.list({})).filter((m) => m.kind === "question")).toEqual([]);
    expect(await audited()).toEqual(before);
  });
});
