import { defineConfig } from "drizzle-kit";

/** SQLite, the default store; drizzle.pg.config.ts generates the same schema for PostgreSQL. */
export default defineConfig({
  dialect: "sqlite",
  schema: "./src/db/schema/*.ts",
  out: "./migrations/sqlite",
});
