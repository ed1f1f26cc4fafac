import { spawn, spawnSync } from "node:child_process";
import { REDIS_URL, testPrefix } from "./redis.ts";

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs the operator CLI as a separate process, exactly as an operator would (minus npm's banner),
 * on the tests' Redis under a prefix of its own.
 */
export function cli(args: string[], env: Record<string, string> = {}): CliResult {
  const r = spawnSync(process.execPath, ["--import", "tsx", "src/cli/index.ts", ...args], {
    encoding: "utf8",
    env: { ...process.env, LOG_LEVEL: "silent", REDIS_URL, QUEUE_PREFIX: testPrefix(), ...env },
    timeout: 60_000,
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** The same, without blocking this process: for tests whose emulators must answer the CLI meanwhile. */
export function cliAsync(args: string[], env: Record<string, string> = {}): Promise<CliResult> {
  const child = spawn(process.execPath, ["--import", "tsx", "src/cli/index.ts", ...args], {
    env: { ...process.env, LOG_LEVEL: "silent", ...env },
    timeout: 60_000,
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (d) => {
    stdout += d;
  });
  child.stderr.on("data", (d) => {
    stderr += d;
  });
  return new Promise((resolve) => child.on("close", (code) => resolve({ code: code ?? -1, stdout, stderr })));
}
