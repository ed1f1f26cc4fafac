import { describe, expect, it } from "vitest";
import { linkContact, startTestApp } from "../../helpers/app.ts";
import { rowsOf } from "../../helpers/engine-choice.ts";
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
    // The chart, then the text: with the on-time tally the digest is longer than a caption.
    const [chart, digest] = await t.emulator.waitForMessages(upgraded.id, 2, 15_000);
    expect(chart?.method).toBe("sendPhoto");
    expect(digest?.caption ?? digest?.text).toMatch(/^📰 Bản tin tuần 07\/12\/2026/);

    const rows = rowsOf(t.core);
    expect(await rows("select chat_id from subscriptions")).toEqual([{ chat_id: newId }]);
    const digests = () => rows<{ state: string }>("select chat_id, state from outbox where kind = 'digest'");
    await until(async () => (await digests())[0]?.state === "sent", "the digest recorded as sent");
    expect(await digests()).toEqual([{ chat_id: newId, state: "sent" }]);
    expect(
      t.emulator.messages(team.id).filter((m) => /Bản tin tuần 07/.test(m.caption ?? m.text ?? "")),
    ).toEqual([]);

    // The next week's digest goes straight to the supergroup.
    await t.app.runner.tick(new Date("2026-12-14T08:00:00+07:00"));
    await t.emulator.waitForMessages(upgraded.id, 3, 15_000);
  });
});
