import { importPlanFile } from "./catalog/plan-import.ts";
import type { Adapter, AdapterContext, ChatEvents } from "./channels/adapter.ts";
import type { Channel } from "./channels/channel.ts";
import { adapterDefinitions } from "./channels/registry.ts";
import type { Config } from "./config.ts";
import { ConversationRouter } from "./conversation/router.ts";
import type { ConversationDeps } from "./conversation/types.ts";
import { type Core, conversationDeps, startCore } from "./core.ts";
import { startCheckpointer } from "./db/checkpointer.ts";
import { chatUnreachable } from "./engine/notices.ts";
import { type HttpServer, startHttpServer } from "./http/server.ts";
import { leaseFactory } from "./jobs/lease.ts";
import { connectNow, RedisAuthFailed, redactUrl } from "./jobs/redis.ts";
import { EngineRunner } from "./jobs/runner.ts";
import { chatRef, type Logger } from "./logger.ts";
import { measureUpdates } from "./metrics.ts";
import { startDailyBackup } from "./ops/daily-backup.ts";
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
  deps: ConversationDeps;
  /** Storage, text, calendar, rules: what the engine and the CLI share (tests read the database here). */
  core: Core;
  /** Webhooks, /healthz, /readyz, /metrics. */
  http: HttpServer;
  /** The adapters running, in start order. */
  adapters: Adapter[];
  /** Settles when the console ends, or when another process took over this bot's polling. */
  done: Promise<void>;
  close(): Promise<void>;
}

export class RedisUnavailable extends Error {}

/**
 * The composition root's body: config → core → router → engine → adapters. Returns handles
 * so main.ts can shut it down and tests can restart it.
 */
export async function startApp(config: Config, log: Logger, io: AppIO = {}): Promise<App> {
  await checkRedis(config);
  const { core, background } = await openCore(config, log);
  const deps = conversationDeps(core, io.now);
  const router = new ConversationRouter(deps, log);
  measureUpdates(router);
  const channels = new Map<string, Channel>();
  const runner = new EngineRunner(core, channels, log);
  deps.engine = runner;
  const http = await startHttpServer({ config, store: core.store, log, web: deps });
  const web = http.web;
  // A link is only worth giving when the console answers on this machine's port.
  if (web && http.port !== undefined) deps.webLink = (contactId) => web.links.issue(contactId);
  const leases = leaseFactory({
    url: config.REDIS_URL,
    prefix: config.QUEUE_PREFIX,
    ttlMs: config.POLL_LEASE_MS,
    log,
  });
  const ctx: AdapterContext = {
    config,
    deps,
    router,
    log,
    io,
    events: chatEvents(core, log),
    rememberMenu: async (chatId, m) => {
      if (m.choices?.length) await router.flows.setMenu(chatId, m.choices.flat(), deps.now());
    },
    tick: (at) => runner.tick(at),
    lease: (name) => leases.lease(name),
  };
  const adapters = await startAdapters(ctx, http, channels);
  await runner.start();
  log.info({ engine: core.engine, channels: adapters.map((a) => a.prefix) }, "started");
  const ends = adapters.flatMap((a) => (a.done ? [a.done] : []));
  return {
    router,
    runner,
    deps,
    core,
    http,
    adapters,
    done: ends.length ? Promise.race(ends) : new Promise(() => {}),
    close: () => closeApp(config, log, { http, adapters, runner, core, background, leases }),
  };
}

async function checkRedis(config: Config): Promise<void> {
  try {
    (await connectNow(config.REDIS_URL)).disconnect();
  } catch (e) {
    if (e instanceof RedisAuthFailed) throw new RedisAuthFailed(redactUrl(config.REDIS_URL));
    throw new RedisUnavailable(redactUrl(config.REDIS_URL));
  }
}

/** The core on its database, the shipped plan on a first start, and the database's chores. */
async function openCore(config: Config, log: Logger) {
  const core = await startCore(config);
  try {
    if ((await core.store.catalog.planId()) === undefined) {
      const s = await importPlanFile(core.store, config.PLAN_FILE);
      log.info(
        { plan: s.planId, tasks: s.tasks.added, targets: s.targets.added },
        "imported the shipped plan",
      );
    }
  } catch (e) {
    await core.close();
    throw e;
  }
  log.info({ engine: core.engine }, "storage open");
  return { core, background: fileChores(core, config, log) };
}

interface Chores {
  checkpointer?: ReturnType<typeof startCheckpointer>;
  backups?: ReturnType<typeof startDailyBackup>;
}

/** Checkpoints and daily backups belong to an SQLite file; PostgreSQL has its own tools for both. */
function fileChores(core: Core, config: Config, log: Logger): Chores {
  if (!core.database) {
    if (config.BACKUP_DIR) log.warn("BACKUP_DIR is for the SQLite file: back PostgreSQL up with pg_dump");
    return {};
  }
  const checkpointer = startCheckpointer(core.database.sqlite, {
    onError: (err) => log.warn({ err }, "background checkpoint failed"),
  });
  const backups = startDailyBackup(core.database.sqlite, config, log);
  return { checkpointer, backups };
}

/** What a chat's fate told by a platform means for our records. */
function chatEvents(core: Core, log: Logger): ChatEvents {
  return {
    added: (chatId) => core.store.people.markReachable(chatId),
    removed: async (chatId) => {
      await core.store.chats.unsubscribe(chatId);
      await chatUnreachable(core, chatId, "removed from the chat");
    },
    moved: async (from, to) => {
      if (await core.store.chats.moveChat(from, to, new Date()))
        log.warn({ from: chatRef(from), to: chatRef(to) }, "chat changed its id: moved");
    },
  };
}

/** Builds the configured adapters in registry order, routes their webhooks and starts them. */
async function startAdapters(
  ctx: AdapterContext,
  http: HttpServer,
  channels: Map<string, Channel>,
): Promise<Adapter[]> {
  const adapters: Adapter[] = [];
  for (const definition of adapterDefinitions) {
    if (!definition.enabled(ctx.config)) continue;
    const adapter = await definition.create(ctx);
    channels.set(adapter.prefix, adapter);
    if (adapter.webhook) http.addWebhook(adapter.webhook.url, adapter.webhook.spec);
    await adapter.start();
    adapters.push(adapter);
  }
  return adapters;
}

interface Running {
  http: HttpServer;
  adapters: Adapter[];
  runner: EngineRunner;
  core: Core;
  background: Chores;
  leases: { release(): Promise<void>; close(): void };
}

/**
 * Each step has a share of SHUTDOWN_TIMEOUT_MS, so a platform or a Redis that does not answer
 * delays the stop but never blocks it. Adapters first, newest first: no new update comes in.
 */
async function closeApp(config: Config, log: Logger, app: Running): Promise<void> {
  const budget = config.SHUTDOWN_TIMEOUT_MS;
  const stops = [() => app.http.close(), ...app.adapters.map((a) => () => a.stop())];
  for (const stop of stops.reverse())
    if (!(await within(stop(), budget * 0.3))) log.warn("a channel did not stop in time");
  // Normally given up already, each by its adapter as it stopped.
  if (!(await within(app.leases.release(), budget * 0.1))) log.warn("a poller lease was not given up");
  app.leases.close();
  // Sends still in flight after this are left `sending`, claimed again at the next start.
  if (!(await within(app.runner.close(), budget * 0.5)))
    log.warn("the engine did not close in time: unfinished sends are retried at the next start");
  app.background.backups?.stop();
  await app.background.checkpointer?.stop();
  await app.core.close();
}
