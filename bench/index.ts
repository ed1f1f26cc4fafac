import { benchDelivery } from "./delivery/run.ts";
import { machine, saveResults } from "./stats.ts";
import { benchTick } from "./tick/run.ts";

/** `npm run bench` runs both; `npm run bench -- tick` or `-- delivery` runs one. */
const which = process.argv[2];
if (which !== undefined && which !== "tick" && which !== "delivery") {
  console.error(`unknown benchmark "${which}": use tick, delivery, or nothing for both`);
  process.exit(2);
}
const m = machine();
console.log(
  `machine: ${m.nproc} CPUs (${m.cpu}), ${m.memoryGB} GB, Node ${m.node}, ${m.platform}, load ${m.loadAverage.join(" ")}`,
);
if (which !== "delivery") console.log(`results: ${saveResults("tick", await benchTick())}`);
if (which !== "tick") console.log(`results: ${saveResults("delivery", await benchDelivery())}`);
