import { basename } from "node:path";
import type { Command } from "commander";
import { importAgenciesFile } from "../catalog/agency-import.ts";
import { operatorActor } from "../store/index.ts";
import type { CliContext } from "./context.ts";

export function registerAgencyCommands(program: Command, ctx: CliContext): void {
  const agencies = program.command("agencies").description(ctx.t("cli-agencies"));

  agencies
    .command("import <file>")
    .description(ctx.t("cli-agencies-import"))
    .action(async (file: string) => {
      // The audit row commits with the directory it describes (the import's transaction is joined).
      const s = await (await ctx.store()).transaction(async (tx) => {
        const summary = await importAgenciesFile(tx, file);
        const after = { file: basename(file), ...summary };
        await tx.audit.record({ ...operatorActor(), action: "agencies.import", targetKind: "file", after });
        return summary;
      });
      ctx.out(ctx.t("cli-agencies-imported", { agencies: s.agencies, groups: s.groups, file }));
    });

  agencies
    .command("list")
    .description(ctx.t("cli-agencies-list"))
    .option("--json", ctx.t("cli-opt-json"))
    .action(async (opts: { json?: boolean }) => {
      const rows = await (await ctx.catalog()).catalog.agencyDirectory();
      if (opts.json) return ctx.out(JSON.stringify(rows, null, 2));
      const width = Math.max(...rows.map((r) => r.id.length));
      for (const r of rows)
        ctx.out(
          `${r.id.padEnd(width)}  ${r.kind.padEnd(10)}  ${r.name}${r.groups.length ? `  [${r.groups.join(", ")}]` : ""}${r.needsReview ? `  (${ctx.t("cli-agencies-review")})` : ""}`,
        );
    });
}
