import { Gauge, Registry } from "prom-client";
import { outboxStates } from "../db/schema.ts";
import { channelLabel } from "../metrics.ts";
import { registry } from "../metrics-registry.ts";
import type { Store } from "../store/index.ts";

/**
 * The gauges read from the database at scrape time (outbox rows by state, chats marked
 * unreachable), in a registry of this server's own merged with the process's counters: they
 * need this server's store, and a closed database must not break the next app's scrape.
 */
function databaseGauges(store: Store): Registry {
  const local = new Registry();
  new Gauge({
    name: "nhacviec_outbox_messages",
    help: "Outbox rows by state",
    labelNames: ["state"],
    registers: [local],
    async collect() {
      const counts = await store.health.outboxCounts();
      for (const state of outboxStates) this.set({ state }, counts[state]);
    },
  });
  new Gauge({
    name: "nhacviec_unreachable_chats",
    help: "Chats marked unreachable (blocked the bot, left or gone), by channel",
    labelNames: ["channel"],
    registers: [local],
    async collect() {
      const counts = await store.health.unreachableByChannel();
      this.reset();
      for (const [channel, n] of counts) this.set({ channel: channelLabel(channel) }, n);
    },
  });
  return local;
}

const merged = new WeakMap<Store, Registry>();

/** The Prometheus text exposition of every metric, with the database gauges of `store`. */
export async function metricsText(store: Store): Promise<{ text: string; contentType: string }> {
  let all = merged.get(store);
  if (!all) {
    all = Registry.merge([registry, databaseGauges(store)]);
    merged.set(store, all);
  }
  return { text: await all.metrics(), contentType: all.contentType };
}
