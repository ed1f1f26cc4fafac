import { describe, expect, it } from "vitest";
import { RedisUnavailable, startApp } from "../../src/app.ts";
import { loadConfig } from "../../src/config.ts";
import { I18n } from "../../src/i18n/index.ts";
import { connectNow, RedisAuthFailed, redactUrl } from "../../src/jobs/redis.ts";
import { createLogger } from "../../src/logger.ts";
import { tempDir } from "../helpers/db.ts";
import { ownRedis } from "../helpers/service.ts";

describe("Redis errors at start", () => {
  it("a wrong password is reported as a wrong password, not as Redis being down", async () => {
    const redis = await ownRedis("--requirepass", "right-one");
    const port = redis.port;
    try {
      const url = `redis://:wrong-one@127.0.0.1:${port}`;
      await expect(connectNow(url)).rejects.toBeInstanceOf(RedisAuthFailed);
      const config = loadConfig({ DB_PATH: `${tempDir()}/r.db`, REDIS_URL: url, CONSOLE: "off" });
      const error = await startApp(config, createLogger("silent")).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(RedisAuthFailed);
      expect(error).not.toBeInstanceOf(RedisUnavailable);
      const said = new I18n().t("vi", "start-redis-auth", { url: (error as Error).message });
      expect(said).toBe(
        `Redis tại redis://127.0.0.1:${port} đang chạy nhưng từ chối mật khẩu. Kiểm tra mật khẩu trong REDIS_URL (redis://:mật-khẩu@máy:6379) hoặc requirepass của Redis.`,
      );
      expect(said).not.toContain("wrong-one");
    } finally {
      redis.kill();
    }
  });

  it("never shows a password, whatever shape REDIS_URL has", () => {
    expect(redactUrl("redis://:s3cret@10.0.0.5:6380/2")).toBe("redis://10.0.0.5:6380/2");
    expect(redactUrl("rediss://app:s3cret@redis.example.gov.vn:6380")).toBe(
      "rediss://redis.example.gov.vn:6380",
    );
    expect(redactUrl("redis://10.0.0.5:6379?password=s3cret")).toBe("redis://10.0.0.5:6379");
    for (const odd of [
      "s3cret@10.0.0.5:6379",
      "10.0.0.5:6379,password=s3cret",
      "redis:s3cret@host",
      "redis://:s3cret@[bad",
    ])
      expect(redactUrl(odd)).not.toContain("s3cret");
  });
});
