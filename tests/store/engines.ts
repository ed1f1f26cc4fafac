import { type Q, sqliteQ } from "../../src/store/context.ts";
import { openStore, type Store } from "../../src/store/index.ts";
import { seededDatabase, tempDatabase } from "../helpers/db.ts";

/** A store on an engine, with the SQLite handle when there is one (to compare with the old code). */
export interface Opened {
  store: Store;
  /** For fixtures written with the query builder (awaited, so they run on every engine). */
  q: Q;
  sqlite?: import("better-sqlite3").Database;
  planId?: string;
}

export interface Engine {
  name: string;
  /** An empty database with the migrations applied. */
  open(): Opened;
  /** The shipped agencies and plan. */
  seeded(): Opened & { planId: string };
}

/** The engines every store test runs on; PostgreSQL joins with one more entry. */
export function engines(): Engine[] {
  return [
    {
      name: "sqlite",
      open: () => {
        const d = tempDatabase();
        const q = sqliteQ(d.db, d.sqlite);
        return { store: openStore(q), q, sqlite: d.sqlite };
      },
      seeded: () => {
        const d = seededDatabase();
        const q = sqliteQ(d.db, d.sqlite);
        return { store: openStore(q), q, sqlite: d.sqlite, planId: d.planId };
      },
    },
  ];
}
