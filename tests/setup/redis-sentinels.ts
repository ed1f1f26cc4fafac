/**
 * Proves that `npm test` leaves alone every Redis key that is not under a test's own prefix:
 * before the suite, sentinel keys go into the test database (outside any `t-` prefix), into
 * database 0 and into database 9 (the one an old test flushed); after it, each must still be
 * there with its value, or the run fails. Redis that cannot be reached is left to the tests
 * that need it to report.
 */
import { randomBytes } from "node:crypto";
import { Redis } from "ioredis";

export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";

/** The database a Redis URL names ("redis://host:6379/5" → 5; none → 0). */
export function databaseOf(url: string): number {
  const path = new URL(url).pathname.replace(/^\//, "");
  return path === "" ? 0 : Number(path);
}

/** The same server with another database: ioredis lets a URL's database win over its `db` option. */
export function urlFor(url: string, db: number): string {
  const u = new URL(url);
  u.pathname = `/${db}`;
  return u.toString();
}

async function onDatabase<T>(url: string, db: number, use: (redis: Redis) => Promise<T>): Promise<T> {
  const redis = new Redis(urlFor(url, db), {
    lazyConnect: true,
    maxRetriesPerRequest: 1,
    retryStrategy: () => null,
  });
  redis.on("error", () => {}); // the rejection says it
  try {
    await redis.connect();
    return await use(redis);
  } finally {
    redis.disconnect();
  }
}

/** Writes one sentinel per database; `check` names the databases where it is gone, and removes the rest. */
export async function plantSentinels(url: string, databases = [databaseOf(url), 0, 9]) {
  const key = `nhacviec-test-sentinel:${process.pid}:${randomBytes(4).toString("hex")}`;
  const value = randomBytes(8).toString("hex");
  const written: number[] = [];
  for (const db of new Set(databases)) {
    try {
      // Expires on its own should the run be killed before the check.
      await onDatabase(url, db, (r) => r.set(key, value, "EX", 6 * 3600));
      written.push(db);
    } catch {
      // No Redis here: the tests that need it fail on their own, with a clearer message.
    }
  }
  return {
    key,
    written,
    async check(): Promise<number[]> {
      const lost: number[] = [];
      for (const db of written)
        await onDatabase(url, db, async (r) => {
          if ((await r.get(key)) !== value) lost.push(db);
          await r.del(key);
        });
      return lost;
    },
  };
}

export default async function setup(): Promise<() => Promise<void>> {
  const sentinels = await plantSentinels(TEST_REDIS_URL);
  return async () => {
    const lost = await sentinels.check();
    if (lost.length === 0) return;
    // Vitest only logs an error thrown here; the exit code is what CI reads.
    process.exitCode = 1;
    throw new Error(
      `The tests touched Redis data that is not theirs: ${sentinels.key} is gone from database ${lost.join(", ")}`,
    );
  };
}
