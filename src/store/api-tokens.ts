import { and, asc, eq, isNull } from "drizzle-orm";
import type { Q } from "./context.ts";

export interface ApiTokenRow {
  id: number;
  name: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

const columns = (q: Q) => ({
  id: q.t.apiTokens.id,
  name: q.t.apiTokens.name,
  createdAt: q.t.apiTokens.createdAt,
  lastUsedAt: q.t.apiTokens.lastUsedAt,
  revokedAt: q.t.apiTokens.revokedAt,
});

/** Stores a new token by its hash; the row, without the hash. */
async function create(q: Q, token: { name: string; tokenHash: string }, now: Date): Promise<ApiTokenRow> {
  const [row] = await q.db
    .insert(q.t.apiTokens)
    .values({ ...token, createdAt: now.toISOString() })
    .returning(columns(q));
  if (!row) throw new Error("store: the token was not inserted");
  return row;
}

/** Every token, revoked ones too, oldest first. */
async function list(q: Q): Promise<ApiTokenRow[]> {
  return q.db.select(columns(q)).from(q.t.apiTokens).orderBy(asc(q.t.apiTokens.id));
}

/** The live token with that hash, marked as used at `now`; undefined when unknown or revoked. */
async function use(q: Q, tokenHash: string, now: Date): Promise<ApiTokenRow | undefined> {
  const t = q.t.apiTokens;
  const [row] = await q.db
    .update(t)
    .set({ lastUsedAt: now.toISOString() })
    .where(and(eq(t.tokenHash, tokenHash), isNull(t.revokedAt)))
    .returning(columns(q));
  return row;
}

/** Revokes the live token with that id; the row as it was, or undefined when there is none live. */
async function revoke(q: Q, id: number, now: Date): Promise<ApiTokenRow | undefined> {
  const t = q.t.apiTokens;
  const [row] = await q.db
    .update(t)
    .set({ revokedAt: now.toISOString() })
    .where(and(eq(t.id, id), isNull(t.revokedAt)))
    .returning(columns(q));
  return row;
}

export const apiTokens = { create, list, use, revoke };
