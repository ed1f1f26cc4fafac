import { describe, expect, it } from "vitest";
import type { TgUpdate } from "../../emulators/telegram-api.ts";
import { linkContact, startTestApp, type TestApp } from "../../helpers/app.ts";
import { sqliteOf } from "../../helpers/engine-choice.ts";
import { until } from "../../helpers/redis.ts";
import { expectNoStackTrace, person, sentBefore, textOf } from "./support.ts";

const coordinator = person(2001, "PC06");
const other = person(2002, "PC06 trực ban");
const focal = person(1001, "Đầu mối Y tế");
const SECRET = "redelivery_secret";

const count = (t: TestApp, sql: string, ...args: unknown[]) =>
  (
    sqliteOf(t.core)
      .sqlite.prepare(sql)
      .get(...args) as { n: number }
  ).n;
const manualReminders = (t: TestApp) =>
  count(t, "select count(*) n from outbox where kind = 'manual-remind' and agency_id = 'so-y-te'");
const invites = (t: TestApp, agency: string) =>
  count(t, "select count(*) n from invites where agency_id = ?", agency);

async function webhookApp(): Promise<TestApp> {
  const t = await startTestApp({ webhook: { secret: SECRET } });
  await linkContact(t, coordinator.user.id, "cong-an-tinh", "coordinator");
  await linkContact(t, other.user.id, "cong-an-tinh", "coordinator");
  await linkContact(t, focal.user.id, "so-y-te", "focal");
  return t;
}

/** The emulator posts the very same update again, as Telegram does after a failed delivery. */
async function redeliver(t: TestApp, update: TgUpdate): Promise<void> {
  t.emulator.injectUpdate(structuredClone(update));
  await t.emulator.flushWebhook();
}

describe("webhook updates are handled once", () => {
  it("a /nhac whose handler is still busy is acknowledged at once, and its redelivery writes no second reminder", async () => {
    const t = await webhookApp();
    // The Bot API stops answering: the handler (its dispatch and its reply) waits as long as the
    // test wants, longer than the 10 s after which Telegram would have given up on the post.
    t.emulator.hold("sendMessage");
    const update = t.emulator.sendText(coordinator.user, coordinator.chat, "/nhac so y te");
    await t.emulator.flushWebhook();
    expect(t.emulator.webhookDeliveries.map((d) => d.status)).toEqual([200]);
    await until(() => t.emulator.held("sendMessage") > 0, "the handler waiting on the Bot API");
    expect(manualReminders(t)).toBe(1);

    // Redelivered later: a second run would write a new row (its key carries the time).
    t.clock.set("2026-12-03T09:07:00+07:00");
    await redeliver(t, update);
    t.emulator.release("sendMessage");
    const replies = await sentBefore(t, coordinator.chat, coordinator, () => {});
    expect(t.emulator.webhookDeliveries.map((d) => d.status)).toEqual([200, 200, 200]);
    expect(textOf(replies).match(/Đã gửi nhắc nhở tới 1 cán bộ đầu mối của Sở Y tế/g)).toHaveLength(1);
    expect(manualReminders(t)).toBe(1);
    await t.emulator.waitForMessages(focal.chat.id, 1, 10_000);
    expect(t.emulator.messages(focal.chat.id)).toHaveLength(1);
    expectNoStackTrace(t);
  });

  it("a redelivered /moi creates one invite code", async () => {
    const t = await webhookApp();
    let update: TgUpdate | undefined;
    const replies = await sentBefore(t, coordinator.chat, coordinator, async () => {
      update = t.emulator.sendText(coordinator.user, coordinator.chat, "/moi so tu phap");
      await t.emulator.flushWebhook();
      if (update) await redeliver(t, update);
    });
    expect(textOf(replies).match(/Mã mời cho Sở Tư pháp/g)).toHaveLength(1);
    expect(invites(t, "so-tu-phap")).toBe(1);
  });

  it("runs one chat's updates in order while other chats go on", async () => {
    const t = await webhookApp();
    t.emulator.hold("sendMessage");
    t.emulator.sendText(coordinator.user, coordinator.chat, "/nhac so y te"); // busy until released
    t.emulator.sendText(coordinator.user, coordinator.chat, "/moi so tu phap");
    t.emulator.sendText(other.user, other.chat, "/moi so noi vu");
    await t.emulator.flushWebhook();
    expect(t.emulator.webhookDeliveries.map((d) => d.status)).toEqual([200, 200, 200]);
    // The other chat's invite is written although the first chat is stuck on its first update...
    await until(() => invites(t, "so-noi-vu") === 1, "the other chat's invite");
    // ...and the first chat's second update has not started behind it.
    expect(invites(t, "so-tu-phap")).toBe(0);
    t.emulator.release("sendMessage");
    await until(() => invites(t, "so-tu-phap") === 1, "the first chat's second update");
    const replies = textOf(await t.emulator.waitForMessages(coordinator.chat.id, 2, 10_000));
    expect(replies.indexOf("Đã gửi nhắc nhở")).toBeLessThan(replies.indexOf("Mã mời cho Sở Tư pháp"));
  });
});
