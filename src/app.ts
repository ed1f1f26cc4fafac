import { importPlanFile } from "./catalog/plan-import.ts";
import type { Channel, OutgoingMessage } from "./channels/channel.ts";
import { ConsoleChannel, ensureDemoPeople, runConsole } from "./channels/console/console.ts";
import { ZaloBot } from "./channels/zalo/bot.ts";
import { ZaloClient } from "./channels/zalo/client.ts";
import { ZaloSender, zaloPacing } from "./channels/zalo/sender.ts";
import type { Config } from "./config.ts";
import { ConversationRouter } from "./conversation/router.ts";
import type { ConversationDeps } from "./conversation/types.ts";
import { buildCore } from "./core.ts";
import { startCheckpointer } from "./db/checkpointer.ts";
import { plans } from "./db/schema.ts";
import { chatUnreachable } from "./engine/notices.ts";
import { type HttpServer, startHttpServer } from "./http/server.ts";
import { telegramWebhook, zaloWebhook } from "./http/webhooks.ts";
import { connectNow, redactUrl } from "./jobs/redis.ts";
import { EngineRunner } from "./jobs/runner.ts";
import type { Logger } from "./logger.ts";
import { measureUpdates } from "./metrics.ts";
import { startDailyBackup } from "./ops/daily-backup.ts";
import { chatLang, markReachable } from "./people/contacts.ts";

export interface AppIO {
  input?: NodeJS.ReadableStream;
  output?: NodeJS.WritableStream;
  /** For tests: the clock the conversations use. */
  now?: () => Date;
}

export interface App {
  router: ConversationRouter;
  runner: EngineRunner;
  deps: ConversationDeps;
  /** Webhooks, /healthz, /readyz, /metrics. */
  http: HttpServer;
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
  } catch {
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
  const deps: ConversationDeps = { ...core, now: io.now ?? (() => new Date()) };
  const router = new ConversationRouter(deps, log);
  measureUpdates(router);
  const runner = new EngineRunner(core, channels, log);
  deps.engine = runner;
  const stops: (() => Promise<unknown> | unknown)[] = [];
  let done: Promise<void> = new Promise(() => {});
  const http = await startHttpServer({ config, sqlite: core.sqlite, log });
  stops.push(() => http.close());

  if (config.TELEGRAM_BOT_TOKEN) {
    // grammY loads only when Telegram is configured (~0.2 s of every start otherwise).
    const { Api } = await import("grammy");
    const { createTelegramBot, registerCommands } = await import("./channels/telegram/bot.ts");
    const { TelegramSender } = await import("./channels/telegram/sender.ts");
    const token = config.TELEGRAM_BOT_TOKEN;
    channels.set(
      "tg",
      new TelegramSender(new Api(token, { apiRoot: config.TELEGRAM_API_ROOT }), {
        globalPerSecond: config.TELEGRAM_GLOBAL_PER_SECOND,
        privateGapMs: 1000,
        groupGapMs: 3000,
      }),
    );
    const bot = createTelegramBot({
      token,
      apiRoot: config.TELEGRAM_API_ROOT,
      router,
      i18n: core.i18n,
      log,
      onAdded: (chatId) => markReachable(core.database.db, chatId),
      onRemoved: (chatId) => {
        core.sqlite.prepare("delete from subscriptions where chat_id = ?").run(chatId);
        chatUnreachable(core, chatId, "removed from the chat");
      },
    });
    await bot.init();
    deps.botUsername = bot.botInfo.username;
    await registerCommands(bot, core.i18n).catch((e) =>
      log.warn({ err: String(e) }, "could not register commands"),
    );
    if (config.WEBHOOK_URL) {
      http.addWebhook(config.WEBHOOK_URL, telegramWebhook(bot, config.WEBHOOK_SECRET ?? ""));
      await bot.api.setWebhook(config.WEBHOOK_URL, { secret_token: config.WEBHOOK_SECRET });
    } else {
      await bot.api.deleteWebhook();
      done = bot.start({ drop_pending_updates: false, onStart: () => log.info("telegram polling") });
      stops.push(() => bot.stop());
    }
  }

  if (config.ZALO_BOT_TOKEN) {
    const client = new ZaloClient({ token: config.ZALO_BOT_TOKEN, apiRoot: config.ZALO_API_ROOT });
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
    done = runConsole({
      input: (io.input ?? process.stdin) as import("node:stream").Readable,
      output,
      core,
      router,
      channel,
      tick: (at) => runner.tick(at),
    });
  }

  await runner.start();
  return {
    router,
    runner,
    deps,
    http,
    done,
    async close() {
      for (const stop of stops.reverse()) await stop();
      await runner.close();
      backups?.stop();
      await checkpointer?.stop();
      core.database.close();
    },
  };
}
