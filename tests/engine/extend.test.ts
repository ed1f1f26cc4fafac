import { describe, expect, it } from "vitest";
import type { Core } from "../../src/core.ts";
import type { Guard } from "../../src/engine/guard.ts";
import { engineFixture } from "../helpers/engine.ts";
import { askV6 } from "../helpers/extension.ts";

/** Sở Y tế asks to move V.6 (due 31/12/2026) to `day`, and a coordinator agrees. */
async function extended(core: Core, day: string, focal: number, coordinator: number): Promise<number> {
  const { id, assignmentId } = await askV6(core, focal, day, "2026-12-10T02:00:00.000Z");
  await core.store.extensions.decide(id, {
    status: "approved",
    by: coordinator,
    at: "2026-12-11T02:00:00.000Z",
    due: day,
  });
  return assignmentId;
}

const toYt = (rows: { kind: string; chatId: string; text: string }[], kind: string) =>
  rows.filter((r) => r.chatId === "tg:1001" && r.kind === kind);

describe("an approved extension in the tick", () => {
  it("moves that agency's due reminders and overdue ladder to the new date", async () => {
    const { tick, core, people } = await engineFixture();
    const assignment = await extended(core, "2027-01-20", people.ytFocal, people.coordinator);

    // 14 days before the old date: nothing for Sở Y tế about V.6 any more.
    await tick("2026-12-16T09:00:00+07:00");
    expect(
      toYt(await tick("2026-12-17T08:00:00+07:00"), "due").filter((r) => r.text.includes("V.6")),
    ).toEqual([]);
    // The first working day after the old date: not late.
    await tick("2027-01-03T20:00:00+07:00");
    const jan4 = await tick("2027-01-04T07:30:00+07:00");
    expect(toYt(jan4, "overdue-focal").filter((r) => r.text.includes("V.6"))).toEqual([]);

    // 14 days before the new date: reminded, with the way to ask again.
    await tick("2027-01-05T09:00:00+07:00");
    const [due] = toYt(await tick("2027-01-06T08:00:00+07:00"), "due");
    expect(due?.text).toMatch(/V\.6 .* — hạn 20\/01\/2027, còn 14 ngày/);
    const choices = (due as unknown as { choices: { label: string; data: string }[][] }).choices.flat();
    expect(choices).toContainEqual({ label: "📅 Xin gia hạn", data: `ex:${assignment}` });

    // The day after the new date: the ladder's first step counts from it.
    await tick("2027-01-20T09:00:00+07:00");
    const [late] = toYt(await tick("2027-01-21T08:00:00+07:00"), "overdue-focal");
    expect(late?.text).toMatch(/V\.6 .* — hạn 20\/01\/2027, quá 1 ngày/);
  });

  it("drops a reminder written for the old date, still waiting when the extension is approved", async () => {
    const { tick, core, people } = await engineFixture();
    await tick("2026-12-16T09:00:00+07:00");
    const [due] = toYt(await tick("2026-12-17T08:00:00+07:00"), "due").filter((r) => r.text.includes("V.6"));
    const guard = (due as unknown as { guard: Guard & { dues: Record<string, string> } }).guard;
    expect(await core.store.engine.settledReason(guard)).toBeNull();
    const assignment = await extended(core, "2027-01-20", people.ytFocal, people.coordinator);
    expect(guard.dues[assignment]).toBe("2026-12-31");
    expect(await core.store.engine.settledReason(guard)).toBe(
      "stale: due date moved from 2026-12-31 to 2027-01-20",
    );
  });

  it("takes the agency out of the coordinators' step while the others stay on their dates", async () => {
    const { tick, core, people } = await engineFixture();
    await extended(core, "2027-01-20", people.ytFocal, people.coordinator);
    await tick("2027-01-13T09:00:00+07:00");
    const jan14 = (await tick("2027-01-14T08:00:00+07:00")).filter((r) => r.kind === "overdue-coordinator");
    const text = jan14.map((r) => r.text).join("\n");
    // Without the extension Sở Y tế's V.6 is listed here, 14 days late.
    expect(text).toMatch(/^• V\.7 .* — hạn 31\/12\/2026, quá 14 ngày$/m);
    expect(text).not.toContain("V.6");
    expect(text).not.toContain("Sở Y tế");
  });
});
