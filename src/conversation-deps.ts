import { dirname, join, resolve } from "node:path";
import type { ConversationDeps } from "./conversation/types.ts";
import type { Core } from "./core.ts";
import { type Rules, rulesFor } from "./domain/rules.ts";
import { exportSynthesis } from "./reports/export.ts";

/**
 * What the conversations get from the core: storage, text, calendar, outbox, and the rules
 * resolved per plan (the same RULES_FILE the engine reads, parsed once at start).
 */
export function conversationDeps(core: Core, now: () => Date = () => new Date()): ConversationDeps {
  const rules = new Map<string, Rules>();
  return {
    database: core.database,
    i18n: core.i18n,
    calendar: core.calendar,
    outbox: core.outbox,
    rules(planId) {
      const known = rules.get(planId);
      if (known) return known;
      const resolved = rulesFor(core.rulesFile, planId);
      rules.set(planId, resolved);
      return resolved;
    },
    exportSynthesis: (opts) => exportSynthesis(core, opts),
    exportDir: join(resolve(dirname(core.config.DB_PATH)), "exports"),
    now,
  };
}
