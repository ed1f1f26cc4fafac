import { describe, expect, it } from "vitest";
import { engines, person } from "./engines.ts";

const now = "2026-12-01T03:00:00.000Z";
const later = "2026-12-02T03:00:00.000Z";

describe.each(engines())("store: the delivery log ($name)", (engine) => {
  it("pages newest first, filters, and names people by agency and name, never by chat id", async () => {
    const o = await engine.seeded();
    const lan = await person(o.q, { agency: "so-y-te", role: "focal", chat: "tg:555", name: "Lan" });
    const msg = (key: string, kind: string, agencyId: string) => ({
      dedupeKey: key,
      chatId: "tg:555",
      contactId: lan,
      agencyId,
      kind,
      text: `text ${key}`,
      sendAfter: now,
    });
    const ids = await o.store.outbox.add(
      [msg("a", "reminder", "so-y-te"), msg("b", "digest", "so-y-te"), msg("c", "reminder", "cong-an-tinh")],
      now,
    );
    await o.store.outbox.markFailed(ids[0] as number, "403 Forbidden");
    const first = await o.store.outbox.deliveryLog({ limit: 2 });
    expect(first.more).toBe(true);
    expect(first.rows.map((r) => r.text)).toEqual(["text c", "text b"]);
    const second = await o.store.outbox.deliveryLog({ limit: 2, offset: 2 });
    expect(second).toMatchObject({ more: false, rows: [{ text: "text a", state: "failed" }] });
    expect(second.rows[0]).toMatchObject({
      agencyName: "Sở Y tế",
      contactName: "Lan",
      channel: "tg",
      lastError: "403 Forbidden",
    });
    expect(JSON.stringify([first, second])).not.toContain("555");
    const filtered = await o.store.outbox.deliveryLog({ agencyId: "so-y-te", kind: "reminder" });
    expect(filtered.rows.map((r) => r.text)).toEqual(["text a"]);
    expect((await o.store.outbox.deliveryLog({ state: "failed" })).rows).toHaveLength(1);
    expect(await o.store.outbox.deliveryKinds()).toEqual(["digest", "reminder"]);
  });

  it("sends a failed message again as new, and only a failed one", async () => {
    const o = await engine.open();
    const [failed, sent] = await o.store.outbox.add(
      [
        { dedupeKey: "f", chatId: "tg:1", kind: "reminder", text: "f", sendAfter: now },
        { dedupeKey: "s", chatId: "tg:1", kind: "reminder", text: "s", sendAfter: now },
      ],
      now,
    );
    await o.store.outbox.markFailed(failed as number, "timeout");
    await o.store.outbox.markSent(sent as number, "99", now);
    expect(await o.store.outbox.retryFailed(failed as number, later)).toBe(true);
    expect(await o.store.outbox.get(failed as number)).toMatchObject({
      state: "pending",
      attempts: 0,
      lastError: null,
      sendAfter: later,
    });
    expect(await o.store.outbox.retryFailed(failed as number, later)).toBe(false);
    expect(await o.store.outbox.retryFailed(sent as number, later)).toBe(false);
    expect((await o.store.outbox.get(sent as number))?.state).toBe("sent");
  });
});
