import type { Command } from "commander";
import { UserError } from "../errors.ts";
import type { CliContext } from "./context.ts";

const ICONS = { ok: "✅", problem: "❌", skipped: "➖" } as const;

/** `doctor`: checks what the bot depends on and explains each finding; exit 1 lists the problems. */
export function registerDoctorCommand(program: Command, ctx: CliContext): void {
  program
    .command("doctor")
    .description(ctx.t("cli-doctor"))
    .action(async () => {
      const { runDoctor } = await import("../ops/doctor.ts");
      const { problems } = await import("../ops/check.ts");
      const file = program.opts().db as string | undefined;
      // --db names an SQLite file to look at, whatever DATABASE_URL says.
      const config = file ? { ...ctx.config, DATABASE_URL: undefined } : ctx.config;
      const checks = await runDoctor(config, file ?? ctx.config.DB_PATH);
      for (const c of checks) ctx.out(`${ICONS[c.status]} ${ctx.t(c.key, c.args)}`);
      const found = problems(checks);
      if (found.length === 0) return ctx.out(`\n${ctx.t("doctor-all-well")}`);
      ctx.out(`\n${ctx.t("doctor-problems", { count: found.length })}`);
      for (const [i, c] of found.entries()) ctx.out(`${i + 1}. ${ctx.t(c.key, c.args)}`);
      throw new UserError("doctor-failed", { count: found.length });
    });
}
