import { describe, expect, it } from "vitest";
import { rowsOf } from "../helpers/engine-choice.ts";
import { channelHarness } from "./harness.ts";

describe("the report flow", async () => {
  const h = await channelHarness("telegram");

  const countQuestion = async (at: string) => {
    await h.reset();
    h.setNow(new Date(at));
    await h.send("/baocao");
    await h.press(`a${await h.assignment("IV.1")}`);
    return h.press("sdn");
  };

  it("asks the yearly count for the year the report is saved under, in Vietnam time", async () => {
    // 5 January: the report still counts for December, so the year is the one that ended.
    expect(await countQuestion("2027-01-05T09:00:00+07:00")).toContain("Năm 2026, đơn vị");
    await h.send("3 tài liệu");
    await h.press("skip");
    await h.press("skip");
    await h.press("ok");
    expect(await rowsOf(h.core)("select period, count from reports")).toEqual([
      { period: "2026-12", count: 3 },
    ]);
    // 06:30 on 1 January in Vietnam is still 31 December in UTC; the period decides.
    expect(await countQuestion("2027-01-01T06:30:00+07:00")).toContain("Năm 2026, đơn vị");
    expect(await countQuestion("2027-01-11T06:30:00+07:00")).toContain("Năm 2027, đơn vị");
    h.setNow(new Date("2026-12-03T09:00:00+07:00"));
  });

  it("changes one answer from the summary and keeps the others", async () => {
    await h.reset();
    await h.send("/baocao");
    await h.send("II.10");
    await h.send("dang thuc hien");
    await h.send("70");
    await h.send("Đã công khai 12 trường");
    await h.send("https://soyte.gialai.gov.vn/ii10.pdf");
    expect(await h.send("sửa lại")).toContain("Sửa mục nào?");
    expect(await h.send("ty le")).toContain("Hiện tại: 70%");
    const summary = await h.send("85");
    expect(summary).toContain("• Tỷ lệ hoàn thành: 85%");
    expect(summary).toContain("• Mô tả: Đã công khai 12 trường");
    expect(summary).toContain("• Minh chứng: 1 mục");
    // Done after all: the implied percent replaces the typed one.
    await h.send("sửa lại");
    await h.send("tình trạng");
    expect(await h.send("hoàn thành")).toContain("• Tỷ lệ hoàn thành: 100%");
    await h.send("gửi báo cáo");
    expect(await h.reports()).toMatchObject([
      {
        ref: "II.10",
        status: "done",
        percent: 100,
        description: "Đã công khai 12 trường",
        evidence: [{ kind: "link", url: "https://soyte.gialai.gov.vn/ii10.pdf" }],
      },
    ]);
  });

  it("asks the percent again when a done task goes back in progress", async () => {
    await h.reset();
    await h.send("/baocao");
    await h.send("II.10");
    await h.send("hoan thanh");
    await h.send("bo qua");
    await h.send("bo qua");
    await h.send("sua lai");
    await h.send("tinh trang");
    expect(await h.send("dang thuc hien")).toContain("Tỷ lệ hoàn thành?");
    expect(await h.send("45")).toContain("• Tỷ lệ hoàn thành: 45%");
  });

  it("refuses a forged report button in a group without starting anything there", async () => {
    await h.reset();
    for (const choice of ["rp", `rp:${await h.assignment("II.10")}`]) {
      const replies = await h.router.handle({
        chatId: "tg:-500",
        chatType: "group",
        userId: h.chat,
        channel: "telegram",
        choice,
      });
      expect(replies.map((r) => r.text)).toEqual(["Lệnh này chỉ dùng trong trò chuyện riêng với bot."]);
      expect(await h.flow("tg:-500")).toBeUndefined();
    }
    expect(await rowsOf(h.core)("select count(*) n from flows")).toEqual([{ n: 0 }]);
  });
});

describe("/kpi", async () => {
  const h = await channelHarness("telegram");

  it("takes a target's value, checks it against the unit, confirms it, and keeps earlier values", async () => {
    await h.reset();
    expect(await h.send("/kpi")).toContain("Chọn chỉ tiêu cần cập nhật số liệu");
    expect(await h.send("ii.5")).toMatch(/Chỉ tiêu II\.5 \(đơn vị tính: %; mục tiêu 2026: 50/);
    expect(await h.send("150%")).toContain("cần một tỷ lệ từ 0 đến 100");
    expect(await h.send("85,5%")).toContain("• Giá trị hiện tại: 85,5%");
    expect(await h.send("lưu")).toBe("Đã ghi nhận chỉ tiêu II.5: 85,5%.");

    await h.send("/kpi");
    expect(await h.send("II 5")).toContain("Giá trị đã báo cáo gần nhất: 85,5%");
    await h.send("90");
    expect(await h.send("sửa lại")).toContain("Chỉ tiêu II.5");
    await h.send("91");
    await h.send("lưu giá trị");
    expect(await h.targetReports()).toEqual([
      { ref: "II.5", value_text: "85,5%", value: 85.5 },
      { ref: "II.5", value_text: "91%", value: 91 },
    ]);
  });
});
