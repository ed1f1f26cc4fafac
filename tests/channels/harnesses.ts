import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import type { Adapter, AdapterContext, AdapterDefinition } from "../../src/channels/adapter.ts";
import { consoleAdapter } from "../../src/channels/console/index.ts";
import { telegramAdapter } from "../../src/channels/telegram/index.ts";
import { zaloAdapter } from "../../src/channels/zalo/index.ts";
import { loadConfig } from "../../src/config.ts";
import { choiceByNumber } from "../../src/conversation/input.ts";
import { ConversationRouter } from "../../src/conversation/router.ts";
import type { ConversationDeps } from "../../src/conversation/types.ts";
import { conversationDeps } from "../../src/core.ts";
import { createLogger } from "../../src/logger.ts";
import type { Incoming } from "../../src/messages.ts";
import { TelegramEmulator } from "../emulators/telegram-api.ts";
import { ZaloEmulator } from "../emulators/zalo-api.ts";
import { tempDir } from "../helpers/db.ts";
import { engineFixture } from "../helpers/engine.ts";

/** What a person does on the platform, as the platform (its emulator) delivers it. */
export interface Person {
  /** The adapter's own id for this person's chat, and the core's prefixed one. */
  chatId: string;
  say(text: string): void;
  /** Answers the menu of the bot message `messageId`: a button press or a typed number. */
  pick(messageId: string, data: string, position: number): void;
  /** Sends a file or photo; undefined where the platform has no way to. */
  attach?(): void;
  /** Something the adapter must quietly skip (an edit, a sticker, the bot's own message). */
  noise(): void;
}

/** One adapter under the shared contract, started and receiving, with its platform's emulator. */
export interface Harness {
  adapter: Adapter;
  /** A recipient for outgoing sends (not the person below, whose chat the router answers). */
  chatId: string;
  /** Texts (or captions) the platform received for chatId, in order, with markup. */
  received(): string[];
  /** Files the platform received for chatId: "photo" or "document". */
  files(): string[];
  faults?: { block(): void; rateLimit(): void; fail(): void };
  person: Person;
  /** Incoming the adapter handed the router, with the choice a typed number resolved to. */
  seen: (Incoming & { resolved?: string })[];
  close(): Promise<void>;
}

const silent = createLogger("silent");

async function build(def: AdapterDefinition, env: Record<string, string>, io: AdapterContext["io"] = {}) {
  const config = loadConfig({ CONSOLE: "off", LOG_LEVEL: "silent", PLATFORM_TIMEOUT_MS: "3000", ...env });
  const { core } = await engineFixture();
  const deps: ConversationDeps = conversationDeps(core);
  const router = new ConversationRouter(deps, silent);
  const seen: Harness["seen"] = [];
  const handle = router.handle.bind(router);
  router.handle = async (incoming, options) => {
    // A typed number answers the menu the chat was last shown: resolve it before the router does.
    const menu = await router.flows.menu(incoming.chatId);
    seen.push({ ...incoming, resolved: choiceByNumber(incoming.text ?? "", menu)?.data });
    return handle(incoming, options);
  };
  const ctx: AdapterContext = {
    config,
    deps,
    router,
    log: silent,
    io,
    events: { added: async () => {}, removed: async () => {}, moved: async () => {} },
    rememberMenu: async (chatId, m) => {
      if (m.choices?.length) await router.flows.setMenu(chatId, m.choices.flat(), deps.now());
    },
    tick: async () => ({ ids: [] }),
  };
  const adapter = await def.create(ctx);
  await adapter.start();
  return { adapter, seen, core };
}

/** A small file for attachment sends. */
export function sampleFile(): string {
  const path = join(tempDir(), "bao-cao.csv");
  writeFileSync(path, "agency,status\nso-y-te,done\n");
  return path;
}

export const harnesses: Record<string, () => Promise<Harness>> = {
  async telegram() {
    const emulator = await TelegramEmulator.start({ token: "1:c", botUsername: "contract_bot" });
    const env = {
      TELEGRAM_BOT_TOKEN: "1:c",
      TELEGRAM_API_ROOT: emulator.apiRoot,
      TELEGRAM_POLL_TIMEOUT: "1",
    };
    const { adapter, seen } = await build(telegramAdapter, env);
    const user = { id: 777, first_name: "Lan" };
    const chat = { id: 777, type: "private" as const };
    return {
      adapter,
      seen,
      chatId: "555",
      received: () =>
        emulator
          .messages(555)
          .map((m) => [m.text ?? m.caption, JSON.stringify(m.replyMarkup ?? "")].join("\n")),
      files: () =>
        emulator.messages(555).flatMap((m) => (m.document ? ["document"] : m.photo ? ["photo"] : [])),
      faults: {
        block: () => emulator.blockChat(555),
        rateLimit: () => emulator.rateLimitNext(1, 3),
        fail: () => emulator.failNext(1),
      },
      person: {
        chatId: "777",
        say: (text) => emulator.sendText(user, chat, text),
        pick: (messageId, data) => emulator.pressButton(user, chat, Number(messageId), data),
        attach: () => emulator.sendDocumentFromUser(user, chat, { filename: "bao-cao.pdf", bytes: "%PDF" }),
        noise: () => {
          const message = { message_id: 9000, date: Math.floor(Date.now() / 1000), chat, text: "/help" };
          // An edit of an old message, and a message from another bot: neither is answered.
          emulator.injectUpdate({ update_id: 1_000_000, edited_message: { ...message, from: user } });
          emulator.injectUpdate({
            update_id: 1_000_001,
            message: { ...message, from: { id: 42, is_bot: true, first_name: "Bot" } },
          });
        },
      },
      close: async () => {
        await adapter.stop();
        await emulator.close();
      },
    };
  },
  async zalo() {
    const emulator = await ZaloEmulator.start({ token: "9:z" });
    const env = { ZALO_BOT_TOKEN: "9:z", ZALO_API_ROOT: emulator.apiRoot, ZALO_POLL_TIMEOUT: "1" };
    const { adapter, seen } = await build(zaloAdapter, env);
    const user = { id: "u-777", display_name: "Lan" };
    return {
      adapter,
      seen,
      chatId: "u-555",
      received: () => emulator.messages("u-555").map((m) => m.text ?? m.caption ?? ""),
      files: () => emulator.messages("u-555").flatMap((m) => (m.photo ? ["photo"] : [])),
      faults: {
        block: () => emulator.blockUser("u-555"),
        rateLimit: () => emulator.rateLimitNext(1),
        fail: () => emulator.failNext(1),
      },
      person: {
        chatId: "u-777",
        say: (text) => emulator.sendText(user, text),
        pick: (_, __, position) => emulator.sendText(user, String(position)),
        attach: () => emulator.sendImage(user, "https://example.com/anh.jpg", "ảnh báo cáo"),
        noise: () => emulator.sendSticker(user),
      },
      close: async () => {
        await adapter.stop();
        await emulator.close();
      },
    };
  },
  async console() {
    const input = new PassThrough();
    const output = new PassThrough();
    let text = "";
    output.on("data", (d) => {
      text += String(d);
    });
    const { adapter, seen } = await build(consoleAdapter, { CONSOLE: "on" }, { input, output });
    const printed = (chat: string) =>
      text
        .split(`\n📨 → ${chat}\n`)
        .slice(1)
        .map((s) => s.split("\n📨 → ")[0]?.trim() ?? "");
    return {
      adapter,
      seen,
      chatId: "demo",
      received: () => printed("demo"),
      files: () => [],
      person: {
        chatId: "so-y-te-focal",
        say: (line) => input.write(`${line}\n`),
        pick: (_, __, position) => input.write(`${position}\n`),
        noise: () => input.write("   \n"),
      },
      close: async () => {
        input.end();
        await adapter.done;
      },
    };
  },
};
