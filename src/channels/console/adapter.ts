import type { Readable, Writable } from "node:stream";
import type { Adapter, AdapterContext } from "../adapter.ts";
import { ConsoleChannel, ensureDemoPeople, runConsole } from "./console.ts";
import { consolePlatform } from "./platform.ts";

/** The console: lines from stdin are a person typing; what the bot sends to "console:…" prints. */
export function createConsoleAdapter(ctx: AdapterContext): Adapter {
  const output = (ctx.io.output ?? process.stdout) as Writable;
  const channel = new ConsoleChannel(output, ctx.deps, ctx.rememberMenu);
  const ended = { resolve: () => {}, reject: (_: unknown) => {} };
  const done = new Promise<void>((resolve, reject) => Object.assign(ended, { resolve, reject }));
  return {
    platform: consolePlatform,
    capabilities: consolePlatform.capabilities,
    prefix: consolePlatform.prefix,
    textLimit: channel.textLimit,
    pacing: channel.pacing,
    done,
    send: (chatId, message) => channel.send(chatId, message),
    isGroup: () => false,
    async start() {
      await ensureDemoPeople(ctx.deps);
      await printWebLink(ctx, output);
      const input = (ctx.io.input ?? process.stdin) as Readable;
      runConsole({ input, output, core: ctx.deps, router: ctx.router, channel, tick: ctx.tick }).then(
        ended.resolve,
        ended.reject,
      );
    },
    // The console ends when its input does; nothing to stop.
    stop: async () => {},
  };
}

/** The demo's way into the web console: a sign-in link for its coordinator, printed at start. */
async function printWebLink(ctx: AdapterContext, output: Writable): Promise<void> {
  const { webLink, store, i18n } = ctx.deps;
  const coordinator = (await store.people.actor("console:cong-an-tinh-coordinator"))?.contacts[0];
  if (!webLink || !coordinator) return;
  try {
    output.write(`${i18n.t("vi", "demo-web-link", { url: (await webLink(coordinator.id)).url })}\n`);
  } catch (e) {
    ctx.log.warn({ err: e instanceof Error ? e.message : String(e) }, "no web console link for the demo");
  }
}
