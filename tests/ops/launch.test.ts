import { spawn, spawnSync } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { tempDir } from "../helpers/db.ts";
import { REDIS_URL, testPrefix } from "../helpers/redis.ts";

/**
 * `npm start` and `npm run cli` run the esbuild bundle, not the sources the other tests import:
 * this proves the bundle works (packages bundled in, data found beside the sources, lazy chunks).
 */
describe("the bundle npm start and npm run cli run", () => {
  it("answers cli --help with every command", () => {
    const r = spawnSync(process.execPath, ["scripts/launch.mjs", "cli", "--help"], { encoding: "utf8" });
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    for (const command of ["plan", "doctor", "db", "report", "tick"]) expect(r.stdout).toContain(command);
  }, 60_000);

  it("starts the service, runs a tick through BullMQ to the console, and stops on /quit", async () => {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      DB_PATH: join(tempDir(), "bundle.db"),
      QUEUE_PREFIX: testPrefix(),
      REDIS_URL,
      CONSOLE: "on",
      LOG_LEVEL: "silent",
    };
    delete env.TELEGRAM_BOT_TOKEN;
    delete env.ZALO_BOT_TOKEN;
    const child = spawn(process.execPath, ["scripts/launch.mjs", "main"], { env });
    let out = "";
    let err = "";
    child.stdout.on("data", (d) => {
      out += d;
      if (out.includes("📨")) child.stdin.end("/quit\n");
    });
    child.stderr.on("data", (d) => {
      err += d;
    });
    child.stdin.write("/tick 2026-12-01T08:00:00+07:00\n");
    const code = await new Promise((resolve) => child.on("close", resolve));
    expect(err).toBe("");
    expect(code).toBe(0);
    expect(out).toContain("Kỳ báo cáo tháng 11/2026");
  }, 120_000);
});
