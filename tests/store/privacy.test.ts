import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { dailyHousekeeping } from "../../src/engine/housekeeping.ts";
import type { NewMessage } from "../../src/store/outbox.ts";
import { engines, person } from "./engines.ts";

const at = "2026-12-01T03:00:00.000Z";
const msg = (key: string, chatId: string, contactId: number | null = null): NewMessage => ({
  dedupeKey: key,
  chatId,
  contactId,
  kind: "test",
  text: `text of ${key}`,
  sendAfter: at,
});

describe.each(engines())("store: a person's data ($name)", (engine) => {
  it("finds one person by chat or contact, shows their data, records consent and forgets them", async () => {
    const o = await engine.seeded();
    const { store, q } = o;
    const focal = await person(q, { agency: "so-y-te", role: "focal", chat: "tg:7", name: "Lan" });
    const head = await person(q, { agency: "so-y-te", role: "head", chat: "tg:7", name: "Lan" });
    const other = await person(q, { agency: "so-y-te", role: "focal", chat: "tg:8", name: "Minh" });
    // A group both are linked to: forgetting Lan only drops her link there.
    await q.db.insert(q.t.chats).values({ id: "tg:-50", type: "group", createdAt: at });
    await q.db.insert(q.t.contactChats).values([
      { contactId: focal, chatId: "tg:-50" },
      { contactId: other, chatId: "tg:-50" },
    ]);
    await store.outbox.add(
      [msg("a:tg:7", "tg:7", focal), msg("b:tg:7", "tg:7"), msg("c:tg:8", "tg:8", other)],
      at,
    );
    const [a] = await q.db.select().from(q.t.assignments).limit(1);
    await q.db.insert(q.t.reports).values({
      assignmentId: a?.id as number,
      taskId: a?.taskId as number,
      agencyId: "so-y-te",
      period: "2026-11",
      status: "done",
      contactId: focal,
      chatId: "tg:7",
      submittedAt: at,
    });

    // Lan was away in December with Minh standing in; Minh was away in January with Lan standing in.
    await store.leave.set(
      {
        contactId: focal,
        agencyId: "so-y-te",
        from: "2026-12-01",
        to: "2026-12-05",
        deputyId: other,
        setById: focal,
      },
      new Date(at),
    );
    await store.leave.set(
      {
        contactId: other,
        agencyId: "so-y-te",
        from: "2027-01-04",
        to: "2027-01-08",
        deputyId: focal,
        setById: other,
      },
      new Date(at),
    );

    expect(await store.privacy.personOf({ chatId: "tg:7" })).toEqual([focal, head]);
    expect(await store.privacy.personOf({ contactId: head })).toEqual([focal, head]);
    await store.privacy.recordConsent([focal, head], "v2", at);
    const data = await store.privacy.personData([focal, head]);
    expect(data.contacts.map((c) => [c.name, c.role, c.consentVersion])).toEqual([
      ["Lan", "focal", "v2"],
      ["Lan", "head", "v2"],
    ]);
    expect(data.chats.map((c) => c.id)).toEqual(["tg:-50", "tg:7"]);
    expect([data.messages, data.reports, data.targetReports, data.leaves]).toEqual([2, 1, 0, 1]);

    expect(await store.privacy.forget([focal, head], at)).toEqual({
      contacts: 2,
      chats: 1,
      messages: 2,
      reports: 1,
    });
    const c = q.t.contacts;
    const kept = await q.db.select({ name: c.name, erasedAt: c.erasedAt, removedAt: c.removedAt }).from(c);
    expect(kept).toContainEqual({ name: null, erasedAt: at, removedAt: at });
    expect(kept).toContainEqual({ name: "Minh", erasedAt: null, removedAt: null });
    expect(await q.db.select({ id: q.t.chats.id }).from(q.t.chats).where(eq(q.t.chats.id, "tg:7"))).toEqual(
      [],
    );
    expect((await q.db.select({ k: q.t.outbox.dedupeKey }).from(q.t.outbox)).map((r) => r.k)).toEqual([
      "c:tg:8",
    ]);
    expect(
      await q.db.select({ chat: q.t.reports.chatId, contact: q.t.reports.contactId }).from(q.t.reports),
    ).toEqual([{ chat: null, contact: focal }]);
    const leaves = await q.db
      .select({ who: q.t.leaves.contactId, deputy: q.t.leaves.deputyContactId })
      .from(q.t.leaves);
    expect(leaves).toEqual([{ who: other, deputy: null }]);
    const links = await q.db.select().from(q.t.contactChats).where(eq(q.t.contactChats.chatId, "tg:-50"));
    expect(links).toEqual([{ contactId: other, chatId: "tg:-50" }]);
    // Erased: nobody answers to that chat or contact any more.
    expect(await store.privacy.personOf({ contactId: focal })).toEqual([]);
    expect(await store.people.actor("tg:7")).toBeUndefined();
  });

  it("clears old sent texts and used invites once a day, keeping the proof of delivery", async () => {
    const o = await engine.seeded();
    const { store, q } = o;
    const old = "2026-05-01T03:00:00.000Z";
    const [sent, pending, recent] = await store.outbox.add(
      [msg("old-sent", "tg:1"), msg("old-pending", "tg:1"), msg("new-sent", "tg:1")],
      old,
    );
    const ob = q.t.outbox;
    await q.db
      .update(ob)
      .set({ state: "sent", sentAt: old })
      .where(eq(ob.id, sent as number));
    await q.db
      .update(ob)
      .set({ state: "sent", sentAt: at })
      .where(eq(ob.id, recent as number));
    const week = "2026-12-08T00:00:00.000Z";
    await store.invites.create(
      { code: "USEDUSED22", agencyId: "so-y-te", role: "focal", createdBy: null, expiresAt: week },
      new Date(old),
    );
    await store.invites.create(
      { code: "OPENOPEN22", agencyId: "so-y-te", role: "focal", createdBy: null, expiresAt: week },
      new Date(old),
    );
    await q.db
      .update(q.t.invites)
      .set({ usedAt: old, usedByChat: "tg:1" })
      .where(eq(q.t.invites.code, "USEDUSED22"));

    const now = new Date("2026-12-02T03:00:00.000Z");
    const day = { now, localDay: "2026-12-02", outboxTextDays: 180 };
    expect(await dailyHousekeeping(store, day)).toMatchObject({ texts: 1, invites: 1 });
    expect(await dailyHousekeeping(store, day)).toBeUndefined();
    const rows = await q.db
      .select({
        id: ob.id,
        key: ob.dedupeKey,
        chat: ob.chatId,
        state: ob.state,
        text: ob.text,
        sentAt: ob.sentAt,
      })
      .from(ob)
      .orderBy(ob.id);
    expect(rows).toEqual([
      { id: sent, key: "old-sent", chat: "tg:1", state: "sent", text: "", sentAt: old },
      {
        id: pending,
        key: "old-pending",
        chat: "tg:1",
        state: "pending",
        text: "text of old-pending",
        sentAt: null,
      },
      { id: recent, key: "new-sent", chat: "tg:1", state: "sent", text: "text of new-sent", sentAt: at },
    ]);
    expect((await q.db.select({ code: q.t.invites.code }).from(q.t.invites)).map((r) => r.code)).toEqual([
      "OPENOPEN22",
    ]);
    // The next day runs again.
    expect(await dailyHousekeeping(store, { ...day, localDay: "2026-12-03" })).toMatchObject({ texts: 0 });
  });
});
