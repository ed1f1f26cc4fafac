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
    const onError = () => {}; // keep retrying until the timeout; ioredis reports each failure here
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
  redis.on("error", () => {}); // the caller learns of failure from the rejection
  try {
    await redis.connect();
    await ready(redis, timeoutMs);
    return redis;
  } catch (e) {
    redis.disconnect();
    throw e;
  }
}

/** A Redis URL fit for a message: any password removed. */
export function redactUrl(url: string): string {
  return url.replace(/\/\/[^@]*@/, "//");
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
