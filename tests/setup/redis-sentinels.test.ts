import { Redis } from "ioredis";
import { describe, expect, it } from "vitest";
import { databaseOf, plantSentinels, TEST_REDIS_URL, urlFor } from "./redis-sentinels.ts";

// The suite's own sentinels are checked after the last test (vitest.config.ts, globalSetup);
// this proves the check itself notices a key that went missing.
describe("the Redis sentinels", () => {
  it("read the database from the URL", () => {
    expect(databaseOf("redis://127.0.0.1:6379")).toBe(0);
    expect(databaseOf("redis://127.0.0.1:6379/")).toBe(0);
    expect(databaseOf("redis://:secret@redis.example:6380/5")).toBe(5);
    expect(urlFor("redis://:secret@redis.example:6380/5", 9)).toBe("redis://:secret@redis.example:6380/9");
  });

  it("notice a sentinel deleted from another database, and leave nothing behind", async () => {
    const db = databaseOf(TEST_REDIS_URL) === 9 ? 8 : 9;
    const sentinels = await plantSentinels(TEST_REDIS_URL, [databaseOf(TEST_REDIS_URL), db]);
    expect(sentinels.written).toHaveLength(2);
    const other = new Redis(urlFor(TEST_REDIS_URL, db));
    try {
      expect(await other.exists(sentinels.key)).toBe(1);
      await other.del(sentinels.key);
      expect(await sentinels.check()).toEqual([db]);
      expect(await other.exists(sentinels.key)).toBe(0);
    } finally {
      other.disconnect();
    }
  });
});
