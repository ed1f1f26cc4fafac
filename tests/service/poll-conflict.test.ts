import { Writable } from "node:stream";
import { Redis } from "ioredis";
import pino from "pino";
import { afterEach, describe, expect, it } from "vitest";
import { type App, startApp } from "../../src/app.ts";
import { pollerLeaseName } from "../../src/channels/poll-turn.ts";
import { loadConfig } from "../../src/config.ts";
import { TelegramEmulator } from "../emulators/telegram-api.ts";
import { ZaloEmulator } from "../emulators/zalo-api.ts";
import { seededDatabase } from "../helpers/db.ts";
import { REDIS_URL, testPrefix, until } from "../helpers/redis.ts";

const TG_TOKEN = "123:test";
const ZALO_TOKEN = "42:zalo-secret";
const NOW = new Date("2026-12-03T09:00:00+07:00");

const closers: (() => Promise<unknown> | unknown)[] = [];
afterEach(async () => {
  for (const c of closers.splice(0).reverse()) await c();
});

type Line = Record<string, unknown> & { level: number; msg: string };

/** The service in this process on both emulators, polling under a poller lease in Redis. */
async function start() {
  const tg = await TelegramEmulator.start({ token: TG_TOKEN });
  const zalo = await ZaloEmulator.start({ token: ZALO_TOKEN });
  closers.push(
    () => tg.close(),
    () => zalo.close(),
  );
  const lines: Line[] = [];
  const sink = new Writable({
    write(chunk, _enc, done) {
      lines.push(JSON.parse(String(chunk)));
      done();
    },
  });
  const prefix = testPrefix();
  const config = loadConfig({
    DB_PATH: seededDatabase().path,
    TELEGRAM_BOT_TOKEN: TG_TOKEN,
    TELEGRAM_API_ROOT: `${tg.apiRoot}/a`, // named, to tell its polls from the test's own
    TELEGRAM_POLL_TIMEOUT: "1",
    ZALO_BOT_TOKEN: ZALO_TOKEN,
    ZALO_API_ROOT: zalo.apiRoot,
    ZALO_POLL_TIMEOUT: "1",
    POLL_LEASE_MS: "3000",
    QUEUE_PREFIX: prefix,
    REDIS_URL,
    CONSOLE: "off",
  });
  const app: App = await startApp(config, pino({ level: "info" }, sink), { now: () => NOW });
  closers.push(() => app.close());
  let ended = false;
  void app.done.then(() => {
    ended = true;
  });
  const said = (msg: string) => lines.filter((l) => l.msg === msg);
  for (const platform of ["telegram", "zalo"])
    await until(
      () => said(`${platform}: this instance polls for updates`).length > 0,
      `${platform} polls`,
      30_000,
    );
  return { tg, zalo, lines, said, prefix, ended: () => ended };
}

const stranger = { id: 5001, first_name: "Lan" };
const strangerChat = { id: 5001, type: "private" as const };
const zaloStranger = { id: "u-lan", display_name: "Lan" };

describe("a 409 Conflict to the instance holding the poller lease", { timeout: 120_000 }, () => {
  it("is the previous poller's last request still open: it retries, keeps polling and answers once", async () => {
    const { tg, zalo, lines, said, ended } = await start();
    tg.conflictPolls(3);
    zalo.conflictPolls(3);
    const conflicts = () => ({
      telegram: tg.calls("getUpdates").filter((c) => c.status === 409).length,
      zalo: zalo.calls("getUpdates").filter((c) => c.errorCode === 409).length,
    });
    await until(() => conflicts().telegram === 3 && conflicts().zalo === 3, "the three 409s each", 60_000);

    tg.sendText(stranger, strangerChat, "xin chao, hom nay co viec gi khong");
    zalo.sendText(zaloStranger, "xin chao, hom nay co viec gi khong");
    await tg.waitForMessages(stranger.id, 1, 30_000);
    await zalo.waitForMessages(zaloStranger.id, 1, 30_000);
    // The update is confirmed by the next poll's offset: once one has begun, no second answer can come.
    const answeredAt = tg.messages(stranger.id)[0]?.at ?? 0;
    await until(
      () => tg.calls("getUpdates").some((c) => (c.startedAt ?? 0) > answeredAt),
      "a poll after the answer",
      30_000,
    );
    expect(tg.messages(stranger.id)).toHaveLength(1);
    expect(zalo.messages(zaloStranger.id)).toHaveLength(1);
    expect(conflicts()).toEqual({ telegram: 3, zalo: 3 });
    expect(ended()).toBe(false);
    // Said as a warning each time, never as an error, and neither stopped polling.
    const retried = lines.filter((l) => /409 Conflict while holding the poller lease/.test(l.msg));
    expect(retried.map((l) => l.platform).sort()).toEqual([
      "telegram",
      "telegram",
      "telegram",
      "zalo",
      "zalo",
      "zalo",
    ]);
    expect(lines.filter((l) => l.level >= 50)).toEqual([]);
    expect(said("telegram: this instance stops polling")).toEqual([]);
    expect(said("zalo: this instance stops polling")).toEqual([]);
  });

  it("from the lease's new holder: it stops polling, keeps running, and polls again once the lease is free", async () => {
    const { tg, said, lines, prefix, ended } = await start();
    const redis = new Redis(REDIS_URL);
    closers.push(() => redis.disconnect());
    const key = `${prefix}:${pollerLeaseName("telegram", TG_TOKEN)}`;
    expect(await redis.get(key)).toBeTruthy();
    // Another instance took the lease (ours ran out during a stall) for three seconds, and its
    // poll ends ours with a 409.
    await redis.set(key, "another-instance", "PX", 3000);
    await fetch(`${tg.apiRoot}/bot${TG_TOKEN}/getUpdates?timeout=0`).then((r) => r.text());
    tg.sendText(stranger, strangerChat, "co ai khong");
    await until(
      () => said("telegram: this instance polls for updates").length === 2,
      "it polls again",
      30_000,
    );
    const [answer] = await tg.waitForMessages(stranger.id, 1, 30_000);

    // Between stopping and polling again it sent no poll, so the message waited for the lease.
    const stopped = said("telegram: this instance stops polling");
    expect(stopped).toHaveLength(1);
    const [from, to] = [
      Number(stopped[0]?.time),
      Number(said("telegram: this instance polls for updates")[1]?.time),
    ];
    const ownPolls = tg.calls("getUpdates").filter((c) => c.caller === "a");
    expect(ownPolls.filter((c) => (c.startedAt ?? 0) > from && (c.startedAt ?? 0) < to)).toEqual([]);
    expect(answer?.at).toBeGreaterThanOrEqual(to);
    expect(tg.messages(stranger.id)).toHaveLength(1);
    expect(ended()).toBe(false);
    expect(lines.filter((l) => l.level >= 50)).toEqual([]);
  });
});
