import { Redis, type RedisOptions } from "ioredis";

/**
 * Redis clients per BullMQ's production guidance: workers retry forever (they block on
 * Redis), producers fail fast so a caller learns at once that Redis is down.
 */
export function workerConnection(url: string): Redis {
  return new Redis(url, { maxRetriesPerRequest: null, lazyConnect: false });
}

export function producerConnection(url: string, extra: RedisOptions = {}): Redis {
  return new Redis(url, { enableOfflineQueue: false, maxRetriesPerRequest: 1, ...extra });
}

/** Redis answered but refused the credentials: a wrong password, not a Redis that is down. */
export class RedisAuthFailed extends Error {
  constructor(message = "Redis refused the password") {
    super(message);
    this.name = "RedisAuthFailed";
  }
}

const AUTH_REFUSED =
  /NOAUTH|WRONGPASS|invalid password|invalid username-password|without any password configured/i;

/** Waits until the client is ready, or rejects with a short reason. */
export async function ready(redis: Redis, timeoutMs = 3000): Promise<void> {
  if (redis.status === "ready") return;
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`Redis not reachable (${redis.status})`));
    }, timeoutMs);
    const onReady = () => {
      cleanup();
      resolve();
    };
    // Keep retrying until the timeout, but a refused password will not get better by waiting.
    const onError = (e: Error) => {
      if (!AUTH_REFUSED.test(e.message)) return;
      cleanup();
      reject(new RedisAuthFailed());
    };
    const cleanup = () => {
      clearTimeout(timer);
      redis.off("ready", onReady);
      redis.off("error", onError);
    };
    redis.on("ready", onReady);
    redis.on("error", onError);
  });
}

/** A producer connected now, or an error at once: for start-up checks and one-off commands. */
export async function connectNow(url: string, timeoutMs = 2000): Promise<Redis> {
  const redis = producerConnection(url, { lazyConnect: true, retryStrategy: () => null });
  let last: Error | undefined;
  redis.on("error", (e: Error) => {
    last = e; // the caller learns of failure from the rejection, an auth refusal by name
  });
  try {
    await redis.connect();
    await ready(redis, timeoutMs);
    return redis;
  } catch (e) {
    redis.disconnect();
    if (last && AUTH_REFUSED.test(last.message)) throw new RedisAuthFailed();
    throw e;
  }
}

/**
 * A Redis URL fit for a message: user, password and query removed. Anything that is not a
 * redis:// or rediss:// URL is not shown at all, since where its password sits is unknowable.
 */
export function redactUrl(url: string): string {
  if (!/^rediss?:\/\//i.test(url.trim())) return "(REDIS_URL: not a redis:// URL, not shown)";
  try {
    const u = new URL(url.trim());
    return `${u.protocol}//${u.host}${u.pathname === "/" ? "" : u.pathname}`;
  } catch {
    return "(REDIS_URL: not a valid URL, not shown)";
  }
}

/** Deletes every key under a prefix (queues and pacing slots alike); returns how many went. */
export async function deleteKeysWithPrefix(redis: Redis, prefix: string): Promise<number> {
  let cursor = "0";
  let deleted = 0;
  do {
    const [next, keys] = await redis.scan(cursor, "MATCH", `${prefix}:*`, "COUNT", 1000);
    if (keys.length) deleted += await redis.del(...keys);
    cursor = next;
  } while (cursor !== "0");
  return deleted;
}
