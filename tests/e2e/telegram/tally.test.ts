import { describe, expect, it } from "vitest";
import { linkContact, startTestApp, type TestApp } from "../../helpers/app.ts";
import { rowsOf } from "../../helpers/engine-choice.ts";
import { expectNoStackTrace, type Person, person, say, textOf } from "./support.ts";

const coordinator = person(2001, "PC06");
const focal = person(1001, "Đầu mối Y tế");

async function ask(t: TestApp, who: Person, text: string): Promise<string> {
  return textOf(await say(t, who, text));
}

/** A report typed the way a focal point types it, without accents; returns the last answer. */
async function reportDone(t: TestApp, ref: string, description: string): Promise<string> {
  expect(await ask(t, focal, "/baocao")).toMatch(/Chọn nhiệm vụ cần báo cáo/);
  expect(await ask(t, focal, ref.toLowerCase())).toContain("Tình trạng thực hiện?");
  expect(await ask(t, focal, "hoan thanh")).toContain("Mô tả ngắn kết quả");
  expect(await ask(t, focal, description)).toContain("Gửi minh chứng");
  expect(await ask(t, focal, "bo qua")).toContain("• Tình trạng: Hoàn thành");
  return ask(t, focal, "gui");
}

/** The four counts of a /tinhhinh answer, in the order shown. */
function counts(text: string): number[] {
  return [
    /^• Hoàn thành đúng hạn: (\d+)$/m,
    /^• Hoàn thành quá hạn: (\d+)$/m,
    /^• Đang thực hiện trong hạn: (\d+)$/m,
    /^• Chưa hoàn thành quá hạn: (\d+)$/m,
  ].map((re) => Number(re.exec(text)?.[1] ?? Number.NaN));
}

describe("on-time tallies on Telegram", () => {
  it("/tinhhinh counts a task finished before its date as on time, and one finished after it as late", async () => {
    // Sở Y tế leads two tasks with a date: V.6 (31/12/2026) and VII.4 (28/02/2027).
    const t = await startTestApp({ now: "2026-12-03T09:00:00+07:00" });
    await linkContact(t, coordinator.user.id, "cong-an-tinh", "coordinator");
    await linkContact(t, focal.user.id, "so-y-te", "focal", "Đầu mối Y tế");

    const before = await ask(t, coordinator, "/tinhhinh so y te");
    expect(before).toContain("📊 Tiến độ đúng hạn đến ngày 03/12/2026 (2 nhiệm vụ có thời hạn):");
    expect(counts(before)).toEqual([0, 0, 2, 0]);
    expect(before).toContain(
      "Không tính 7 nhiệm vụ thường xuyên, định kỳ, chưa có thời hạn hoặc không áp dụng.",
    );

    expect(await reportDone(t, "V.6", "da trien khai xong o 17 benh vien")).toContain("Đã lưu báo cáo V.6");
    expect(counts(await ask(t, coordinator, "/tinhhinh so y te"))).toEqual([1, 0, 1, 0]);

    // March 2027: VII.4's date has passed unfinished, then it is reported done.
    t.clock.set("2027-03-05T09:00:00+07:00");
    const march = await ask(t, coordinator, "/tinhhinh sở y tế");
    expect(march).toContain("đến ngày 05/03/2027");
    expect(counts(march)).toEqual([1, 0, 0, 1]);
    expect(await reportDone(t, "VII.4", "da ban hanh quy che ngay 04/03")).toContain("Đã lưu báo cáo VII.4");
    expect(counts(await ask(t, coordinator, "/tinhhinh so y te"))).toEqual([1, 1, 0, 0]);

    // What was saved: two "done" reports, each with the instant that judged it.
    const saved = await rowsOf(t.core)<{ ref: string; status: string; submitted_at: string }>(
      `select t.ref, r.status, r.submitted_at from reports r join tasks t on t.id = r.task_id
        where r.agency_id = 'so-y-te' order by r.id`,
    );
    expect(saved).toEqual([
      { ref: "V.6", status: "done", submitted_at: "2026-12-03T02:00:00.000Z" },
      { ref: "VII.4", status: "done", submitted_at: "2027-03-05T02:00:00.000Z" },
    ]);

    // With no agency: the whole plan, and how to ask for one.
    const plan = await ask(t, coordinator, "/tinhhinh");
    expect(plan).toMatch(/^📊 Tiến độ đúng hạn toàn kế hoạch đến ngày 05\/03\/2027 \(\d+ lượt/);
    expect(counts(plan)[1]).toBe(1);
    expect(plan).toContain("Cách dùng: /tinhhinh <đơn vị>");
    // Not for a focal point.
    expect(await ask(t, focal, "/tinhhinh so y te")).toBe(
      "Lệnh này chỉ dành cho cán bộ điều phối Đề án 06 của Công an tỉnh.",
    );
    expectNoStackTrace(t);
  });
});
