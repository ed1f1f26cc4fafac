import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { engines, type Seeded } from "./engines.ts";

const now = new Date("2026-12-01T03:00:00Z");
const week = new Date(now.getTime() + 7 * 86_400_000).toISOString();

describe.each(engines())("store: invites ($name)", (engine) => {
  let o: Seeded;
  beforeAll(async () => {
    o = await engine.seeded();
  });
  const invite = (code: string, expiresAt = week) => ({
    code,
    agencyId: "so-y-te",
    role: "focal" as const,
    createdBy: "tg:admin",
    expiresAt,
  });

  it("redeems a code once: the second chat gets nothing and nothing is written", async () => {
    await o.store.invites.create(invite("ABCDEFGHJK"), now);
    expect(await o.store.invites.find("ABCDEFGHJK")).toMatchObject({
      usedAt: null,
      createdAt: now.toISOString(),
    });
    const won = await o.store.invites.redeem(
      { code: "ABCDEFGHJK", chatId: "tg:11", name: "Bình", lang: "en", consentVersion: "v1" },
      now,
    );
    expect(won).toEqual({
      agencyId: "so-y-te",
      agencyName: "Sở Y tế",
      role: "focal",
      contactId: expect.any(Number),
    });
    expect(await o.store.people.actor("tg:11")).toMatchObject({
      lang: "en",
      contacts: [{ id: won?.contactId, consentVersion: "v1" }],
    });
    expect(await o.store.invites.find("ABCDEFGHJK")).toMatchObject({
      usedAt: now.toISOString(),
      usedByChat: "tg:11",
    });
    expect(
      await o.store.invites.redeem(
        { code: "ABCDEFGHJK", chatId: "tg:12", lang: "vi", consentVersion: "v1" },
        now,
      ),
    ).toBeUndefined();
    expect(await o.store.people.actor("tg:12")).toBeUndefined();
  });

  it("refuses unknown and expired codes", async () => {
    await o.store.invites.create(invite("MNPQRSTUVW", now.toISOString()), now);
    expect(
      await o.store.invites.redeem(
        { code: "MNPQRSTUVW", chatId: "tg:13", lang: "vi", consentVersion: "v1" },
        now,
      ),
    ).toBeUndefined();
    expect(await o.store.invites.find("MNPQRSTUVW")).toMatchObject({ usedAt: null });
    expect(
      await o.store.invites.redeem(
        { code: "ZZZZZZZZZZ", chatId: "tg:13", lang: "vi", consentVersion: "v1" },
        now,
      ),
    ).toBeUndefined();
    expect(await o.store.invites.find("ZZZZZZZZZZ")).toBeUndefined();
  });

  it("rolls the code and the contact back together when the transaction fails", async () => {
    await o.store.invites.create(invite("XYZXYZXYZ2"), now);
    const failing = o.store.transaction(async (tx) => {
      expect(
        await tx.invites.redeem(
          { code: "XYZXYZXYZ2", chatId: "tg:14", lang: "vi", consentVersion: "v1" },
          now,
        ),
      ).toBeDefined();
      throw new Error("after the redeem");
    });
    await expect(failing).rejects.toThrow("after the redeem");
    expect(await o.store.invites.find("XYZXYZXYZ2")).toMatchObject({ usedAt: null });
    expect(await o.store.people.actor("tg:14")).toBeUndefined();
    expect(await o.q.db.select().from(o.q.t.chats).where(eq(o.q.t.chats.id, "tg:14"))).toEqual([]);
  });

  it("counts refused attempts per chat in the window and forgets older ones", async () => {
    const i = o.store.invites;
    const minute = (m: number) => new Date(now.getTime() + m * 60_000);
    await i.addAttempt("tg:20", minute(0));
    await i.addAttempt("tg:20", minute(10));
    await i.addAttempt("tg:21", minute(10));
    expect(await i.attemptsSince("tg:20", minute(-15).toISOString())).toEqual([
      minute(0).toISOString(),
      minute(10).toISOString(),
    ]);
    expect(await i.attemptsSince("tg:20", minute(5).toISOString())).toEqual([minute(10).toISOString()]);
    // The earlier attempt is gone for good once a later window pruned it.
    expect(await i.attemptsSince("tg:20", minute(-15).toISOString())).toEqual([minute(10).toISOString()]);
    expect(await i.attemptsSince("tg:21", minute(-15).toISOString())).toHaveLength(1);
  });
});
