import { readFileSync } from "node:fs";
import { parse } from "csv-parse/sync";
import { type AgencyKind, agencyKinds } from "../db/schema.ts";
import { UserError } from "../errors.ts";
import type { Store } from "../store/index.ts";
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
 * Upserts agencies and groups, replaces their aliases and memberships, and re-expands assignments,
 * in one transaction. `clearGroups` empties those groups first, so the rows define their whole
 * membership.
 */
export function importAgencies(
  store: Store,
  rows: AgencyRow[],
  file: string,
  opts: { clearGroups?: string[] } = {},
): Promise<AgencyImportSummary> {
  return store.transaction(async (tx) => {
    const { catalog } = tx;
    await catalog.lockForImport();
    for (const groupId of opts.clearGroups ?? []) await catalog.clearGroupMembers(groupId);
    const groups = rows.filter((r) => r.kind === "group");
    const members = rows.filter((r) => r.kind !== "group");
    for (const row of groups) await catalog.replaceGroup({ id: row.id, name: row.name });
    for (const row of members)
      await catalog.replaceAgency({ id: row.id, name: row.name, kind: row.kind as AgencyKind });
    for (const row of groups) await claimAliases(tx, file, row, { groupId: row.id });
    for (const row of members) {
      await claimAliases(tx, file, row, { agencyId: row.id });
      for (const groupId of row.groups) {
        if (!(await catalog.groupExists(groupId)))
          throw new UserError("err-csv-row", { file, line: row.line, reason: `group "${groupId}"` });
        await catalog.addMember(groupId, row.id);
      }
    }
    for (const planId of await catalog.planIds())
      await catalog.syncAssignments(planId, new Date().toISOString());
    return { agencies: members.length, groups: groups.length };
  });
}

/** Gives the row's name and aliases to their owner; a name another owner holds stops the import. */
async function claimAliases(
  store: Store,
  file: string,
  row: AgencyRow,
  owner: { agencyId?: string; groupId?: string },
): Promise<void> {
  for (const alias of new Set([row.name, ...row.aliases])) {
    const key = aliasKey(alias);
    const taken = await store.catalog.aliasByKey(key);
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
    await store.catalog.insertAlias({
      key,
      alias,
      agencyId: owner.agencyId ?? null,
      groupId: owner.groupId ?? null,
    });
  }
}

export async function importAgenciesFile(store: Store, file: string): Promise<AgencyImportSummary> {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    throw new UserError("err-file-read", { file });
  }
  return importAgencies(store, parseAgenciesCsv(text, file), file);
}

/** The shipped gazetteer, loaded on first use so that a fresh database can import the plan. */
export async function ensureDefaultAgencies(store: Store, files: string[]): Promise<boolean> {
  if ((await store.catalog.agencyCount()) > 0) return false;
  for (const file of files) await importAgenciesFile(store, file);
  return true;
}
