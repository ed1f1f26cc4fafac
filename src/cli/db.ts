import type { Command } from "commander";
import { UserError } from "../errors.ts";
import type { CliContext } from "./context.ts";

/** `db backup`, `db restore` and `db copy`; their modules load only when one of them runs. */
export function registerDbCommands(program: Command, ctx: CliContext): void {
  const dbPath = () => (program.opts().db as string | undefined) ?? ctx.config.DB_PATH;
  const db = program.command("db").description(ctx.t("cli-db"));

  db.command("backup")
    .description(ctx.t("cli-db-backup"))
    .requiredOption("--out <file>", ctx.t("cli-db-backup-out"))
    .action(async (o: { out: string }) => {
      const { backupDatabase, openReadOnly } = await import("../ops/backup.ts");
      let source: ReturnType<typeof openReadOnly>;
      try {
        source = openReadOnly(dbPath());
      } catch (e) {
        throw new UserError("db-open-failed", {
          file: dbPath(),
          reason: e instanceof Error ? e.message : String(e),
        });
      }
      try {
        // One step, one read transaction: a consistent copy while the bot goes on writing.
        const { file, pages } = await backupDatabase(source, o.out, { allAtOnce: true });
        ctx.out(ctx.t("db-backup-done", { file, pages }));
      } finally {
        source.close();
      }
    });

  db.command("restore")
    .description(ctx.t("cli-db-restore"))
    .argument("<file>", ctx.t("cli-db-restore-file"))
    .action(async (file: string) => {
      const { restoreDatabase } = await import("../ops/restore.ts");
      const r = restoreDatabase(file, dbPath());
      ctx.out(ctx.t("db-restore-done", { file: dbPath(), reports: r.reports, migrated: r.migrated }));
      if (r.previous) ctx.out(ctx.t("db-restore-previous", { file: r.previous }));
    });

  db.command("copy")
    .description(ctx.t("cli-db-copy"))
    .requiredOption("--to <url>", ctx.t("cli-db-copy-to"))
    .option("--json", ctx.t("cli-opt-json"))
    .action(async (o: { to: string; json?: boolean }) => {
      const { copyToPostgres } = await import("./db-copy.ts");
      await copyToPostgres(ctx, o);
    });
}
