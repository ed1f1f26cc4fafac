import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

/**
 * Bearer tokens for `GET /api/status`, made by the operator (`api token create`). Only the
 * sha256 of the token is kept: the token is 32 random bytes, so a fast hash is enough, and a
 * copy of the database does not hand out working tokens. Revoked rows stay, for the audit trail.
 */
export const apiTokens = sqliteTable(
  "api_tokens",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    name: text("name").notNull(),
    tokenHash: text("token_hash").notNull(),
    createdAt: text("created_at").notNull(),
    lastUsedAt: text("last_used_at"),
    revokedAt: text("revoked_at"),
  },
  (t) => [uniqueIndex("api_tokens_hash").on(t.tokenHash), index("api_tokens_name").on(t.name)],
);
