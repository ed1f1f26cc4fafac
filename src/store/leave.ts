import type { LeaveSpan } from "../domain/leave.ts";
import { codeOrder, type Q, raw } from "./context.ts";

/**
 * Leave and deputies (db/schema/leave.ts). Days are local days, YYYY-MM-DD, both inclusive;
 * a leave whose `to_day` is before its `from_day` was called off before it began.
 */

export interface NewLeave {
  contactId: number;
  agencyId: string;
  from: string;
  to: string;
  deputyId?: number | null;
  setById: number | null;
}

interface LeaveRow {
  id: number;
  contact_id: number;
  agency_id: string;
  from_day: string;
  to_day: string;
  deputy_contact_id: number | null;
}

const span = (r: LeaveRow): LeaveSpan => ({
  id: r.id,
  contactId: r.contact_id,
  agencyId: r.agency_id,
  from: r.from_day,
  to: r.to_day,
  deputyId: r.deputy_contact_id,
});

const COLUMNS = "id, contact_id, agency_id, from_day, to_day, deputy_contact_id";

const overlapping = raw<LeaveRow>(
  `select ${COLUMNS} from leaves where contact_id = ? and from_day <= ? and to_day >= ? and to_day >= from_day
   order by from_day limit 1`,
);
const insertLeave = raw<{ id: number }>(
  `insert into leaves (contact_id, agency_id, from_day, to_day, deputy_contact_id, set_by_contact_id, created_at)
   values (?, ?, ?, ?, ?, ?, ?) returning id`,
);
const updateLeave = raw(
  "update leaves set from_day = ?, to_day = ?, deputy_contact_id = ?, set_by_contact_id = ?, ended_at = null where id = ?",
);

/**
 * Sets a leave; one that overlaps the person's existing leave replaces its dates (and keeps its
 * deputy unless one is given), so a person never holds two leaves for the same day.
 * Resolves to the row and what it was before, for the audit trail.
 */
async function set(q: Q, leave: NewLeave, at: Date): Promise<{ id: number; before: LeaveSpan | null }> {
  const old = await overlapping(q).get(leave.contactId, leave.to, leave.from);
  if (old) {
    const deputy = leave.deputyId === undefined ? old.deputy_contact_id : leave.deputyId;
    await updateLeave(q).run(leave.from, leave.to, deputy, leave.setById, old.id);
    return { id: old.id, before: span(old) };
  }
  const row = await insertLeave(q).get(
    leave.contactId,
    leave.agencyId,
    leave.from,
    leave.to,
    leave.deputyId ?? null,
    leave.setById,
    at.toISOString(),
  );
  return { id: Number(row?.id), before: null };
}

const ongoing = raw<LeaveRow>(
  `select ${COLUMNS} from leaves where contact_id = ? and to_day >= ? and to_day >= from_day
   order by from_day limit 1`,
);

/** The person's leave on `day`, or the next one to come. */
async function ofContact(q: Q, contactId: number, day: string): Promise<LeaveSpan | undefined> {
  const row = await ongoing(q).get(contactId, day);
  return row ? span(row) : undefined;
}

const endLeave = raw("update leaves set to_day = ?, ended_at = ? where id = ?");

/** Ends a leave the day before `today` (one not begun yet is called off). */
async function end(q: Q, leaveId: number, yesterday: string, at: Date): Promise<void> {
  await endLeave(q).run(yesterday, at.toISOString(), leaveId);
}

const deputyUpdate = raw("update leaves set deputy_contact_id = ? where id = ?");

async function setDeputy(q: Q, leaveId: number, deputyId: number | null): Promise<void> {
  await deputyUpdate(q).run(deputyId, leaveId);
}

const allSpans = raw<LeaveRow>(`select ${COLUMNS} from leaves where to_day >= from_day order by id`);

/** Every leave actually taken or to come: what the tick routes reminders by. */
async function spans(q: Q): Promise<LeaveSpan[]> {
  return (await allSpans(q).all()).map(span);
}

const onDay = raw<LeaveRow>(
  `select ${COLUMNS} from leaves where from_day <= ? and to_day >= ? order by contact_id, from_day`,
);

/** Who is on leave on a local day: contact id → dates and deputy (for the web console). */
async function current(
  q: Q,
  day: string,
): Promise<Map<number, { from: string; to: string; deputyId: number | null }>> {
  const out = new Map<number, { from: string; to: string; deputyId: number | null }>();
  for (const r of await onDay(q).all(day, day))
    out.set(r.contact_id, { from: r.from_day, to: r.to_day, deputyId: r.deputy_contact_id });
  return out;
}

export interface LeaveContact {
  id: number;
  name: string | null;
  role: string;
  agencyId: string;
  agencyName: string;
}

const contactRows = raw<{ id: number; name: string | null; role: string; agency_id: string; agency: string }>(
  (d) => `select c.id id, c.name name, c.role role, c.agency_id agency_id, a.name agency
   from contacts c join agencies a on a.id = c.agency_id
   where c.removed_at is null and c.erased_at is null and (? = '' or c.agency_id = ?)
   order by c.agency_id${codeOrder(d)}, c.id`,
);

/** The live contacts of an agency (all agencies with none): whom a leave or a deputy can name. */
async function contacts(q: Q, agencyId?: string): Promise<LeaveContact[]> {
  const rows = await contactRows(q).all(agencyId ?? "", agencyId ?? "");
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    role: r.role,
    agencyId: r.agency_id,
    agencyName: r.agency,
  }));
}

/**
 * The leave a deputy stands in for at an agency on a day, given the SQL for each of the three
 * (placeholders): one text for this read and for the report's save on PostgreSQL, which makes
 * it inside its own statement (store/reports-pg.ts).
 */
export function standingInForSql(deputy: string, agency: string, day: string): string {
  return `select contact_id from leaves where deputy_contact_id = ${deputy} and agency_id = ${agency}
   and from_day <= ${day} and to_day >= ${day} order by from_day limit 1`;
}

const deputyFor = raw<{ contact_id: number }>(standingInForSql("?", "?", "?"));

/** The person on leave that `deputyId` stands in for at the agency on `day`, if any. */
async function standingInFor(q: Q, deputyId: number, agencyId: string, day: string) {
  return (await deputyFor(q).get(deputyId, agencyId, day, day))?.contact_id;
}

const onBehalfInsert = raw("insert into report_on_behalf (report_id, on_behalf_of_contact_id) values (?, ?)");

async function recordOnBehalf(q: Q, reportId: number, forContactId: number): Promise<void> {
  await onBehalfInsert(q).run(reportId, forContactId);
}

const reportCount = raw<{ n: number | string; proxied: number | string }>(
  `select count(*) n, count(b.report_id) proxied from reports r
   left join report_on_behalf b on b.report_id = r.id
   where r.agency_id = ? and r.submitted_at >= ? and r.submitted_at < ?`,
);
const reminderCount = raw<{ n: number | string }>(
  `select count(*) n from outbox where agency_id = ? and state = 'sent' and send_after >= ? and send_after < ?
     and dedupe_key not like '%#%'`,
);

/**
 * What happened at an agency between two instants: reports made (by deputies), and reminders
 * sent that were due to go out then (their planned time, which a late delivery does not move).
 */
async function activity(q: Q, agencyId: string, since: string, until: string) {
  const r = await reportCount(q).get(agencyId, since, until);
  const m = await reminderCount(q).get(agencyId, since, until);
  return { reports: Number(r?.n ?? 0), byDeputy: Number(r?.proxied ?? 0), reminders: Number(m?.n ?? 0) };
}

const endedIn = raw<LeaveRow>(
  `select ${COLUMNS} from leaves where ended_at is null and to_day >= from_day and to_day >= ? and to_day <= ?
   order by id`,
);

/** Leaves that ran their course and ended on a day from `since` to `until`: whom to welcome back. */
async function endedBetween(q: Q, since: string, until: string): Promise<LeaveSpan[]> {
  return (await endedIn(q).all(since, until)).map(span);
}

export const leave = {
  set,
  ofContact,
  end,
  setDeputy,
  spans,
  current,
  contacts,
  standingInFor,
  recordOnBehalf,
  activity,
  endedBetween,
};
