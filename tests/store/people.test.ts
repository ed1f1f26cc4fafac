import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { engines, type Seeded } from "./engines.ts";

const now = new Date("2026-12-01T03:00:00Z");
const at = now.toISOString();

describe.each(engines())("store: people ($name)", (engine) => {
  let o: Seeded;
  beforeAll(async () => {
    o = await engine.seeded();
  });

  it("links a chat once per agency and role, refreshing name and language, and finds the actor", async () => {
    const s = o.store.people;
    expect(await s.actor("tg:1")).toBeUndefined();
    const first = await s.addContact(
      { agencyId: "so-y-te", role: "focal", chatId: "tg:1", name: "An", lang: "vi" },
      at,
    );
    expect(first.created).toBe(true);
    const again = await s.addContact({ agencyId: "so-y-te", role: "focal", chatId: "tg:1", lang: "en" }, at);
    expect(again).toEqual({ id: first.id, created: false });
    const head = await s.addContact({ agencyId: "so-y-te", role: "head", chatId: "tg:1", lang: "vi" }, at);
    expect(head.created).toBe(true);
    const actor = await s.actor("tg:1");
    expect(actor).toEqual({
      contacts: [
        { id: first.id, agencyId: "so-y-te", agencyName: "Sở Y tế", role: "focal", consentVersion: null },
        { id: head.id, agencyId: "so-y-te", agencyName: "Sở Y tế", role: "head", consentVersion: null },
      ],
      lang: "en",
    });
    const [row] = await o.q.db.select().from(o.q.t.contacts).where(eq(o.q.t.contacts.id, first.id));
    expect(row?.name).toBe("An");
    expect(await s.chatLang("tg:1")).toBe("en");
    expect(await s.chatLang("tg:nobody")).toBe("vi");
  });

  it("forgets removed contacts and brings an unreachable chat back when linked anew", async () => {
    const s = o.store.people;
    const { id } = await s.addContact(
      { agencyId: "cong-an-tinh", role: "focal", chatId: "tg:2", lang: "vi" },
      at,
    );
    await o.q.db.update(o.q.t.contacts).set({ removedAt: at }).where(eq(o.q.t.contacts.id, id));
    await o.q.db.update(o.q.t.chats).set({ unreachableAt: at }).where(eq(o.q.t.chats.id, "tg:2"));
    expect(await s.actor("tg:2")).toBeUndefined();
    expect(await s.focalChats("cong-an-tinh")).toEqual([]);
    const fresh = await s.addContact(
      { agencyId: "cong-an-tinh", role: "focal", chatId: "tg:2", lang: "vi" },
      at,
    );
    expect(fresh.created).toBe(true);
    expect(fresh.id).not.toBe(id);
    expect(await s.focalChats("cong-an-tinh")).toEqual([{ id: fresh.id, chat: "tg:2", lang: "vi" }]);
    await o.q.db.update(o.q.t.chats).set({ unreachableAt: at }).where(eq(o.q.t.chats.id, "tg:2"));
    expect(await s.focalChats("cong-an-tinh")).toEqual([]);
    await s.markReachable("tg:2");
    expect(await s.focalChats("cong-an-tinh")).toHaveLength(1);
  });

  it("lists live contacts by agency, role and age, as the CLI prints them", async () => {
    const list = await o.store.people.listContacts();
    expect(list.length).toBeGreaterThanOrEqual(3);
    expect(list.every((c) => c.chatId.startsWith("tg:"))).toBe(true);
    const key = (c: (typeof list)[number]) =>
      [c.agencyId, c.role, String(c.id).padStart(9, "0")].join("\u0000");
    expect(list.map(key)).toEqual(list.map(key).sort());
  });

  it("creates a chat once, by type, and sets a person's language with their chat's digest", async () => {
    const s = o.store.people;
    await s.ensureChat("tg:-100", at);
    await s.ensureChat("tg:-100", "2027-01-01T00:00:00.000Z");
    const [group] = await o.q.db.select().from(o.q.t.chats).where(eq(o.q.t.chats.id, "tg:-100"));
    expect(group).toMatchObject({ type: "group", createdAt: at });
    const { id } = await s.addContact(
      { agencyId: "so-y-te", role: "coordinator", chatId: "tg:3", lang: "vi" },
      at,
    );
    await o.store.chats.subscribe(
      { chatId: "tg:3", planId: o.planId, scope: { kind: "plan" }, lang: "vi" },
      at,
    );
    await s.setLang([id], "tg:3", "en");
    expect((await s.actor("tg:3"))?.lang).toBe("en");
    const [sub] = await o.q.db
      .select()
      .from(o.q.t.subscriptions)
      .where(eq(o.q.t.subscriptions.chatId, "tg:3"));
    expect(sub?.lang).toBe("en");
  });
});

describe.each(engines())("store: chats ($name)", (engine) => {
  let o: Seeded;
  beforeAll(async () => {
    o = await engine.seeded();
  });

  it("subscribes a chat once, replacing its scope, and unsubscribes it", async () => {
    const c = o.store.chats;
    expect(await c.subscribed("tg:-5")).toBe(false);
    await c.subscribe({ chatId: "tg:-5", planId: o.planId, scope: { kind: "plan" }, lang: "vi" }, at);
    const scope = { kind: "sections" as const, sections: ["I", "II"] };
    await c.subscribe({ chatId: "tg:-5", planId: o.planId, scope, lang: "en" }, at);
    expect(await c.subscription("tg:-5")).toEqual(scope);
    expect(await c.subscribed("tg:-5")).toBe(true);
    expect(await o.q.db.select().from(o.q.t.chats).where(eq(o.q.t.chats.id, "tg:-5"))).toHaveLength(1);
    expect(await c.unsubscribe("tg:-5")).toBe(true);
    expect(await c.unsubscribe("tg:-5")).toBe(false);
    expect(await c.subscription("tg:-5")).toBeUndefined();
  });

  it("moves everything of an upgraded group to its new id, once", async () => {
    const from = "tg:-10";
    const to = "tg:-1000010";
    const both = await o.store.people.addContact(
      { agencyId: "so-y-te", role: "focal", chatId: from, lang: "vi" },
      at,
    );
    const only = await o.store.people.addContact(
      { agencyId: "so-y-te", role: "head", chatId: from, lang: "vi" },
      at,
    );
    await o.q.db.insert(o.q.t.chats).values({ id: to, type: "group", createdAt: at, unreachableAt: at });
    await o.q.db.insert(o.q.t.contactChats).values({ contactId: both.id, chatId: to });
    await o.store.chats.subscribe(
      { chatId: from, planId: o.planId, scope: { kind: "plan" }, lang: "vi" },
      at,
    );
    await o.store.flows.start(from, only.id, "report", "task", {}, now);
    await o.store.flows.setMenu(to, [{ label: "new", data: "rp" }], now);
    await o.store.flows.setMenu(from, [{ label: "old", data: "rp" }], now);
    const message = { chatId: from, kind: "reminder", text: "x", sendAfter: at, createdAt: at };
    await o.q.db.insert(o.q.t.outbox).values([
      { ...message, dedupeKey: "m:pending" },
      { ...message, dedupeKey: "m:sent", state: "sent" },
    ]);

    expect(await o.store.chats.moveChat(from, to, now)).toBe(true);

    const links = await o.q.db.select().from(o.q.t.contactChats).where(eq(o.q.t.contactChats.chatId, to));
    expect(links.map((l) => l.contactId).sort()).toEqual([both.id, only.id].sort());
    expect(await o.q.db.select().from(o.q.t.contactChats).where(eq(o.q.t.contactChats.chatId, from))).toEqual(
      [],
    );
    expect(await o.store.chats.subscribed(to)).toBe(true);
    expect(await o.store.chats.subscribed(from)).toBe(false);
    expect((await o.store.flows.get(to, now))?.contactId).toBe(only.id);
    expect(await o.store.flows.menu(to)).toEqual([{ label: "new", data: "rp" }]);
    const outbox = await o.q.db.select().from(o.q.t.outbox).where(eq(o.q.t.outbox.chatId, to));
    expect(outbox.map((m) => m.dedupeKey)).toEqual(["m:pending"]);
    const [oldRow] = await o.q.db.select().from(o.q.t.chats).where(eq(o.q.t.chats.id, from));
    const [newRow] = await o.q.db.select().from(o.q.t.chats).where(eq(o.q.t.chats.id, to));
    expect(oldRow).toMatchObject({ unreachableAt: at, unreachableReason: `upgraded to supergroup ${to}` });
    expect(newRow).toMatchObject({ unreachableAt: null, type: "group" });

    expect(await o.store.chats.moveChat(from, to, now)).toBe(true);
    expect(await o.store.chats.moveChat("tg:-404", to, now)).toBe(false);
    expect(await o.store.chats.moveChat(to, to, now)).toBe(false);
  });

  it("reads a live contact by id, and not once it is removed (the web console's viewer)", async () => {
    const s = o.store.people;
    const { id } = await s.addContact(
      { agencyId: "so-y-te", role: "head", chatId: "tg:30", name: "Bình", lang: "en" },
      at,
    );
    expect(await s.contactById(id)).toEqual({
      id,
      agencyId: "so-y-te",
      agencyName: "Sở Y tế",
      role: "head",
      name: "Bình",
      lang: "en",
    });
    expect(await s.removeContact(id, at)).toBe(true);
    expect(await s.removeContact(id, at)).toBe(false);
    expect(await s.contactById(id)).toBeUndefined();
    expect(await s.actor("tg:30")).toBeUndefined();
    const [row] = await o.q.db.select().from(o.q.t.contacts).where(eq(o.q.t.contacts.id, id));
    expect(row?.removedAt).toBe(at);
  });
});
