import type { Command } from "commander";
import { ensureDefaultAgencies } from "../catalog/agency-import.ts";
import type { Config } from "../config.ts";
import { buildCore, type Core } from "../core.ts";
import { type Database_, openDatabase } from "../db/connection.ts";
import type { Args, I18n, Lang } from "../i18n/index.ts";
import { sqliteQ } from "../store/context.ts";
import { openStore, type Store } from "../store/index.ts";

/** What every CLI command needs; the database opens on first use so that --help needs none. */
export interface CliContext {
  config: Config;
  i18n: I18n;
  lang: Lang;
  t(key: string, args?: Args): string;
  out(line: string): void;
  database(): Database_;
  /** The store over that database (the core's, once the core is built). */
  store(): Store;
  /** The database with the shipped agency directory loaded if it had none. */
  catalog(): Promise<Database_>;
  /** The engine's dependencies over the same database, the directory loaded. */
  core(): Promise<Core>;
}

export function createContext(config: Config, i18n: I18n, lang: Lang, program: Command): CliContext {
  let opened: Database_ | undefined;
  let core: Core | undefined;
  let store: Store | undefined;
  const ctx: CliContext = {
    config,
    i18n,
    lang,
    t: (key, args) => i18n.t(lang, key, args),
    out: (line) => process.stdout.write(`${line}\n`),
    database() {
      const path = (program.opts().db as string | undefined) ?? config.DB_PATH;
      opened ??= openDatabase(path);
      return opened;
    },
    store() {
      // One store per connection: its gate is what keeps a transaction's statements together.
      if (core) return core.store;
      const { db, sqlite } = ctx.database();
      store ??= openStore(sqliteQ(db, sqlite));
      return store;
    },
    async catalog() {
      if (await ensureDefaultAgencies(ctx.store(), config.AGENCY_FILES))
        process.stderr.write(`${ctx.t("cli-defaults-loaded")}\n`);
      return ctx.database();
    },
    async core() {
      const database = await ctx.catalog();
      core ??= buildCore(config, database);
      return core;
    },
  };
  process.on("exit", () => opened?.close());
  return ctx;
}
