import { PassThrough, Readable } from "node:stream";
import { ConsoleChannel, runConsole } from "../../src/channels/console/console.ts";
import { ConversationRouter } from "../../src/conversation/router.ts";
import { type Core, conversationDeps } from "../../src/core.ts";
import { runTick } from "../../src/engine/tick.ts";
import { createLogger } from "../../src/logger.ts";
import { engineFixture } from "./engine.ts";

/**
 * The console demo over a fixture (or a fresh one): `type` runs lines as a person types them
 * and returns everything printed; the router's clock is `now` when given.
 */
export async function consoleSession(
  opts: { now?: string; fixture?: Awaited<ReturnType<typeof engineFixture>> } = {},
) {
  const fixture = opts.fixture ?? (await engineFixture());
  const { core } = fixture;
  const type = async (...lines: string[]): Promise<string> => {
    const output = new PassThrough();
    let printed = "";
    output.on("data", (chunk) => {
      printed += String(chunk);
    });
    await runConsole({
      input: Readable.from(lines.map((l) => `${l}\n`)),
      output,
      core,
      router: new ConversationRouter(
        conversationDeps(core, () => (opts.now ? new Date(opts.now) : new Date())),
        createLogger("silent"),
      ),
      channel: new ConsoleChannel(output, core, async () => {}),
      tick: async (at) => runTick(core as Core, at),
    });
    return printed;
  };
  return { ...fixture, type };
}
