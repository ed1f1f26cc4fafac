import { ensureDefaultAgencies } from "./catalog/agency-import.ts";
import { importPlanFile } from "./catalog/plan-import.ts";
import { loadConfig } from "./config.ts";
import { openDatabase } from "./db/connection.ts";
import { plans } from "./db/schema.ts";

/**
 * Composition root. For now it prepares the embedded database with the shipped plan; the
 * reminder engine and the channels are wired in here as they land.
 */
const config = loadConfig();
const database = openDatabase(config.DB_PATH);
ensureDefaultAgencies(database.db, config.AGENCY_FILES);
if (database.db.select().from(plans).all().length === 0) {
  const s = importPlanFile(database.db, config.PLAN_FILE);
  process.stdout.write(`Imported ${s.planId}: ${s.tasks.added} tasks, ${s.targets.added} targets\n`);
}
database.close();
