import { inspect } from "node:util";
import { RedisUnavailable, startApp } from "./app.ts";
import { ConfigError, loadConfig } from "./config.ts";
import { PostgresUnavailable } from "./db/postgres.ts";
import { UserError } from "./errors.ts";
import { I18n, parseLang } from "./i18n/index.ts";
import { RedisAuthFailed } from "./jobs/redis.ts";
import { createLogger, type Logger } from "./logger.ts";

/** `npm start`: the channels whose tokens are set (the console when none is), the engine, its schedulers. */
/**
 * Libraries print to the console when nobody listens for an error (BullMQ's queues, ioredis):
 * a multi-line stack between JSON lines breaks every log collector. Those lines become one
 * JSON line each, the error's message only.
 */
function consoleIntoLog(log: Logger): void {
  const text = (args: unknown[]) =>
    args
      .map((a) =>
        a instanceof Error ? a.message : typeof a === "string" ? a : inspect(a, { breakLength: Infinity }),
      )
      .join(" ");
  console.error = (...args: unknown[]) => log.error({ source: "library" }, text(args));
  console.warn = (...args: unknown[]) => log.warn({ source: "library" }, text(args));
}

const i18n = new I18n();
const lang = parseLang(process.env.NHACVIEC_LANG);
try {
  const config = loadConfig();
  const log = createLogger(config.LOG_LEVEL);
  consoleIntoLog(log);
  // A stop asked for while starting waits for the start to finish, then stops cleanly:
  // killing mid-start would leave PostgreSQL's pool or a half-declared scheduler behind.
  // One listener per signal for the whole life of the process, its action swapped once started:
  // removing a listener closes Node's signal handle, and a signal caught meanwhile is lost.
  let early: string | undefined;
  let onSignal = (signal: string) => {
    early = signal;
  };
  process.on("SIGINT", () => onSignal("SIGINT"));
  process.on("SIGTERM", () => onSignal("SIGTERM"));
  const app = await startApp(config, log);
  const exit = (code: number) => {
    log.flush();
    process.exit(code);
  };
  let stopping = false;
  // A clean stop within SHUTDOWN_TIMEOUT_MS whatever the platforms or Redis do: past the
  // deadline the process exits anyway (unfinished sends are claimed again at the next start).
  // A second signal means "now".
  const stop = async (signal: string) => {
    if (stopping) {
      log.warn({ signal }, "second stop signal: exiting now");
      exit(1);
    }
    stopping = true;
    log.info({ signal, timeoutMs: config.SHUTDOWN_TIMEOUT_MS }, "stopping");
    setTimeout(() => {
      log.error({ timeoutMs: config.SHUTDOWN_TIMEOUT_MS }, "stop took too long: exiting now");
      exit(1);
    }, config.SHUTDOWN_TIMEOUT_MS).unref();
    try {
      await app.close();
    } catch (e) {
      log.error({ err: e instanceof Error ? e.message : String(e) }, "error while stopping");
      exit(1);
    }
    log.info("stopped");
    exit(0);
  };
  onSignal = (signal) => void stop(signal);
  if (early) await stop(early);
  await app.done;
  await stop("done");
} catch (e) {
  if (e instanceof PostgresUnavailable) {
    process.stderr.write(`${i18n.t(lang, "start-postgres-down", { url: e.message })}\n`);
  } else if (e instanceof RedisAuthFailed) {
    process.stderr.write(`${i18n.t(lang, "start-redis-auth", { url: e.message })}\n`);
  } else if (e instanceof RedisUnavailable) {
    process.stderr.write(`${i18n.t(lang, "start-redis-down", { url: e.message })}\n`);
  } else if (e instanceof UserError) {
    process.stderr.write(`${i18n.t(lang, e.key, e.args)}\n`);
  } else if (e instanceof ConfigError) {
    process.stderr.write(`${i18n.t(lang, "start-config", { reason: e.message })}\n`);
  } else {
    process.stderr.write(
      `${i18n.t(lang, "err-unexpected", { message: e instanceof Error ? e.message : String(e) })}\n`,
    );
  }
  process.exit(1);
}
