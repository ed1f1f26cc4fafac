import { writeFileSync } from "node:fs";
import { stringify } from "csv-stringify/sync";
import type { Store } from "../store/index.ts";
import { slugify } from "../text/normalize.ts";
import { aliasKey } from "./gazetteer.ts";
import type { UnknownName } from "./plan-parser.ts";

/**
 * Creates the names no directory knows as agencies of kind "other", flagged for review, so a
 * coordinator can start the same day and tidy the directory later (`agencies import`).
 * Returns their ids.
 */
export async function createAgencies(store: Store, unknown: UnknownName[]): Promise<string[]> {
  const created: string[] = [];
  for (const name of new Set(unknown.map((u) => u.name))) {
    const base = slugify(name).slice(0, 60) || "co-quan";
    const id = await store.catalog.createReviewAgency({ name, key: aliasKey(name), base });
    if (id) created.push(id);
  }
  return created;
}

/**
 * The review file: one row per unknown name and line, with the cell it came from, in the
 * columns `agencies import` reads (id, name, kind, groups, aliases) so it can be edited and loaded.
 */
export function writeReviewCsv(file: string, unknown: UnknownName[]): void {
  const rows = unknown.map((u) => [slugify(u.name).slice(0, 60), u.name, "other", "", "", u.line, u.cell]);
  const header = ["id", "name", "kind", "groups", "aliases", "line", "cell"];
  writeFileSync(file, `\uFEFF${stringify([header, ...rows])}`);
}
