import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { loadDayEntries } from "./calendar/holidays.ts";
import { ensureDefaultAgencies } from "./catalog/agency-import.ts";
import type { CapabilitiesOf } from "./channels/capabilities.ts";
import { capabilitiesOf } from "./channels/platforms.ts";
import type { Config } from "./config.ts";
import { type Database_, openDatabase } from "./db/connection.ts";
import { rulesFileSchema, rulesFor } from "./domain/rules.ts";
import { createWorkingCalendar, type WorkingCalendar } from "./domain/working-time.ts";
import { Outbox } from "./engine/outbox.ts";
import type { EngineDeps } from "./engine/tick.ts";
import { UserError } from "./errors.ts";
import { I18n } from "./i18n/index.ts";

/** What both the service and the CLI are built on: storage, text, calendar, rules, outbox. */
export interface Core extends EngineDeps {
  config: Config;
  capabilitiesOf: CapabilitiesOf;
  database: Database_;
}

export function loadRulesFile(path: string | undefined) {
  if (!path) return undefined;
  try {
    return rulesFileSchema.parse(JSON.parse(readFileSync(path, "utf8")));
  } catch (e) {
    throw new UserError("err-rules-file", {
      file: path,
      reason: e instanceof Error ? (e.message.split("\n")[0] ?? "") : "",
    });
  }
}

export function buildCalendar(config: Config, rules = rulesFor(undefined, "")): WorkingCalendar {
  const year = new Date().getUTCFullYear();
  const years = [year - 1, year, year + 1, year + 2, 2026, 2027].filter((y, i, a) => a.indexOf(y) === i);
  const entries = loadDayEntries({ years, overridesFile: config.HOLIDAYS_FILE });
  return createWorkingCalendar(entries, { start: rules.workHours.start, end: rules.workHours.end });
}

export function buildCore(config: Config, database: Database_ = openDatabase(config.DB_PATH)): Core {
  ensureDefaultAgencies(database.db, config.AGENCY_FILES);
  const rulesFile = loadRulesFile(config.RULES_FILE);
  return {
    config,
    database,
    sqlite: database.sqlite,
    i18n: new I18n(),
    calendar: buildCalendar(config, rulesFor(rulesFile, "")),
    outbox: new Outbox(database.sqlite, (chatId) => capabilitiesOf(chatId).textLimit),
    rulesFile,
    capabilitiesOf,
    chartDir: join(dirname(resolve(config.DB_PATH)), "charts"),
  };
}
