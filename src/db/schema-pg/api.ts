import { index, integer, pgTable, text, uniqueIndex } from "drizzle-orm/pg-core";

/** The API's bearer tokens for PostgreSQL; see src/db/schema/api.ts. */
export const apiTokens = pgTable(
  "api_tokens",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    name: text("name").notNull(),
    tokenHash: text("token_hash").notNull(),
    createdAt: text("created_at").notNull(),
    lastUsedAt: text("last_used_at"),
    revokedAt: text("revoked_at"),
  },
  (t) => [uniqueIndex("api_tokens_hash").on(t.tokenHash), index("api_tokens_name").on(t.name)],
);
