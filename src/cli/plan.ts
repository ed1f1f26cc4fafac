import type { Command } from "commander";
import { and, count, eq, isNull } from "drizzle-orm";
import { exportPlan } from "../catalog/plan-export.ts";
import { importPlanFile } from "../catalog/plan-import.ts";
import { assignments, tasks } from "../db/schema.ts";
import type { CliContext } from "./context.ts";

export function registerPlanCommands(program: Command, ctx: CliContext): void {
  const plan = program.command("plan").description(ctx.t("cli-plan"));

  plan
    .command("import [file]")
    .description(ctx.t("cli-plan-import"))
    .option("--id <id>", ctx.t("cli-plan-import-id"))
    .action((file: string | undefined, opts: { id?: string }) => {
      const { db } = ctx.catalog();
      const s = importPlanFile(db, file ?? ctx.config.PLAN_FILE, opts.id);
      const live = db
        .select({ n: count() })
        .from(assignments)
        .innerJoin(tasks, eq(tasks.id, assignments.taskId))
        .where(and(eq(tasks.planId, s.planId), isNull(assignments.archivedAt)))
        .get();
      const total = (c: typeof s.tasks) => c.added + c.updated + c.unchanged;
      ctx.out(
        ctx.t("cli-plan-imported", {
          plan: s.planId,
          tasks: total(s.tasks),
          tasksAdded: s.tasks.added,
          tasksUpdated: s.tasks.updated,
          tasksUnchanged: s.tasks.unchanged,
          tasksArchived: s.tasks.archived,
          targets: total(s.targets),
          targetsAdded: s.targets.added,
          targetsUpdated: s.targets.updated,
          targetsUnchanged: s.targets.unchanged,
          targetsArchived: s.targets.archived,
          assignments: live?.n ?? 0,
        }),
      );
    });

  plan
    .command("show")
    .description(ctx.t("cli-plan-show"))
    .option("--plan <id>", ctx.t("cli-opt-plan"))
    .action((opts: { plan?: string }) => {
      const data = exportPlan(ctx.database().db, opts.plan);
      const names = new Map<string, string>([
        ...data.agencies.map((a) => [a.id, a.name] as const),
        ...data.groups.map((g) => [g.id, g.name] as const),
      ]);
      const who = (ids: string[]) =>
        ids.length ? ids.map((id) => names.get(id) ?? id).join("; ") : ctx.t("cli-none");
      ctx.out(`${data.plan.title} [${data.plan.id}]`);
      const tree = (annex: "targets" | "tasks", heading: string, lines: (section: string) => string[]) => {
        ctx.out(`\n${heading}`);
        for (const s of data.plan.sections.filter((x) => x.annex === annex)) {
          ctx.out(`├─ ${s.numeral}. ${s.title}`);
          for (const l of lines(s.numeral)) ctx.out(`│  ${l}`);
        }
      };
      tree("targets", ctx.t("cli-section-targets"), (sec) =>
        data.targets
          .filter((t) => t.section === sec)
          .map(
            (t) =>
              `├─ ${t.ref} ${t.title} [${t.unit}] 2026: ${t.target2026?.text ?? "-"}, 2030: ${t.target2030?.text ?? "-"} — ${ctx.t("cli-trackers")}: ${who(t.trackers)}`,
          ),
      );
      tree("tasks", ctx.t("cli-section-tasks"), (sec) =>
        data.tasks
          .filter((t) => t.section === sec)
          .flatMap((t) => [
            `├─ ${t.ref} ${t.title}`,
            `│    ⏱ ${t.deadline.text}${t.deadline.due ? ` → ${t.deadline.due}${t.deadline.indicative ? ` (${ctx.t("cli-indicative")})` : ""}` : ""}`,
            `│    ${ctx.t("cli-leads")}: ${who(t.leads)} · ${ctx.t("cli-partners")}: ${who(t.partners)}`,
          ]),
      );
    });

  plan
    .command("export")
    .description(ctx.t("cli-plan-export"))
    .option("--json", ctx.t("cli-opt-json"), true)
    .option("--plan <id>", ctx.t("cli-opt-plan"))
    .action((opts: { plan?: string }) => {
      ctx.out(JSON.stringify(exportPlan(ctx.database().db, opts.plan), null, 2));
    });
}
