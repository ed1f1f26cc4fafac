import { writeFileSync } from "node:fs";
import { stringify } from "csv-stringify/sync";
import { eq } from "drizzle-orm";
import type { Tx } from "../db/connection.ts";
import { agencies, aliases } from "../db/schema.ts";
import { slugify } from "../text/normalize.ts";
import { aliasKey } from "./gazetteer.ts";
import type { UnknownName } from "./plan-parser.ts";

/**
 * Creates the names no directory knows as agencies of kind "other", flagged for review, so a
 * coordinator can start the same day and tidy the directory later (`agencies import`).
 * Returns their ids.
 */
export function createAgencies(tx: Tx, unknown: UnknownName[]): string[] {
  const created: string[] = [];
  for (const name of new Set(unknown.map((u) => u.name))) {
    const key = aliasKey(name);
    if (tx.select().from(aliases).where(eq(aliases.key, key)).get()) continue;
    const base = slugify(name).slice(0, 60) || "co-quan";
    let id = base;
    for (let k = 2; tx.select().from(agencies).where(eq(agencies.id, id)).get(); k++) id = `${base}-${k}`;
    tx.insert(agencies).values({ id, name, kind: "other", needsReview: true }).run();
    tx.insert(aliases).values({ key, alias: name, agencyId: id }).run();
    created.push(id);
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
