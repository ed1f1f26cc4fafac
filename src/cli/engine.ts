import type { Command } from "commander";
import { prefixes } from "../channels/platforms.ts";
import { type OutboxState, outboxStates } from "../db/schema.ts";
import { parseInstant } from "../domain/period.ts";
import { runTick } from "../engine/tick.ts";
import { UserError } from "../errors.ts";
import type { DeliveryJob } from "../jobs/delivery.ts";
import type { CliContext } from "./context.ts";

export function registerEngineCommands(program: Command, ctx: CliContext): void {
  program
    .command("tick")
    .description(ctx.t("cli-tick"))
    .option("--at <instant>", ctx.t("cli-tick-at"))
    .action(async (o: { at?: string }) => {
      const at = o.at ? parseInstant(o.at) : new Date();
      const core = await ctx.core();
      const result = await runTick(core, at);
      const rows = await core.outbox.list({ ids: result.ids });
      for (const r of rows)
        ctx.out(`#${r.id}  ${r.kind.padEnd(20)} ${r.chatId.padEnd(18)} ${r.sendAfter}  ${r.dedupeKey}`);
      ctx.out(
        ctx.t("cli-tick-done", { count: rows.length, from: result.from.toISOString(), at: at.toISOString() }),
      );
      // BullMQ and ioredis load only for this command, not for every CLI start.
      const { connectNow, redactUrl } = await import("../jobs/redis.ts");
      const { DELIVERY_QUEUE, dispatch } = await import("../jobs/delivery.ts");
      const { Queue } = await import("bullmq");
      let redis: Awaited<ReturnType<typeof connectNow>> | undefined;
      try {
        redis = await connectNow(core.config.REDIS_URL);
        const queue = new Queue<DeliveryJob>(DELIVERY_QUEUE, {
          connection: redis,
          prefix: core.config.QUEUE_PREFIX,
        });
        const dispatched = await dispatch(queue, core.outbox, at, prefixes());
        await dispatched.done;
        await queue.close();
        ctx.out(ctx.t("cli-tick-dispatched", { count: dispatched.count }));
      } catch {
        process.stderr.write(`${ctx.t("cli-redis-down", { url: redactUrl(core.config.REDIS_URL) })}\n`);
      } finally {
        redis?.disconnect();
      }
    });

  const outbox = program.command("outbox").description(ctx.t("cli-outbox"));
  outbox
    .command("list")
    .description(ctx.t("cli-outbox-list"))
    .option("--state <state>", outboxStates.join(" | "))
    .option("--since <instant>", ctx.t("cli-outbox-since"))
    .option("--json", ctx.t("cli-opt-json"))
    .action(async (o: { state?: string; since?: string; json?: boolean }) => {
      if (o.state && !(outboxStates as readonly string[]).includes(o.state)) {
        throw new UserError("err-state", { value: o.state, states: outboxStates.join(", ") });
      }
      const since = o.since
        ? parseInstant(o.since.length === 10 ? `${o.since}T00:00:00+07:00` : o.since)
        : undefined;
      const rows = await (await ctx.core()).outbox.list({
        state: o.state as OutboxState | undefined,
        since: since?.toISOString(),
      });
      if (o.json) {
        const out = rows.map((r) => ({
          id: r.id,
          dedupeKey: r.dedupeKey,
          chat: r.chatId,
          agency: r.agencyId,
          kind: r.kind,
          state: r.state,
          sendAfter: r.sendAfter,
          sentAt: r.sentAt,
          text: r.text,
          attempts: r.attempts,
          lastError: r.lastError,
        }));
        return ctx.out(JSON.stringify(out, null, 2));
      }
      if (rows.length === 0) return ctx.out(ctx.t("cli-none"));
      for (const r of rows) {
        const why = r.lastError ? `  (${r.lastError})` : "";
        ctx.out(
          `#${r.id}  ${r.state.padEnd(11)} ${r.kind.padEnd(20)} ${r.chatId.padEnd(18)} ${r.sentAt ?? r.sendAfter}${why}`,
        );
        ctx.out(`      ${r.text.split("\n")[0]}`);
      }
    });
}
