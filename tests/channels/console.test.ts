import { PassThrough, Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { ConsoleChannel, runConsole } from "../../src/channels/console/console.ts";
import { ConversationRouter } from "../../src/conversation/router.ts";
import { runTick } from "../../src/engine/tick.ts";
import { createLogger } from "../../src/logger.ts";
import { engineFixture } from "../helpers/engine.ts";

/** Runs the console demo over the given lines and returns everything it printed. */
async function session(lines: string[]): Promise<string> {
  const { core } = engineFixture();
  const output = new PassThrough();
  let printed = "";
  output.on("data", (chunk) => {
    printed += String(chunk);
  });
  await runConsole({
    input: Readable.from(lines.map((l) => `${l}\n`)),
    output,
    core,
    router: new ConversationRouter({ ...core, now: () => new Date() }, createLogger("silent")),
    channel: new ConsoleChannel(output, core, () => {}),
    tick: async (at) => runTick(core, at),
  });
  return printed;
}

describe("the console demo's /tick", () => {
  it("says when messages will go out when the instant is outside working time", async () => {
    const printed = await session(["/tick 2026-12-05T08:00:00+07:00"]);
    expect(printed).toContain("0 tin nhắn mới");
    expect(printed).toContain("sẽ được soạn và gửi từ 07:30 07/12/2026");
  });

  it("says nothing more during working time", async () => {
    const printed = await session(["/tick 2026-12-07T09:00:00+07:00"]);
    expect(printed).toMatch(/: \d+ tin nhắn mới\./);
    expect(printed).not.toContain("ngoài giờ làm việc");
  });
});
