import { drizzle } from "drizzle-orm/better-sqlite3";
import type { Database_ } from "../db/connection.ts";
import { openPostgres } from "../db/postgres.ts";
import * as schema from "../db/schema.ts";
import type { SqliteConnection } from "../db/sqlite-files.ts";
import { postgresQ, sqliteQ } from "./context.ts";
import { openStore, type Store } from "./index.ts";

/**
 * Where the store lives: the SQLite database the process has open, or a PostgreSQL server.
 * `schema` puts PostgreSQL's tables in a schema of their own (tests); a URL's
 * `options=-c search_path=…` does the same for an operator.
 */
export type StoreTarget = { sqlite: Database_ } | { postgres: string; schema?: string; poolSize?: number };

export interface OpenedStore {
  store: Store;
  /**
   * Releases what opening took: PostgreSQL's pool. An SQLite database stays open, since its
   * opener closes it (the checkpointer and the CLI still hold it).
   */
  close(): Promise<void>;
}

const POSTGRES_URL = /^postgres(ql)?:\/\//;

/**
 * The one place the composition root gets its store: the engine is chosen here, and nothing
 * past the returned store knows which one it is. PostgreSQL's migrations run on opening.
 */
export async function openStoreFor(target: StoreTarget): Promise<OpenedStore> {
  if ("sqlite" in target) {
    const { db, sqlite } = target.sqlite;
    return { store: openStore(sqliteQ(db, sqlite)), close: async () => {} };
  }
  // Not a URL to echo: it may carry a password.
  if (!POSTGRES_URL.test(target.postgres))
    throw new Error("store: a PostgreSQL target needs a postgres:// URL");
  const pg = await openPostgres(target.postgres, {
    ...(target.schema ? { schema: target.schema } : {}),
    ...(target.poolSize ? { poolSize: target.poolSize } : {}),
  });
  let closed: Promise<void> | undefined;
  return {
    store: openStore(postgresQ(pg.db)),
    // Twice is harmless: a pool ended twice would reject the second time.
    close: () => {
      closed ??= pg.close();
      return closed;
    },
  };
}

/**
 * The store over a bare SQLite connection, such as the read-only one `doctor` opens (it must not
 * migrate, so openDatabase will not do); its opener closes it.
 */
export function storeOnConnection(sqlite: SqliteConnection): Store {
  return openStore(sqliteQ(drizzle(sqlite, { schema }), sqlite));
}
