import { writeFileSync } from "node:fs";
import { resolve } from "node:path";
import type { Command } from "commander";
import { periodLabel } from "../domain/period.ts";
import { UserError } from "../errors.ts";
import { exportFormats, exportSynthesis, parseExportFormat } from "../reports/export.ts";
import { operatorActor } from "../store/index.ts";
import type { CliContext } from "./context.ts";

interface ExportOptions {
  month: string;
  format: string;
  out?: string;
  plan?: string;
}

export function registerReportCommands(program: Command, ctx: CliContext): void {
  const report = program.command("report").description(ctx.t("cli-report"));

  report
    .command("export")
    .description(ctx.t("cli-report-export"))
    .requiredOption("--month <YYYY-MM>", ctx.t("cli-report-month"))
    .option("--format <format>", exportFormats.join(" | "), "xlsx")
    .option("--out <file>", ctx.t("cli-report-out"))
    .option("--plan <id>", ctx.t("cli-opt-plan"))
    .action(async (o: ExportOptions) => {
      const format = parseExportFormat(o.format);
      const now = new Date();
      const { model, data } = await exportSynthesis(await ctx.core(), {
        period: o.month,
        now,
        planId: o.plan,
        format,
      });
      const file = resolve(o.out ?? `bao-cao-${model.plan.id}-${model.period}.${format}`);
      try {
        writeFileSync(file, data);
      } catch (e) {
        throw new UserError("err-export-write", { file, reason: e instanceof Error ? e.message : String(e) });
      }
      await (await ctx.store()).audit.record({
        ...operatorActor(),
        at: now,
        action: "export.create",
        targetKind: "period",
        targetId: model.period,
        after: { format, planId: model.plan.id, tasks: model.tasks.length, missing: model.missing.length },
      });
      ctx.out(
        ctx.t("cli-report-written", {
          file,
          format,
          month: periodLabel(model.period),
          tasks: model.tasks.length,
          agencies: model.agencies.length,
          missing: model.missing.length,
          bytes: data.length,
        }),
      );
    });
}
