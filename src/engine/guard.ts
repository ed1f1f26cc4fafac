import type Database from "better-sqlite3";
import { prepared } from "../db/statements.ts";
import { CLOSED_STATUSES_SQL } from "../domain/closed.ts";

/**
 * What a chasing message is about, so delivery can drop it if that was settled in the
 * meantime: a nudge written on Saturday goes out on Monday, and an agency that reported on
 * Sunday must not be told it has not.
 * - with `period`: settled once every listed assignment has a current report in that period;
 * - without: settled once every listed assignment is closed (done or not applicable).
 */
export interface Guard {
  period?: string;
  assignments: number[];
}

const REPORTED = `select count(distinct r.assignment_id) n from reports r
  where r.period = ? and r.superseded_at is null and r.assignment_id in (select value from json_each(?))`;

// Closed as domain/closed.ts's isClosed says: recurring tasks never close.
const CLOSED = `select count(*) n from json_each(?) j
  join assignments a on a.id = j.value join tasks t on t.id = a.task_id
  where t.deadline_kind <> 'recurring'
    and (select r.status from reports r where r.assignment_id = a.id and r.superseded_at is null
         order by r.id desc limit 1) in (${CLOSED_STATUSES_SQL})`;

/** The reason to skip the message, or null when it still has something to chase. */
export function settledReason(sqlite: Database.Database, guard: Guard | null): string | null {
  if (!guard || guard.assignments.length === 0) return null;
  const ids = JSON.stringify(guard.assignments);
  if (guard.period) {
    const { n } = prepared(sqlite, REPORTED).get(guard.period, ids) as { n: number };
    return n >= guard.assignments.length ? `settled: reported for ${guard.period} before sending` : null;
  }
  const { n } = prepared(sqlite, CLOSED).get(ids) as { n: number };
  return n >= guard.assignments.length ? "settled: closed before sending" : null;
}
