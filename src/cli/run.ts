import { Command, CommanderError } from "commander";
import { ConfigError, loadConfig } from "../config.ts";
import { UserError } from "../errors.ts";
import { I18n, parseLang } from "../i18n/index.ts";
import { registerAgencyCommands } from "./agencies.ts";
import { registerApiCommands } from "./api.ts";
import { registerAuditCommands } from "./audit.ts";
import { localizeCommander } from "./commander-text.ts";
import { createContext } from "./context.ts";
import { registerDbCommands } from "./db.ts";
import { registerDoctorCommand } from "./doctor.ts";
import { registerEngineCommands } from "./engine.ts";
import { registerInviteCommands } from "./invite.ts";
import { registerPeopleCommands } from "./people.ts";
import { registerPlanCommands } from "./plan.ts";
import { registerReportCommands } from "./report.ts";
import { registerTaskCommands } from "./tasks.ts";
import { registerWebCommands } from "./web.ts";

/** Builds the operator's CLI and runs one command; importing this runs nothing (the entry is index.ts). */
export async function run(argv: string[]): Promise<number> {
  const i18n = new I18n();
  let lang = parseLang(process.env.NHACVIEC_LANG);
  try {
    const config = loadConfig();
    lang = config.NHACVIEC_LANG ?? lang;
    const program = localizeCommander(new Command("nhacviec"), (key, args) => i18n.t(lang, key, args))
      .description(i18n.t(lang, "cli-description"))
      .option("--db <path>", i18n.t(lang, "cli-opt-db"))
      .helpOption("-h, --help", i18n.t(lang, "cli-help"))
      .helpCommand(false)
      .exitOverride();
    const ctx = createContext(config, i18n, lang, program);
    registerPlanCommands(program, ctx);
    registerAgencyCommands(program, ctx);
    registerTaskCommands(program, ctx);
    registerPeopleCommands(program, ctx);
    registerEngineCommands(program, ctx);
    registerInviteCommands(program, ctx);
    registerReportCommands(program, ctx);
    registerDbCommands(program, ctx);
    registerDoctorCommand(program, ctx);
    registerWebCommands(program, ctx);
    registerAuditCommands(program, ctx);
    registerApiCommands(program, ctx);
    try {
      await program.parseAsync(argv, { from: "user" });
    } finally {
      await ctx.close();
    }
    return 0;
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode;
    const message =
      e instanceof UserError
        ? i18n.t(lang, e.key, e.args)
        : i18n.t(lang, "err-unexpected", { message: e instanceof Error ? e.message : String(e) });
    process.stderr.write(`${message}\n`);
    if (process.env.DEBUG && e instanceof Error && !(e instanceof UserError))
      process.stderr.write(`${e.stack}\n`);
    return e instanceof UserError || e instanceof ConfigError ? 1 : 2;
  }
}
