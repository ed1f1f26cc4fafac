import { describe, expect, it } from "vitest";
import { createInvite } from "../../../src/conversation/invites.ts";
import { linkContact, startTestApp, type TestApp } from "../../helpers/app.ts";
import { NOTICE_VERSION } from "../../helpers/consent.ts";
import { rowsOf } from "../../helpers/engine-choice.ts";
import { until } from "../../helpers/redis.ts";
import { countOf } from "../../helpers/saved.ts";
import { button, expectNoStackTrace, person, press, say, textOf } from "./support.ts";

const lan = person(1101, "Lan");
const JOIN = /Bạn chưa được liên kết với cơ quan, đơn vị nào/;

const count = (t: TestApp, text: string, ...params: unknown[]) => countOf(rowsOf(t.core), text, ...params);

describe("personal data on Telegram", () => {
  it("shows the notice before joining: a refusal keeps nothing and the code, an agreement links with its version", async () => {
    const t = await startTestApp();
    const invite = await createInvite(t.core.store, { agency: "so-y-te", role: "focal" }, t.clock.now());

    const [notice] = await say(t, lan, `/start ${invite.code}`);
    expect(notice?.text).toContain("Bên kiểm soát dữ liệu");
    expect(notice?.text).toContain("/xoadulieu");
    expect(notice?.text).toContain("Bạn có đồng ý để nhacviec xử lý dữ liệu cá nhân của bạn như trên không?");
    expect(button(notice, "Không đồng ý")).toBeDefined();
    expect(await count(t, "select count(*) n from contacts")).toBe(0);

    const [refused] = await press(t, lan, notice, "Không đồng ý");
    expect(refused?.text).toContain("không có thông tin nào về bạn được lưu");
    expect(refused?.text).toContain(`/start ${invite.code}`);
    expect(await count(t, "select count(*) n from contacts")).toBe(0);
    expect(await count(t, "select count(*) n from chats where id = ?", "tg:1101")).toBe(0);
    expect(await count(t, "select count(*) n from flows where chat_id = ?", "tg:1101")).toBe(0);
    expect(
      await count(t, "select count(*) n from invites where code = ? and used_at is null", invite.code),
    ).toBe(1);

    // Back later, agreeing in a whole sentence typed without accents.
    await say(t, lan, `/start ${invite.code}`);
    expect(textOf(await say(t, lan, "vang em dong y a"))).toContain("Bạn đã được liên kết với Sở Y tế");
    const [contact] = await rowsOf(t.core)<{
      id: number;
      name: string;
      consent_version: string;
      consent_at: string;
    }>("select id, name, consent_version, consent_at from contacts");
    expect(contact).toMatchObject({
      name: "Lan",
      consent_version: NOTICE_VERSION,
      consent_at: t.clock.now().toISOString(),
    });
    expect(
      await count(
        t,
        "select count(*) n from audit where action = 'consent.give' and target_id = ?",
        String(contact?.id),
      ),
    ).toBe(1);
    expectNoStackTrace(t);
  });

  it("/dulieucuatoi shows what is kept; /xoadulieu erases it after a confirmation, the reports staying", async () => {
    const t = await startTestApp();
    const id = await linkContact(t, lan.user.id, "so-y-te", "focal", "Lan");
    await t.app.runner.tick(new Date("2026-12-01T08:00:00+07:00"));
    await until(
      async () =>
        (await count(t, "select count(*) n from outbox where chat_id = 'tg:1101' and state <> 'sent'")) === 0,
      "the reminders delivered",
    );
    const [assignment] = await rowsOf(t.core)<{ id: number; task_id: number }>(
      "select id, task_id from assignments where agency_id = 'so-y-te' and role = 'lead' order by id limit 1",
    );
    await rowsOf(t.core)(
      `insert into reports (assignment_id, task_id, agency_id, period, status, contact_id, chat_id, channel, submitted_at)
       values (?, ?, 'so-y-te', '2026-11', 'done', ?, 'tg:1101', 'telegram', ?)`,
      assignment?.id,
      assignment?.task_id,
      id,
      t.clock.now().toISOString(),
    );
    const messages = await count(t, "select count(*) n from outbox where chat_id = 'tg:1101'");
    expect(messages).toBeGreaterThan(0);

    const shown = textOf(await say(t, lan, "/dulieucuatoi"));
    expect(shown).toContain(`Hồ sơ #${id}: Lan — Sở Y tế, cán bộ đầu mối`);
    expect(shown).toContain("tg:1101 (riêng tư)");
    expect(shown).toContain(`Tin nhắn bot đã gửi bạn: ${messages}; báo cáo tiến độ: 1`);
    expect(shown).toContain(`đã đồng ý thông báo phiên bản ${NOTICE_VERSION}`);
    expect(await count(t, "select count(*) n from audit where action = 'privacy.show'")).toBe(1);

    const [confirm] = await say(t, lan, "/xoadulieu");
    expect(confirm?.text).toContain("Xác nhận xóa dữ liệu của bạn?");
    expect(textOf(await press(t, lan, confirm, "Xóa dữ liệu của tôi"))).toContain(
      "Đã xóa dữ liệu của bạn. 1 báo cáo được giữ làm hồ sơ của cơ quan",
    );
    expect(
      await rowsOf(t.core)("select name, erased_at is not null erased from contacts where id = ?", id),
    ).toEqual([{ name: null, erased: t.core.engine === "sqlite" ? 1 : true }]);
    for (const where of ["contact_chats where contact_id = ?", "outbox where contact_id = ?"])
      expect(await count(t, `select count(*) n from ${where}`, id)).toBe(0);
    for (const table of [
      "chats where id",
      "outbox where chat_id",
      "flows where chat_id",
      "chat_menus where chat_id",
    ])
      expect(await count(t, `select count(*) n from ${table} = ?`, "tg:1101")).toBe(0);
    expect(await count(t, "select count(*) n from outbox where dedupe_key like '%1101%'")).toBe(0);
    expect(await rowsOf(t.core)("select chat_id from reports where contact_id = ?", id)).toEqual([
      { chat_id: null },
    ]);
    expect(
      await count(
        t,
        "select count(*) n from audit where action = 'person.forget' and target_id = ?",
        String(id),
      ),
    ).toBe(1);
    // Nothing links the chat any more: the bot treats it as a stranger's.
    expect((await say(t, lan, "/nhiemvu"))[0]?.text).toMatch(JOIN);
    expectNoStackTrace(t);
  });

  it("keeps everything when the erasure is not confirmed", async () => {
    const t = await startTestApp();
    const id = await linkContact(t, lan.user.id, "so-y-te", "focal", "Lan");
    await say(t, lan, "/xoadulieu");
    expect(textOf(await say(t, lan, "thoi khong xoa"))).toContain("dữ liệu của bạn được giữ nguyên");
    expect(await rowsOf(t.core)("select name, erased_at from contacts where id = ?", id)).toEqual([
      { name: "Lan", erased_at: null },
    ]);
    expect(await count(t, "select count(*) n from contact_chats where chat_id = 'tg:1101'")).toBe(1);
  });
});
