import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { Session } from "node:inspector/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type Database from "better-sqlite3";
import type { Update, UserFromGetMe } from "grammy/types";
import { importPlanFile } from "../../src/catalog/plan-import.ts";
import { createTelegramBot } from "../../src/channels/telegram/bot.ts";
import { loadConfig } from "../../src/config.ts";
import { ConversationRouter } from "../../src/conversation/router.ts";
import { conversationDeps, startCore } from "../../src/core.ts";
import { openDatabase } from "../../src/db/connection.ts";
import { createLogger } from "../../src/logger.ts";
import { addContact } from "../../src/people/contacts.ts";
import { cpuMsOf, pinBackendsAwayFromBot, pinToOneCore } from "../pin.ts";
import { resultsDir, round, runsFromEnv, show, spread } from "../stats.ts";
import { benchStorage, engineLabel } from "../storage.ts";
import { countSql } from "./count-sql.ts";

// PostgreSQL's target is the storage issue's: each statement is a round trip on a socket.
const TARGET_RATE = engineLabel() === "postgres" ? 300 : 500;
/**
 * People reporting at once. One on SQLite, whose statements take microseconds and run one at a
 * time anyway; on PostgreSQL every statement waits a round trip, and what a national deployment
 * needs is many people served together, so 20 lanes there by default.
 */
const LANES = Number(process.env.BENCH_LANES ?? (engineLabel() === "postgres" ? 20 : 1));

const botInfo: UserFromGetMe = {
  id: 666,
  is_bot: true,
  first_name: "nhacviec",
  username: "NhacViecBot",
  can_join_groups: true,
  can_read_all_group_messages: false,
  supports_inline_queries: false,
  can_connect_to_business: false,
  has_main_web_app: false,
  has_topics_enabled: false,
  allows_users_to_create_topics: false,
} as UserFromGetMe;

/**
 * BENCH_HISTORY=N (1–10): the database starts as a deployment's does after N months, with each
 * assignment's report for each month up to October (the run reports for November), written by
 * nobody's chat so the run's count leaves them out. An empty `reports` table is not what the
 * planner meets in service: it plans for the table it has statistics of.
 */
function seedHistory(sqlite: Database.Database | undefined): number {
  const months = Math.min(10, Math.max(0, Number(process.env.BENCH_HISTORY ?? 0)));
  if (!sqlite || months === 0) return 0;
  sqlite
    .prepare(
      `with recursive m(month) as (select ? union all select month + 1 from m where month < 10)
       insert into reports (assignment_id, task_id, agency_id, period, status, percent, description, count, submitted_at)
       select a.id, a.task_id, a.agency_id, printf('2026-%02d', m.month), 'in_progress', 50, 'Đang triển khai',
              case when t.quota is not null then 1 end, printf('2026-%02d-05T02:00:00.000Z', m.month + 1)
       from assignments a join tasks t on t.id = a.task_id, m`,
    )
    .run(11 - months);
  return months;
}

/** Says a set-up fact once, not once per run. */
const said = new Set<string>();
function note(line: string) {
  if (!said.has(line)) console.log(`reports: ${line}`);
  said.add(line);
}

/**
 * Progress reports end to end through the Telegram update handler on a file database: each
 * report is the seven (eight with a quota) updates a person sends (/baocao, task, status, percent, description,
 * skip evidence, confirm). The Bot API is answered in-process, so the figure is the bot's own.
 */
async function once(reports: number) {
  const dir = mkdtempSync(join(tmpdir(), "bench-reports-"));
  try {
    const config = loadConfig({
      DB_PATH: join(dir, "r.db"),
      LOG_LEVEL: "silent",
      // The service's default unless the run sets it: how many connections the bot holds.
      DATABASE_POOL_SIZE: process.env.DATABASE_POOL_SIZE,
    });
    // The plan goes into the SQLite file first; on PostgreSQL the storage is a copy of it.
    const seed = await startCore(config, openDatabase(config.DB_PATH));
    await importPlanFile(seed.store, config.PLAN_FILE);
    const months = seedHistory(seed.database?.sqlite);
    await seed.close();
    const storage = await benchStorage(config);
    let backends: number[] = [];
    if (storage.pool) {
      const pinned = await pinBackendsAwayFromBot(storage.pool, config.DATABASE_POOL_SIZE);
      note(pinned.said);
      backends = pinned.pids;
    }
    const { core } = storage;
    const agencies = (
      await storage.rows<{ a: string }>("select distinct agency_id a from assignments where role = 'lead'")
    ).map((r) => r.a);
    const users = 200;
    // People who joined have agreed to the notice in force; otherwise every update meets it.
    const ids: number[] = [];
    for (let i = 0; i < users; i++) {
      const { id } = await addContact(core.store, {
        agency: agencies[i % agencies.length] ?? "so-y-te",
        role: "focal",
        chat: `tg:${10_000 + i}`,
      });
      ids.push(id);
    }
    await core.store.privacy.recordConsent(ids, core.consent.version, new Date().toISOString());
    if (months > 0) {
      note(`${months} months of reports before the run${storage.pool ? ", the tables analysed" : ""}`);
      // By then autovacuum has analysed the tables; this copy, and its people, are seconds old.
      if (storage.pool) await storage.pool.query("analyze");
    }
    const router = new ConversationRouter(
      conversationDeps(core, () => new Date("2026-12-03T09:00:00+07:00")),
      createLogger("silent"),
    );
    const bot = createTelegramBot({
      token: "1:b",
      apiRoot: "http://127.0.0.1:9",
      router,
      i18n: core.i18n,
      log: createLogger("silent"),
      onRemoved: async () => {},
      onAdded: async () => {},
      botInfo,
    });
    const lastMarkup = new Map<number, { callback_data: string; text: string }[][]>();
    const lastText = new Map<number, string>();
    let messageId = 1;
    bot.api.config.use(async (_prev, method, payload) => {
      const p = payload as {
        chat_id?: number;
        reply_markup?: { inline_keyboard?: { callback_data: string; text: string }[][] };
      };
      if (method === "sendMessage" && p.chat_id !== undefined) {
        lastMarkup.set(p.chat_id, p.reply_markup?.inline_keyboard ?? []);
        lastText.set(p.chat_id, (payload as { text: string }).text);
      }
      if (process.env.BENCH_DEBUG) console.log(method, JSON.stringify(payload).slice(0, 300));
      return {
        ok: true,
        result:
          method === "sendMessage"
            ? { message_id: messageId++, date: 0, chat: { id: p.chat_id, type: "private" } }
            : true,
      } as never;
    });
    let updateId = 1;
    const from = (id: number) => ({ id, is_bot: false, first_name: "U" });
    const text = (id: number, t: string): Update =>
      ({
        update_id: updateId++,
        message: {
          message_id: updateId,
          date: 0,
          chat: { id, type: "private", first_name: "U" },
          from: from(id),
          text: t,
          ...(t.startsWith("/")
            ? { entities: [{ type: "bot_command", offset: 0, length: t.split(" ")[0]?.length ?? 0 }] }
            : {}),
        },
      }) as Update;
    const press = (
      id: number,
      pick: (rows: { callback_data: string; text: string }[][]) => string | undefined,
    ): Update => {
      const data = pick(lastMarkup.get(id) ?? []);
      if (!data) throw new Error(`no button to press for ${id}`);
      const message = { message_id: messageId - 1, date: 0, chat: { id, type: "private", first_name: "U" } };
      return {
        update_id: updateId++,
        callback_query: { id: String(updateId), from: from(id), chat_instance: "c", data, message },
      } as Update;
    };
    const byLabel = (label: string) => (rows: { callback_data: string; text: string }[][]) =>
      rows.flat().find((b) => b.text.includes(label))?.callback_data;
    const latencies: number[] = [];
    const timed = async (u: Update) => {
      const t0 = performance.now();
      await bot.handleUpdate(u);
      latencies.push(performance.now() - t0);
    };
    // Each lane is its own set of people typing at once; one person's updates stay in order.
    if (users % LANES !== 0) throw new Error(`BENCH_LANES must divide ${users}`);
    const one = async (r: number) => {
      const id = 10_000 + (r % users);
      await timed(text(id, "/baocao"));
      await timed(
        press(id, (rows) => {
          const tasks = rows.flat().filter((b) => /:a\d+$/.test(b.callback_data));
          return tasks[r % tasks.length]?.callback_data;
        }),
      );
      if (lastText.get(id)?.startsWith("Câu trả lời lần trước")) {
        // Reported before: the flow starts from those answers; only the description changes.
        await timed(press(id, byLabel("Sửa lại")));
        await timed(press(id, byLabel("Mô tả")));
      } else {
        await timed(press(id, byLabel("Đang thực hiện")));
        await timed(press(id, byLabel("50%")));
        // Recurring tasks with a yearly quota ask how many were delivered.
        if (lastText.get(id)?.includes("bao nhiêu")) await timed(text(id, "1"));
      }
      await timed(text(id, `Tiến độ lần ${r}: đã triển khai tại các đơn vị`));
      if (lastText.get(id)?.includes("minh chứng")) await timed(press(id, byLabel("Bỏ qua")));
      await timed(press(id, byLabel("Gửi báo cáo")));
    };
    const lanes = (from: number, to: number) =>
      Promise.all(
        Array.from({ length: LANES }, async (_, lane) => {
          for (let r = from + lane; r < to; r += LANES) await one(r);
        }),
      );
    // A service's connections live for days; these are new. Every connection loads its caches
    // and plans each statement afresh for its first runs, which the measured loop should not
    // count (the warm-up run cannot do it: its pool and schema are gone). One report per person;
    // BENCH_POOL_WARM=0 times the cold pool instead, as a service's first minutes meet it.
    const warm = storage.pool && process.env.BENCH_POOL_WARM !== "0" ? users : 0;
    if (warm > 0) note(`each run first serves ${warm} reports on its own connections, untimed`);
    await lanes(0, warm);
    latencies.length = 0;
    const profiler = await startProfile(reports);
    const sqlite = core.database?.sqlite;
    const counter = reports > 500 ? countSql(sqlite, () => latencies.length) : undefined;
    counter?.start();
    const cpuBefore = process.cpuUsage();
    const dbBefore = cpuMsOf(backends);
    const started = performance.now();
    await lanes(warm, warm + reports);
    const seconds = (performance.now() - started) / 1000;
    const cpu = process.cpuUsage(cpuBefore);
    // Per report, in ms: the figures a busy machine disturbs least (time others take is not counted).
    const botCpu = (cpu.user + cpu.system) / 1000 / reports;
    const dbCpu = backends.length > 0 ? (cpuMsOf(backends) - dbBefore) / reports : undefined;
    await profiler?.stop();
    counter?.stop(reports);
    const saved = Number(
      (await storage.rows<{ n: number }>("select count(*) n from reports where chat_id is not null"))[0]?.n,
    );
    if (saved !== warm + reports) throw new Error(`expected ${warm + reports} reports saved, found ${saved}`);
    latencies.sort((a, b) => a - b);
    const p99 = latencies[Math.floor(latencies.length * 0.99)] ?? 0;
    await storage.close();
    return {
      perSecond: reports / seconds,
      p99,
      p50: latencies[Math.floor(latencies.length / 2)] ?? 0,
      botCpu,
      dbCpu,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * BENCH_CPU_PROF=1: a CPU profile of the measured loop alone (no set-up), for Chrome DevTools,
 * in bench/results/reports.cpuprofile. Only the full-size runs are profiled, not the warm-up.
 */
async function startProfile(reports: number): Promise<{ stop(): Promise<void> } | undefined> {
  if (process.env.BENCH_CPU_PROF !== "1" || reports <= 500) return undefined;
  const session = new Session();
  session.connect();
  await session.post("Profiler.enable");
  await session.post("Profiler.start");
  return {
    async stop() {
      const { profile } = await session.post("Profiler.stop");
      mkdirSync(resultsDir, { recursive: true });
      writeFileSync(join(resultsDir, "reports.cpuprofile"), JSON.stringify(profile));
      session.disconnect();
    },
  };
}

export async function benchReports() {
  const reports = Number(process.env.BENCH_REPORTS ?? 2000);
  const unpin = pinToOneCore();
  console.log(`reports: ${unpin ? "pinned to CPU 0" : "not pinned (no taskset): figures use every core"}`);
  const runs = [];
  try {
    // Warms up the JIT and the caches; BENCH_WARM=0 skips it for a quick count of statements.
    if (process.env.BENCH_WARM !== "0") await once(500);
    for (let i = 0; i < runsFromEnv(); i++) {
      const r = await once(reports);
      console.log(
        `reports: run ${i + 1}: ${round(r.perSecond)} reports/s, p50 ${round(r.p50, 2)} ms, p99 ${round(r.p99, 2)} ms per update; CPU per report: bot ${round(r.botCpu, 2)} ms${r.dbCpu === undefined ? "" : `, PostgreSQL ${round(r.dbCpu, 2)} ms`}`,
      );
      runs.push(r);
    }
  } finally {
    unpin?.();
  }
  const rate = spread(runs.map((r) => r.perSecond));
  const p99 = spread(runs.map((r) => r.p99));
  console.log(
    `\n== Progress reports through the Telegram update handler (7 updates each, ${engineLabel()}), median of ${runs.length} runs`,
  );
  console.log(
    `  rate          ${show(rate, "reports/s")}  target ≥ ${TARGET_RATE}/s: ${rate.median >= TARGET_RATE ? "OK" : "MISSED"}`,
  );
  console.log(
    `  p99 latency   ${show(p99, "ms", 2)} per update  target < 50 ms: ${p99.median < 50 ? "OK" : "MISSED"}`,
  );
  const botCpu = spread(runs.map((r) => r.botCpu));
  const dbRuns = runs.flatMap((r) => (r.dbCpu === undefined ? [] : [r.dbCpu]));
  const dbCpu = dbRuns.length > 0 ? spread(dbRuns) : undefined;
  console.log(
    `  CPU/report    bot ${show(botCpu, "ms", 2)}${dbCpu ? `; PostgreSQL ${show(dbCpu, "ms", 2)}` : ""}`,
  );
  return { reports, pinned: unpin !== undefined, rate, p99, botCpu, dbCpu };
}
