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
import { type ConsentNotice, loadConsentNotice } from "./people/consent.ts";
import { chartFileWriter } from "./reports/chart.ts";
import { exportSynthesis } from "./reports/export.ts";
import { sqliteQ } from "./store/context.ts";
import { openStore, type Store } from "./store/index.ts";
import { openStoreFor } from "./store/open.ts";

// The model learns the platforms from the channel registry here, once, before anything asks.
registerPlatforms();

/** What both the service and the CLI are built on: storage, text, calendar, rules, outbox. */
export interface Core extends EngineDeps {
  config: Config;
  capabilitiesOf: CapabilitiesOf;
  /**
   * The SQLite database when the store lives in one (its file chores: checkpoints, backups);
   * none on PostgreSQL. Nothing reads data through it: the store does.
   */
  database?: Database_;
  /** The privacy notice people agree to (CONSENT_NOTICE_FILE or the default in locales/). */
  consent: ConsentNotice;
  /** Which engine the store runs on, for logs and the operator's checks. */
  engine: "sqlite" | "postgres";
  /** Releases the storage (the SQLite file, or PostgreSQL's pool). */
  close(): Promise<void>;
}

/** A core on SQLite, with its database at hand (tests and SQLite-only chores). */
export type SqliteCore = Core & { database: Database_ };

interface Storage {
  store: Store;
  database?: Database_;
  close(): Promise<void>;
}

function assemble(config: Config, storage: Storage): Core {
  const rulesFile = loadRulesFile(config.RULES_FILE);
  const { store } = storage;
  const i18n = new I18n();
  return {
    config,
    store,
    engine: storage.database ? "sqlite" : "postgres",
    ...(storage.database ? { database: storage.database } : {}),
    close: storage.close,
    i18n,
    consent: loadConsentNotice(config.CONSENT_NOTICE_FILE, i18n),
    calendar: buildCalendar(config, rulesFor(rulesFile, "")),
    outbox: outboxOf(store, (chatId) => capabilitiesOf(chatId).textLimit),
    rulesFile,
    capabilitiesOf,
    // Charts and exports are files the bot writes for a moment: next to DB_PATH on either engine.
    drawChart: chartFileWriter(join(dirname(resolve(config.DB_PATH)), "charts")),
  };
}

/**
 * The core on an SQLite database that already holds its agency directory (tests seed theirs);
 * the service and the CLI start with startCore, which also chooses the engine.
 */
export function buildCore(config: Config, database: Database_ = openDatabase(config.DB_PATH)): SqliteCore {
  const store = openStore(sqliteQ(database.db, database.sqlite));
  const close = async () => database.close();
  return assemble(config, { store, database, close }) as SqliteCore;
}

/** The core on a store opened elsewhere (PostgreSQL in tests and benches). */
export function coreOnStore(config: Config, store: Store, close: () => Promise<void> = async () => {}): Core {
  return assemble(config, { store, close });
}

/**
 * The core on the configured engine (PostgreSQL when DATABASE_URL is set, else the SQLite file
 * at DB_PATH), with the shipped agency directory loaded if the database has none.
 */
export async function startCore(config: Config, database?: Database_): Promise<Core> {
  let core: Core;
  if (config.DATABASE_URL && !database) {
    const opened = await openStoreFor({ postgres: config.DATABASE_URL, poolSize: config.DATABASE_POOL_SIZE });
    core = coreOnStore(config, opened.store, opened.close);
  } else {
    core = buildCore(config, database);
  }
  try {
    await ensureDefaultAgencies(core.store, config.AGENCY_FILES);
  } catch (e) {
    await core.close();
    throw e;
  }
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
    consent: core.consent,
    now,
  };
}
