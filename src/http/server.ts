import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createAdaptorServer } from "@hono/node-server";
import { Queue } from "bullmq";
import { type Handler, Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import type { WebhookSpec } from "../channels/adapter.ts";
import { type Config, DEFAULT_HTTP_PORT } from "../config.ts";
import { producerConnection } from "../jobs/redis.ts";
import { TICKS_QUEUE } from "../jobs/runner.ts";
import type { Logger } from "../logger.ts";
import { countWebhook, enableMetrics } from "../metrics.ts";
import type { Store } from "../store/index.ts";
import { createWebConsole, type WebConsole } from "../web/app.ts";
import type { WebDeps } from "../web/deps.ts";
import { metricsText } from "./metrics-route.ts";
import { checkReadiness } from "./readiness.ts";
import { UpdateGate } from "./updates.ts";
import { MAX_BODY_BYTES, webhookHandler } from "./webhooks.ts";

export { DEFAULT_HTTP_PORT };

export interface HttpServer {
  /** The port listened on; undefined when it was taken and nothing needed it. */
  port?: number;
  gate: UpdateGate;
  /** Routes POSTs to the path of `url` to this platform's webhook. */
  addWebhook(url: string, spec: WebhookSpec): void;
  /** The web console at /web, when the server was given what it reads. */
  web?: WebConsole;
  close(): Promise<void>;
}

/** HTTP_PORT, else the deprecated per-platform ports, else 8787; and a warning for the old names. */
export function httpPort(config: Config, log: Logger): number {
  const legacy = config.WEBHOOK_PORT ?? config.ZALO_WEBHOOK_PORT;
  if (config.HTTP_PORT === undefined && legacy !== undefined) {
    log.warn(
      { port: legacy },
      "WEBHOOK_PORT and ZALO_WEBHOOK_PORT are deprecated: set HTTP_PORT (one port for both webhooks, health and metrics)",
    );
  }
  return config.HTTP_PORT ?? legacy ?? DEFAULT_HTTP_PORT;
}

/**
 * The one HTTP server: both platforms' webhooks, /healthz, /readyz, /metrics and the web
 * console (/web, when `web` is given), on HTTP_HOST:HTTP_PORT, loopback by default since a reverse proxy is expected
 * in front. It starts before the channels, so health answers while a platform is still slow.
 */
export async function startHttpServer(opts: {
  config: Config;
  store: Store;
  log: Logger;
  startedAt?: Date;
  /** The console's calendar, rules, text and clock (the conversations' own). */
  web?: Pick<WebDeps, "i18n" | "calendar" | "rules" | "now" | "exportSynthesis" | "outbox"> & {
    botUsername?: string;
  };
}): Promise<HttpServer> {
  const { config, store, log } = opts;
  const startedAt = opts.startedAt ?? new Date();
  await enableMetrics();
  const redis = producerConnection(config.REDIS_URL);
  redis.on("error", () => {}); // /readyz reports Redis; the engine's connections log its errors
  const ticks = new Queue(TICKS_QUEUE, { connection: redis, prefix: config.QUEUE_PREFIX });
  ticks.on("error", () => {}); // the same: a Redis that is down shows in /readyz
  const gate = new UpdateGate(redis, config.QUEUE_PREFIX, log);
  const hooks = new Map<string, { channel: string; handle: Handler }>();

  const app = new Hono();
  app.get("/healthz", (c) => c.json({ status: "ok" }));
  app.get("/readyz", async (c) => {
    const r = await checkReadiness({
      store,
      redis,
      startedAt,
      schedulers: async () => (await ticks.getJobSchedulers()).map((s) => s.key),
    });
    return c.json(
      { status: r.ready ? "ready" : "not ready", failed: r.failed, checks: r.checks },
      r.ready ? 200 : 503,
    );
  });
  app.get("/metrics", async (c) => {
    const { text, contentType } = await metricsText(store);
    return c.body(text, 200, { "content-type": contentType });
  });
  let port: number | undefined;
  const base = opts.web;
  // The Telegram channel learns its username after this server starts: read it when a page asks.
  const telegramBot = () => base?.botUsername;
  const web = base && createWebConsole({ ...base, store, config, log, redis, port: () => port, telegramBot });
  if (web) {
    app.route("/web", web.app);
    app.route("/api", web.api);
    app.get("/", (c) => c.redirect("/web", 302));
  }
  app.post(
    "*",
    (c, next) => (hooks.has(c.req.path) ? next() : Promise.resolve(c.body(null, 404))),
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: (c) => {
        countWebhook(hooks.get(c.req.path)?.channel ?? "unknown", "too_large");
        // The rest of the body is not read: the client must not reuse this connection.
        return c.body(null, 413, { connection: "close" });
      },
    }),
    (c, next) => (hooks.get(c.req.path) as { handle: Handler }).handle(c, next),
  );
  app.onError((e, c) => {
    log.error({ err: e.message, path: c.req.path }, "http request failed");
    return c.body(null, 500);
  });

  const server = createAdaptorServer({ fetch: app.fetch }) as Server;
  const required = Boolean(
    (config.TELEGRAM_BOT_TOKEN && config.WEBHOOK_URL) || (config.ZALO_BOT_TOKEN && config.ZALO_WEBHOOK_URL),
  );
  const wanted = httpPort(config, log);
  port = await listen(server, wanted, config.HTTP_HOST).catch(async (e: NodeJS.ErrnoException) => {
    const message = `HTTP server could not listen on ${config.HTTP_HOST}:${wanted}: ${e.code ?? e.message}`;
    // Webhooks cannot work without it; the console demo and polling can, without health and metrics.
    if (required) {
      await ticks.close().catch(() => {});
      redis.disconnect();
      throw new Error(message);
    }
    log.warn(message);
    return undefined;
  });
  if (port !== undefined) log.info({ host: config.HTTP_HOST, port }, "http server listening");

  return {
    port,
    gate,
    ...(web ? { web } : {}),
    addWebhook(url, spec) {
      const path = new URL(url).pathname;
      if (hooks.has(path)) throw new Error(`two webhooks on one path: ${path}`);
      hooks.set(path, { channel: spec.channel, handle: webhookHandler(spec, gate) });
    },
    async close() {
      if (port !== undefined) await new Promise((resolve) => server.close(resolve));
      await gate.drain();
      await ticks.close().catch(() => {});
      redis.disconnect();
    },
  };
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}
