export interface ItemCounts {
  added: number;
  updated: number;
  unchanged: number;
  archived: number;
}

/** A stored task or target, as far as matching it to a re-imported one goes. */
interface Stored {
  id: number;
  ref: string;
  position: number;
  archivedAt: string | null;
}

export interface Reconciler<S extends Stored, I extends { ref: string }, V extends { position: number }> {
  values(item: I): V;
  insert(values: V): Promise<number>;
  update(id: number, values: V): Promise<void>;
  archive(id: number): Promise<void>;
  /** Whether what hangs off the row (leads, partners, trackers) already reads as the item says. */
  sameParts(old: S, item: I): Promise<boolean>;
  writeParts(id: number, item: I): Promise<void>;
}

/** True when every field we would write already holds that value. */
function sameFields(old: object, values: object): boolean {
  const before = old as Record<string, unknown>;
  return Object.entries(values).every(
    ([k, v]) => JSON.stringify(before[k] ?? null) === JSON.stringify(v ?? null),
  );
}

/**
 * Matches stored rows to the parsed items by ref, so ids (and the reports that point at them)
 * survive a re-import: new refs are inserted, changed ones updated (a shift of position alone
 * is not an edit, but is written), archived ones revived, and refs no longer in the document
 * archived, never deleted.
 */
export async function reconcile<S extends Stored, I extends { ref: string }, V extends { position: number }>(
  stored: S[],
  items: I[],
  r: Reconciler<S, I, V>,
): Promise<ItemCounts> {
  const counts: ItemCounts = { added: 0, updated: 0, unchanged: 0, archived: 0 };
  const existing = new Map(stored.map((s) => [s.ref, s]));
  for (const item of items) {
    const values = r.values(item);
    const old = existing.get(item.ref);
    existing.delete(item.ref);
    let id: number;
    if (!old) {
      id = await r.insert(values);
      counts.added++;
    } else {
      id = old.id;
      const same = sameFields(old, { ...values, position: old.position }) && (await r.sameParts(old, item));
      if (!same || old.position !== values.position) await r.update(old.id, values);
      counts[same ? "unchanged" : "updated"]++;
    }
    await r.writeParts(id, item);
  }
  for (const gone of existing.values()) {
    if (gone.archivedAt) continue;
    await r.archive(gone.id);
    counts.archived++;
  }
  return counts;
}
