import { describe, expect, it } from "vitest";
import { TelegramEmulator } from "../emulators/telegram-api.ts";
import { ZaloEmulator } from "../emulators/zalo-api.ts";
import { until } from "../helpers/redis.ts";
import { ownRedis, startService } from "../helpers/service.ts";

const TG_TOKEN = "123:test";
const ZALO_TOKEN = "42:zalo-secret";
const SHUTDOWN_TIMEOUT_MS = 3000;
/** The bound under test, plus room for a loaded machine to schedule the exit. */
const BOUND = SHUTDOWN_TIMEOUT_MS + 15_000;
/** Starting `src/main.ts` under tsx takes seconds alone, minutes while the whole suite runs. */
const STARTED = 180_000;

const withTelegram = async (run: (tg: TelegramEmulator) => Promise<void>) => {
  const tg = await TelegramEmulator.start({ token: TG_TOKEN });
  try {
    await run(tg);
  } finally {
    await tg.close();
  }
};

const polling = (tg: TelegramEmulator) => () => tg.calls("getUpdates").length > 0;

// Each test starts `npm start`'s process: several seconds of TypeScript loading on a busy machine.
describe("SIGTERM stops the service within SHUTDOWN_TIMEOUT_MS", { timeout: 300_000 }, () => {
  it("when the Bot API stops answering while the bot runs", () =>
    withTelegram(async (tg) => {
      const s = startService({
        TELEGRAM_BOT_TOKEN: TG_TOKEN,
        TELEGRAM_API_ROOT: tg.apiRoot,
        SHUTDOWN_TIMEOUT_MS: String(SHUTDOWN_TIMEOUT_MS),
      });
      await until(polling(tg), "the bot polls", STARTED);
      tg.hang();
      s.child.kill("SIGTERM");
      await s.exited(BOUND);
      expect(s.logs().map((l) => l.msg)).toContain("stopping");
    }));

  it("when the Zalo API stops answering while the bot runs", async () => {
    const zalo = await ZaloEmulator.start({ token: ZALO_TOKEN });
    try {
      const s = startService({
        ZALO_BOT_TOKEN: ZALO_TOKEN,
        ZALO_API_ROOT: zalo.apiRoot,
        ZALO_POLL_TIMEOUT: "30",
        SHUTDOWN_TIMEOUT_MS: String(SHUTDOWN_TIMEOUT_MS),
      });
      await until(() => zalo.calls("getUpdates").length > 0, "the bot polls Zalo", STARTED);
      zalo.hang();
      s.child.kill("SIGTERM");
      await s.exited(BOUND);
    } finally {
      await zalo.close();
    }
  });

  it("when Redis is gone", () =>
    withTelegram(async (tg) => {
      const redis = await ownRedis();
      try {
        const s = startService({
          TELEGRAM_BOT_TOKEN: TG_TOKEN,
          TELEGRAM_API_ROOT: tg.apiRoot,
          REDIS_URL: redis.url,
          SHUTDOWN_TIMEOUT_MS: String(SHUTDOWN_TIMEOUT_MS),
        });
        await until(polling(tg), "the bot polls", STARTED);
        redis.kill();
        await s.waitForLog((l) => /redis/i.test(l.msg), "a Redis error logged");
        s.child.kill("SIGTERM");
        await s.exited(BOUND);
        // Every line the service wrote is one JSON object: no raw stack between them.
        expect(s.lines.filter((l) => !l.startsWith("{"))).toEqual([]);
      } finally {
        redis.kill();
      }
    }));

  it("at once on a second SIGTERM, however long the first would take", () =>
    withTelegram(async (tg) => {
      const s = startService({
        TELEGRAM_BOT_TOKEN: TG_TOKEN,
        TELEGRAM_API_ROOT: tg.apiRoot,
        SHUTDOWN_TIMEOUT_MS: "600000",
        PLATFORM_TIMEOUT_MS: "300000",
      });
      await until(polling(tg), "the bot polls", STARTED);
      tg.hang();
      s.child.kill("SIGTERM");
      await s.waitForLog((l) => l.msg === "stopping", "stopping");
      s.child.kill("SIGTERM");
      expect(await s.exited(BOUND)).not.toBe(0);
    }));
});
