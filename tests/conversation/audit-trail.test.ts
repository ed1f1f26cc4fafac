import { describe, expect, it } from "vitest";
import { ConversationRouter } from "../../src/conversation/router.ts";
import { conversationDeps } from "../../src/core.ts";
import { createLogger } from "../../src/logger.ts";
import { addContact } from "../../src/people/contacts.ts";
import type { AuditRow } from "../../src/store/index.ts";
import { agreed } from "../helpers/consent.ts";
import { consoleSession } from "../helpers/console.ts";
import { rowsOf } from "../helpers/engine-choice.ts";
import { channelHarness } from "./harness.ts";

const NOW = "2027-01-20T09:00:00+07:00";
const AT = new Date(NOW).toISOString();

async function coordinator() {
  const s = await consoleSession({ now: NOW });
  const say = (...lines: string[]) => s.type("/as cong-an-tinh coordinator", ...lines);
  // Oldest first, to read in the order things were done.
  const trail = async (action?: string) => (await s.core.store.audit.list({ action })).reverse();
  /** The console coordinator's contact, once `/as` made it: the actor of every row. */
  const by = async () => {
    const [me] = await rowsOf(s.core)<{ id: number }>(
      "select contact_id id from contact_chats where chat_id = 'console:cong-an-tinh-coordinator'",
    );
    return { actorKind: "contact", actorContactId: me?.id, channel: "console", at: AT };
  };
  return { ...s, say, trail, by };
}

const shape = ({
  id: _id,
  actorName: _n,
  actorLabel: _l,
  actorAgency: _a,
  targetTitle: _t,
  ...r
}: AuditRow) => r;

describe("the audit trail of coordinator actions in chat", () => {
  it("/dathan: the date before, the date after and the reason, once the change is made", async () => {
    const { say, trail, by: actor, core } = await coordinator();
    await say("/dathan v.1 31/03/2027 theo cong van 45/UBND");
    // A past date asks first: nothing set, nothing recorded.
    await say("/dathan V.1 01/01/2027 lui han theo chi dao");
    expect((await trail("due.set")).length).toBe(1);
    await say("/dathan V.1 01/01/2027 lui han theo chi dao xác nhận");
    await say("/dathan V.1 30/02/2027 sai ngay");
    const [task] = await rowsOf(core)<{ d: string }>("select due_override d from tasks where ref = 'V.1'");
    expect(task?.d).toBe("2027-01-01");
    const by = await actor();
    expect((await trail("due.set")).map(shape)).toEqual([
      {
        ...by,
        action: "due.set",
        targetKind: "task",
        targetId: "V.1",
        before: { due: null },
        after: { due: "2027-03-31", reason: "theo cong van 45/UBND" },
      },
      {
        ...by,
        action: "due.set",
        targetKind: "task",
        targetId: "V.1",
        before: { due: "2027-03-31" },
        after: { due: "2027-01-01", reason: "lui han theo chi dao" },
      },
    ]);
  });

  it("/moi, /nhac, /bantin, /xuatbaocao, /dangky and /huydangky, each with what it acted on", async () => {
    const { say, trail, by: actor, core } = await coordinator();
    await say("/moi so y te lanh dao", "/moi so khong co");
    const [invite] = await rowsOf(core)<{ code: string }>("select code from invites");
    await say("/nhac so y te", "/nhac so tai chinh");
    await say("/dangky", "/dangky I II", "/bantin", "/xuatbaocao 11/2026 csv", "/huydangky", "/huydangky");
    const chat = "console:cong-an-tinh-coordinator";
    const by = await actor();
    const sections = { kind: "sections", sections: ["I", "II"] };
    expect((await trail()).filter((r) => r.at === AT).map(shape)).toEqual([
      {
        ...by,
        action: "invite.create",
        targetKind: "invite",
        targetId: invite?.code,
        before: null,
        after: { agencyId: "so-y-te", role: "head", expiresAt: "2027-01-27T02:00:00.000Z" },
      },
      {
        ...by,
        action: "remind.manual",
        targetKind: "agency",
        targetId: "so-y-te",
        before: null,
        after: { period: "2027-01", recipients: 1, routes: ["present"] },
      },
      {
        ...by,
        action: "subscription.add",
        targetKind: "chat",
        targetId: chat,
        before: null,
        after: { planId: expect.any(String), scope: { kind: "plan" } },
      },
      {
        ...by,
        action: "subscription.add",
        targetKind: "chat",
        targetId: chat,
        before: { kind: "plan" },
        after: { planId: expect.any(String), scope: sections },
      },
      {
        ...by,
        action: "digest.send",
        targetKind: "chat",
        targetId: chat,
        before: null,
        after: { planId: expect.any(String), scope: sections },
      },
      {
        ...by,
        action: "export.create",
        targetKind: "period",
        targetId: "2026-11",
        before: null,
        after: { format: "csv", tasks: expect.any(Number), missing: expect.any(Number) },
      },
      {
        ...by,
        action: "subscription.remove",
        targetKind: "chat",
        targetId: chat,
        before: sections,
        after: null,
      },
    ]);
  });

  it("a code used to join: the new contact is the actor, in the row with its contact", async () => {
    const { say, trail, core } = await coordinator();
    await say("/moi so y te");
    const [invite] = await rowsOf(core)<{ code: string }>("select code from invites");
    const router = new ConversationRouter(
      conversationDeps(core, () => new Date(NOW)),
      createLogger("silent"),
    );
    const newcomer = {
      chatId: "tg:777",
      chatType: "private" as const,
      userId: "tg:777",
      channel: "telegram",
    };
    // The code first shows the privacy notice; the person joins once they agree, as typed on a phone.
    const asked = await router.handle({ ...newcomer, text: `/start ${invite?.code}` }, {});
    expect(asked.map((r) => r.text).join("\n")).toContain("THÔNG BÁO VỀ XỬ LÝ DỮ LIỆU CÁ NHÂN");
    expect(await trail("invite.use")).toEqual([]);
    const joined = await router.handle({ ...newcomer, text: "vang dong y" }, {});
    expect(joined.map((r) => r.text).join("\n")).toContain("Sở Y tế");
    const [contact] = await rowsOf(core)<{ id: number }>(
      "select contact_id id from contact_chats where chat_id = 'tg:777'",
    );
    expect(contact).toBeDefined();
    expect((await trail("invite.use")).map(shape)).toEqual([
      {
        actorKind: "contact",
        actorContactId: contact?.id,
        channel: "tg",
        at: AT,
        action: "invite.use",
        targetKind: "invite",
        targetId: invite?.code,
        before: null,
        after: { contactId: contact?.id, agencyId: "so-y-te", role: "focal" },
      },
    ]);
    // The code again: refused, and nothing more recorded.
    await router.handle(
      { ...newcomer, chatId: "tg:778", userId: "tg:778", text: `/start ${invite?.code}` },
      {},
    );
    expect(await trail("invite.use")).toHaveLength(1);
  });
});

describe("/nhatky (/audit)", () => {
  it("shows coordinators the last 20 entries a page at a time, by name and local time, never a chat id", async () => {
    const h = await channelHarness("telegram");
    const boss = "tg:coord-audit";
    const { id } = await addContact(h.core.store, {
      agency: "cong-an-tinh",
      role: "coordinator",
      chat: boss,
      name: "Chị Lan",
    });
    await agreed(h.core.store, id);
    const at = (minute: number) => new Date(Date.UTC(2026, 11, 1, 1, minute));
    const base = { actorKind: "contact" as const, actorContactId: id, channel: "tg" as const };
    // 22 entries: the two oldest fall outside the last 20.
    for (let m = 0; m < 19; m++)
      await h.core.store.audit.record({
        ...base,
        at: at(m),
        action: "remind.manual",
        targetKind: "agency",
        targetId: "so-y-te",
        after: { recipients: 2 },
      });
    await h.core.store.audit.record({
      ...base,
      at: at(19),
      action: "invite.create",
      targetKind: "invite",
      targetId: "ABCDEFGHJK",
    });
    await h.core.store.audit.record({
      ...base,
      at: at(20),
      action: "subscription.add",
      targetKind: "chat",
      targetId: "tg:-100555",
    });
    await h.core.store.audit.record({
      ...base,
      at: at(21),
      action: "due.set",
      targetKind: "task",
      targetId: "V.1",
      before: { due: null },
      after: { due: "2027-03-31", reason: "theo công văn 45" },
    });

    const first = await h.send("/nhatky", boss);
    expect(first).toContain("Nhật ký thao tác, mới nhất trước (mục 1–6 trong 20):");
    expect(first).toContain(
      "01/12/2026 08:21 · Chị Lan (Công an tỉnh) · Đặt hạn nhiệm vụ · nhiệm vụ V.1 (hạn chưa có → 31/03/2027; lý do: theo công văn 45)",
    );
    expect(first).toContain(
      "01/12/2026 08:20 · Chị Lan (Công an tỉnh) · Đăng ký bản tin tuần · cuộc trò chuyện Telegram",
    );
    expect(first).toContain(
      "01/12/2026 08:18 · Chị Lan (Công an tỉnh) · Nhắc báo cáo · Sở Y tế (2 người nhận)",
    );
    // An invite code, maybe unused, shows only enough to tell it apart.
    expect(first).toContain("01/12/2026 08:19 · Chị Lan (Công an tỉnh) · Tạo mã mời · mã mời ABCD…");
    expect(first).not.toContain("ABCDEFGHJK");
    expect(first.split("\n").filter((l) => l.startsWith("01/12/2026"))).toHaveLength(6);
    expect(first).not.toMatch(/tg:/);

    const second = await h.press("p1", boss);
    expect(second).toContain("(mục 7–12 trong 20)");
    expect(second).toContain("01/12/2026 08:15 ·");
    // A forged page number lands on the last page: the oldest two of the 22 are not in the last 20.
    const last = await h.press("p99", boss);
    expect(last).toContain("(mục 19–20 trong 20)");
    expect(last).toContain("01/12/2026 08:02 ·");
    expect(last).not.toContain("08:01 ·");

    // Anyone else gets the coordinators' refusal and sees nothing of it.
    const refused = await h.send("/nhatky", h.chat);
    expect(refused).toBe("Lệnh này chỉ dành cho cán bộ điều phối Đề án 06 của Công an tỉnh.");
    expect(await h.send("/audit", "tg:stranger")).not.toContain("Chị Lan");
  });
});
