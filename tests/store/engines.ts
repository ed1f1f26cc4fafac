import { eq } from "drizzle-orm";
import { afterAll } from "vitest";
import { type Db, openDatabase } from "../../src/db/connection.ts";
import { copySqliteToPostgres } from "../../src/db/copy.ts";
import { postgresQ, type Q, raw, sqliteQ } from "../../src/store/context.ts";
import { openStore, type Store } from "../../src/store/index.ts";
import { seededCopy, tempDatabase } from "../helpers/db.ts";
import { tempPostgres } from "../helpers/pg.ts";

/** A store on an engine, with the SQLite handle when there is one (to compare with the old code). */
export interface Opened {
  store: Store;
  /** For fixtures written with the query builder (awaited, so they run on every engine). */
  q: Q;
  sqlite?: import("better-sqlite3").Database;
  planId?: string;
}

/** A seeded store and the SQLite database it started from, for reads of the old code on the same rows. */
export interface Seeded extends Opened {
  planId: string;
  /** The store's own database on SQLite; on PostgreSQL the file it was copied from, untouched since. */
  source: Db;
}

export interface Engine {
  name: string;
  /** An empty database with the migrations applied. */
  open(): Promise<Opened>;
  /** The shipped agencies and plan. */
  seeded(): Promise<Seeded>;
}

const opened: { close(): void }[] = [];
afterAll(() => {
  for (const d of opened.splice(0)) d.close();
});

/** The seeded SQLite file of this test file, opened: the source both engines' seeded stores start from. */
function seededSqlite() {
  // A copy of a file seeded once per test file: importing the plan each time costs a second.
  const d = openDatabase(seededCopy());
  opened.push(d);
  const plan = d.sqlite.prepare("select id from plans").get() as { id: string };
  return { d, planId: plan.id };
}

/** The engines every store test runs on: the same assertions hold on SQLite and on PostgreSQL. */
export function engines(): Engine[] {
  return [
    {
      name: "sqlite",
      open: async () => {
        const d = tempDatabase();
        const q = sqliteQ(d.db, d.sqlite);
        return { store: openStore(q), q, sqlite: d.sqlite };
      },
      seeded: async () => {
        const { d, planId } = seededSqlite();
        const q = sqliteQ(d.db, d.sqlite);
        return { store: openStore(q), q, sqlite: d.sqlite, planId, source: d.db };
      },
    },
    {
      name: "postgres",
      open: async () => {
        const q = postgresQ((await tempPostgres()).db);
        return { store: openStore(q), q };
      },
      seeded: async () => {
        // The same seeded rows, ids and all, copied the way an operator moves to PostgreSQL.
        const { d, planId } = seededSqlite();
        const pg = await tempPostgres();
        await copySqliteToPostgres(d.sqlite, pg.pool);
        const q = postgresQ(pg.db);
        return { store: openStore(q), q, planId, source: d.db };
      },
    },
  ];
}

/**
 * Orders a text column by the en-US locale on PostgreSQL, as a database created with that locale
 * does (the tests' database orders by code point, like SQLite): store reads must not follow it.
 */
export async function localeOrdered(o: Opened, table: string, column: string): Promise<void> {
  if (o.q.dialect !== "postgres") return;
  await raw(`alter table ${table} alter column ${column} type text collate "en-US-x-icu"`)(o.q).run();
}

/** A contact reachable on `chat`, written with the query builder so every engine takes it. */
export async function person(
  q: Q,
  p: {
    agency: string;
    role: "focal" | "head" | "coordinator" | "admin";
    chat: string;
    name?: string;
    removed?: boolean;
  },
): Promise<number> {
  const at = "2026-11-01T00:00:00.000Z";
  await q.db.insert(q.t.chats).values({ id: p.chat, createdAt: at }).onConflictDoNothing();
  const [row] = await q.db
    .insert(q.t.contacts)
    .values({
      agencyId: p.agency,
      role: p.role,
      name: p.name ?? null,
      createdAt: at,
      removedAt: p.removed ? at : null,
    })
    .returning({ id: q.t.contacts.id });
  const id = row?.id as number;
  await q.db.insert(q.t.contactChats).values({ contactId: id, chatId: p.chat });
  return id;
}

/** A report on an assignment, its task and agency looked up. */
export async function report(
  q: Q,
  assignmentId: number,
  r: { period: string; status: string; at?: string; superseded?: boolean },
): Promise<void> {
  const [a] = await q.db.select().from(q.t.assignments).where(eq(q.t.assignments.id, assignmentId));
  if (!a) throw new Error(`no assignment ${assignmentId}`);
  const at = r.at ?? `${r.period}-28T03:00:00.000Z`;
  await q.db.insert(q.t.reports).values({
    assignmentId,
    taskId: a.taskId,
    agencyId: a.agencyId,
    period: r.period,
    status: r.status as never,
    submittedAt: at,
    supersededAt: r.superseded ? at : null,
  });
}

/** Marks a chat unreachable as the platform would. */
export async function unreachable(q: Q, chatId: string): Promise<void> {
  await q.db
    .update(q.t.chats)
    .set({ unreachableAt: "2026-11-02T00:00:00.000Z" })
    .where(eq(q.t.chats.id, chatId));
}
