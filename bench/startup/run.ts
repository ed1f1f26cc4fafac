import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { connectNow, deleteKeysWithPrefix } from "../../src/jobs/redis.ts";
import { round, type Spread, show, spread } from "../stats.ts";

/**
 * How long an operator waits: `cli --help`, `cli plan show` and `npm start` to the console's prompt,
 * each a fresh process, beside a bare `node -e 0` measured in the same run (the floor no code of ours
 * can go under). Also the same commands through npm (what the README's commands cost, npm's own start
 * included) and `cli --help` through tsx as before the build step, for the comparison.
 */
const root = fileURLToPath(new URL("../../", import.meta.url));
const launch = join(root, "scripts/launch.mjs");
const PROMPT = /\] > $/;

function runsForStartup(): number {
  const n = Number(process.env.BENCH_RUNS ?? 5);
  return Number.isInteger(n) && n >= 1 ? n : 5;
}

/**
 * CPU time (user + system, ms) of this process's finished children, from /proc/self/stat (cutime and
 * cstime, in clock ticks of 10 ms). Unlike wall time it hardly moves when neighbours load the machine.
 */
function childCpuMs(): number {
  try {
    const fields = readFileSync("/proc/self/stat", "utf8").split(") ")[1]?.split(" ") ?? [];
    return (Number(fields[13]) + Number(fields[14])) * 10;
  } catch {
    return Number.NaN; // not Linux
  }
}

interface Sample {
  wallMs: number;
  cpuMs: number;
}

function timeExit(cmd: string, args: string[], env: NodeJS.ProcessEnv): Sample {
  const cpu0 = childCpuMs();
  const t0 = performance.now();
  const r = spawnSync(cmd, args, { cwd: root, env, stdio: ["ignore", "pipe", "pipe"], encoding: "utf8" });
  const wallMs = performance.now() - t0;
  if (r.status !== 0)
    throw new Error(`${cmd} ${args.join(" ")} exited ${r.status}: ${r.stderr.slice(0, 500)}`);
  return { wallMs, cpuMs: childCpuMs() - cpu0 };
}

/**
 * Starts the service and resolves with the time until the console prints its prompt; then quits it.
 * Its CPU time is the whole run's, the stop included.
 */
function timeToPrompt(cmd: string, args: string[], env: NodeJS.ProcessEnv): Promise<Sample> {
  const cpu0 = childCpuMs();
  const t0 = performance.now();
  const child: ChildProcess = spawn(cmd, args, { cwd: root, env, stdio: ["pipe", "pipe", "pipe"] });
  let out = "";
  let err = "";
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`no prompt after 60 s: ${err.slice(0, 500)}`));
    }, 60_000);
    child.stderr?.on("data", (d) => {
      err += d;
    });
    child.stdout?.on("data", (d) => {
      out += d;
      if (!PROMPT.test(out)) return;
      const wallMs = performance.now() - t0;
      clearTimeout(timer);
      child.stdin?.end("/quit\n");
      child.once("exit", () => setImmediate(() => resolve({ wallMs, cpuMs: childCpuMs() - cpu0 })));
    });
    child.once("exit", (code) => {
      if (!PROMPT.test(out)) {
        clearTimeout(timer);
        reject(new Error(`exited ${code} before the prompt: ${err.slice(0, 500)}`));
      }
    });
  });
}

export async function benchStartup() {
  const runs = runsForStartup();
  const dir = mkdtempSync(join(tmpdir(), "nhacviec-bench-startup-"));
  const prefix = `bench-startup-${process.pid}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DB_PATH: join(dir, "bench.db"),
    QUEUE_PREFIX: prefix,
    LOG_LEVEL: "silent",
    CONSOLE: "on",
    npm_config_loglevel: "silent",
  };
  delete env.TELEGRAM_BOT_TOKEN;
  delete env.ZALO_BOT_TOKEN;
  const node = process.execPath;
  const cases: { name: string; time: () => Sample | Promise<Sample> }[] = [
    { name: "node -e 0", time: () => timeExit(node, ["-e", "0"], env) },
    { name: "cli --help", time: () => timeExit(node, [launch, "cli", "--help"], env) },
    { name: "cli plan show", time: () => timeExit(node, [launch, "cli", "plan", "show"], env) },
    { name: "start → prompt", time: () => timeToPrompt(node, [launch, "main"], env) },
    { name: "npm run cli -- --help", time: () => timeExit("npm", ["run", "-s", "cli", "--", "--help"], env) },
    { name: "npm start → prompt", time: () => timeToPrompt("npm", ["start", "-s"], env) },
    {
      name: "tsx cli --help (before)",
      time: () => timeExit(join(root, "node_modules/.bin/tsx"), ["src/cli/index.ts", "--help"], env),
    },
  ];
  try {
    // Untimed: the build (when the sources changed) and the first start's plan import.
    timeExit(node, [launch, "build"], env);
    timeExit(node, [launch, "cli", "plan", "import"], env);
    const samples = new Map<string, Sample[]>(cases.map((c) => [c.name, []]));
    // Interleaved, so a burst of load from the neighbours falls on every case alike.
    for (let i = 0; i < runs; i++) {
      for (const c of cases) samples.get(c.name)?.push(await c.time());
    }
    const results: Record<string, { wall: Spread; cpu: Spread }> = {};
    for (const c of cases) {
      const list = samples.get(c.name) ?? [];
      const r = { wall: spread(list.map((s) => s.wallMs)), cpu: spread(list.map((s) => s.cpuMs)) };
      results[c.name] = r;
      console.log(`startup: ${c.name.padEnd(24)} wall ${show(r.wall, "ms", 0)}; cpu ${show(r.cpu, "ms", 0)}`);
    }
    const bare = results["node -e 0"]?.wall.median ?? 0;
    console.log(
      `startup: over bare node: --help +${round((results["cli --help"]?.wall.median ?? 0) - bare, 0)} ms, ` +
        `prompt +${round((results["start → prompt"]?.wall.median ?? 0) - bare, 0)} ms`,
    );
    return { runs, results };
  } finally {
    rmSync(dir, { recursive: true, force: true });
    const redis = await connectNow(env.REDIS_URL ?? "redis://127.0.0.1:6379");
    await deleteKeysWithPrefix(redis, prefix).finally(() => redis.disconnect());
  }
}
