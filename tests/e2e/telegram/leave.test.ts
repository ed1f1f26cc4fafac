import { describe, expect, it } from "vitest";
import { linkContact, startTestApp, type TestApp } from "../../helpers/app.ts";
import { rowsOf } from "../../helpers/engine-choice.ts";
import { until } from "../../helpers/redis.ts";
import { countOf } from "../../helpers/saved.ts";
import { button, expectNoStackTrace, person, press, say } from "./support.ts";

const lan = person(1101, "Lan");
const hung = person(1102, "Hùng");

function leaves(t: TestApp) {
  return rowsOf(t.core)<{
    contact_id: number;
    from_day: string;
    to_day: string;
    deputy_contact_id: number | null;
  }>("select contact_id, from_day, to_day, deputy_contact_id from leaves order by id");
}

/** Ticks the engine at `iso` with the app's clock there too, so what it writes is due. */
async function tickAt(t: TestApp, iso: string) {
  t.clock.set(iso);
  await t.app.runner.tick(new Date(iso));
}

describe("leave and a deputy through Telegram", () => {
  it("sets leave from the menu, names a deputy who gets the nudge, and welcomes the person back", async () => {
    const t = await startTestApp({ now: "2026-12-03T09:00:00+07:00" });
    const lanId = await linkContact(t, lan.user.id, "so-y-te", "focal", "Lan");
    const hungId = await linkContact(t, hung.user.id, "so-y-te", "head", "Hùng");

    const [menu] = await say(t, lan, "/nghiphep");
    expect(menu?.text).toBe("Nghỉ phép cho Lan: chọn thời gian.");
    expect(button(menu, "Tuần này").text).toBe("Tuần này");
    const [ask] = await press(t, lan, menu, "Chọn ngày");
    expect(ask?.text).toBe("Gõ ngày bắt đầu và ngày kết thúc, ví dụ: 10/12 20/12");
    const [set] = await say(t, lan, "em nghi tu 07/12 den 11/12 a");
    expect(set?.text).toBe(
      "✅ Đã ghi nghỉ phép của Lan từ 07/12/2026 đến hết 11/12/2026.\n" +
        "Đơn vị không còn đầu mối nào khác: nhắc việc sẽ gửi lãnh đạo đơn vị. Muốn một đồng nghiệp nhận thay, gõ /uyquyen <tên>.",
    );

    const [usage] = await say(t, lan, "/uyquyen");
    expect(usage?.text).toContain("Đồng nghiệp trong đơn vị: Hùng");
    const [deputy] = await say(t, lan, "/uyquyen hung");
    expect(deputy?.text).toBe("✅ Hùng sẽ nhận nhắc việc thay anh/chị từ 07/12/2026 đến hết 11/12/2026.");
    expect(await leaves(t)).toEqual([
      { contact_id: lanId, from_day: "2026-12-07", to_day: "2026-12-11", deputy_contact_id: hungId },
    ]);

    // Hùng is told at once.
    const [told] = await t.emulator.waitForMessages(hung.chat.id, 1);
    expect(told?.text).toBe(
      "👤 Anh/chị được ủy quyền nhận nhắc việc thay Lan từ 07/12/2026 đến hết 11/12/2026.",
    );

    // Monday the 7th: the nudge (rule day Saturday the 5th) reaches Hùng, marked as in Lan's place.
    const before = t.emulator.messages(hung.chat.id).length;
    await tickAt(t, "2026-12-06T17:00:00+07:00");
    await tickAt(t, "2026-12-07T07:30:00+07:00");
    const got = (await t.emulator.waitForMessages(hung.chat.id, before + 1)).slice(before);
    const nudge = got.find((m) => m.text?.includes("Nhắc báo cáo tháng 11/2026"));
    expect(nudge?.text).toMatch(/^👤 Anh\/chị nhận tin này thay Lan \(nghỉ phép đến hết 11\/12\/2026\)\./);
    expect(button(nudge, "Báo cáo ngay").text).toContain("Báo cáo ngay");
    const toLan = await rowsOf(t.core)<{ kind: string }>(
      "select kind from outbox where chat_id = ? and kind like 'cycle-%'",
      "tg:1101",
    );
    expect(toLan).toEqual([]);

    // Monday the 14th: Lan is back and told what happened meanwhile (the nudge counted once recorded sent).
    await until(
      async () =>
        (await countOf(
          rowsOf(t.core),
          "select count(*) n from outbox where state = 'sent' and kind like 'cycle-nudge%'",
        )) > 0,
      "the nudge recorded as sent",
    );
    const lanBefore = t.emulator.messages(lan.chat.id).length;
    await tickAt(t, "2026-12-13T17:00:00+07:00");
    await tickAt(t, "2026-12-14T08:00:00+07:00");
    const back = (await t.emulator.waitForMessages(lan.chat.id, lanBefore + 1)).slice(lanBefore);
    const welcome = back.find((m) => m.text?.startsWith("👋"));
    expect(welcome?.text).toMatch(
      /^👋 Chào mừng anh\/chị trở lại sau kỳ nghỉ phép 07\/12\/2026 – 11\/12\/2026 \(Sở Y tế\)\.\n\nTrong thời gian nghỉ: 0 báo cáo của đơn vị đã gửi; [1-9]\d* tin nhắc việc đã gửi tới đơn vị\./,
    );
    expectNoStackTrace(t);
  });
});
