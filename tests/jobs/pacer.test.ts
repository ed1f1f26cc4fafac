import { Redis } from "ioredis";
import { afterEach, describe, expect, it } from "vitest";
import { Pacer } from "../../src/jobs/pacer.ts";
import { REDIS_URL, testPrefix } from "../helpers/redis.ts";

const closers: (() => unknown)[] = [];
afterEach(() => {
  for (const c of closers.splice(0)) c();
});

describe("the pacer", () => {
  it("after an answered send, holds the chat's next send a full gap from then, whatever its slot said", async () => {
    const redis = new Redis(REDIS_URL);
    closers.push(() => redis.disconnect());
    const pacer = new Pacer(redis, testPrefix());
    // A slot that keeps the chat only 10 ms: as if the send had left late, near its end.
    expect((await pacer.reserve("tg", "42", 1000, 10)).go).toBe(true);
    await pacer.sent("tg", "42", 1000);
    const next = await pacer.reserve("tg", "42", 1000, 10);
    expect(next.go).toBe(false);
    // From the answer, not from the slot: the whole second (less the moments between the calls).
    expect(next.go ? 0 : next.waitMs).toBeGreaterThan(500);
    // Another chat is not held.
    expect((await pacer.reserve("tg", "43", 1000, 10)).go).toBe(true);
  });
});
