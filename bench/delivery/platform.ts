import { fork } from "node:child_process";
import { fileURLToPath } from "node:url";
import { TelegramEmulator } from "../../tests/emulators/telegram-api.ts";

/** What the benchmark reads back from the fake Bot API once the run is over. */
export interface PlatformReport {
  sends: number;
  violations: number;
  rejected429: number;
  sendTimes: number[];
  chatIds: number[];
  /** CPU seconds the fake platform's own process used since it started (NaN when inline). */
  cpuSeconds: number;
}

export interface Platform {
  apiRoot: string;
  token: string;
  report(): Promise<PlatformReport>;
  close(): Promise<void>;
}

function reportOf(emulator: TelegramEmulator, ownProcess: boolean): PlatformReport {
  const { sends, violations, rejected429 } = emulator.stats();
  const cpu = process.cpuUsage();
  return {
    sends,
    violations,
    rejected429,
    sendTimes: emulator.sendTimes(),
    chatIds: emulator.messages().map((m) => m.chatId),
    cpuSeconds: ownProcess ? (cpu.user + cpu.system) / 1e6 : Number.NaN,
  };
}

/**
 * The real Bot API does not run on the bot's event loop, so by default the emulator gets a
 * process of its own; BENCH_PLATFORM=inline shares one loop, to see what that costs.
 */
export async function startPlatform(limit: number, replyDelayMs = 0): Promise<Platform> {
  if (process.env.BENCH_PLATFORM === "inline") {
    const emulator = await TelegramEmulator.start({
      globalLimitPerSecond: limit,
      enforceLimits: false,
      replyDelayMs,
    });
    return {
      apiRoot: emulator.apiRoot,
      token: emulator.token,
      report: async () => reportOf(emulator, false),
      close: () => emulator.close(),
    };
  }
  const child = fork(fileURLToPath(import.meta.url), ["serve", String(limit), String(replyDelayMs)], {
    execArgv: ["--import", "tsx"],
    stdio: "inherit",
  });
  const next = <T>(): Promise<T> =>
    new Promise((resolve, reject) => {
      child.once("message", (m) => resolve(m as T));
      child.once("exit", (code) => reject(new Error(`fake Bot API exited with code ${code}`)));
    });
  const ready = await next<{ apiRoot: string; token: string }>();
  return {
    ...ready,
    report: () => {
      const answer = next<PlatformReport>();
      child.send("report");
      return answer;
    },
    close: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.send("close");
      await exited;
    },
  };
}

// The child side: serve until told to close, answering "report" with what it saw.
if (process.argv[2] === "serve" && process.send) {
  const emulator = await TelegramEmulator.start({
    globalLimitPerSecond: Number(process.argv[3]),
    enforceLimits: false,
    replyDelayMs: Number(process.argv[4] ?? 0),
  });
  process.on("message", async (m) => {
    if (m === "report") process.send?.(reportOf(emulator, true));
    if (m === "close") {
      await emulator.close();
      process.disconnect();
    }
  });
  process.send({ apiRoot: emulator.apiRoot, token: emulator.token });
}
