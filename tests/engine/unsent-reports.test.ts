import { describe, expect, it } from "vitest";
import { channelHarness, type Harness } from "../conversation/harness.ts";

/** A report on II.10 answered to its summary at `at`, as a focal point types it. */
async function draft(h: Harness, at: string) {
  h.setNow(new Date(at));
  await h.send("bao cao II.10");
  await h.send("dang lam duoc 60%");
  await h.send("da trien khai tai 20 xa");
  expect(await h.send("khong co")).toContain("Xác nhận báo cáo");
  expect(await h.flow()).toMatchObject({ step: "confirm" });
}

const unsent = async (h: Harness, iso: string) =>
  (await h.tick(iso)).filter((m) => m.kind === "report-unsent");

describe("a report written to its summary and never sent", () => {
  it.each(["telegram", "zalo"] as const)(
    "is brought back to its writer two hours later, with buttons that send it (%s)",
    async (channel) => {
      const h = await channelHarness(channel);
      await draft(h, "2026-12-03T09:00:00+07:00");
      expect(await unsent(h, "2026-12-03T10:55:00+07:00")).toEqual([]);
      const [told, ...more] = await unsent(h, "2026-12-03T11:05:00+07:00");
      expect(more).toEqual([]);
      expect(told).toMatchObject({ chatId: h.chat, agencyId: "so-y-te" });
      expect(told?.text).toMatch(/^📝 Báo cáo II\.10 \(.*\) bạn soạn lúc 03\/12\/2026 09:00 chưa được gửi\./);
      expect(await unsent(h, "2026-12-03T11:10:00+07:00")).toEqual([]);
      expect(await unsent(h, "2026-12-03T15:00:00+07:00")).toEqual([]);
      expect(await h.reports()).toEqual([]);

      // Its first button is the summary's "Gửi báo cáo", for this very flow: the report is saved.
      h.setNow(new Date("2026-12-03T11:06:00+07:00"));
      const send = told?.choices?.[0]?.[0];
      expect(send?.label).toBe("✅ Gửi báo cáo");
      const replies = await h.router.handle({
        chatId: h.chat,
        chatType: "private",
        userId: h.chat,
        channel,
        choice: send?.data,
      });
      expect(replies[0]?.text).toContain("Đã lưu báo cáo II.10");
      expect(await h.reports()).toMatchObject([
        { ref: "II.10", status: "in_progress", percent: 60, description: "da trien khai tai 20 xa" },
      ]);
      // Had it been sent another way before the reminder went out, delivery drops the reminder.
      expect(await h.core.store.engine.settledReason(told?.guard ?? null)).toMatch(/^settled/);
    },
  );

  it("waits for working time, and is not written when that comes after the draft expires", async () => {
    const h = await channelHarness("zalo");
    // Thursday 16:30: two hours later the day's work is over; Friday 07:30 is before it expires.
    await draft(h, "2026-12-03T16:30:00+07:00");
    const [told] = await unsent(h, "2026-12-03T18:35:00+07:00");
    expect(told?.sendAfter).toBe(new Date("2026-12-04T07:30:00+07:00").toISOString());
    // Friday 16:30: the next working time is Monday, long after the draft is gone.
    await h.send("/huy");
    await draft(h, "2026-12-04T16:30:00+07:00");
    expect(await unsent(h, "2026-12-04T18:35:00+07:00")).toEqual([]);
  });

  it("leaves a flow not yet at its summary alone", async () => {
    const h = await channelHarness("zalo");
    h.setNow(new Date("2026-12-03T09:00:00+07:00"));
    await h.send("bao cao II.10");
    await h.send("dang lam duoc 60%");
    expect(await unsent(h, "2026-12-03T11:05:00+07:00")).toEqual([]);
  });
});
