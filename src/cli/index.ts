/** `npm run cli`: the entry only; tests and other code import run.ts, which runs nothing by itself. */
import { run } from "./run.ts";

process.exitCode = await run(process.argv.slice(2));
