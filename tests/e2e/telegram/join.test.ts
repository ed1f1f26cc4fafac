import { describe, expect, it } from "vitest";
import { createInvite } from "../../../src/conversation/invites.ts";
import { linkContact, startTestApp, type TestApp } from "../../helpers/app.ts";
import { rowsOf } from "../../helpers/engine-choice.ts";
import { countOf } from "../../helpers/saved.ts";
import { expectNoStackTrace, person, press, say, sentBefore, textOf } from "./support.ts";

const coordinator = person(2001, "PC06");
const lan = person(1101, "Lan");
const minh = person(1102, "Minh");
const hoa = person(1103, "Hoa");
const stranger = person(1999, "Người lạ");

/** One answer for unknown, used and expired codes: a guesser learns nothing about which exist. */
const REFUSED = "Mã mời này không dùng được: mã không đúng, đã được dùng hoặc đã hết hạn.";
const JOIN = /Bạn chưa được liên kết với cơ quan, đơn vị nào[\s\S]*\/start MÃ_MỜI/;
const TASK_REF = /\b[IVX]+\.\d+\b/;

/** How many contacts the chat is linked to. */
function linkedChats(t: TestApp, chatId: string): Promise<number> {
  return countOf(rowsOf(t.core), "select count(*) n from contact_chats where chat_id = ?", chatId);
}

describe("joining by invite", () => {
  it("links a new person with a coordinator's code, once, and only before it expires", async () => {
    const t = await startTestApp();
    await linkContact(t, coordinator.user.id, "cong-an-tinh", "coordinator");

    const [invite] = await say(t, coordinator, "/moi so y te");
    expect(invite?.text).toContain("Mã mời cho Sở Y tế (cán bộ đầu mối)");
    const code = /: ([A-Z2-9]{10})\n/.exec(invite?.text ?? "")?.[1];
    expect(code).toBeDefined();
    expect(invite?.text).toContain(`https://t.me/nhacviec_test_bot?start=${code}`);

    const [notice] = await say(t, lan, `/start ${code}`);
    expect(notice?.text).toContain("Bạn có đồng ý để nhacviec xử lý dữ liệu cá nhân");
    const welcome = textOf(await press(t, lan, notice, "Đồng ý"));
    expect(welcome).toContain("Chào mừng! Bạn đã được liên kết với Sở Y tế với vai trò cán bộ đầu mối.");
    expect(welcome).toContain("Đơn vị đang chủ trì 9 nhiệm vụ:");
    expect(welcome).toMatch(/• V\.6 .* — hạn 31\/12\/2026/);
    expect(welcome).toContain("• II.10 ");
    expect(
      await rowsOf(t.core)(
        `select c.agency_id agency, c.role role, c.name name from contacts c
         join contact_chats cc on cc.contact_id = c.id where cc.chat_id = ?`,
        "tg:1101",
      ),
    ).toEqual([{ agency: "so-y-te", role: "focal", name: "Lan" }]);
    // Now linked: /nhiemvu answers with the agency's tasks.
    expect(textOf(await say(t, lan, "/nhiemvu"))).toContain("Nhiệm vụ của Sở Y tế");

    const again = textOf(await say(t, minh, `/start ${code}`));
    expect(again).toContain(REFUSED);
    expect(again).not.toContain("Chào mừng");
    expect(await linkedChats(t, "tg:1102")).toBe(0);

    // A code valid for one minute, tried two minutes later by the conversation clock.
    const expired = await createInvite(
      t.core.store,
      { agency: "so-y-te", role: "focal", expires: "1m" },
      t.clock.now(),
    );
    t.clock.set(new Date(t.clock.now().getTime() + 2 * 60_000));
    const late = textOf(await say(t, hoa, `/start ${expired.code}`));
    expect(late).toBe(again);
    expect(await linkedChats(t, "tg:1103")).toBe(0);

    // A code typed on its own (no /start) works too, with letters in any case.
    const fresh = await createInvite(
      t.core.store,
      { agency: "van-phong-ubnd-tinh", role: "head" },
      t.clock.now(),
    );
    const [asked] = await say(t, hoa, fresh.code.toLowerCase());
    expect(textOf(await press(t, hoa, asked, "Đồng ý"))).toContain(
      "Bạn đã được liên kết với Văn phòng UBND tỉnh với vai trò lãnh đạo đơn vị.",
    );
    expect(textOf(await say(t, stranger, "/start NOTACODE22"))).toBe(again);
    expectNoStackTrace(t);
  });

  it("limits wrong codes to five per chat per quarter hour, a right code included", async () => {
    const t = await startTestApp();
    const valid = await createInvite(t.core.store, { agency: "so-y-te", role: "focal" }, t.clock.now());
    for (const guess of ["AAAAAAAAAA", "BBBBBBBBBB", "CCCCCCCCCC", "DDDDDDDDDD", "EEEEEEEEEE"])
      expect(textOf(await say(t, stranger, `/start ${guess}`))).toContain(REFUSED);
    const blocked = textOf(await say(t, stranger, `/start ${valid.code}`));
    expect(blocked).toContain("Bạn đã nhập sai mã mời quá nhiều lần. Vui lòng thử lại sau 15 phút.");
    expect(await rowsOf(t.core)("select used_at from invites where code = ?", valid.code)).toEqual([
      { used_at: null },
    ]);
    // Another chat is not held back by this one's guesses.
    expect(textOf(await say(t, lan, "/start FFFFFFFFFF"))).toContain(REFUSED);

    t.clock.set(new Date(t.clock.now().getTime() + 15 * 60_000 + 1000));
    const [asked] = await say(t, stranger, `/start ${valid.code}`);
    expect(textOf(await say(t, stranger, "đồng ý"))).toContain("Chào mừng!");
    expect(asked?.text).toContain("Mã mời hợp lệ");
    expect(await linkedChats(t, "tg:1999")).toBe(1);
    expectNoStackTrace(t);
  });

  it("answers a stranger's greeting with the way to join, and nothing else", async () => {
    const t = await startTestApp();
    await linkContact(t, coordinator.user.id, "cong-an-tinh", "coordinator");
    const replies = await sentBefore(t, stranger.chat, coordinator, () =>
      t.emulator.sendText(stranger.user, stranger.chat, "xin chào"),
    );
    expect(replies).toHaveLength(1);
    expect(replies[0]?.text).toMatch(JOIN);
    expect(replies[0]?.text).not.toMatch(TASK_REF);
    expect(replies[0]?.replyMarkup).toBeUndefined();
    // A stranger's commands that need a link get the same explanation, not data.
    for (const command of ["/nhiemvu", "/baocao", "/trehan", "/chuabaocao 2026-11"]) {
      const [answer] = await say(t, stranger, command);
      expect(answer?.text).toMatch(JOIN);
      expect(answer?.text).not.toMatch(TASK_REF);
    }
    expect(await rowsOf(t.core)("select count(*) n from contacts")).toEqual([{ n: 1 }]);
    expectNoStackTrace(t);
  });
});
