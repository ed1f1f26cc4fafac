import { writeFileSync } from "node:fs";
import { join } from "node:path";
import type Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { ZaloClient } from "../../src/channels/zalo/client.ts";
import { loadConfig } from "../../src/config.ts";
import type { Check } from "../../src/ops/check.ts";
import { runDoctor } from "../../src/ops/doctor.ts";
import { TelegramEmulator } from "../emulators/telegram-api.ts";
import { ZaloEmulator } from "../emulators/zalo-api.ts";
import { cliAsync } from "../helpers/cli.ts";
import { seededDatabase, tempDir } from "../helpers/db.ts";
import { REDIS_URL } from "../helpers/redis.ts";

const ZALO_HOOK = "https://bot.example.gov.vn/zalo-hook";
const closing: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of closing.splice(0)) await c();
});

async function emulators() {
  const telegram = await TelegramEmulator.start();
  const zalo = await ZaloEmulator.start();
  closing.push(
    () => telegram.close(),
    () => zalo.close(),
  );
  await new ZaloClient({ token: zalo.token, apiRoot: zalo.apiRoot }).setWebhook(ZALO_HOOK, "zalo-secret-1");
  return { telegram, zalo };
}

/** Every lead agency gets a reachable focal point; the last tick was a minute before `now`. */
function healthy(sqlite: Database.Database, now: Date) {
  const at = now.toISOString();
  const leads = sqlite
    .prepare("select distinct agency_id id from assignments where role = 'lead' and archived_at is null")
    .all() as { id: string }[];
  leads.forEach(({ id }, i) => {
    const c = sqlite
      .prepare("insert into contacts (agency_id, role, lang, created_at) values (?, 'focal', 'vi', ?)")
      .run(id, at);
    sqlite
      .prepare("insert into chats (id, type, created_at) values (?, 'private', ?)")
      .run(`tg:${1000 + i}`, at);
    sqlite
      .prepare("insert into contact_chats (contact_id, chat_id) values (?, ?)")
      .run(c.lastInsertRowid, `tg:${1000 + i}`);
  });
  const tick = new Date(now.getTime() - 60_000).toISOString();
  sqlite.prepare("insert into engine_state (key, value) values ('lastTickAt', ?)").run(tick);
}

/** Official holidays for this year and the next, whatever year the test runs in. */
function holidaysFile(now: Date): string {
  const file = join(tempDir(), "holidays.csv");
  const y = now.getUTCFullYear();
  writeFileSync(file, `date,kind,name\n${y}-09-02,holiday,Quốc khánh\n${y + 1}-09-02,holiday,Quốc khánh\n`);
  return file;
}

const byName = (checks: Check[]) => Object.fromEntries(checks.map((c) => [c.name, c]));

describe("doctor", () => {
  it("finds all well against the emulators and a healthy database, and says so with exit 0", async () => {
    const { telegram, zalo } = await emulators();
    const db = seededDatabase();
    const now = new Date();
    healthy(db.sqlite, now);
    db.close();
    const env = {
      TELEGRAM_BOT_TOKEN: telegram.token,
      TELEGRAM_API_ROOT: telegram.apiRoot,
      ZALO_BOT_TOKEN: zalo.token,
      ZALO_API_ROOT: zalo.apiRoot,
      ZALO_WEBHOOK_URL: ZALO_HOOK,
      ZALO_WEBHOOK_SECRET: "zalo-secret-1",
      REDIS_URL,
      HOLIDAYS_FILE: holidaysFile(now),
    };
    const checks = byName(await runDoctor(loadConfig(env), db.path, now));
    expect(Object.values(checks).filter((c) => c.status === "problem")).toEqual([]);
    expect(checks.telegram?.args?.bot).toBe("@nhacviec_test_bot");
    expect(checks["telegram-webhook"]?.key).toBe("doctor-polling");
    expect(checks["zalo-webhook"]?.key).toBe("doctor-webhook-ok");
    expect(checks.plan?.args?.tasks).toBe(62);
    expect(checks.cycle?.key).toBe("doctor-cycle-next");

    const r = await cliAsync(["doctor", "--db", db.path], env);
    expect(r.stderr, r.stdout).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Telegram: mã bot hợp lệ");
    expect(r.stdout).toContain("Mọi thứ đều ổn.");
    expect(r.stdout).not.toContain(telegram.token);
  }, 60_000);

  it("names each problem: bad token, platform down, stray webhook, Redis, migrations, focal points, failures, late tick, holidays", async () => {
    const { telegram } = await emulators();
    // Someone registered a webhook while the bot is configured for long polling.
    await fetch(`${telegram.apiRoot}/bot${telegram.token}/setWebhook?url=https://elsewhere.example/hook`);
    const db = seededDatabase();
    const now = new Date("2028-03-10T03:00:00Z");
    db.sqlite
      .prepare("insert into engine_state (key, value) values ('lastTickAt', ?)")
      .run("2028-03-10T02:00:00Z");
    db.sqlite
      .prepare(
        `insert into outbox (dedupe_key, chat_id, kind, text, state, send_after, created_at)
         values ('k1', 'tg:1', 'nudge', 'x', 'failed', ?, ?)`,
      )
      .run(now.toISOString(), "2028-03-09T01:00:00Z");
    const last = db.sqlite.prepare("select max(created_at) at from __drizzle_migrations").get() as {
      at: number;
    };
    db.sqlite.prepare("delete from __drizzle_migrations where created_at = ?").run(last.at);
    db.close();
    const env = {
      TELEGRAM_BOT_TOKEN: telegram.token,
      TELEGRAM_API_ROOT: telegram.apiRoot,
      ZALO_BOT_TOKEN: "1:wrong",
      ZALO_API_ROOT: "http://127.0.0.1:9", // nothing listens there
      REDIS_URL: "redis://127.0.0.1:9",
    };
    const checks = byName(await runDoctor(loadConfig(env), db.path, now));
    expect(checks.telegram?.status).toBe("ok");
    expect(checks["telegram-webhook"]).toMatchObject({ status: "problem", key: "doctor-webhook-unexpected" });
    expect(checks.zalo).toMatchObject({ status: "problem", key: "doctor-platform-down" });
    expect(checks.redis).toMatchObject({ status: "problem", key: "doctor-redis-down" });
    expect(checks.database).toMatchObject({
      status: "problem",
      key: "doctor-db-pending",
      args: { count: 1 },
    });
    expect(checks["focal-points"]?.status).toBe("problem");
    expect(Number(checks["focal-points"]?.args?.count)).toBeGreaterThan(100);
    expect(checks.outbox).toMatchObject({ status: "problem", args: { failed: 1 } });
    expect(checks.tick).toMatchObject({ status: "problem", key: "doctor-tick-late", args: { minutes: 60 } });
    expect(checks.holidays).toMatchObject({ status: "problem", args: { years: "2028, 2029" } });

    // A wrong token, as the platform says it.
    const wrong = byName(
      await runDoctor(loadConfig({ ...env, TELEGRAM_BOT_TOKEN: "1:not-the-token" }), db.path, now),
    );
    expect(wrong.telegram).toMatchObject({ status: "problem", key: "doctor-token-invalid" });

    const r = await cliAsync(["doctor", "--db", join(tempDir(), "none.db")], { ...env, NHACVIEC_LANG: "en" });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("problems to fix:");
    expect(r.stdout).toContain("Redis does not answer at redis://127.0.0.1:9");
    expect(r.stdout).toContain("No database at");
    expect(r.stdout).not.toContain(telegram.token);
    expect(r.stderr.trim()).toMatch(/^doctor: \d+ problems\.$/);
  }, 60_000);
});
