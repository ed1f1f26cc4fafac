import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { engines, type Seeded } from "./engines.ts";

const at = "2026-12-01T03:00:00.000Z";

describe.each(engines())("store: who a message can reach ($name)", (engine) => {
  let o: Seeded;
  const ids: Record<string, number> = {};
  beforeAll(async () => {
    o = await engine.seeded();
    const add = async (name: string, agencyId: string, role: "focal" | "head", chatId: string) => {
      ids[name] = (await o.store.people.addContact({ agencyId, role, chatId, name, lang: "vi" }, at)).id;
    };
    await add("ytFocal", "so-y-te", "focal", "tg:b");
    await add("ytHead", "so-y-te", "head", "tg:c");
    await add("caFocal", "cong-an-tinh", "focal", "tg:d");
    await add("gone", "cong-an-tinh", "head", "tg:e");
    await add("mute", "so-tu-phap", "focal", "tg:f");
    // A second chat for the first person: "tg:B" sorts before "tg:b" by code point, on both engines.
    await o.store.people.ensureChat("tg:B", at);
    await o.q.db.insert(o.q.t.contactChats).values({ contactId: ids.ytFocal as number, chatId: "tg:B" });
    await o.q.db
      .update(o.q.t.contacts)
      .set({ removedAt: at })
      .where(eq(o.q.t.contacts.id, ids.gone as number));
    await o.q.db.update(o.q.t.chats).set({ unreachableAt: at }).where(eq(o.q.t.chats.id, "tg:f"));
  });

  const chats = (rows: { contactId: number; chatId: string }[]) => rows.map((r) => [r.contactId, r.chatId]);

  it("lists each live contact's reachable chats, by contact then chat", async () => {
    const all = await o.store.people.reachableChats();
    expect(chats(all)).toEqual([
      [ids.ytFocal, "tg:B"],
      [ids.ytFocal, "tg:b"],
      [ids.ytHead, "tg:c"],
      [ids.caFocal, "tg:d"],
    ]);
    expect(all[0]).toEqual({
      contactId: ids.ytFocal,
      chatId: "tg:B",
      lang: "vi",
      name: "ytFocal",
      agencyId: "so-y-te",
      role: "focal",
    });
  });

  it("narrows to a role, an agency, and leaves one chat out", async () => {
    const s = o.store.people;
    expect(chats(await s.reachableChats({ role: "focal" }))).toEqual([
      [ids.ytFocal, "tg:B"],
      [ids.ytFocal, "tg:b"],
      [ids.caFocal, "tg:d"],
    ]);
    expect(chats(await s.reachableChats({ agencyId: "so-y-te", exceptChat: "tg:b" }))).toEqual([
      [ids.ytFocal, "tg:B"],
      [ids.ytHead, "tg:c"],
    ]);
    expect(await s.reachableChats({ agencyId: "so-tu-phap" })).toEqual([]);
    await s.markReachable("tg:f");
    expect(chats(await s.reachableChats({ agencyId: "so-tu-phap" }))).toEqual([[ids.mute, "tg:f"]]);
  });
});
