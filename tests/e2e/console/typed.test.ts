import { PassThrough } from "node:stream";
import { afterEach, describe, it } from "vitest";
import { startApp } from "../../../src/app.ts";
import { loadConfig } from "../../../src/config.ts";
import { createLogger } from "../../../src/logger.ts";
import { tempDir } from "../../helpers/db.ts";
import { sqliteOf } from "../../helpers/engine-choice.ts";
import { REDIS_URL, testPrefix, until } from "../../helpers/redis.ts";
import { allSent, typedReportScenario } from "../typed-scenario.ts";

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of closers.splice(0).reverse()) await c();
});

/** The whole app with the console as its channel, typed into line by line. */
async function consoleApp() {
  const input = new PassThrough();
  const output = new PassThrough();
  let printed = "";
  output.on("data", (chunk) => {
    printed += String(chunk);
  });
  const config = loadConfig({
    DB_PATH: `${tempDir()}/console.db`,
    QUEUE_PREFIX: testPrefix(),
    REDIS_URL,
    CONSOLE: "on",
    LOG_LEVEL: "silent",
  });
  const app = await startApp(config, createLogger("silent"), {
    input,
    output,
    now: () => new Date("2026-12-03T09:00:00+07:00"),
  });
  closers.push(async () => {
    input.end();
    await app.close();
  });
  // The real-clock tick would run the rules at today's date in the middle of the test.
  await app.runner.dropScheduler("tick");
  await until(() => printed.includes("] > "), "the first prompt");
  /** Types a line and returns what was printed up to the next prompt. */
  const type = async (line: string) => {
    const from = printed.length;
    input.write(`${line}\n`);
    await until(() => printed.slice(from).includes("] > "), `the answer to ${line}`);
    return printed.slice(from);
  };
  return { app, type, printed: () => printed };
}

describe("typed answers in the console", () => {
  it("keeps a report on the right task through a reminder, a command, free text and an edit", async () => {
    const { app, type, printed } = await consoleApp();
    const chatId = "console:so-y-te-focal";
    await typedReportScenario({
      numbered: true,
      chatId,
      sqlite: sqliteOf(app.core).sqlite,
      say: type,
      async remind() {
        const from = printed().length;
        await type("/tick 2026-12-01T08:00:00+07:00");
        await allSent(sqliteOf(app.core).sqlite, chatId);
        return printed().slice(from);
      },
    });
  });
});
