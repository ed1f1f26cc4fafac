import { describe, expect, it } from "vitest";
import type { SentMessage } from "../../emulators/telegram-api.ts";
import { linkContact, startTestApp, type TestApp } from "../../helpers/app.ts";
import { rowsOf } from "../../helpers/engine-choice.ts";
import { until } from "../../helpers/redis.ts";
import { countOf } from "../../helpers/saved.ts";
import { expectNoStackTrace, group, person, say, sentBefore, textOf } from "./support.ts";

const coordinator = person(2001, "PC06");
const focal = person(1001, "Đầu mối Y tế");
const team = group(-500, "Tổ công tác Đề án 06");
const other = group(-600, "Nhóm khác");

async function subscribed(t: TestApp, chat: string): Promise<boolean> {
  return (await countOf(rowsOf(t.core), "select count(*) n from subscriptions where chat_id = ?", chat)) > 0;
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
    expect(await subscribed(t, "tg:-500")).toBe(false);

    const [done] = await say(t, coordinator, "/subscribe", { chat: team });
    expect(done?.text).toContain("Đã đăng ký bản tin tuần");
    expect(await subscribed(t, "tg:-500")).toBe(true);

    const before = t.emulator.messages(team.id).length;
    await t.app.runner.tick(new Date("2026-12-07T08:00:00+07:00"));
    // The chart (a PNG drawn on the server), then the digest's text: with the on-time tally it is
    // longer than a caption allows.
    const [weekly, weeklyText] = (await t.emulator.waitForMessages(team.id, before + 2)).slice(before);
    expect(weekly?.method).toBe("sendPhoto");
    expect(weekly?.photo?.size).toBeGreaterThan(10_000);
    expect(weeklyText?.text).toMatch(/^📰 Bản tin tuần 07\/12\/2026 — toàn kế hoạch/);
    expect(weeklyText?.text).toContain("Báo cáo tháng 11/2026");
    expect(weeklyText?.text).toMatch(/^📊 Tiến độ \d+ lượt nhiệm vụ có thời hạn: hoàn thành đúng hạn 0,/m);
    // Nothing scheduled went to the group that never subscribed.
    expect(t.emulator.messages(other.id)).toEqual([]);

    // A reply to the digest in the group is chatter too: no report flow starts in a group.
    const reply = await sentBefore(t, team, coordinator, () =>
      t.emulator.sendText(focal.user, team, "Cảm ơn anh", { replyToMessageId: weekly?.messageId }),
    );
    expect(reply).toEqual([]);
    expect(await countOf(rowsOf(t.core), "select count(*) n from flows where chat_id = 'tg:-500'")).toBe(0);

    const [chartNow, textNow] = await say(t, coordinator, "/bantin", { chat: team, count: 2 });
    expect(chartNow?.method).toBe("sendPhoto");
    const now = textOf([textNow as SentMessage]);
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
    const unreachableAt = async () =>
      (
        await rowsOf(t.core)<{ u: string | null }>("select unreachable_at u from chats where id = 'tg:-500'")
      )[0]?.u;
    // The removal is handled in two steps (unsubscribe, then mark the chat gone): wait for both.
    await until(
      async () => !(await subscribed(t, "tg:-500")) && (await unreachableAt()) != null,
      "the group is unsubscribed and marked unreachable",
    );
    expect(await unreachableAt()).toEqual(expect.any(String));
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
