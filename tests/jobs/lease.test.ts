import { Redis } from "ioredis";
import { afterEach, describe, expect, it } from "vitest";
import { Lease } from "../../src/jobs/lease.ts";
import { REDIS_URL, testPrefix, until } from "../helpers/redis.ts";

const closers: (() => Promise<unknown> | unknown)[] = [];
afterEach(async () => {
  for (const c of closers.splice(0).reverse()) await c();
});

function client(): Redis {
  const redis = new Redis(REDIS_URL);
  closers.push(() => redis.disconnect());
  return redis;
}

/** A lease kept on a timer, with what its listeners heard. */
function kept(redis: Redis, key: string, ttlMs: number) {
  const lease = new Lease(redis, { key, ttlMs });
  const heard: string[] = [];
  lease.onAcquired(() => heard.push("acquired"));
  lease.onLost(() => heard.push("lost"));
  closers.push(() => lease.stop());
  return { lease, heard };
}

describe("a Redis lease", () => {
  it("has one holder among two; the holder renews it, the other is refused", async () => {
    const redis = client();
    const key = `${testPrefix()}:lease`;
    const a = new Lease(redis, { key, ttlMs: 5000 });
    const b = new Lease(redis, { key, ttlMs: 5000 });
    expect(await a.acquire()).toBe(true);
    expect(await b.acquire()).toBe(false);
    expect(a.held).toBe(true);
    expect(b.held).toBe(false);
    await redis.pexpire(key, 1000);
    expect(await a.acquire()).toBe(true); // renewed: the TTL is back to the full five seconds
    expect(await redis.pttl(key)).toBeGreaterThan(4000);
    expect(await redis.get(key)).toBe(a.id);
    expect(await a.isOurs()).toBe(true);
    expect(await b.isOurs()).toBe(false);
  });

  it("releases only when it is ours, and the other takes it at once", async () => {
    const redis = client();
    const key = `${testPrefix()}:lease`;
    const a = new Lease(redis, { key, ttlMs: 60_000 });
    const b = new Lease(redis, { key, ttlMs: 60_000 });
    expect(await a.acquire()).toBe(true);
    await b.release(); // not b's: nothing happens
    expect(await redis.get(key)).toBe(a.id);
    await a.release();
    expect(a.held).toBe(false);
    expect(await redis.exists(key)).toBe(0);
    expect(await b.acquire()).toBe(true);
  });

  it("moves to a waiting instance when its holder stops renewing, within the TTL", async () => {
    const redis = client();
    const key = `${testPrefix()}:lease`;
    // The holder took it once and died: nobody renews it.
    const dead = new Lease(redis, { key, ttlMs: 1000 });
    expect(await dead.acquire()).toBe(true);
    const taken = Date.now();
    const waiting = kept(redis, key, 1000);
    waiting.lease.start();
    expect(await waiting.lease.whenHeld(AbortSignal.timeout(5000))).toBe(true);
    // The key lives a TTL, and the waiter tries every third of it.
    expect(Date.now() - taken).toBeGreaterThanOrEqual(900);
    expect(Date.now() - taken).toBeLessThan(1000 + 1000 / 3 + 500);
    expect(waiting.heard).toEqual(["acquired"]);
    expect(await redis.get(key)).toBe(waiting.lease.id);
  });

  it("stays with a holder that keeps renewing, and a clean stop hands it over at once", async () => {
    const redis = client();
    const key = `${testPrefix()}:lease`;
    const first = kept(redis, key, 600);
    const second = kept(redis, key, 600);
    first.lease.start();
    expect(await first.lease.whenHeld(AbortSignal.timeout(5000))).toBe(true);
    second.lease.start();
    await new Promise((r) => setTimeout(r, 2000)); // three TTLs
    expect(second.heard).toEqual([]);
    expect(first.heard).toEqual(["acquired"]);
    await first.lease.stop();
    // Released: gone, or already taken by the waiter (it may win between the stop and this read).
    expect(await redis.get(key)).not.toBe(first.lease.id);
    expect(await second.lease.whenHeld(AbortSignal.timeout(600))).toBe(true);
    expect(second.heard).toEqual(["acquired"]);
  });

  it("stays given up after a clean stop, even when a poll loop winding down asks for it again", async () => {
    const redis = client();
    const key = `${testPrefix()}:lease`;
    const { lease, heard } = kept(redis, key, 60_000);
    lease.start();
    expect(await lease.whenHeld(AbortSignal.timeout(5000))).toBe(true);
    await lease.stop();
    // A poller whose aborted poll returns after the stop waits for its turn again (PollTurn.wait).
    lease.start();
    expect(await lease.renew()).toBe(false);
    expect(await lease.whenHeld(AbortSignal.timeout(300))).toBe(false);
    expect(await redis.exists(key)).toBe(0);
    expect(heard).toEqual(["acquired"]);
  });

  it("tells its holder when a renewal finds someone else holding it", async () => {
    const redis = client();
    const key = `${testPrefix()}:lease`;
    const { lease, heard } = kept(redis, key, 900);
    lease.start();
    expect(await lease.whenHeld(AbortSignal.timeout(5000))).toBe(true);
    // Its key vanished and another instance took it (Redis emptied, or a long stall here).
    await redis.set(key, "another-instance", "PX", 60_000);
    await until(() => heard.includes("lost"), "the holder learns it lost the lease", 2000);
    expect(lease.held).toBe(false);
    expect(heard).toEqual(["acquired", "lost"]);
    // Stopping must not delete the other holder's key.
    await lease.stop();
    expect(await redis.get(key)).toBe("another-instance");
  });

  it("ends the holding at its own deadline when Redis stops answering, before the key expires", async () => {
    const redis = client();
    const key = `${testPrefix()}:lease`;
    const cut = new Redis(REDIS_URL, { enableOfflineQueue: false, maxRetriesPerRequest: 0 });
    cut.on("error", () => {});
    closers.push(() => cut.disconnect());
    await until(() => cut.status === "ready", "connected");
    const lease = new Lease(cut, { key, ttlMs: 1500 });
    const heard: string[] = [];
    lease.onAcquired(() => heard.push("acquired"));
    lease.onLost(() => heard.push("lost"));
    closers.push(() => lease.stop());
    lease.start();
    expect(await lease.whenHeld(AbortSignal.timeout(5000))).toBe(true);
    cut.disconnect(); // from now on every renewal fails
    await until(() => heard.includes("lost"), "the holder gives up", 3000);
    // Another instance cannot take it yet: the holder stopped first.
    expect(await redis.get(key)).toBe(lease.id);
    expect(await redis.pttl(key)).toBeGreaterThan(0);
  });
});
