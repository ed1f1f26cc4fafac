import { describe, expect, it } from "vitest";
import { linkContact, startTestApp } from "../../helpers/app.ts";
import { sqliteOf } from "../../helpers/engine-choice.ts";
import { until } from "../../helpers/redis.ts";
import { group, person, say } from "./support.ts";

const coordinator = person(2001, "PC06");
const team = group(-500, "Tổ công tác Đề án 06");

describe("a group upgraded to a supergroup", () => {
  it("moves its subscription to the new id and gets the digest there", async () => {
    const t = await startTestApp();
    await linkContact(t, coordinator.user.id, "cong-an-tinh", "coordinator");
    await say(t, coordinator, "/subscribe", { chat: team });

    const upgraded = t.emulator.upgradeToSupergroup(team);
    const newId = `tg:${upgraded.id}`;
    await t.app.runner.tick(new Date("2026-12-07T08:00:00+07:00"));
    const [digest] = await t.emulator.waitForMessages(upgraded.id, 1, 15_000);
    expect(digest?.caption ?? digest?.text).toMatch(/^📰 Bản tin tuần 07\/12\/2026/);

    const { sqlite } = sqliteOf(t.core);
    expect(sqlite.prepare("select chat_id from subscriptions").all()).toEqual([{ chat_id: newId }]);
    const row = () =>
      sqlite.prepare("select chat_id, state from outbox where kind = 'digest'").get() as {
        chat_id: string;
        state: string;
      };
    await until(() => row().state === "sent", "the digest recorded as sent");
    expect(row().chat_id).toBe(newId);
    expect(
      t.emulator.messages(team.id).filter((m) => /Bản tin tuần 07/.test(m.caption ?? m.text ?? "")),
    ).toEqual([]);

    // The next week's digest goes straight to the supergroup.
    await t.app.runner.tick(new Date("2026-12-14T08:00:00+07:00"));
    await t.emulator.waitForMessages(upgraded.id, 2, 15_000);
  });
});
