import { type ChildProcess, spawn } from "node:child_process";
import { createServer } from "node:net";
import { afterEach } from "vitest";
import { seededCopy } from "./db.ts";
import { REDIS_URL, testPrefix, until } from "./redis.ts";

/** One JSON log line of the service (pino): level 30 info, 40 warn, 50 error. */
export interface LogLine {
  level: number;
  msg: string;
  [field: string]: unknown;
}

export interface Service {
  child: ChildProcess;
  dbPath: string;
  /** Every stderr line so far, raw. */
  lines: string[];
  logs(): LogLine[];
  /** Resolves with the first log line that matches, or fails with what was logged. */
  waitForLog(match: (l: LogLine) => boolean, what: string, timeoutMs?: number): Promise<LogLine>;
  /** Resolves with the exit code once the process has ended (fails after `timeoutMs`). */
  exited(timeoutMs: number): Promise<number | null>;
}

const running: ChildProcess[] = [];
afterEach(() => {
  for (const child of running.splice(0)) if (child.exitCode === null) child.kill("SIGKILL");
});

/**
 * `src/main.ts` as a child process, the way an operator runs it, with JSON logs on stderr.
 * Killed after each test if it is still running.
 */
export function startService(env: Record<string, string>): Service {
  const dbPath = env.DB_PATH ?? seededCopy();
  const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
    env: {
      PATH: process.env.PATH,
      DB_PATH: dbPath,
      REDIS_URL,
      // A Redis of the test's own dies with its keys; only the shared one needs cleaning.
      QUEUE_PREFIX: env.REDIS_URL ? "nhacviec-service-test" : testPrefix(),
      CONSOLE: "off",
      LOG_LEVEL: "info",
      // Never the default 8787: processes of parallel test files would fight over it.
      HTTP_PORT: "0",
      ...env,
    },
    stdio: ["ignore", "ignore", "pipe"],
  });
  running.push(child);
  const lines: string[] = [];
  let partial = "";
  const listeners = new Set<() => void>();
  child.stderr?.setEncoding("utf8");
  child.stderr?.on("data", (chunk: string) => {
    const parts = (partial + chunk).split("\n");
    partial = parts.pop() ?? "";
    lines.push(...parts.filter((l) => l !== ""));
    for (const l of listeners) l();
  });
  const exit = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  const logs = () =>
    lines.flatMap((l) => {
      try {
        return [JSON.parse(l) as LogLine];
      } catch {
        return [];
      }
    });
  return {
    child,
    dbPath,
    lines,
    logs,
    waitForLog(match, what, timeoutMs = 60_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = logs().find(match);
          if (!found) return;
          done();
          resolve(found);
        };
        const timer = setTimeout(() => {
          done();
          reject(new Error(`no log line "${what}" within ${timeoutMs} ms; stderr:\n${lines.join("\n")}`));
        }, timeoutMs);
        const done = () => {
          clearTimeout(timer);
          listeners.delete(check);
        };
        listeners.add(check);
        check();
      });
    },
    exited(timeoutMs) {
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`still running after ${timeoutMs} ms; stderr:\n${lines.join("\n")}`)),
          timeoutMs,
        );
      });
      return Promise.race([exit, late]).finally(() => clearTimeout(timer));
    },
  };
}

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * A Redis of the test's own on a free port, killed after the test: one it may stop or
 * misconfigure (never the shared one on 6379).
 */
export async function ownRedis(...args: string[]): Promise<{ url: string; port: number; kill(): void }> {
  const port = await freePort();
  const child = spawn("redis-server", ["--port", String(port), "--save", "", "--appendonly", "no", ...args], {
    stdio: "ignore",
  });
  running.push(child);
  const listening = () =>
    new Promise<boolean>((resolve) => {
      const s = createServer();
      s.once("error", () => resolve(true));
      s.listen(port, "127.0.0.1", () => s.close(() => resolve(false)));
    });
  await until(listening, "own redis listening");
  return { url: `redis://127.0.0.1:${port}`, port, kill: () => child.kill("SIGKILL") };
}
