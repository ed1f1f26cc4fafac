import { createServer } from "node:net";
import { Redis } from "ioredis";
import { afterEach, describe, expect, it } from "vitest";
import { SEEN_TTL_SECONDS, UpdateGate } from "../../src/http/updates.ts";
import { producerConnection } from "../../src/jobs/redis.ts";
import { createLogger } from "../../src/logger.ts";
import { REDIS_URL, testPrefix } from "../helpers/redis.ts";

const clients: Redis[] = [];
afterEach(() => {
  for (const c of clients.splice(0)) c.disconnect();
});

function gate(prefix: string, url = REDIS_URL): UpdateGate {
  const redis = producerConnection(url);
  redis.on("error", () => {});
  clients.push(redis);
  return new UpdateGate(redis, prefix, createLogger("silent"));
}

describe("the update gate", () => {
  it("runs an update id once across two instances sharing the Redis prefix, and remembers it for a day", async () => {
    const prefix = testPrefix();
    const [a, b] = [gate(prefix), gate(prefix)];
    const runs: string[] = [];
    const update = (id: string) => ({
      channel: "telegram",
      id,
      chat: "tg:1",
      run: async () => runs.push(id),
    });
    expect(await a.accept(update("7"))).toBe(true);
    expect(await b.accept(update("7"))).toBe(false);
    expect(await a.accept(update("7"))).toBe(false);
    expect(await b.accept(update("8"))).toBe(true);
    await Promise.all([a.drain(), b.drain()]);
    expect(runs).toEqual(["7", "8"]);
    const redis = new Redis(REDIS_URL);
    clients.push(redis);
    const ttl = await redis.ttl(`${prefix}:update-seen:telegram:7`);
    expect(ttl).toBeGreaterThan(SEEN_TTL_SECONDS - 60);
    expect(ttl).toBeLessThanOrEqual(SEEN_TTL_SECONDS);
  });

  it("still runs updates when Redis does not answer, deduplicating them in memory", async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as { port: number };
    await new Promise((resolve) => server.close(resolve));
    const g = gate(testPrefix(), `redis://127.0.0.1:${port}`);
    let runs = 0;
    const update = {
      channel: "zalo",
      id: "message.text.received:m1",
      chat: "zalo:u1",
      run: async () => runs++,
    };
    expect(await g.accept(update)).toBe(true);
    expect(await g.accept(update)).toBe(false);
    await g.drain();
    expect(runs).toBe(1);
  });

  it("keeps one chat's updates in arrival order even when an earlier one is slower", async () => {
    const g = gate(testPrefix());
    const order: string[] = [];
    let release = () => {};
    const slow = new Promise<void>((resolve) => {
      release = resolve;
    });
    await g.accept({
      channel: "telegram",
      id: "1",
      chat: "tg:5",
      run: () => slow.then(() => order.push("first")),
    });
    await g.accept({ channel: "telegram", id: "2", chat: "tg:5", run: async () => order.push("second") });
    await g.accept({ channel: "telegram", id: "3", chat: "tg:6", run: async () => order.push("other chat") });
    await new Promise((r) => setImmediate(r));
    expect(order).toEqual(["other chat"]);
    release();
    await g.drain();
    expect(order).toEqual(["other chat", "first", "second"]);
  });
});
