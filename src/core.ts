import { dirname, join, resolve } from "node:path";
import { buildCalendar } from "./calendar/working-calendar.ts";
import type { CapabilitiesOf } from "./capabilities.ts";
import { ensureDefaultAgencies } from "./catalog/agency-import.ts";
import { capabilitiesOf, registerPlatforms } from "./channels/platforms.ts";
import type { Config } from "./config.ts";
import type { ConversationDeps } from "./conversation/types.ts";
import { type Database_, openDatabase } from "./db/connection.ts";
import { type Rules, rulesFor } from "./domain/rules.ts";
import { loadRulesFile } from "./domain/rules-file.ts";
import { outboxOf } from "./engine/outbox.ts";
import type { EngineDeps } from "./engine/tick.ts";
import { I18n } from "./i18n/index.ts";
import { chartFileWriter } from "./reports/chart.ts";
import { exportSynthesis } from "./reports/export.ts";
import { sqliteQ } from "./store/context.ts";
import { openStore } from "./store/index.ts";

// The model learns the platforms from the channel registry here, once, before anything asks.
registerPlatforms();

/** What both the service and the CLI are built on: storage, text, calendar, rules, outbox. */
export interface Core extends EngineDeps {
  config: Config;
  capabilitiesOf: CapabilitiesOf;
  database: Database_;
}

/**
 * The core on a database that already holds its agency directory (tests seed theirs); the
 * service and the CLI start with startCore, which loads the shipped one into a fresh database.
 */
export function buildCore(config: Config, database: Database_ = openDatabase(config.DB_PATH)): Core {
  const rulesFile = loadRulesFile(config.RULES_FILE);
  const store = openStore(sqliteQ(database.db, database.sqlite));
  return {
    config,
    database,
    store,
    i18n: new I18n(),
    calendar: buildCalendar(config, rulesFor(rulesFile, "")),
    outbox: outboxOf(store, (chatId) => capabilitiesOf(chatId).textLimit),
    rulesFile,
    capabilitiesOf,
    drawChart: chartFileWriter(join(dirname(resolve(config.DB_PATH)), "charts")),
  };
}

/** The core, with the shipped agency directory loaded if the database has none. */
export async function startCore(config: Config, database?: Database_): Promise<Core> {
  const core = buildCore(config, database);
  await ensureDefaultAgencies(core.store, config.AGENCY_FILES);
  return core;
}

/**
 * What the conversations get from the core: storage, text, calendar, outbox, and the rules
 * resolved per plan (the same RULES_FILE the engine reads, parsed once at start).
 */
export function conversationDeps(core: Core, now: () => Date = () => new Date()): ConversationDeps {
  const rules = new Map<string, Rules>();
  return {
    store: core.store,
    i18n: core.i18n,
    calendar: core.calendar,
    outbox: core.outbox,
    rules(planId) {
      const known = rules.get(planId);
      if (known) return known;
      const resolved = rulesFor(core.rulesFile, planId);
      rules.set(planId, resolved);
      return resolved;
    },
    exportSynthesis: (opts) => exportSynthesis(core, opts),
    exportDir: join(resolve(dirname(core.config.DB_PATH)), "exports"),
    capabilitiesOf: core.capabilitiesOf,
    now,
  };
}
