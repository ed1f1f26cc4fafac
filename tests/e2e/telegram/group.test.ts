import { describe, expect, it } from "vitest";
import { linkContact, startTestApp, type TestApp } from "../../helpers/app.ts";
import { sqliteOf } from "../../helpers/engine-choice.ts";
import { until } from "../../helpers/redis.ts";
import { expectNoStackTrace, group, person, say, sentBefore, textOf } from "./support.ts";

const coordinator = person(2001, "PC06");
const focal = person(1001, "Đầu mối Y tế");
const team = group(-500, "Tổ công tác Đề án 06");
const other = group(-600, "Nhóm khác");

function subscribed(t: TestApp, chat: string): boolean {
  return !!sqliteOf(t.core).sqlite.prepare("select 1 from subscriptions where chat_id = ?").get(chat);
}

describe("a subscribed group", () => {
  it("gets the weekly digest, answers /bantin, refuses unsubscribed groups, and forgets a group that removed the bot", async () => {
    const t = await startTestApp();
    await linkContact(t, coordinator.user.id, "cong-an-tinh", "coordinator");
    await linkContact(t, focal.user.id, "so-y-te", "focal");

    // Before subscribing, the group gets only the way to subscribe.
    const [notYet] = await say(t, coordinator, "/bantin", { chat: team });
    expect(notYet?.text).toBe("Nhóm này chưa đăng ký theo dõi. Cán bộ điều phối gửi /subscribe để bắt đầu.");
    // A focal point cannot subscribe a group.
    const [refused] = await say(t, focal, "/subscribe", { chat: team });
    expect(refused?.text).toContain("chỉ dành cho cán bộ điều phối");
    expect(subscribed(t, "tg:-500")).toBe(false);

    const [done] = await say(t, coordinator, "/subscribe", { chat: team });
    expect(done?.text).toContain("Đã đăng ký bản tin tuần");
    expect(subscribed(t, "tg:-500")).toBe(true);

    const before = t.emulator.messages(team.id).length;
    await t.app.runner.tick(new Date("2026-12-07T08:00:00+07:00"));
    // The chart (a PNG drawn on the server) with the digest's text as its caption.
    const weekly = (await t.emulator.waitForMessages(team.id, before + 1))[before];
    expect(weekly?.method).toBe("sendPhoto");
    expect(weekly?.photo?.size).toBeGreaterThan(10_000);
    expect(weekly?.caption).toMatch(/^📰 Bản tin tuần 07\/12\/2026 — toàn kế hoạch/);
    expect(weekly?.caption).toContain("Báo cáo tháng 11/2026");
    // Nothing scheduled went to the group that never subscribed.
    expect(t.emulator.messages(other.id)).toEqual([]);

    // A reply to the digest in the group is chatter too: no report flow starts in a group.
    const reply = await sentBefore(t, team, coordinator, () =>
      t.emulator.sendText(focal.user, team, "Cảm ơn anh", { replyToMessageId: weekly?.messageId }),
    );
    expect(reply).toEqual([]);
    expect(
      sqliteOf(t.core).sqlite.prepare("select 1 from flows where chat_id = 'tg:-500'").get(),
    ).toBeUndefined();

    const now = textOf(await say(t, coordinator, "/bantin", { chat: team }));
    expect(now).toMatch(/^📰 Bản tin tuần .* — toàn kế hoạch/);
    // Private-only commands stay private.
    const [privateOnly] = await say(t, coordinator, "/baocao", { chat: team });
    expect(privateOnly?.text).toBe("Lệnh này chỉ dùng trong trò chuyện riêng với bot.");
    // Plain chatter in a group is not answered.
    const chatter = await sentBefore(t, team, coordinator, () =>
      t.emulator.sendText(focal.user, team, "Mọi người nhớ nộp báo cáo nhé"),
    );
    expect(chatter).toEqual([]);

    const [elsewhere] = await say(t, coordinator, "/trehan", { chat: other });
    expect(elsewhere?.text).toContain("chưa đăng ký");

    t.emulator.removedFromGroup(team, coordinator.user);
    await until(() => !subscribed(t, "tg:-500"), "the group is unsubscribed");
    const chat = sqliteOf(t.core)
      .sqlite.prepare("select unreachable_at u from chats where id = 'tg:-500'")
      .get() as {
      u: string | null;
    };
    expect(chat.u).not.toBeNull();
    // The next Monday's digest does not go to the group.
    await t.app.runner.tick(new Date("2026-12-14T08:00:00+07:00"));
    const toGroup = async () => (await t.core.outbox.list()).filter((m) => m.chatId === "tg:-500");
    expect((await toGroup()).map((m) => m.dedupeKey)).toEqual([
      "digest:2026-12-07:gia-lai-de-an-06-2026:tg:-500",
    ]);

    // Added back and subscribed again, the group gets the digest again.
    t.emulator.addedToGroup(team, coordinator.user);
    const [again] = await say(t, coordinator, "/subscribe", { chat: team });
    expect(again?.text).toContain("Đã đăng ký bản tin tuần");
    const count = t.emulator.messages(team.id).length;
    await t.app.runner.tick(new Date("2026-12-21T08:00:00+07:00"));
    // A digest longer than a caption allows comes as the chart, then the text.
    const [next] = (await t.emulator.waitForMessages(team.id, count + 1, 8000)).slice(count);
    expect(next?.method).toBe("sendPhoto");
    const digest =
      next?.caption ?? (await t.emulator.waitForMessages(team.id, count + 2, 8000))[count + 1]?.text;
    expect(digest).toMatch(/^📰 Bản tin tuần 21\/12\/2026 — toàn kế hoạch/);
    expectNoStackTrace(t);
  });
});
