import { dirname, resolve } from "node:path";
import type { Command } from "commander";
import { loadProvinceDirectory } from "../catalog/directories.ts";
import type { ImportReport } from "../catalog/import-report.ts";
import { writeReviewCsv } from "../catalog/new-agencies.ts";
import { exportPlan } from "../catalog/plan-export.ts";
import { importAnyPlanFile, planIdFor } from "../catalog/plan-import.ts";
import { operatorActor } from "../store/index.ts";
import type { CliContext } from "./context.ts";

export function registerPlanCommands(program: Command, ctx: CliContext): void {
  const plan = program.command("plan").description(ctx.t("cli-plan"));

  plan
    .command("import [file]")
    .description(ctx.t("cli-plan-import-any"))
    .option("--id <id>", ctx.t("cli-plan-import-id"))
    .option("--province <name>", ctx.t("cli-plan-import-province"))
    .option("--dry-run", ctx.t("cli-plan-import-dry-run"))
    .option("--review <file>", ctx.t("cli-plan-import-review"))
    .option("--new-agencies", ctx.t("cli-plan-import-new-agencies"))
    .option("--strict", ctx.t("cli-plan-import-strict"))
    .option("--allow-archive", ctx.t("cli-plan-import-allow-archive"))
    .action((file: string | undefined, opts: ImportFlags) => importPlan(ctx, file, opts));

  plan
    .command("show")
    .description(ctx.t("cli-plan-show"))
    .option("--plan <id>", ctx.t("cli-opt-plan"))
    .action((opts: { plan?: string }) => showPlan(ctx, opts.plan));

  plan
    .command("export")
    .description(ctx.t("cli-plan-export"))
    .option("--json", ctx.t("cli-opt-json"), true)
    .option("--plan <id>", ctx.t("cli-opt-plan"))
    .action(async (opts: { plan?: string }) => {
      ctx.out(JSON.stringify(await exportPlan(await ctx.store(), opts.plan), null, 2));
    });
}

interface ImportFlags {
  id?: string;
  province?: string;
  dryRun?: boolean;
  review?: string;
  newAgencies?: boolean;
  strict?: boolean;
  allowArchive?: boolean;
}

async function importPlan(ctx: CliContext, file: string | undefined, opts: ImportFlags): Promise<void> {
  // A province's directory replaces the shipped Gia Lai one, so do not load that first.
  if (!opts.province) await ctx.catalog();
  const store = await ctx.store();
  const path = file ?? ctx.config.PLAN_FILE;
  if (opts.province) {
    const dir = dirname(ctx.config.AGENCY_FILES[0] ?? "./data/agencies/x.csv");
    const loaded = await store.transaction(async (tx) => {
      const l = await loadProvinceDirectory(tx, dir, opts.province as string);
      const after = { province: l.province.name, agencies: l.agencies, groups: l.groups };
      await tx.audit.record({ ...operatorActor(), action: "agencies.import", targetKind: "province", after });
      return l;
    });
    ctx.out(ctx.t("cli-province-loaded", { ...loaded, province: loaded.province.name }));
  }
  const s = await importAnyPlanFile(store, path, opts.id ?? planIdFor(path), {
    strict: opts.strict,
    newAgencies: opts.newAgencies,
    dryRun: opts.dryRun,
    allowArchive: opts.allowArchive,
    audit: operatorActor(),
  });
  if (s.dryRun) {
    ctx.out(ctx.t("cli-plan-dry-run", importFigures(s)));
    printReport(ctx, s.report, true);
    if (s.report.unknown.length > 0) {
      const review = resolve(opts.review ?? `${s.planId}-co-quan-can-ra-soat.csv`);
      writeReviewCsv(review, s.report.unknown);
      ctx.out(ctx.t("cli-plan-report-review", { file: review }));
    }
    return;
  }
  const live = await store.catalog.liveAssignmentCount(s.planId);
  ctx.out(ctx.t("cli-plan-imported", { ...importFigures(s), assignments: live }));
  printReport(ctx, s.report, false);
}

type ImportSummary = Awaited<ReturnType<typeof importAnyPlanFile>>;

function importFigures(s: ImportSummary) {
  const total = (c: typeof s.tasks) => c.added + c.updated + c.unchanged;
  return {
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
  };
}

/** The plan as a tree: targets, then tasks, each under its section. */
async function showPlan(ctx: CliContext, planId: string | undefined): Promise<void> {
  const data = await exportPlan(await ctx.store(), planId);
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
}

/** The summary a coordinator checks before saying yes; after a real import, only what needs acting on. */
function printReport(ctx: CliContext, r: ImportReport, full: boolean): void {
  if (full) {
    for (const s of r.sections) {
      const annex = ctx.t(
        s.annex === "tasks" ? "cli-plan-report-annex-tasks" : "cli-plan-report-annex-targets",
      );
      ctx.out(
        ctx.t("cli-plan-report-section", { annex, numeral: s.numeral, title: s.title, count: s.items }),
      );
    }
    const kinds = Object.entries(r.deadlineKinds).map(([k, n]) => `${k} ${n}`);
    ctx.out(ctx.t("cli-plan-report-kinds", { kinds: kinds.join(", ") }));
  }
  if (r.undated.length > 0) {
    ctx.out(ctx.t("cli-plan-report-undated", { count: r.undated.length }));
    for (const u of r.undated)
      ctx.out(ctx.t("cli-plan-report-undated-line", { ...u, title: u.title.slice(0, 80) }));
  }
  if (!full && r.created.length === 0) return;
  const unknown = new Set(r.unknown.map((u) => u.name)).size;
  ctx.out(ctx.t("cli-plan-report-agencies", { matched: r.matched, unknown, created: r.created.length }));
  if (full)
    for (const u of r.unknown) ctx.out(ctx.t("cli-plan-report-unknown-line", { line: u.line, name: u.name }));
  if (full && r.top.length > 0)
    ctx.out(ctx.t("cli-plan-report-top", { list: r.top.map((a) => `${a.name} (${a.count})`).join(", ") }));
}
