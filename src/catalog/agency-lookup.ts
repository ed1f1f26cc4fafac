import { UserError } from "../errors.ts";
import type { Store } from "../store/index.ts";
import { aliasKey } from "./gazetteer.ts";

/**
 * Finds one agency from what a person typed: its id, any alias, or a unique part of its
 * name, all without accents ("so y te" finds Sở Y tế).
 */
export async function lookupAgency(store: Store, query: string) {
  const q = query.trim();
  const byId = await store.catalog.agency(q);
  if (byId) return byId;
  const key = aliasKey(q);
  if (!key) throw new UserError("err-agency-unknown", { agency: q });
  const byAlias = await store.catalog.agencyByAlias(key);
  if (byAlias) return byAlias;
  return byPart(await store.catalog.agencies(), q, key);
}

/** The one agency whose name (or id) holds the typed part, or why there is none. */
function byPart<A extends { id: string; name: string }>(all: A[], q: string, key: string): A {
  const matches = all.filter((a) => aliasKey(a.name).includes(key) || a.id.includes(key.replace(/ /g, "-")));
  if (matches.length === 1 && matches[0]) return matches[0];
  if (matches.length > 1) {
    throw new UserError("err-agency-ambiguous", {
      agency: q,
      matches:
        matches
          .slice(0, 5)
          .map((m) => m.id)
          .join(", ") + (matches.length > 5 ? ", …" : ""),
    });
  }
  throw new UserError("err-agency-unknown", { agency: q });
}
