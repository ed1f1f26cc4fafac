import type { Command } from "commander";
import { ensureDefaultAgencies } from "../catalog/agency-import.ts";
import type { Config } from "../config.ts";
import { buildCore, type Core, coreOnStore } from "../core.ts";
import { type Database_, openDatabase } from "../db/connection.ts";
import type { Args, I18n, Lang } from "../i18n/index.ts";
import type { Store } from "../store/index.ts";
import { openStoreFor } from "../store/open.ts";

/** What every CLI command needs; the database opens on first use so that --help needs none. */
export interface CliContext {
  config: Config;
  i18n: I18n;
  lang: Lang;
  t(key: string, args?: Args): string;
  out(line: string): void;
  /** The SQLite file (--db or DB_PATH) itself: for the commands about the file (backup, restore, copy). */
  database(): Database_;
  /** The store on the configured engine: PostgreSQL when DATABASE_URL is set and --db is not given. */
  store(): Promise<Store>;
  /** The store with the shipped agency directory loaded if it had none. */
  catalog(): Promise<Store>;
  /** The engine's dependencies over the same store, the directory loaded. */
  core(): Promise<Core>;
  /** Releases what the command opened (PostgreSQL's pool would keep the process alive). */
  close(): Promise<void>;
}

export function createContext(config: Config, i18n: I18n, lang: Lang, program: Command): CliContext {
  let opened: Database_ | undefined;
  let core: Promise<Core> | undefined;
  const dbOption = () => program.opts().db as string | undefined;
  // --db names an SQLite file: it wins over DATABASE_URL, so a file can still be inspected.
  const onPostgres = () => config.DATABASE_URL !== undefined && dbOption() === undefined;
  const open = async (): Promise<Core> => {
    if (!onPostgres()) return buildCore(config, ctx.database());
    const { store, close } = await openStoreFor({
      postgres: config.DATABASE_URL as string,
      poolSize: 2,
    });
    return coreOnStore(config, store, close);
  };
  const ctx: CliContext = {
    config,
    i18n,
    lang,
    t: (key, args) => i18n.t(lang, key, args),
    out: (line) => process.stdout.write(`${line}\n`),
    database() {
      opened ??= openDatabase(dbOption() ?? config.DB_PATH);
      return opened;
    },
    async store() {
      // One store per connection: its gate is what keeps a transaction's statements together.
      core ??= open();
      return (await core).store;
    },
    async catalog() {
      const store = await ctx.store();
      if (await ensureDefaultAgencies(store, config.AGENCY_FILES))
        process.stderr.write(`${ctx.t("cli-defaults-loaded")}\n`);
      return store;
    },
    async core() {
      await ctx.catalog();
      return (await core) as Core;
    },
    async close() {
      const c = core;
      core = undefined;
      if (c) await (await c.catch(() => undefined))?.close();
      opened?.close();
      opened = undefined;
    },
  };
  process.on("exit", () => opened?.close());
  return ctx;
}
