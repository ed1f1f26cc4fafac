import { TZDate } from "@date-fns/tz";
import type { Command } from "commander";
import { parseDay } from "../domain/period.ts";
import { DEFAULT_TIME_ZONE } from "../domain/working-time.ts";
import { UserError } from "../errors.ts";
import { AUDIT_COLUMNS, type AuditLine, auditLine } from "../reports/audit-lines.ts";
import type { CliContext } from "./context.ts";

interface ListOptions {
  since?: string;
  action?: string;
  limit: string;
  json?: boolean;
}

export function registerAuditCommands(program: Command, ctx: CliContext): void {
  const audit = program.command("audit").description(ctx.t("cli-audit"));
  audit
    .command("list")
    .description(ctx.t("cli-audit-list"))
    .option("--since <YYYY-MM-DD>", ctx.t("cli-audit-since"))
    .option("--action <action>", ctx.t("cli-audit-action"))
    .option("--limit <n>", ctx.t("cli-audit-limit"), "100")
    .option("--json", ctx.t("cli-opt-json"))
    .action((o: ListOptions) => listAudit(ctx, o));
}

async function listAudit(ctx: CliContext, o: ListOptions): Promise<void> {
  const limit = Number(o.limit);
  if (!Number.isInteger(limit) || limit < 1) throw new UserError("err-audit-limit", { value: o.limit });
  const store = await ctx.store();
  const rows = await store.audit.list({
    since: o.since ? dayStart(parseDay(o.since)) : undefined,
    action: o.action,
    limit,
  });
  if (o.json) return ctx.out(JSON.stringify(rows, null, 2));
  if (rows.length === 0) return ctx.out(ctx.t("audit-none"));
  const reader = {
    i18n: ctx.i18n,
    lang: ctx.lang,
    timeZone: DEFAULT_TIME_ZONE,
    agencyNames: await store.snapshot.agencyNames(),
  };
  const lines = rows.map((r) => auditLine(reader, r));
  const head = Object.fromEntries(
    AUDIT_COLUMNS.map((c) => [c, ctx.t(`audit-col-${c}`)]),
  ) as unknown as AuditLine;
  // Every column but the last padded to its widest cell: a table in a terminal, readable as text.
  const widths = AUDIT_COLUMNS.map((c) => Math.max(...[head, ...lines].map((l) => l[c].length)));
  for (const l of [head, ...lines])
    ctx.out(
      AUDIT_COLUMNS.map((c, i) => (i < AUDIT_COLUMNS.length - 1 ? l[c].padEnd(widths[i] ?? 0) : l[c]))
        .join("  ")
        .trimEnd(),
    );
}

/** Midnight of a day in Vietnam, as an instant. */
function dayStart(day: string): string {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  return new Date(new TZDate(y, m - 1, d, DEFAULT_TIME_ZONE).getTime()).toISOString();
}
