import { randomBytes } from "node:crypto";
import { Redis } from "ioredis";
import { afterAll } from "vitest";
import { deleteKeysWithPrefix } from "../../src/jobs/redis.ts";

export const REDIS_URL = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";

const prefixes: { url: string; prefix: string }[] = [];

/** A key prefix of this test's own, its keys deleted when the file ends. */
export function testPrefix(url = REDIS_URL): string {
  const prefix = `t-${process.pid}-${randomBytes(4).toString("hex")}`;
  prefixes.push({ url, prefix });
  return prefix;
}

export async function deleteKeys(url: string, prefix: string): Promise<void> {
  const redis = new Redis(url);
  try {
    await deleteKeysWithPrefix(redis, prefix);
  } finally {
    redis.disconnect();
  }
}

afterAll(async () => {
  for (const p of prefixes.splice(0)) await deleteKeys(p.url, p.prefix);
});

/** Polls until the condition holds, or fails with the message after the timeout. */
export async function until(
  cond: () => boolean | Promise<boolean>,
  message: string,
  timeoutMs = 15_000,
): Promise<void> {
  const start = Date.now();
  while (!(await cond())) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out: ${message}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
