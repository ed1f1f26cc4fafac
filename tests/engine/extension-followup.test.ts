import { describe, expect, it } from "vitest";
import type { Core } from "../../src/core.ts";
import { auditLine } from "../../src/reports/audit-lines.ts";
import { engineFixture } from "../helpers/engine.ts";
import { jsonValue, rowsOf } from "../helpers/engine-choice.ts";
import { askV6 } from "../helpers/extension.ts";

interface Row {
  dedupe_key: string;
  chat_id: string;
  kind: string;
  text: string;
  choices: unknown;
}

/** Sở Y tế's focal point asks on Thursday 17/12 to move V.6 (due 31/12/2026) to `day`. */
const asked = async (core: Core, focal: number, day: string) =>
  (await askV6(core, focal, day, "2026-12-17T02:00:00.000Z")).id;

const followUps = (core: Core, id: number) =>
  rowsOf(core)<Row>(
    "select dedupe_key, chat_id, kind, text, choices from outbox where dedupe_key like ? order by id",
    `extension:${id}:%`,
  );

describe("extension requests nobody answers", () => {
  it("reminds the coordinators once on the second working day, with the same three answers", async () => {
    const { tick, core, people } = await engineFixture();
    const id = await asked(core, people.ytFocal, "2027-01-20");
    await tick("2026-12-17T12:00:00+07:00");
    // Friday is one working day; Saturday and Sunday are not working days.
    await tick("2026-12-18T09:00:00+07:00");
    await tick("2026-12-20T09:00:00+07:00");
    expect(await followUps(core, id)).toEqual([]);
    await tick("2026-12-21T07:55:00+07:00");
    expect(await followUps(core, id)).toEqual([]);
    await tick("2026-12-21T08:00:00+07:00");
    const [reminder, ...more] = await followUps(core, id);
    expect(more).toEqual([]);
    expect(reminder).toMatchObject({
      dedupe_key: `extension:${id}:reminded:contact-${people.coordinator}:tg:2001`,
      kind: "extension-reminded",
    });
    expect(reminder?.text).toContain(
      "⏳ Đề nghị gia hạn gửi ngày 17/12/2026 chưa được trả lời sau 2 ngày làm việc:",
    );
    expect(reminder?.text).toContain("Hạn hiện tại: 31/12/2026 → xin đến: 20/01/2027");
    expect(
      jsonValue<{ data: string }[][]>(reminder?.choices ?? "[]")
        .flat()
        .map((c) => c.data),
    ).toEqual([`xd:${id}:a`, `xd:${id}:r`, `xd:${id}:p`]);
    // Later ticks, and the same morning run again, write nothing more.
    await tick("2026-12-22T08:00:00+07:00");
    await tick("2026-12-21T08:00:00+07:00");
    expect(await followUps(core, id)).toHaveLength(1);
  });

  it("sends no reminder for a request answered in time", async () => {
    const { tick, core, people } = await engineFixture();
    const id = await asked(core, people.ytFocal, "2027-01-20");
    await tick("2026-12-18T09:00:00+07:00");
    await core.store.extensions.decide(id, {
      status: "rejected",
      by: people.coordinator,
      at: "2026-12-18T03:00:00.000Z",
    });
    await tick("2026-12-21T08:00:00+07:00");
    expect(await followUps(core, id)).toEqual([]);
  });

  it("closes a request still open once the day asked for has passed, tells the agency, and lets it ask again", async () => {
    const { tick, core, people } = await engineFixture();
    const id = await asked(core, people.ytFocal, "2026-12-24");
    await tick("2026-12-24T16:00:00+07:00");
    expect((await core.store.extensions.byId(id))?.request.status).toBe("open");
    // Christmas Eve passes unanswered; the notice waits for the morning.
    await tick("2026-12-25T00:05:00+07:00");
    expect((await core.store.extensions.byId(id))?.request).toMatchObject({
      status: "expired",
      decidedAt: "2026-12-24T17:05:00.000Z",
      decidedBy: null,
    });
    const told = (await followUps(core, id)).filter((r) => r.kind === "extension-expired");
    expect(told.map((r) => r.chat_id).sort()).toEqual(["tg:1001", "tg:1002"]);
    expect(told[0]?.text).toMatch(
      /^⌛ Đề nghị gia hạn V\.6 .+ đến 24\/12\/2026 chưa được trả lời trước ngày đó nên đã đóng\./,
    );
    expect(told[0]?.text).toContain(
      "Hạn vẫn là 31/12/2026. Nếu vẫn cần thêm thời gian, đơn vị có thể gửi đề nghị mới: /giahan V.6.",
    );
    const [sendAfter] = await rowsOf(core)<{ send_after: string }>(
      "select send_after from outbox where dedupe_key = ?",
      `extension:${id}:expired:contact-${people.ytFocal}:tg:1001`,
    );
    expect(sendAfter?.send_after).toBe("2026-12-25T00:30:00.000Z");
    // The trail says the bot closed it, since nobody decided it.
    const trail = await core.store.audit.list({ action: "extension.expire" });
    expect(trail).toHaveLength(1);
    const [row] = trail;
    if (!row) throw new Error("no audit row");
    expect(row).toMatchObject({ actorKind: "system", channel: "engine", targetId: String(id) });
    const reader = {
      i18n: core.i18n,
      lang: "vi" as const,
      timeZone: "Asia/Ho_Chi_Minh",
      agencyNames: new Map([["so-y-te", "Sở Y tế"]]),
    };
    expect(auditLine(reader, row)).toMatchObject({
      channel: "tự động",
      actor: "hệ thống",
      action: "Đề nghị gia hạn hết hiệu lực vì không được trả lời",
      target: "V.6 của Sở Y tế",
      detail: "hạn 31/12/2026, xin đến 24/12/2026",
    });
    // The next tick finds nothing open: nothing is told or recorded twice.
    await tick("2026-12-25T08:00:00+07:00");
    expect(await followUps(core, id)).toHaveLength(2);
    expect(await core.store.audit.list({ action: "extension.expire" })).toHaveLength(1);
    expect(await asked(core, people.ytFocal, "2027-01-20")).toBeGreaterThan(id);
  });
});
