import { describe, expect, it } from "vitest";
import type { NewMessage } from "../../src/store/outbox.ts";
import { engines } from "./engines.ts";

const now = "2026-12-01T03:00:00.000Z";
const later = "2026-12-01T05:00:00.000Z";

const msg = (key: string, chatId: string, extra: Partial<NewMessage> = {}): NewMessage => ({
  dedupeKey: key,
  chatId,
  kind: "test",
  text: `text of ${key}`,
  sendAfter: now,
  ...extra,
});

/** A text of `lines` lines of 100 characters: 2,000 fit on Zalo only in parts. */
const long = (lines: number) => Array.from({ length: lines }, (_, i) => `${i}`.padEnd(100, "x")).join("\n");

describe.each(engines())("store: outbox ($name)", (engine) => {
  it("writes a dedupe key once, whoever writes it again", async () => {
    const { store } = await engine.open();
    const first = await store.outbox.add([msg("a", "tg:1"), msg("b", "tg:1")], now);
    expect(first).toHaveLength(2);
    const second = await store.outbox.add([msg("a", "tg:1", { text: "changed" }), msg("c", "tg:2")], now);
    expect(second).toHaveLength(1);
    expect((await store.outbox.get(second[0] as number))?.dedupeKey).toBe("c");
    const rows = await store.outbox.list();
    expect(rows.map((r) => [r.dedupeKey, r.text, r.state, r.attempts])).toEqual([
      ["a", "text of a", "pending", 0],
      ["b", "text of b", "pending", 0],
      ["c", "text of c", "pending", 0],
    ]);
    expect(await store.outbox.add([], now)).toEqual([]);
  });

  it("writes a tick's thousands of rows in order, a key twice in one call once, with their ids", async () => {
    const { store } = await engine.open();
    await store.outbox.add([msg("k-0500", "tg:9")], now);
    const batch = Array.from({ length: 1_203 }, (_, i) =>
      msg(`k-${String(i).padStart(4, "0")}`, `tg:${i % 7}`),
    );
    // Again in the same call and the same statement (PostgreSQL writes 500 rows per statement).
    batch.splice(10, 0, msg("k-0001", "tg:1", { text: "again in the same call" }));
    const ids = await store.outbox.add(batch, now);
    expect(ids).toHaveLength(1_202);
    expect([...ids].sort((a, b) => a - b)).toEqual(ids);
    const rows = await store.outbox.list({ ids });
    expect(rows.map((r) => r.dedupeKey)).toEqual(
      batch.map((m) => m.dedupeKey).filter((k, i) => k !== "k-0500" && i !== 10),
    );
    expect(rows.find((r) => r.dedupeKey === "k-0001")?.text).toBe("text of k-0001");
  });

  it("splits a long text per channel: choices on the last part, the attachment on the first", async () => {
    const { store } = await engine.open();
    const choices = [[{ label: "Báo cáo", data: "rp" }]];
    const attachment = { kind: "photo" as const, path: "/tmp/x.png", name: "x.png" };
    const guard = { period: "2026-11", assignments: [1, 2] };
    const ids = await store.outbox.add(
      [
        msg("z", "zalo:a", { text: long(30), choices, attachment, guard, contactId: 7, agencyId: "so-y-te" }),
        msg("t", "tg:1", { text: long(30), choices }),
      ],
      now,
      (chatId) => (chatId.startsWith("zalo:") ? 2000 : 4096),
    );
    const rows = await store.outbox.list({ ids });
    expect(rows.map((r) => r.dedupeKey)).toEqual(["z", "z#2", "t"]);
    const [z1, z2, t] = rows;
    expect(z1?.text.length).toBeLessThanOrEqual(2000);
    expect(`${z1?.text}\n${z2?.text}`).toBe(long(30));
    expect([z1?.choices, z2?.choices, t?.choices]).toEqual([null, choices, choices]);
    expect([z1?.attachment, z2?.attachment]).toEqual([attachment, null]);
    expect([z1?.guard, z2?.guard]).toEqual([guard, guard]);
    expect(z2).toMatchObject({ contactId: 7, agencyId: "so-y-te", planId: null, createdAt: now });
    // A narrower limit of the caller's splits the Telegram text too.
    const narrow = await store.outbox.add([msg("n", "tg:1", { text: long(30) })], now, () => 1000);
    expect(narrow).toHaveLength(4);
  });

  it("claims a chat's oldest due message once, and none while another is in flight", async () => {
    const { store } = await engine.open();
    const [a, b] = await store.outbox.add(
      [msg("a", "tg:1"), msg("b", "tg:1"), msg("late", "tg:1", { sendAfter: later }), msg("other", "tg:2")],
      now,
    );
    const claimed = await store.outbox.claim("tg:1", now, now);
    expect(claimed).toMatchObject({ id: a, state: "sending", attempts: 1, claimedAt: now });
    expect(await store.outbox.claim("tg:1", now, now)).toBeUndefined();
    expect(await store.outbox.hasDue("tg:1", now)).toBe(true);
    expect((await store.outbox.claim("tg:2", now, now))?.dedupeKey).toBe("other");

    await store.outbox.markSent(a as number, "pm-1", later);
    expect(await store.outbox.get(a as number)).toMatchObject({
      state: "sent",
      sentAt: later,
      platformMessageId: "pm-1",
      lastError: null,
    });
    expect((await store.outbox.claim("tg:1", now, now))?.id).toBe(b);
    expect(await store.outbox.hasDue("tg:1", now)).toBe(false);
    expect(await store.outbox.hasDue("tg:1", later)).toBe(true);
    expect(await store.outbox.get(9999)).toBeUndefined();
  });

  it("hands a message to one of several workers claiming the chat at once", async () => {
    const { store } = await engine.open();
    // Each round a fresh chat: the race is at the first claim, and it seldom loses all ten.
    for (let round = 0; round < 10; round++) {
      const chat = `tg:${round}`;
      await store.outbox.add([msg(`a${round}`, chat), msg(`b${round}`, chat)], now);
      const claims = await Promise.all([1, 2, 3, 4].map(() => store.outbox.claim(chat, now, now)));
      expect(claims.filter((c) => c !== undefined).map((c) => [c.dedupeKey, c.attempts])).toEqual([
        [`a${round}`, 1],
      ]);
    }
  });

  it("releases with or without counting the attempt, and ends messages as skipped or failed", async () => {
    const { store } = await engine.open();
    const [a, b] = (await store.outbox.add([msg("a", "tg:1"), msg("b", "tg:2")], now)) as [number, number];
    await store.outbox.claim("tg:1", now, now);
    await store.outbox.release(a, "429", false);
    expect(await store.outbox.get(a)).toMatchObject({
      state: "pending",
      attempts: 0,
      claimedAt: null,
      lastError: "429",
    });
    await store.outbox.claim("tg:1", now, now);
    await store.outbox.release(a, "timeout", true);
    expect(await store.outbox.get(a)).toMatchObject({ state: "pending", attempts: 1, lastError: "timeout" });
    await store.outbox.claim("tg:1", now, now);
    await store.outbox.markSkipped(a, "settled");
    expect(await store.outbox.get(a)).toMatchObject({
      state: "skipped",
      lastError: "settled",
      claimedAt: null,
    });
    await store.outbox.claim("tg:2", now, now);
    await store.outbox.markFailed(b, "bad request");
    expect(await store.outbox.get(b)).toMatchObject({
      state: "failed",
      lastError: "bad request",
      claimedAt: null,
    });
  });

  it("stops everything waiting for a gone chat, and recovers stale claims", async () => {
    const { store } = await engine.open();
    const ids = await store.outbox.add(
      [msg("a", "tg:1"), msg("b", "tg:1"), msg("c", "tg:1"), msg("d", "tg:2"), msg("e", "tg:3")],
      now,
    );
    await store.outbox.claim("tg:1", now, now);
    await store.outbox.markSent((await store.outbox.claim("tg:2", now, now))?.id as number, "x");
    expect(await store.outbox.markChatUnreachable("tg:1", "blocked")).toBe(3);
    expect(await store.outbox.markChatUnreachable("tg:2", "blocked")).toBe(0);
    expect((await store.outbox.list({ state: "unreachable" })).map((r) => r.lastError)).toEqual([
      "blocked",
      "blocked",
      "blocked",
    ]);

    await store.outbox.claim("tg:3", now, now);
    expect(await store.outbox.recoverStale(now)).toBe(0);
    expect(await store.outbox.recoverStale(later)).toBe(1);
    expect(await store.outbox.get(ids[4] as number)).toMatchObject({
      state: "pending",
      claimedAt: null,
      attempts: 1,
    });
  });

  it("lists what is due on some channels, and filters the list", async () => {
    const { store } = await engine.open();
    await store.outbox.add(
      [msg("a", "tg:1"), msg("b", "zalo:1"), msg("c", "console:1"), msg("d", "tg:2", { sendAfter: later })],
      now,
    );
    const due = await store.outbox.due(now, ["tg", "zalo"]);
    expect(due.map((d) => d.chatId)).toEqual(["tg:1", "zalo:1"]);
    expect(await store.outbox.due(later, ["tg"], 1)).toEqual([{ id: due[0]?.id, chatId: "tg:1" }]);
    expect(await store.outbox.due(now, [])).toEqual([]);
    expect(await store.outbox.list({ ids: [] })).toEqual([]);
    expect((await store.outbox.list({ limit: 2 })).map((r) => r.dedupeKey)).toEqual(["a", "b"]);
    expect(await store.outbox.list({ since: later })).toEqual([]);
    await store.outbox.claim("zalo:1", now, now);
    expect((await store.outbox.list({ state: "sending" })).map((r) => r.dedupeKey)).toEqual(["b"]);
  });
});
