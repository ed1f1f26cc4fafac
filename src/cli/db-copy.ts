import { copySqliteToPostgres } from "../db/copy.ts";
import { openPostgres, type PgDatabase } from "../db/postgres.ts";
import { UserError } from "../errors.ts";
import type { CliContext } from "./context.ts";

/**
 * `db copy --to postgres://…`: the SQLite database (--db or DB_PATH) into an empty PostgreSQL
 * database, migrated first. The URL is never printed: it may carry a password.
 */
export async function copyToPostgres(ctx: CliContext, o: { to: string; json?: boolean }): Promise<void> {
  if (!/^postgres(ql)?:\/\/\S+$/.test(o.to)) throw new UserError("db-copy-bad-url");
  const source = ctx.database();
  let target: PgDatabase;
  try {
    target = await openPostgres(o.to);
  } catch (e) {
    throw new UserError("db-copy-connect-failed", { reason: e instanceof Error ? e.message : String(e) });
  }
  try {
    const tables = await copySqliteToPostgres(source.sqlite, target.pool);
    const total = tables.reduce((n, t) => n + t.rows, 0);
    if (o.json) {
      ctx.out(JSON.stringify({ tables, total }, null, 2));
      return;
    }
    const width = Math.max(...tables.map((t) => t.table.length));
    for (const t of tables) ctx.out(`${t.table.padEnd(width)}  ${t.rows}`);
    ctx.out(ctx.t("db-copy-done", { total, tables: tables.length }));
  } finally {
    await target.close();
  }
}
