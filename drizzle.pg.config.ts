import { defineConfig } from "drizzle-kit";

/** PostgreSQL: the schema of src/db/schema-pg, kept in step with the SQLite one (tests/db/schema-parity.test.ts). */
export default defineConfig({
  dialect: "postgresql",
  schema: "./src/db/schema-pg/*.ts",
  out: "./migrations/postgres",
});
