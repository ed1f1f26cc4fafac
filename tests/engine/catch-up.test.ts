import { describe, expect, it } from "vitest";
import { runTick } from "../../src/engine/tick.ts";
import { engineFixture } from "../helpers/engine.ts";
import { rowsOf } from "../helpers/engine-choice.ts";

describe("a long outage", () => {
  it("tells the coordinators what the catch-up window cut off and drops nudges past their deadline", async () => {
    const { tick, core } = await engineFixture();
    await tick("2026-11-30T17:00:00+07:00");
    // Ten days down: the 1st's opening is more than 7 days back; the nudges of the 5th (told on
    // Monday the 7th) and the 8th fall inside the window, but the deadline (the 10th) has come.
    const at = new Date("2026-12-10T09:00:00+07:00");
    const result = await runTick(core, at);
    const rows = await core.outbox.list({ ids: result.ids });
    expect(rows.filter((r) => r.kind.startsWith("cycle-nudge"))).toEqual([]);
    expect(rows.filter((r) => r.kind === "cycle-open")).toEqual([]);
    // Two openings (Sở Y tế, Văn phòng UBND tỉnh) and Sở Y tế's due reminder of the 1st skipped;
    // four nudges (two each) expired.
    expect(result.missed).toEqual({
      since: new Date("2026-11-30T17:00:00+07:00"),
      skipped: 3,
      days: ["2026-12-01"],
      expired: 4,
    });
    const notices = rows.filter((r) => r.kind === "missed-work");
    expect(notices.map((r) => r.chatId)).toEqual(["tg:2001"]);
    expect(notices[0]?.text).toBe(
      "⚠️ Bot nhắc việc đã ngừng hoạt động từ ngày 30/11/2026. 3 tin nhắc việc lẽ ra gửi ngày 01/12/2026 " +
        "đã quá lâu nên không gửi bù; 4 tin nhắc có hạn đã qua trong thời gian ngừng nên được bỏ, không gửi muộn. " +
        "Đề nghị dùng /chuabaocao và /trehan để xem tình hình hiện tại.",
    );
    // Told once: the next tick has nothing to add.
    expect((await runTick(core, new Date("2026-12-10T09:05:00+07:00"))).missed).toBeUndefined();
    expect(
      (await core.outbox.list({ state: "pending" })).filter((r) => r.kind === "missed-work"),
    ).toHaveLength(1);
  });

  it("says how many days are really left in a due reminder written late", async () => {
    const { tick } = await engineFixture();
    await tick("2026-12-16T09:00:00+07:00");
    // Down from Wednesday to Saturday: the 17th's "14 days before 31/12" goes out on Monday the 21st.
    const monday = await tick("2026-12-19T10:00:00+07:00");
    const due = monday.find((r) => r.kind === "due" && r.chatId === "tg:1001");
    expect(due?.text).toMatch(/V\.6 .* — hạn 31\/12\/2026, còn 10 ngày/);
    expect(due?.text).not.toContain("còn 14 ngày");
    expect(due?.dedupeKey).toMatch(/^due:2026-12-21:/);
  });

  it("counts a due reminder whose date came and went while nothing ran", async () => {
    const { tick, core } = await engineFixture();
    // V.6 due on Friday the 18th: its 1-day reminder (the 17th) and the day itself are missed.
    await rowsOf(core)("update tasks set due_override = '2026-12-18' where ref = 'V.6'");
    await tick("2026-12-16T09:00:00+07:00");
    const result = await runTick(core, new Date("2026-12-21T09:00:00+07:00"));
    const rows = await core.outbox.list({ ids: result.ids });
    expect(rows.filter((r) => r.kind === "due" && r.text.includes("V.6"))).toEqual([]);
    expect(result.missed?.skipped).toBe(0);
    expect(result.missed?.expired).toBeGreaterThanOrEqual(1);
    expect(rows.filter((r) => r.kind === "missed-work")).toHaveLength(1);
  });
});
