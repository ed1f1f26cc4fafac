import type { Command } from "commander";
import { lookupAgency } from "../catalog/agency-lookup.ts";
import { parseDay } from "../domain/period.ts";
import type { CliContext } from "./context.ts";

export function registerTaskCommands(program: Command, ctx: CliContext): void {
  const tasks = program.command("tasks").description(ctx.t("cli-tasks"));
  tasks
    .command("due")
    .description(ctx.t("cli-tasks-due"))
    .requiredOption("--before <date>", ctx.t("cli-tasks-due-before"))
    .option("--agency <agency>", ctx.t("cli-tasks-due-agency"))
    .option("--plan <id>", ctx.t("cli-opt-plan"))
    .option("--json", ctx.t("cli-opt-json"))
    .action(async (opts: { before: string; agency?: string; plan?: string; json?: boolean }) => {
      const before = parseDay(opts.before);
      const store = await ctx.store();
      const agency = opts.agency ? await lookupAgency(store, opts.agency) : undefined;
      const rows = await store.catalog.tasksDueBefore({ before, agencyId: agency?.id, planId: opts.plan });
      if (opts.json) return ctx.out(JSON.stringify(rows, null, 2));
      if (rows.length === 0) return ctx.out(ctx.t("cli-tasks-due-none", { date: before }));
      for (const r of rows) {
        const flag = r.indicative ? ` (${ctx.t("cli-indicative")})` : "";
        ctx.out(`${r.due}${flag}  ${r.ref.padEnd(7)} ${r.title}`);
        ctx.out(`            ${ctx.t("cli-leads")}: ${r.leads.join("; ")}`);
      }
    });
}
