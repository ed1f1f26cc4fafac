import { type AuditLine, auditLine } from "../reports/audit-lines.ts";
import type { AuditRow } from "../store/index.ts";
import type { WebDeps } from "./deps.ts";

/** How many recent changes the people pages show. */
export const CHANGES_SHOWN = 15;

const agencyOf = (row: AuditRow): unknown =>
  (row.after as { agencyId?: unknown } | null)?.agencyId ??
  (row.before as { agencyId?: unknown } | null)?.agencyId;

/**
 * The latest changes to people and invites (added, removed, role changed, invited, joined),
 * newest first, in words: of one agency when given, else of all.
 */
export async function peopleChanges(
  deps: WebDeps,
  lang: "vi" | "en",
  agencyId?: string,
): Promise<AuditLine[]> {
  // An agency's rows are found among the latest of all: enough for "recent", and no JSON query.
  const limit = agencyId ? 500 : CHANGES_SHOWN;
  const [contacts, invites] = await Promise.all([
    deps.store.audit.list({ action: "contact.*", limit }),
    deps.store.audit.list({ action: "invite.*", limit }),
  ]);
  const rows = [...contacts, ...invites]
    .filter((r) => !agencyId || agencyOf(r) === agencyId)
    .sort((a, b) => (a.at === b.at ? b.id - a.id : a.at < b.at ? 1 : -1))
    .slice(0, CHANGES_SHOWN);
  // These rows target contacts and invites, never an agency: no agency names to look up.
  const reader = { i18n: deps.i18n, lang, timeZone: deps.calendar.timeZone, agencyNames: new Map() };
  return rows.map((r) => auditLine(reader, r));
}
