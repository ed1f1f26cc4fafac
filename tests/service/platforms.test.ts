import { Writable } from "node:stream";
import pino from "pino";
import { afterEach, describe, expect, it } from "vitest";
import { type App, startApp } from "../../src/app.ts";
import { loadConfig } from "../../src/config.ts";
import { createInvite } from "../../src/conversation/invites.ts";
import { TelegramEmulator } from "../emulators/telegram-api.ts";
import { ZaloEmulator } from "../emulators/zalo-api.ts";
import { seededDatabase } from "../helpers/db.ts";
import { sqliteOf } from "../helpers/engine-choice.ts";
import { REDIS_URL, testPrefix, until } from "../helpers/redis.ts";

const TG_TOKEN = "123:test";
const ZALO_TOKEN = "42:zalo-secret";
const NOW = new Date("2026-12-03T09:00:00+07:00");

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of closers.splice(0).reverse()) await c();
});

/** The service in this process, both channels on emulators, its JSON log kept for the test. */
async function start(tg: TelegramEmulator, zalo: ZaloEmulator) {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk, _enc, done) {
      lines.push(JSON.parse(String(chunk)));
      done();
    },
  });
  const config = loadConfig({
    DB_PATH: seededDatabase().path,
    TELEGRAM_BOT_TOKEN: TG_TOKEN,
    TELEGRAM_API_ROOT: tg.apiRoot,
    TELEGRAM_POLL_TIMEOUT: "1",
    ZALO_BOT_TOKEN: ZALO_TOKEN,
    ZALO_API_ROOT: zalo.apiRoot,
    ZALO_POLL_TIMEOUT: "1",
    PLATFORM_TIMEOUT_MS: "1000",
    QUEUE_PREFIX: testPrefix(),
    REDIS_URL,
    CONSOLE: "off",
  });
  const app: App = await startApp(config, pino({ level: "info" }, sink), { now: () => NOW });
  closers.push(() => app.close());
  return { app, lines };
}

async function emulators() {
  const tg = await TelegramEmulator.start({ token: TG_TOKEN });
  const zalo = await ZaloEmulator.start({ token: ZALO_TOKEN });
  closers.push(
    () => tg.close(),
    () => zalo.close(),
  );
  return { tg, zalo };
}

const stranger = { id: 5001, first_name: "Lan" };
const strangerChat = { id: 5001, type: "private" as const };

describe("a Bot API that does not answer", { timeout: 120_000 }, () => {
  it("at start: Zalo and the engine run, the log names Telegram, and the bot answers once it is back", async () => {
    const { tg, zalo } = await emulators();
    tg.hang();
    const { app, lines } = await start(tg, zalo);

    // Zalo works while Telegram hangs: a person joins with a code, agrees to the notice (the
    // numbered answer "1") and gets the welcome.
    const code = (await createInvite(app.core.store, { agency: "so-y-te", role: "focal" }, NOW)).code;
    zalo.sendText({ id: "u-an", display_name: "An" }, code);
    await zalo.waitForMessages("u-an", 1, 30_000);
    zalo.sendText({ id: "u-an", display_name: "An" }, "1");
    await zalo.waitForMessages("u-an", 2, 30_000);
    expect(
      sqliteOf(app.core)
        .sqlite.prepare("select count(*) n from contact_chats where chat_id = 'zalo:u-an'")
        .get(),
    ).toEqual({ n: 1 });
    await until(
      () =>
        lines.some((l) => l.platform === "telegram" && l.level === 40 && /unreachable/.test(String(l.msg))),
      "a warning naming Telegram",
      30_000,
    );

    tg.resume();
    tg.sendText(stranger, strangerChat, "xin chào");
    const [reply] = await tg.waitForMessages(stranger.id, 1, 60_000);
    expect(reply?.text).toBeTruthy();
    expect(lines.some((l) => l.platform === "telegram" && /answers again/.test(String(l.msg)))).toBe(true);
  });

  it("while the bot runs: held calls time out and the bot answers within a minute of its return", async () => {
    const { tg, zalo } = await emulators();
    await start(tg, zalo);
    tg.sendText(stranger, strangerChat, "xin chào");
    await tg.waitForMessages(stranger.id, 1, 30_000);

    tg.hang();
    const held = tg.calls("getUpdates").length;
    await until(() => tg.calls("getUpdates").length > held, "a poll held by the dead API", 30_000);
    tg.sendText(stranger, strangerChat, "còn đó không?");
    tg.resume();
    // The held poll never gets an answer: only a bot that times out its own calls comes back.
    await tg.waitForMessages(stranger.id, 2, 60_000);
  });
});

describe("a second process polling the same bot token", { timeout: 120_000 }, () => {
  it("makes the first say so, stop polling and close cleanly", async () => {
    const { tg, zalo } = await emulators();
    const { app, lines } = await start(tg, zalo);
    await until(() => tg.calls("getUpdates").length > 0, "the bot polls", 30_000);
    let ended = false;
    const done = app.done.then(() => {
      ended = true;
    });
    // The other instance: each of its polls ends the first one's pending poll with a 409.
    for (let i = 0; i < 50 && !ended; i++)
      await fetch(`${tg.apiRoot}/bot${TG_TOKEN}/getUpdates?timeout=1`).then((r) => r.text());
    await done;
    expect(
      lines.some((l) => l.level === 50 && l.platform === "telegram" && /409 Conflict/.test(String(l.msg))),
    ).toBe(true);
    const { sqlite } = sqliteOf(app.core);
    await app.close();
    expect(sqlite.open).toBe(false);
  });
});
