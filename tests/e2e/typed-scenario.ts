import { expect } from "vitest";
import type { Rows } from "../helpers/engine-choice.ts";
import { until } from "../helpers/redis.ts";
import { countOf } from "../helpers/saved.ts";

/** One channel as a person sees it: type a line, read the bot's answer; let the reminders run. */
export interface Driver {
  /** Numbered menus (Zalo, the console): "4" picks the fourth choice. */
  numbered: boolean;
  chatId: string;
  /** Reads of what was saved, on the engine the app runs on (rowsOf). */
  rows: Rows;
  say(text: string): Promise<string>;
  /** Runs the rules at 2026-12-01 08:00 and returns once every reminder to the chat went out. */
  remind(): Promise<string>;
}

/** Every reminder written for the chat has been handed to the platform. */
export async function allSent(rows: Rows, chatId: string): Promise<void> {
  await until(
    async () =>
      (await countOf(
        rows,
        "select count(*) n from outbox where chat_id = ? and state in ('pending', 'sending')",
        chatId,
      )) === 0,
    "every reminder sent",
  );
}

/** A boolean as SQLite (0 or 1) or PostgreSQL (true or false) returns it; anything else fails. */
function truth(value: unknown): boolean {
  if (value === 1 || value === true) return true;
  if (value === 0 || value === false) return false;
  throw new Error(`not a boolean: ${String(value)}`);
}

async function reports(d: Driver) {
  const rows = await d.rows<{ superseded: unknown }>(
    `select t.ref, r.status, r.percent, r.description, r.channel, r.superseded_at is not null superseded
       from reports r join tasks t on t.id = r.task_id where r.chat_id = ? order by r.id`,
    d.chatId,
  );
  return rows.map((r) => ({ ...r, superseded: truth(r.superseded) }));
}

/**
 * The examples of issue 10 as a person types them: a ref on another page, a reminder and a
 * command arriving in the middle of a report, a blocked task's description starting with
 * command words, a re-report that changes one answer, and an Annex I value checked before it
 * is saved. What was saved is read from the database at each point.
 */
export async function typedReportScenario(d: Driver): Promise<void> {
  const channel = d.chatId.split(":")[0] === "tg" ? "telegram" : d.chatId.split(":")[0];
  expect(await d.say("/baocao")).toMatch(/Chọn nhiệm vụ cần báo cáo \(trang 1\/8\)/);
  // II.1 is on the second page; "ii.1" is II.1, never II.10.
  expect(await d.say("ii.1")).toMatch(/II\.1 Đưa vào vận hành[\s\S]*Tình trạng thực hiện\?/);

  // A reminder and a command's answer arrive while the status question is open.
  expect(await d.remind()).toContain("📋 Kỳ báo cáo tháng 11/2026 — Sở Y tế");
  expect(await d.say("/trogiup")).toContain("Các lệnh:");
  expect(await d.say(d.numbered ? "4" : "vướng mắc")).toContain("Tỷ lệ hoàn thành?");
  expect(await d.say("40%")).toContain("Vui lòng mô tả vướng mắc");
  expect(await d.say("Trễ hạn do chưa được cấp kinh phí")).toContain("Gửi minh chứng");
  expect(await d.say("bo qua")).toContain("• Mô tả: Trễ hạn do chưa được cấp kinh phí");
  expect(await d.say(d.numbered ? "1" : "gửi báo cáo")).toContain("Đã lưu báo cáo II.1 cho kỳ tháng 11/2026");
  expect(await reports(d)).toEqual([
    {
      ref: "II.1",
      status: "blocked",
      percent: 40,
      description: "Trễ hạn do chưa được cấp kinh phí",
      channel,
      superseded: false,
    },
  ]);

  // Reporting it again starts from those answers; descriptions starting with "Báo cáo" and
  // "Hủy bỏ" are descriptions.
  for (const description of [
    "Báo cáo đã gửi Sở Tài chính ngày 05/12 để xin cấp bổ sung",
    "Hủy bỏ phương án cũ, chuyển sang thuê dịch vụ",
  ]) {
    expect(await d.say("/baocao")).toMatch(/Chọn nhiệm vụ cần báo cáo/);
    expect(await d.say("II 1")).toMatch(/Câu trả lời lần trước[\s\S]*• Tỷ lệ hoàn thành: 40%/);
    expect(await d.say("sửa lại")).toContain("Sửa mục nào?");
    expect(await d.say("mo ta")).toContain("Hiện tại: ");
    expect(await d.say(description)).toContain(`• Mô tả: ${description}`);
    expect(await d.say("gui")).toContain("Đã lưu báo cáo II.1");
  }
  const rows = (await reports(d)) as {
    description: string;
    superseded: boolean;
    status: string;
    percent: number;
  }[];
  expect(rows.map((r) => [r.status, r.percent, r.superseded])).toEqual([
    ["blocked", 40, true],
    ["blocked", 40, true],
    ["blocked", 40, false],
  ]);
  expect(rows.at(-1)?.description).toBe("Hủy bỏ phương án cũ, chuyển sang thuê dịch vụ");

  // An Annex I value: words and out-of-range percentages are refused; "2" is the value, confirmed.
  expect(await d.say("/chitieu")).toContain("Chọn chỉ tiêu cần cập nhật số liệu");
  expect(await d.say(d.numbered ? "1" : "II.5")).toMatch(/Chỉ tiêu II\.5 \(đơn vị tính: %/);
  for (const bad of ["abc", "khoảng vài chục", "150%"])
    expect(await d.say(bad)).toContain("cần một tỷ lệ từ 0 đến 100");
  const confirm = await d.say("2");
  expect(confirm).toContain("• Giá trị hiện tại: 2%");
  expect(confirm).toContain("• Mục tiêu 2026: 50");
  expect(await d.rows("select count(*) n from target_reports")).toEqual([{ n: 0 }]);
  expect(await d.say(d.numbered ? "1" : "lưu")).toContain("Đã ghi nhận chỉ tiêu II.5: 2%");
  expect(
    await d.rows(
      "select t.ref, r.value_text, r.value from target_reports r join targets t on t.id = r.target_id",
    ),
  ).toEqual([{ ref: "II.5", value_text: "2%", value: 2 }]);
}
