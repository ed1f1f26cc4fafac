import type Database from "better-sqlite3";
import { Gauge, Registry } from "prom-client";
import { outboxStates } from "../db/schema.ts";
import { channelLabel } from "../metrics.ts";
import { registry } from "../metrics-registry.ts";

/**
 * The gauges read from the database at scrape time (outbox rows by state, chats marked
 * unreachable), in a registry of this server's own merged with the process's counters: they
 * need this server's database handle, and a closed handle must not break the next app's scrape.
 */
function databaseGauges(sqlite: Database.Database): Registry {
  const local = new Registry();
  new Gauge({
    name: "nhacviec_outbox_messages",
    help: "Outbox rows by state",
    labelNames: ["state"],
    registers: [local],
    collect() {
      const rows = sqlite.prepare("select state, count(*) n from outbox group by state").all() as {
        state: string;
        n: number;
      }[];
      for (const state of outboxStates) this.set({ state }, rows.find((r) => r.state === state)?.n ?? 0);
    },
  });
  new Gauge({
    name: "nhacviec_unreachable_chats",
    help: "Chats marked unreachable (blocked the bot, left or gone), by channel",
    labelNames: ["channel"],
    registers: [local],
    collect() {
      this.reset();
      const rows = sqlite
        .prepare(
          "select substr(id, 1, instr(id, ':') - 1) channel, count(*) n from chats where unreachable_at is not null group by 1",
        )
        .all() as { channel: string; n: number }[];
      for (const r of rows) this.set({ channel: channelLabel(r.channel) }, r.n);
    },
  });
  return local;
}

const merged = new WeakMap<Database.Database, Registry>();

/** The Prometheus text exposition of every metric, with the database gauges of `sqlite`. */
export async function metricsText(sqlite: Database.Database): Promise<{ text: string; contentType: string }> {
  let all = merged.get(sqlite);
  if (!all) {
    all = Registry.merge([registry, databaseGauges(sqlite)]);
    merged.set(sqlite, all);
  }
  return { text: await all.metrics(), contentType: all.contentType };
}
