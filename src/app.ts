import { importPlanFile } from "./catalog/plan-import.ts";
import type { Channel } from "./channels/channel.ts";
import { ConsoleChannel, ensureDemoPeople, runConsole } from "./channels/console/console.ts";
import { ZaloBot } from "./channels/zalo/bot.ts";
import { ZaloClient } from "./channels/zalo/client.ts";
import { ZaloSender, zaloPacing } from "./channels/zalo/sender.ts";
import type { Config } from "./config.ts";
import { ConversationRouter } from "./conversation/router.ts";
import type { ConversationDeps } from "./conversation/types.ts";
import { buildCore, type Core, conversationDeps } from "./core.ts";
import { startCheckpointer } from "./db/checkpointer.ts";
import { plans } from "./db/schema.ts";
import { chatUnreachable } from "./engine/notices.ts";
import { type HttpServer, startHttpServer } from "./http/server.ts";
import { telegramWebhook, zaloWebhook } from "./http/webhooks.ts";
import { connectNow, RedisAuthFailed, redactUrl } from "./jobs/redis.ts";
import { EngineRunner } from "./jobs/runner.ts";
import type { Logger } from "./logger.ts";
import type { OutgoingMessage } from "./messages.ts";
import { measureUpdates } from "./metrics.ts";
import { startDailyBackup } from "./ops/daily-backup.ts";
import { moveChat } from "./people/chat-move.ts";
import { chatLang, markReachable } from "./people/contacts.ts";
import { within } from "./shutdown.ts";

export interface AppIO {
  input?: NodeJS.ReadableStream;
  output?: NodeJS.WritableStream;
  /** For tests: the clock the conversations use. */
  now?: () => Date;
}

export interface App {
  router: ConversationRouter;
  runner: EngineRunner;
  /** Storage, text, calendar, rules: what the engine and the CLI share (tests read the database here). */
  core: Core;
  deps: ConversationDeps;
  /** Webhooks, /healthz, /readyz, /metrics. */
  http: HttpServer;
  /** Settles when the console ends, or when another process took over this bot's polling. */
  done: Promise<void>;
  close(): Promise<void>;
}

export class RedisUnavailable extends Error {}

/**
 * The composition root's body: config → core → channels → router → engine. Returns
 * handles so main.ts can shut it down and tests can restart it.
 */
export async function startApp(config: Config, log: Logger, io: AppIO = {}): Promise<App> {
  try {
    (await connectNow(config.REDIS_URL)).disconnect();
  } catch (e) {
    if (e instanceof RedisAuthFailed) throw new RedisAuthFailed(redactUrl(config.REDIS_URL));
    throw new RedisUnavailable(redactUrl(config.REDIS_URL));
  }

  const core = buildCore(config);
  if (core.database.db.select().from(plans).all().length === 0) {
    const s = importPlanFile(core.database.db, config.PLAN_FILE);
    log.info({ plan: s.planId, tasks: s.tasks.added, targets: s.targets.added }, "imported the shipped plan");
  }
  const checkpointer = startCheckpointer(core.sqlite, {
    onError: (err) => log.warn({ err }, "background checkpoint failed"),
  });
  const backups = startDailyBackup(core.sqlite, config, log);
  const channels = new Map<string, Channel>();
  const deps = conversationDeps(core, io.now);
  const router = new ConversationRouter(deps, log);
  measureUpdates(router);
  const runner = new EngineRunner(core, channels, log);
  deps.engine = runner;
  const stops: (() => Promise<unknown> | unknown)[] = [];
  let done: Promise<void> = new Promise(() => {});
  const http = await startHttpServer({ config, sqlite: core.sqlite, log });
  stops.push(() => http.close());

  let conflict = () => {};
  const conflicted = new Promise<void>((resolve) => {
    conflict = resolve;
  });
  if (config.TELEGRAM_BOT_TOKEN) {
    // grammY loads only when Telegram is configured (~0.2 s of every start otherwise).
    const { Api } = await import("grammy");
    const { createTelegramBot, registerCommands } = await import("./channels/telegram/bot.ts");
    const { TelegramSender } = await import("./channels/telegram/sender.ts");
    const { TelegramLink } = await import("./channels/telegram/link.ts");
    const { callTimeouts } = await import("./channels/telegram/timeouts.ts");
    const token = config.TELEGRAM_BOT_TOKEN;
    const onMigrated = (from: string, to: string) => {
      if (moveChat(core.sqlite, from, to))
        log.warn({ from, to }, "telegram group became a supergroup: moved");
    };
    const api = new Api(token, { apiRoot: config.TELEGRAM_API_ROOT });
    api.config.use(callTimeouts(config.PLATFORM_TIMEOUT_MS));
    channels.set(
      "tg",
      new TelegramSender(
        api,
        { globalPerSecond: config.TELEGRAM_GLOBAL_PER_SECOND, privateGapMs: 1000, groupGapMs: 3000 },
        onMigrated,
      ),
    );
    const bot = createTelegramBot({
      token,
      apiRoot: config.TELEGRAM_API_ROOT,
      router,
      i18n: core.i18n,
      log,
      callTimeoutMs: config.PLATFORM_TIMEOUT_MS,
      onAdded: (chatId) => markReachable(core.database.db, chatId),
      onRemoved: (chatId) => {
        core.sqlite.prepare("delete from subscriptions where chat_id = ?").run(chatId);
        chatUnreachable(core, chatId, "removed from the chat");
      },
      onMigrated,
    });
    deps.botUsername = config.TELEGRAM_BOT_USERNAME;
    // Telegram is reached in the background: the engine, Zalo and the console never wait for it.
    const link = new TelegramLink({
      bot,
      log,
      webhook: config.WEBHOOK_URL
        ? { url: config.WEBHOOK_URL, secret: config.WEBHOOK_SECRET ?? "" }
        : undefined,
      onReady: (me) => {
        deps.botUsername = me.username;
        registerCommands(bot, core.i18n).catch((e) =>
          log.warn({ err: String(e) }, "could not register commands"),
        );
      },
      onConflict: conflict,
      pollTimeoutSeconds: config.TELEGRAM_POLL_TIMEOUT,
    });
    if (config.WEBHOOK_URL) {
      http.addWebhook(config.WEBHOOK_URL, telegramWebhook(bot, config.WEBHOOK_SECRET ?? ""));
    }
    link.start();
    stops.push(() => link.stop());
    done = conflicted;
  }

  if (config.ZALO_BOT_TOKEN) {
    const client = new ZaloClient({
      token: config.ZALO_BOT_TOKEN,
      apiRoot: config.ZALO_API_ROOT,
      timeoutMs: config.PLATFORM_TIMEOUT_MS,
    });
    const langOf = (chatId: string) => chatLang(core.sqlite, chatId);
    const remember = (chatId: string, m: OutgoingMessage) => {
      if (m.choices?.length) router.flows.setMenu(chatId, m.choices.flat(), deps.now());
    };
    channels.set(
      "zalo",
      new ZaloSender(client, core.i18n, langOf, remember, {
        ...zaloPacing,
        globalPerSecond: config.ZALO_GLOBAL_PER_SECOND,
      }),
    );
    const zalo = new ZaloBot({
      client,
      router,
      i18n: core.i18n,
      log,
      langOf,
      pollTimeoutSeconds: config.ZALO_POLL_TIMEOUT,
      webhook: config.ZALO_WEBHOOK_URL
        ? { url: config.ZALO_WEBHOOK_URL, secret: config.ZALO_WEBHOOK_SECRET ?? "" }
        : undefined,
    });
    if (config.ZALO_WEBHOOK_URL)
      http.addWebhook(
        config.ZALO_WEBHOOK_URL,
        zaloWebhook((u) => zalo.handle(u), config.ZALO_WEBHOOK_SECRET ?? ""),
      );
    await zalo.start();
    stops.push(() => zalo.stop());
  }

  const anyToken = config.TELEGRAM_BOT_TOKEN || config.ZALO_BOT_TOKEN;
  const wantConsole = config.CONSOLE === "on" || (config.CONSOLE === "auto" && !anyToken);
  if (wantConsole) {
    const output = (io.output ?? process.stdout) as NodeJS.WritableStream & import("node:stream").Writable;
    const setMenu = (chatId: string, m: OutgoingMessage) => {
      if (m.choices?.length) router.flows.setMenu(chatId, m.choices.flat(), deps.now());
    };
    const channel = new ConsoleChannel(output, core, setMenu);
    channels.set("console", channel);
    ensureDemoPeople(core);
    const consoleDone = runConsole({
      input: (io.input ?? process.stdin) as import("node:stream").Readable,
      output,
      core,
      router,
      channel,
      tick: (at) => runner.tick(at),
    });
    done = Promise.race([done, consoleDone]);
  }

  await runner.start();
  return {
    router,
    runner,
    core,
    deps,
    http,
    done,
    async close() {
      // Each step has a share of SHUTDOWN_TIMEOUT_MS, so a platform or a Redis that does not
      // answer delays the stop but never blocks it. Channels first: no new update comes in.
      const budget = config.SHUTDOWN_TIMEOUT_MS;
      for (const stop of stops.reverse())
        if (!(await within(stop(), budget * 0.3))) log.warn("a channel did not stop in time");
      // Sends still in flight after this are left `sending`, claimed again at the next start.
      if (!(await within(runner.close(), budget * 0.5)))
        log.warn("the engine did not close in time: unfinished sends are retried at the next start");
      backups?.stop();
      await checkpointer?.stop();
      core.database.close();
    },
  };
}
