import { buildCalendar } from "../calendar/working-calendar.ts";
import type { Config } from "../config.ts";
import { rulesFor } from "../domain/rules.ts";
import { loadRulesFile } from "../domain/rules-file.ts";
import type { Check } from "./check.ts";
import { openForChecks } from "./database-check.ts";
import { checkTelegram, checkZalo } from "./platforms.ts";
import {
  checkFocalPoints,
  checkHolidays,
  checkOutbox,
  checkPlan,
  checkRedis,
  checkSchedule,
} from "./state-checks.ts";

/**
 * Everything `doctor` looks at, in the order the operator reads it: the platforms and Redis (asked
 * at once, each with a timeout), then the database read-only, then the calendar. Changes nothing.
 */
export async function runDoctor(config: Config, dbPath: string, now = new Date()): Promise<Check[]> {
  const [telegram, zalo, redis] = await Promise.all([
    checkTelegram(config),
    checkZalo(config),
    checkRedis(config.REDIS_URL),
  ]);
  const checks: Check[] = [...telegram, ...zalo, redis];
  const { store, check, close } = await openForChecks({ path: dbPath, url: config.DATABASE_URL });
  checks.push(check);
  if (store) {
    try {
      const plan = await checkPlan(store);
      checks.push(plan.check, await checkFocalPoints(store), await checkOutbox(store, now));
      const calendar = buildCalendar(config, rulesFor(loadRulesFile(config.RULES_FILE), ""));
      checks.push(...(await checkSchedule(store, config, calendar, plan.planId, now)));
    } finally {
      await close();
    }
  }
  checks.push(checkHolidays(config, now));
  return checks;
}
