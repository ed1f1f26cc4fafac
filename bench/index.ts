import { benchDelivery } from "./delivery/run.ts";
import { benchReports } from "./reports/run.ts";
import { benchStartup } from "./startup/run.ts";
import { machine, saveResults } from "./stats.ts";
import { benchTick } from "./tick/run.ts";
import { benchWeb } from "./web/run.ts";

/** `npm run bench` runs all; `npm run bench -- tick`, `-- delivery`, `-- reports`, `-- startup` or `-- web` runs one. */
const which = process.argv[2];
const known = ["tick", "delivery", "reports", "startup", "web"];
if (which !== undefined && !known.includes(which)) {
  console.error(`unknown benchmark "${which}": use ${known.join(", ")}, or nothing for all`);
  process.exit(2);
}
const m = machine();
console.log(
  `machine: ${m.nproc} CPUs (${m.cpu}), ${m.memoryGB} GB, Node ${m.node}, ${m.platform}, load ${m.loadAverage.join(" ")}`,
);
if (which === undefined || which === "tick")
  console.log(`results: ${saveResults("tick", await benchTick())}`);
if (which === undefined || which === "delivery")
  console.log(`results: ${saveResults("delivery", await benchDelivery())}`);
if (which === undefined || which === "reports")
  console.log(`results: ${saveResults("reports", await benchReports())}`);
if (which === undefined || which === "startup")
  console.log(`results: ${saveResults("startup", await benchStartup())}`);
if (which === undefined || which === "web") console.log(`results: ${saveResults("web", await benchWeb())}`);
