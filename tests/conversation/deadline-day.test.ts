import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { rowsOf } from "../helpers/engine-choice.ts";
import { channelHarness } from "./harness.ts";

/**
 * A plan whose reports are due by the 15th (RULES_FILE), not the shipped 10th. On 12 January
 * the December report is still due, so everything must say December and 15/01/2027: the
 * engine's reminders, the report a person files, /chuabaocao, /trehan, /remind and /export.
 * With the day-10 default anywhere, 12 January would already be the January period.
 */
function rulesFile(): string {
  const path = join(mkdtempSync(join(tmpdir(), "nhacviec-rules-")), "rules.json");
  const cycle = { deadlineDay: 15, headEscalationDay: 16, coordinatorDay: 17 };
  writeFileSync(path, JSON.stringify({ default: { cycle } }));
  return path;
}

const JAN_12 = new Date("2027-01-12T09:00:00+07:00");
const COORDINATOR = "tg:2001";
const VAN_HOA = "so-van-hoa-the-thao-va-du-lich";

describe("a deadline day other than the 10th (RULES_FILE cycle.deadlineDay: 15)", async () => {
  const h = await channelHarness("telegram", { RULES_FILE: rulesFile() });
  const rows = rowsOf(h.core);
  const coordinator = (text: string) =>
    h.router.handle({
      chatId: COORDINATOR,
      chatType: "private",
      userId: COORDINATOR,
      channel: "telegram",
      text,
    });

  it("the engine's nudge on 5 January names December and the 15th", async () => {
    await h.reset();
    const texts = (await h.tick("2027-01-05T08:00:00+07:00")).map((m) => m.text);
    const nudges = texts.filter((t) => t.startsWith("⏰"));
    expect(nudges.length).toBeGreaterThan(0);
    for (const t of nudges) {
      // Some contacts read English: the period and the day are what both languages share.
      expect(t).toContain("12/2026");
      expect(t).toContain("15/01/2027");
    }
  });

  it("a report filed on the 12th is saved under December, as the engine counts it", async () => {
    await h.reset();
    h.setNow(JAN_12);
    await h.send("/baocao");
    await h.send("II.10");
    await h.send("dang thuc hien");
    await h.send("70");
    await h.send("Đã công khai 12 trường");
    await h.send("https://soyte.gialai.gov.vn/ii10.pdf");
    const saved = await h.send("gửi báo cáo");
    expect(saved).toContain("cho kỳ tháng 12/2026. Có thể sửa đến hết ngày 15/01/2027");
    expect(await rows("select period from reports")).toEqual([{ period: "2026-12" }]);
  });

  it("/chuabaocao, /remind and /export on the 12th speak of December and the 15th", async () => {
    h.setNow(JAN_12);
    const missing = (await coordinator("/chuabaocao")).map((r) => r.text).join("\n");
    expect(missing).toContain("Kỳ báo cáo tháng 12/2026 (hạn 15/01/2027)");

    await coordinator("/nhac so y te");
    const reminded = await rows<{ text: string }>("select text from outbox where kind = 'manual-remind'");
    expect(reminded.length).toBeGreaterThan(0);
    for (const r of reminded) expect(r.text).toContain("kỳ tháng 12/2026 trước ngày 15/01/2027");

    const [exported] = await coordinator("/export csv");
    expect(exported?.text).toContain("Báo cáo tổng hợp tháng 12/2026");
    expect(exported?.attachment?.name).toBe("bao-cao-de-an-06-2026-12.csv");
    // The report filed above is in the exported month.
    expect(String(exported?.attachment?.data)).toContain("Đã công khai 12 trường");
  });

  it("/trehan counts a report for December as this period's", async () => {
    h.setNow(JAN_12);
    const order = async () =>
      [
        ...(await coordinator("/trehan"))
          .map((r) => r.text)
          .join("\n")
          .matchAll(/^(Sở (?:Văn hóa, Thể thao và Du lịch|Xây dựng)) \(\d+\):$/gm),
      ].map((m) => m[1]);
    // Equally late, nothing reported: by name.
    await h.reset();
    expect(await order()).toEqual(["Sở Văn hóa, Thể thao và Du lịch", "Sở Xây dựng"]);
    // Sở Văn hóa has reported one task for December, the period the engine chases on the 12th:
    // a larger share sent, so it goes last.
    const [a] = await rows<{ id: number; task: number }>(
      `select id, task_id task from assignments where agency_id = ? and role = 'lead' and archived_at is null
        order by id limit 1`,
      VAN_HOA,
    );
    if (!a) throw new Error("fixture: Sở Văn hóa leads a task");
    await rows(
      `insert into reports (assignment_id, task_id, agency_id, period, status, percent, channel, submitted_at)
       values (?, ?, ?, '2026-12', 'in_progress', 50, 'telegram', ?)`,
      a.id,
      a.task,
      VAN_HOA,
      JAN_12.toISOString(),
    );
    expect(await order()).toEqual(["Sở Xây dựng", "Sở Văn hóa, Thể thao và Du lịch"]);
  });

  it("a KPI value given on the 12th is saved under December", async () => {
    await h.reset();
    h.setNow(JAN_12);
    await h.send("/kpi");
    await h.send("ii.5");
    await h.send("85,5%");
    expect(await h.send("lưu")).toBe("Đã ghi nhận chỉ tiêu II.5: 85,5%.");
    expect(await rows("select period from target_reports")).toEqual([{ period: "2026-12" }]);
  });
});
