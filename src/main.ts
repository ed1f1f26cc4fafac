import { RedisUnavailable, startApp } from "./app.ts";
import { ConfigError, loadConfig } from "./config.ts";
import { UserError } from "./errors.ts";
import { I18n, parseLang } from "./i18n/index.ts";
import { createLogger } from "./logger.ts";

/** `npm start`: the channels whose tokens are set (the console when none is), the engine, its schedulers. */
const i18n = new I18n();
const lang = parseLang(process.env.NHACVIEC_LANG);
try {
  const config = loadConfig();
  const log = createLogger(config.LOG_LEVEL);
  const app = await startApp(config, log);
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await app.close();
    process.exit(0);
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  await app.done;
  await stop();
} catch (e) {
  if (e instanceof RedisUnavailable) {
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
