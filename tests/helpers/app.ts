import { createServer } from "node:net";
import { afterEach } from "vitest";
import { type App, startApp } from "../../src/app.ts";
import { type Config, loadConfig } from "../../src/config.ts";
import type { Core } from "../../src/core.ts";
import { createLogger, type Logger } from "../../src/logger.ts";
import { addContact } from "../../src/people/contacts.ts";
import { TelegramEmulator } from "../emulators/telegram-api.ts";
import { agreed } from "./consent.ts";
import { seededTarget } from "./engine-choice.ts";
import { REDIS_URL, testPrefix } from "./redis.ts";

export const TOKEN = "123:test";
/** A working Thursday morning in the December 2026 cycle (the November report is due). */
export const DEFAULT_NOW = "2026-12-03T09:00:00+07:00";

export interface TestAppOptions {
  /** The instant conversations see; change it later with `clock.set`. */
  now?: string | Date;
  /** Webhook mode: the app listens on a free local port at this path, with this secret. */
  webhook?: { secret: string; path?: string };
  /** Where the app logs (silent by default); the log tests read it. */
  log?: Logger;
}

export interface Clock {
  now(): Date;
  set(at: string | Date): void;
}

export interface TestApp {
  app: App;
  emulator: TelegramEmulator;
  core: Core;
  config: Config;
  /** The SQLite file; on PostgreSQL a path with no file, beside which the app writes charts and exports. */
  dbPath: string;
  clock: Clock;
  /** Stops the app and the emulator (also done after each test). Safe to call twice. */
  close(): Promise<void>;
  /** Closes the app (not the emulator) and starts it again on the same database (file or schema). */
  restart(): Promise<TestApp>;
}

const open: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of open.splice(0).reverse()) await close();
});

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (address === null || typeof address === "string") throw new Error("no free port");
  return address.port;
}

interface Shared {
  emulator: TelegramEmulator;
  target: { DB_PATH: string; DATABASE_URL?: string };
  prefix: string;
  clock: Clock;
  webhook?: { secret: string; path: string; port: number };
  log?: Logger;
}

async function launch(shared: Shared): Promise<TestApp> {
  const { emulator, target, prefix, clock, webhook, log } = shared;
  const config = loadConfig({
    ...target,
    TELEGRAM_BOT_TOKEN: TOKEN,
    TELEGRAM_API_ROOT: emulator.apiRoot,
    QUEUE_PREFIX: prefix,
    REDIS_URL,
    CONSOLE: "off",
    LOG_LEVEL: "silent",
    HTTP_PORT: "0",
    ...(webhook
      ? {
          WEBHOOK_URL: `http://127.0.0.1:${webhook.port}${webhook.path}`,
          WEBHOOK_SECRET: webhook.secret,
          HTTP_PORT: String(webhook.port),
        }
      : {}),
  });
  const app = await startApp(config, log ?? createLogger("silent"), { now: () => clock.now() });
  let closed = false;
  const closeApp = async () => {
    if (closed) return;
    closed = true;
    await app.close();
  };
  const closeAll = async () => {
    await closeApp();
    await emulator.close();
  };
  open.push(closeAll);
  // The real-clock tick would run the rules at today's date in the middle of a test; the tests
  // tick at chosen instants instead. Dispatch stays (it only sends what is due).
  await app.runner.dropScheduler("tick");
  return {
    app,
    emulator,
    core: app.core,
    config,
    dbPath: target.DB_PATH,
    clock,
    close: closeAll,
    async restart() {
      await closeApp();
      return launch(shared);
    },
  };
}

/** The whole service (startApp) on a seeded database of the test engine, talking to a local Bot API emulator. */
export async function startTestApp(opts: TestAppOptions = {}): Promise<TestApp> {
  const target = await seededTarget();
  const emulator = await TelegramEmulator.start({ token: TOKEN, botUsername: "nhacviec_test_bot" });
  let current = new Date(opts.now ?? DEFAULT_NOW);
  const clock: Clock = {
    now: () => new Date(current),
    set: (at) => {
      current = new Date(at);
    },
  };
  const shared: Shared = {
    emulator,
    target,
    prefix: testPrefix(),
    clock,
    ...(opts.log ? { log: opts.log } : {}),
    ...(opts.webhook
      ? {
          webhook: {
            secret: opts.webhook.secret,
            path: opts.webhook.path ?? "/tg-hook",
            port: await freePort(),
          },
        }
      : {}),
  };
  try {
    return await launch(shared);
  } catch (e) {
    await emulator.close();
    throw e;
  }
}

/**
 * Links a Telegram user's private chat (`tg:<id>`) to an agency in a role, as the CLI would,
 * the person having agreed to the current privacy notice.
 */
export async function linkContact(
  t: Pick<TestApp, "core">,
  userId: number,
  agency: string,
  role: "focal" | "head" | "coordinator" = "focal",
  name?: string,
): Promise<number> {
  const { id } = await addContact(t.core.store, { agency, role, chat: `tg:${userId}`, name });
  return agreed(t.core.store, id);
}
