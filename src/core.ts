import { dirname, join, resolve } from "node:path";
import { buildCalendar } from "./calendar/working-calendar.ts";
import { ensureDefaultAgencies } from "./catalog/agency-import.ts";
import type { Config } from "./config.ts";
import { type Database_, openDatabase } from "./db/connection.ts";
import { rulesFor } from "./domain/rules.ts";
import { loadRulesFile } from "./domain/rules-file.ts";
import { Outbox } from "./engine/outbox.ts";
import type { EngineDeps } from "./engine/tick.ts";
import { I18n } from "./i18n/index.ts";
import { chartFileWriter } from "./reports/chart.ts";

// Where they lived before the layers were drawn; tests and older branches import them from here.
export { buildCalendar, loadRulesFile };

/** What both the service and the CLI are built on: storage, text, calendar, rules, outbox. */
export interface Core extends EngineDeps {
  config: Config;
  database: Database_;
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
    outbox: new Outbox(database.sqlite),
    rulesFile,
    drawChart: chartFileWriter(join(dirname(resolve(config.DB_PATH)), "charts")),
  };
}
