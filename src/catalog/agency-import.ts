import { readFileSync } from "node:fs";
import { parse } from "csv-parse/sync";
import { count, eq } from "drizzle-orm";
import type { Db, DbOrTx } from "../db/connection.ts";
import {
  type AgencyKind,
  agencies,
  agencyGroups,
  agencyKinds,
  aliases,
  groupMembers,
  plans,
} from "../db/schema.ts";
import { UserError } from "../errors.ts";
import { syncAssignments } from "./assignments.ts";
import { aliasKey } from "./gazetteer.ts";

export interface AgencyRow {
  line: number;
  id: string;
  name: string;
  kind: AgencyKind | "group";
  groups: string[];
  aliases: string[];
}

const ID = /^[a-z0-9][a-z0-9-]*$/;
const list = (cell: string | undefined) =>
  (cell ?? "")
    .split("|")
    .map((s) => s.trim())
    .filter(Boolean);

/** Reads the operator's CSV (id, name, kind, groups, aliases); rows of kind "group" define groups. */
export function parseAgenciesCsv(text: string, file: string): AgencyRow[] {
  let records: string[][];
  try {
    records = parse(text, { bom: true, skip_empty_lines: true, relax_column_count: true, trim: true });
  } catch (e) {
    throw new UserError("err-csv", { file, reason: (e as Error).message });
  }
  const [header, ...rows] = records;
  if (header?.slice(0, 3).join(",").toLowerCase() !== "id,name,kind") {
    throw new UserError("err-csv-header", { file, expected: "id,name,kind,groups,aliases" });
  }
  return rows.map((cells, i) => {
    const line = i + 2;
    const [id = "", name = "", kind = ""] = cells;
    if (!ID.test(id)) throw new UserError("err-csv-row", { file, line, reason: `id "${id}"` });
    if (!name) throw new UserError("err-csv-row", { file, line, reason: "name" });
    if (kind !== "group" && !(agencyKinds as readonly string[]).includes(kind)) {
      throw new UserError("err-csv-row", { file, line, reason: `kind "${kind}"` });
    }
    return {
      line,
      id,
      name,
      kind: kind as AgencyRow["kind"],
      groups: list(cells[3]),
      aliases: list(cells[4]),
    };
  });
}

export interface AgencyImportSummary {
  agencies: number;
  groups: number;
}

/**
 * Upserts agencies and groups, replaces their aliases and memberships, and re-expands assignments.
 * `clearGroups` empties those groups first, so the rows define their whole membership.
 */
export function importAgencies(
  db: Db,
  rows: AgencyRow[],
  file: string,
  opts: { clearGroups?: string[] } = {},
): AgencyImportSummary {
  return db.transaction((tx) => {
    for (const groupId of opts.clearGroups ?? [])
      tx.delete(groupMembers).where(eq(groupMembers.groupId, groupId)).run();
    const groups = rows.filter((r) => r.kind === "group");
    const members = rows.filter((r) => r.kind !== "group");
    for (const row of groups) {
      tx.insert(agencyGroups)
        .values({ id: row.id, name: row.name })
        .onConflictDoUpdate({ target: agencyGroups.id, set: { name: row.name } })
        .run();
      tx.delete(aliases).where(eq(aliases.groupId, row.id)).run();
    }
    for (const row of members) {
      const kind = row.kind as AgencyKind;
      tx.insert(agencies)
        .values({ id: row.id, name: row.name, kind })
        // Loaded from the operator's directory: an agency created for review is reviewed now.
        .onConflictDoUpdate({ target: agencies.id, set: { name: row.name, kind, needsReview: false } })
        .run();
      tx.delete(aliases).where(eq(aliases.agencyId, row.id)).run();
      tx.delete(groupMembers).where(eq(groupMembers.agencyId, row.id)).run();
    }
    for (const row of groups) claimAliases(tx, file, row, { groupId: row.id });
    for (const row of members) {
      claimAliases(tx, file, row, { agencyId: row.id });
      for (const groupId of row.groups) {
        if (!tx.select().from(agencyGroups).where(eq(agencyGroups.id, groupId)).get()) {
          throw new UserError("err-csv-row", { file, line: row.line, reason: `group "${groupId}"` });
        }
        tx.insert(groupMembers).values({ groupId, agencyId: row.id }).run();
      }
    }
    for (const plan of tx.select({ id: plans.id }).from(plans).all()) syncAssignments(tx, plan.id);
    return { agencies: members.length, groups: groups.length };
  });
}

/** Gives the row's name and aliases to their owner; a name another owner holds stops the import. */
function claimAliases(
  tx: DbOrTx,
  file: string,
  row: AgencyRow,
  owner: { agencyId?: string; groupId?: string },
): void {
  for (const alias of new Set([row.name, ...row.aliases])) {
    const key = aliasKey(alias);
    const taken = tx.select().from(aliases).where(eq(aliases.key, key)).get();
    if (
      taken &&
      (taken.agencyId ?? undefined) === owner.agencyId &&
      (taken.groupId ?? undefined) === owner.groupId
    ) {
      continue; // the same name spelled twice for one owner ("Sở Công thương", "Sở Công Thương")
    }
    if (taken) {
      const other = taken.agencyId ?? taken.groupId;
      throw new UserError("err-csv-row", {
        file,
        line: row.line,
        reason: `"${alias}" already names ${other}`,
      });
    }
    tx.insert(aliases)
      .values({ key, alias, agencyId: owner.agencyId ?? null, groupId: owner.groupId ?? null })
      .run();
  }
}

export function importAgenciesFile(db: Db, file: string): AgencyImportSummary {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    throw new UserError("err-file-read", { file });
  }
  return importAgencies(db, parseAgenciesCsv(text, file), file);
}

/** The shipped gazetteer, loaded on first use so that a fresh database can import the plan. */
export function ensureDefaultAgencies(db: Db, files: string[]): boolean {
  const row = db.select({ n: count() }).from(agencies).get();
  if ((row?.n ?? 0) > 0) return false;
  for (const file of files) importAgenciesFile(db, file);
  return true;
}
