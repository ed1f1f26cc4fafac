import { spawnSync } from "node:child_process";
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
