import { beforeAll, describe, expect, it } from "vitest";
import { engines, type Opened, person } from "./engines.ts";

const at = (minute: number) => new Date(Date.UTC(2026, 11, 1, 3, minute));

describe.each(engines())("store: audit ($name)", (engine) => {
  let o: Opened;
  let coordinator: number;
  beforeAll(async () => {
    o = await engine.seeded();
    coordinator = await person(o.q, { agency: "so-y-te", role: "coordinator", chat: "tg:500", name: "Lan" });
  });

  it("keeps what was recorded, JSON values and all, newest first", async () => {
    const a = o.store.audit;
    await a.record({
      at: at(0),
      actorKind: "contact",
      actorContactId: coordinator,
      actorLabel: "Lan",
      action: "due.set",
      targetKind: "assignment",
      targetId: 42,
      before: { due: null },
      after: { due: "2026-12-31", reason: "theo công văn 12/UBND" },
      channel: "tg",
    });
    await a.record({
      at: at(1),
      actorKind: "operator",
      actorLabel: "root",
      action: "plan.import",
      channel: "cli",
    });
    await a.record({
      at: at(2),
      actorKind: "system",
      action: "web.contact.edit",
      before: "x",
      after: 3,
      channel: "web",
    });
    const rows = await a.list({ since: at(0).toISOString(), until: at(3).toISOString() });
    expect(rows.map((r) => r.action)).toEqual(["web.contact.edit", "plan.import", "due.set"]);
    expect(rows[2]).toEqual({
      id: expect.any(Number),
      at: at(0).toISOString(),
      actorKind: "contact",
      actorContactId: coordinator,
      actorLabel: "Lan",
      actorName: "Lan",
      action: "due.set",
      targetKind: "assignment",
      targetId: "42",
      before: { due: null },
      after: { due: "2026-12-31", reason: "theo công văn 12/UBND" },
      channel: "tg",
    });
    expect(rows[1]).toMatchObject({ actorContactId: null, actorName: null, before: null, after: null });
    expect(rows[0]).toMatchObject({ before: "x", after: 3 });
  });

  it("filters by time, action (or a family of them), actor, target and limit", async () => {
    const a = o.store.audit;
    const base = { actorKind: "contact" as const, actorContactId: coordinator, channel: "tg" as const };
    await a.record({ ...base, at: at(10), action: "invite.create", targetKind: "invite", targetId: "A" });
    await a.record({ ...base, at: at(11), action: "invite.revoke", targetKind: "invite", targetId: "A" });
    await a.record({ ...base, at: at(12), action: "web.plan.edit", actorContactId: null });
    await a.record({ ...base, at: at(13), action: "web.task.edit", actorContactId: null });
    const window = { since: at(10).toISOString(), until: at(14).toISOString() };
    const actions = async (f: Parameters<typeof a.list>[0]) =>
      (await a.list({ ...window, ...f })).map((r) => r.action);
    expect(await actions({ action: "invite.create" })).toEqual(["invite.create"]);
    expect(await actions({ action: "web.*" })).toEqual(["web.task.edit", "web.plan.edit"]);
    expect(await actions({ actorContactId: coordinator })).toEqual(["invite.revoke", "invite.create"]);
    expect(await actions({ targetKind: "invite", targetId: "A" })).toEqual([
      "invite.revoke",
      "invite.create",
    ]);
    expect(await actions({ limit: 1 })).toEqual(["web.task.edit"]);
    expect(await actions({ since: at(11).toISOString(), until: at(12).toISOString() })).toEqual([
      "invite.revoke",
    ]);
  });

  it("commits with the transaction it is recorded in, and rolls back with it", async () => {
    const entry = { actorKind: "system" as const, action: "tx.test", channel: "cli" as const };
    await o.store.transaction((tx) => tx.audit.record({ ...entry, targetId: "kept" }));
    const failing = o.store.transaction(async (tx) => {
      await tx.audit.record({ ...entry, targetId: "lost" });
      throw new Error("after the record");
    });
    await expect(failing).rejects.toThrow("after the record");
    expect((await o.store.audit.list({ action: "tx.test" })).map((r) => r.targetId)).toEqual(["kept"]);
  });

  it("anonymizes an actor's label and nothing else", async () => {
    const a = o.store.audit;
    const other = await person(o.q, { agency: "so-y-te", role: "coordinator", chat: "tg:501", name: "Hà" });
    const base = {
      at: at(20),
      actorKind: "contact" as const,
      action: "contact.role",
      channel: "tg" as const,
    };
    await a.record({
      ...base,
      actorContactId: other,
      actorLabel: "Hà",
      targetId: "7",
      after: { role: "head" },
    });
    await a.record({ ...base, actorContactId: coordinator, actorLabel: "Lan", targetId: "8" });
    expect(await a.anonymizeActor(other)).toBe(1);
    const rows = await a.list({ action: "contact.role" });
    expect(rows.find((r) => r.actorContactId === other)).toMatchObject({
      actorLabel: "(đã xóa)",
      action: "contact.role",
      targetId: "7",
      after: { role: "head" },
      at: at(20).toISOString(),
    });
    expect(rows.find((r) => r.actorContactId === coordinator)).toMatchObject({ actorLabel: "Lan" });
  });
});
