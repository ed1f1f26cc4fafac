import { describe, expect, it } from "vitest";
import { reportStatuses } from "../../src/db/schema.ts";
import { isClosed } from "../../src/domain/closed.ts";
import { laterPartsPrefix, messageKey } from "../../src/engine/keys.ts";
import { outboxOf } from "../../src/engine/outbox.ts";
import { Snapshot } from "../../src/engine/snapshot.ts";
import { engineFixture, reportAll } from "../helpers/engine.ts";

describe("dedupe keys of a split message", () => {
  it("give every part its own key, each read back as the message's, later parts by prefix", async () => {
    const { core } = await engineFixture();
    const outbox = outboxOf(core.store, () => 20);
    const key = "due:2026-12-01:plan:so-y-te:contact-1:tg:1001";
    const text = ["line one is long", "line two is long", "line three is long"].join("\n");
    const ids = await outbox.add([
      { dedupeKey: key, chatId: "tg:1001", kind: "due", text, sendAfter: "2026-12-01" },
    ]);
    const keys = (await outbox.list({ ids })).map((r) => r.dedupeKey);
    expect(keys).toEqual([key, `${key}#2`, `${key}#3`]);
    expect(keys.map(messageKey)).toEqual([key, key, key]);
    expect(keys.filter((k) => k.startsWith(laterPartsPrefix(key)))).toEqual(keys.slice(1));
    // Written again, nothing new: the keys are the same.
    expect(
      await outbox.add([{ dedupeKey: key, chatId: "tg:1001", kind: "due", text, sendAfter: "2026-12-01" }]),
    ).toEqual([]);
  });
});

describe("closed", () => {
  it("means the same to the delivery guard's SQL as to the engine, for every report status", async () => {
    const { core, planId } = await engineFixture();
    const work = (await new Snapshot(core.store).load({ plan: planId })).work(planId);
    const agencyId = "so-y-te";
    const mine = work.filter((w) => w.agencyId === agencyId);
    expect(mine.some((w) => w.kind === "recurring")).toBe(true);
    expect(mine.some((w) => w.kind !== "recurring")).toBe(true);
    for (const [i, status] of reportStatuses.entries()) {
      await reportAll(core, agencyId, `2026-${String(i + 1).padStart(2, "0")}`, status);
      for (const w of mine) {
        const settled = (await core.store.engine.settledReason({ assignments: [w.assignmentId] })) !== null;
        expect({ status, kind: w.kind, settled }).toEqual({
          status,
          kind: w.kind,
          settled: isClosed({ ...w, status }),
        });
      }
    }
  });
});
