import { describe, expect, it } from "vitest";
import { linkContact, startTestApp, type TestApp } from "../../helpers/app.ts";
import { rowsOf } from "../../helpers/engine-choice.ts";
import { expectNoStackTrace, person, say } from "./support.ts";

const lan = person(1201, "Lan");
const hung = person(1202, "Hùng");
const mai = person(1203, "Mai");
const pc06 = person(1204, "PC06");

function manualReminders(t: TestApp) {
  return rowsOf(t.core)<{ chat_id: string; contact_id: number; text: string }>(
    "select chat_id, contact_id, text from outbox where kind = 'manual-remind' order by id",
  );
}

const REMIND =
  "🔔 Công an tỉnh nhắc Sở Y tế: đề nghị gửi báo cáo tiến độ kỳ tháng 11/2026 trước ngày 10/12/2026.";

/** Lan, Sở Y tế's only focal point, and the coordinator PC06, on 3 December. */
async function lanAndCoordinator() {
  const t = await startTestApp({ now: "2026-12-03T09:00:00+07:00" });
  const lanId = await linkContact(t, lan.user.id, "so-y-te", "focal", "Lan");
  await linkContact(t, pc06.user.id, "cong-an-tinh", "coordinator", "PC06");
  return { t, lanId };
}

describe("/nhac while the agency's only focal point is on leave", () => {
  it("goes to the head, then to the deputy once one is named, and tells the coordinator where", async () => {
    const { t, lanId } = await lanAndCoordinator();
    const hungId = await linkContact(t, hung.user.id, "so-y-te", "head", "Hùng");
    const maiId = await linkContact(t, mai.user.id, "so-y-te", "head", "Mai");
    await say(t, lan, "em nghi phep tu 07/12 den 11/12 a");

    // Tuesday the 8th: Lan is away, nobody stands in, so both heads get it with the reason.
    t.clock.set("2026-12-08T09:00:00+07:00");
    const [toHeads] = await say(t, pc06, "/nhac so y te");
    expect(toHeads?.text).toBe(
      "Đã gửi nhắc nhở Sở Y tế tới lãnh đạo đơn vị (Hùng, Mai) vì Lan đang nghỉ phép đến hết 11/12/2026 và không có ai nhận thay.",
    );
    const why =
      "👤 Lan nghỉ phép đến hết 11/12/2026 và đơn vị không có ai nhận thay, nên tin này gửi lãnh đạo đơn vị.";
    expect(await manualReminders(t)).toEqual([
      { chat_id: "tg:1202", contact_id: hungId, text: `${why}\n\n${REMIND}` },
      { chat_id: "tg:1203", contact_id: maiId, text: `${why}\n\n${REMIND}` },
    ]);
    const [atHung] = await t.emulator.waitForMessages(hung.chat.id, 1);
    expect(atHung?.text).toBe(`${why}\n\n${REMIND}`);

    // Lan names Mai; the next /nhac reaches Mai alone, in Lan's place.
    const [named] = await say(t, lan, "em uy quyen cho chi mai");
    expect(named?.text).toBe("✅ Mai sẽ nhận nhắc việc thay anh/chị từ 07/12/2026 đến hết 11/12/2026.");
    t.clock.set("2026-12-08T10:00:00+07:00");
    const [toDeputy] = await say(t, pc06, "/nhac so y te");
    expect(toDeputy?.text).toBe(
      "Đã gửi nhắc nhở Sở Y tế tới Mai (thay Lan đang nghỉ phép đến hết 11/12/2026).",
    );
    const after = (await manualReminders(t)).slice(2);
    expect(after).toEqual([
      {
        chat_id: "tg:1203",
        contact_id: maiId,
        text: `👤 Anh/chị nhận tin này thay Lan (nghỉ phép đến hết 11/12/2026).\n\n${REMIND}`,
      },
    ]);
    // Nothing went to Lan.
    expect((await manualReminders(t)).filter((r) => r.contact_id === lanId)).toEqual([]);

    // Back on the 14th: /nhac reaches Lan as always.
    t.clock.set("2026-12-14T09:00:00+07:00");
    const [back] = await say(t, pc06, "/nhac so y te");
    expect(back?.text).toBe("Đã gửi nhắc nhở tới 1 cán bộ đầu mối của Sở Y tế.");
    expect((await manualReminders(t)).slice(3).map((r) => r.chat_id)).toEqual(["tg:1201"]);
    expectNoStackTrace(t);
  });

  it("writes nothing and says why when nobody at all can get it", async () => {
    const { t } = await lanAndCoordinator();
    await say(t, lan, "/nghiphep 7/12 11/12");
    t.clock.set("2026-12-08T09:00:00+07:00");
    const [reply] = await say(t, pc06, "/nhac Sở Y tế");
    expect(reply?.text).toBe(
      "Chưa gửi được nhắc nhở: Lan của Sở Y tế đang nghỉ phép đến hết 11/12/2026, không có ai nhận thay và lãnh đạo đơn vị chưa liên kết với bot.",
    );
    expect(await manualReminders(t)).toEqual([]);
    expectNoStackTrace(t);
  });

  it("tells the coordinator when the head it went to is away too", async () => {
    const { t } = await lanAndCoordinator();
    const hungId = await linkContact(t, hung.user.id, "so-y-te", "head", "Hùng");
    await say(t, lan, "/nghiphep 7/12 11/12");
    await say(t, hung, "toi nghi phep tu 8/12 den 10/12");
    t.clock.set("2026-12-08T09:00:00+07:00");
    const [reply] = await say(t, pc06, "/nhac so y te");
    expect(reply?.text).toBe(
      "Đã gửi nhắc nhở Sở Y tế tới lãnh đạo đơn vị (Hùng) vì Lan đang nghỉ phép đến hết 11/12/2026 và không có ai nhận thay.\n" +
        "🏖 Lãnh đạo Sở Y tế (Hùng) nghỉ phép đến hết 10/12/2026 và không ủy quyền ai: tin gửi lãnh đạo chưa có người đọc, anh/chị nên liên hệ người khác của đơn vị.",
    );
    expect((await manualReminders(t)).map((r) => r.contact_id)).toEqual([hungId]);
  });
});
