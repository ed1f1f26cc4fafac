import { describe, expect, it } from "vitest";
import { engines, person } from "./engines.ts";

const now = "2026-12-07T02:00:00.000Z";

describe.each(engines())("store: snoozes ($name)", (engine) => {
  it("counts per person, assignment and chase, and names those at the threshold who are still here", async () => {
    const o = await engine.seeded();
    const lan = await person(o.q, { agency: "so-y-te", role: "focal", chat: "tg:1", name: "Lan" });
    const minh = await person(o.q, { agency: "so-y-te", role: "focal", chat: "tg:2", name: "Minh" });
    const gone = await person(o.q, {
      agency: "so-y-te",
      role: "focal",
      chat: "tg:3",
      name: "Cũ",
      removed: true,
    });
    const snooze = (
      contactId: number,
      assignmentId: number,
      n: number,
      chase: string | null = "due:2026-12-31",
    ) =>
      Array.from({ length: n }, (_, i) => ({
        contactId,
        assignmentId,
        fromOutboxId: 100 + i,
        outboxId: 200 + i,
        option: "am",
        until: now,
        createdAt: now,
        chase,
      }));
    await o.store.snoozes.record([
      ...snooze(lan, 7, 3),
      ...snooze(lan, 7, 2, "period:2026-11"),
      ...snooze(lan, 7, 4, null), // from before chases were kept: counts towards none
      ...snooze(lan, 8, 1),
      ...snooze(minh, 7, 2),
      ...snooze(gone, 9, 4),
    ]);
    const due = (assignmentId: number) => ({ assignmentId, chase: "due:2026-12-31" });
    expect(await o.store.snoozes.counts(lan, [due(7), due(8), due(9)])).toEqual(
      new Map([
        [7, 3],
        [8, 1],
      ]),
    );
    // November's nudges and December's are different chases; so is a date moved by an extension.
    expect(await o.store.snoozes.counts(lan, [{ assignmentId: 7, chase: "period:2026-11" }])).toEqual(
      new Map([[7, 2]]),
    );
    expect(await o.store.snoozes.counts(lan, [{ assignmentId: 7, chase: "period:2026-12" }])).toEqual(
      new Map(),
    );
    expect(await o.store.snoozes.counts(lan, [{ assignmentId: 7, chase: "due:2027-01-20" }])).toEqual(
      new Map(),
    );
    expect(await o.store.snoozes.counts(lan, [{ assignmentId: 7, chase: null }])).toEqual(new Map());
    expect(await o.store.snoozes.counts(minh, [])).toEqual(new Map());
    expect(await o.store.snoozes.frequent(3)).toEqual([
      { assignmentId: 7, chase: "due:2026-12-31", contactId: lan, name: "Lan", count: 3 },
    ]);
    expect(
      (await o.store.snoozes.frequent(2)).map((r) => [r.assignmentId, r.chase, r.name, r.count]),
    ).toEqual([
      [7, "due:2026-12-31", "Lan", 3],
      [7, "due:2026-12-31", "Minh", 2],
      [7, "period:2026-11", "Lan", 2],
    ]);
  });

  it("finds every part of a long message in its chat, and the chat's recent sent messages, newest first", async () => {
    const o = await engine.open();
    const msg = (key: string, chatId: string, text: string) => ({
      dedupeKey: key,
      chatId,
      kind: "due",
      text,
      sendAfter: now,
    });
    const long = Array.from({ length: 30 }, (_, i) => `dòng ${i} ${"x".repeat(60)}`).join("\n");
    const ids = await o.store.outbox.add(
      [msg("due:a", "tg:1", long), msg("due:ab", "tg:1", "khác"), msg("due:a:tg:2", "tg:2", "khác chat")],
      now,
      () => 1000,
    );
    const parts = await o.store.snoozes.messageParts("tg:1", "due:a#2");
    expect(parts.length).toBeGreaterThan(2);
    expect(parts.map((p) => p.dedupeKey)).toEqual(
      parts.map((_, i) => (i === 0 ? "due:a" : `due:a#${i + 1}`)),
    );
    expect(parts.map((p) => p.text).join("\n")).toBe(long);
    const other = ids.slice(-2); // "due:ab", and the other chat's
    for (const p of parts) await o.store.outbox.markSent(p.id, `m${p.id}`, "2026-12-07T02:00:00.000Z");
    await o.store.outbox.markSent(other[0] as number, "x1", "2026-12-07T02:05:00.000Z");
    await o.store.outbox.markSent(other[1] as number, "x2", "2026-12-07T02:06:00.000Z");
    const recent = await o.store.snoozes.recentSent("tg:1", "2026-12-07T02:01:00.000Z");
    expect(recent.map((r) => r.dedupeKey)).toEqual(["due:ab"]);
    const all = await o.store.snoozes.recentSent("tg:1", "2026-12-07T02:00:00.000Z");
    expect(all.map((r) => r.dedupeKey)).toEqual(["due:ab", ...parts.map((p) => p.dedupeKey).reverse()]);
  });

  it("forgets a person's snoozes with the person, and keeps everyone else's", async () => {
    const o = await engine.seeded();
    const lan = await person(o.q, { agency: "so-y-te", role: "focal", chat: "tg:1", name: "Lan" });
    const minh = await person(o.q, { agency: "so-y-te", role: "focal", chat: "tg:2", name: "Minh" });
    const row = (contactId: number) => ({
      contactId,
      assignmentId: 7,
      fromOutboxId: 1,
      outboxId: 2,
      option: "h2",
      until: now,
      createdAt: now,
      chase: "period:2026-11",
    });
    await o.store.snoozes.record([row(lan), row(lan), row(lan), row(minh)]);
    await o.store.privacy.forget([lan], now);
    const chase = [{ assignmentId: 7, chase: "period:2026-11" }];
    expect(await o.store.snoozes.counts(lan, chase)).toEqual(new Map());
    expect(await o.store.snoozes.counts(minh, chase)).toEqual(new Map([[7, 1]]));
  });
});
