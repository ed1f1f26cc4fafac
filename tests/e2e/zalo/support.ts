import { createServer } from "node:net";
import { afterEach } from "vitest";
import { type App, startApp } from "../../../src/app.ts";
import { loadConfig } from "../../../src/config.ts";
import { createLogger } from "../../../src/logger.ts";
import { addContact } from "../../../src/people/contacts.ts";
import type { Store } from "../../../src/store/index.ts";
import { ZaloEmulator, type ZaloEmulatorOptions } from "../../emulators/zalo-api.ts";
import { agreed } from "../../helpers/consent.ts";
import { rowsOf, seededTarget } from "../../helpers/engine-choice.ts";
import { REDIS_URL, testPrefix } from "../../helpers/redis.ts";

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of closers.splice(0).reverse()) await c();
});

export const NOW = new Date("2026-12-03T09:00:00+07:00");

export async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

export async function start(
  opts: { emulator?: ZaloEmulatorOptions; env?: Record<string, string | number>; now?: Date } = {},
) {
  const emulator = await ZaloEmulator.start({ token: "42:zalo-secret", ...opts.emulator });
  closers.push(() => emulator.close());
  const config = loadConfig({
    ...(await seededTarget()),
    ZALO_BOT_TOKEN: "42:zalo-secret",
    ZALO_API_ROOT: emulator.apiRoot,
    ZALO_POLL_TIMEOUT: "1",
    ZALO_GLOBAL_PER_SECOND: "50",
    QUEUE_PREFIX: testPrefix(),
    REDIS_URL,
    CONSOLE: "off",
    LOG_LEVEL: "silent",
    HTTP_PORT: "0",
    ...Object.fromEntries(Object.entries(opts.env ?? {}).map(([k, v]) => [k, String(v)])),
  });
  const app: App = await startApp(config, createLogger("silent"), { now: () => opts.now ?? NOW });
  closers.push(() => app.close());
  return { emulator, app, store: app.core.store, rows: rowsOf(app.core) };
}

export const an = { id: "u-an", display_name: "Nguyễn Văn An" };
export const coord = { id: "u-pc06", display_name: "PC06" };
export const last = (e: ZaloEmulator, chat: string) => e.messages(chat).at(-1)?.text ?? "";

/** Sends a text and waits for the bot's answer to it. */
export async function say(e: ZaloEmulator, from: typeof an, text: string): Promise<string> {
  const before = e.messages(from.id).length;
  e.sendText(from, text);
  await e.waitForMessages(from.id, before + 1, 8000);
  return last(e, from.id);
}

/** Links a Zalo person as the CLI would, the person having agreed to the privacy notice. */
export async function link(store: Store, input: Parameters<typeof addContact>[1]): Promise<number> {
  return agreed(store, (await addContact(store, input)).id);
}
