/**
 * Report statuses after which an assignment has nothing left to chase: done, or declared not
 * applicable. The one definition of "closed"; the SQL that asks the same (the delivery guard)
 * is built from it.
 */
export const CLOSED_STATUSES = ["done", "not_applicable"] as const;

const closed = new Set<string>(CLOSED_STATUSES);

/** The statuses as an SQL list, for `status in (…)`. */
export const CLOSED_STATUSES_SQL = CLOSED_STATUSES.map((s) => `'${s}'`).join(", ");

export function isClosedStatus(status: string | null | undefined): boolean {
  return status != null && closed.has(status);
}

/** Done, or declared not applicable: nothing left to chase. Recurring tasks never close. */
export function isClosed(item: { kind: string; status: string | null }): boolean {
  return item.kind !== "recurring" && isClosedStatus(item.status);
}
