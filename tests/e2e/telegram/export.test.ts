import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { linkContact, startTestApp } from "../../helpers/app.ts";
import { reportAll } from "../../helpers/engine.ts";
import { expectNoStackTrace, person, say } from "./support.ts";

const coordinator = person(2001, "PC06");
const focal = person(1001, "Đầu mối Y tế");

describe("/export", () => {
  it("sends a coordinator the month's synthesis as a workbook, and refuses everyone else", async () => {
    const t = await startTestApp({ now: "2026-12-03T09:00:00+07:00" });
    await linkContact(t, coordinator.user.id, "cong-an-tinh", "coordinator");
    await linkContact(t, focal.user.id, "so-y-te", "focal");
    await reportAll(t.core, "so-y-te", "2026-11");

    const [file] = await say(t, coordinator, "/export 2026-11 xlsx");
    expect(file?.method).toBe("sendDocument");
    expect(file?.document?.filename).toBe("bao-cao-de-an-06-2026-11.xlsx");
    expect(file?.caption).toMatch(
      /^Báo cáo tổng hợp tháng 11\/2026: \d+ dòng nhiệm vụ, \d+ cơ quan chưa báo cáo đầy đủ\.$/,
    );
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(file?.document?.bytes as unknown as ArrayBuffer);
    expect(book.worksheets.map((w) => w.name)).toEqual([
      "Tổng hợp",
      "Nhiệm vụ",
      "Chỉ tiêu",
      "Chưa báo cáo",
      "Nhật ký",
    ]);
    const missing = book.getWorksheet("Chưa báo cáo");
    const names: string[] = [];
    missing?.eachRow((row, n) => {
      if (n > 1) names.push(row.values ? JSON.stringify(row.values) : "");
    });
    expect(names.length).toBeGreaterThan(100);
    expect(names.join("|")).toContain("Công an tỉnh");
    expect(names.join("|")).not.toContain("Sở Y tế");

    const [docx] = await say(t, coordinator, "/xuatbaocao docx");
    expect(docx?.document?.filename).toBe("bao-cao-de-an-06-2026-11.docx");
    expect(docx?.document?.size).toBeGreaterThan(5000);

    const [future] = await say(t, coordinator, "/export 2027-05");
    expect(future?.text).toContain("tháng chưa đến");
    const [refused] = await say(t, focal, "/export");
    expect(refused?.text).toContain("chỉ dành cho cán bộ điều phối");
    expectNoStackTrace(t);
  });
});
