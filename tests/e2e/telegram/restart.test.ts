import { describe, expect, it } from "vitest";
import { linkContact, startTestApp } from "../../helpers/app.ts";
import { sqliteOf } from "../../helpers/engine-choice.ts";
import { expectNoStackTrace, expectReplies, person, press, say, sentBefore } from "./support.ts";

const focal = person(1001, "Đầu mối Y tế");

describe("a restart in the middle of a flow", () => {
  it("resumes the report at the step it was on, on the same database", async () => {
    const first = await startTestApp();
    await linkContact(first, focal.user.id, "so-y-te", "focal");
    const [list] = await say(first, focal, "/baocao");
    const [status] = await press(first, focal, list, "IV.3 · ");
    const [percent] = await press(first, focal, status, "Đang thực hiện");
    expect(percent?.text).toContain("Tỷ lệ hoàn thành?");

    const second = await first.restart();
    expect(second.dbPath).toBe(first.dbPath);
    expect(second.app).not.toBe(first.app);
    // The old bot confirmed its updates: none is handled again after the restart.
    expect(await sentBefore(second, focal.chat, focal, () => {})).toEqual([]);

    // The keyboard sent before the restart still answers the flow.
    const [description] = await press(second, focal, percent, "75%");
    expect(description?.text).toContain("Mô tả ngắn kết quả");
    const [evidence] = await say(second, focal, "Đã mua 40 máy tính bảng");
    expect(evidence?.text).toContain("Gửi minh chứng");
    // Evidence as a file sent to the bot.
    const [summary] = await expectReplies(second, focal.chat, () =>
      second.emulator.sendDocumentFromUser(
        focal.user,
        focal.chat,
        { filename: "Báo cáo IV.3 tháng 11.pdf", bytes: "%PDF-1.4 test" },
        { caption: "Biên bản bàn giao" },
      ),
    );
    expect(summary?.text).toContain("Xác nhận báo cáo — IV.3");
    expect(summary?.text).toContain("• Minh chứng: 1 mục");
    expect(summary?.text).toContain("• Tỷ lệ hoàn thành: 75%");
    const [saved] = await press(second, focal, summary, "✅ Gửi báo cáo");
    expect(saved?.text).toMatch(/^Đã lưu báo cáo IV\.3 /);
    expect(
      sqliteOf(second.core).sqlite.prepare("select status, percent, description, channel from reports").all(),
    ).toEqual([
      { status: "in_progress", percent: 75, description: "Đã mua 40 máy tính bảng", channel: "telegram" },
    ]);
    const { evidence: stored } = sqliteOf(second.core)
      .sqlite.prepare("select evidence from reports")
      .get() as {
      evidence: string;
    };
    expect(JSON.parse(stored)).toEqual([
      {
        kind: "document",
        fileId: expect.stringMatching(/^BQAC/),
        name: "Báo cáo IV.3 tháng 11.pdf",
        mime: "application/pdf",
        size: 13,
      },
    ]);
    expectNoStackTrace(second);
  });
});
