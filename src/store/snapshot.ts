import type { DigestScope } from "../db/schema.ts";
import type { Lang } from "../i18n/index.ts";
import { codeOrder, type Q, raw } from "./context.ts";

/**
 * The tick's set-based reads: a handful of queries per tick, never one per agency. Column
 * aliases are snake_case because PostgreSQL folds unquoted names to lower case; JSON and
 * boolean columns are read as either engine hands them back (text and 0/1 on SQLite).
 */

/** One person's reachable chat, the unit a message is addressed to. */
export interface Recipient {
  contactId: number;
  chatId: string;
  lang: Lang;
  name: string | null;
  agencyId: string;
}

export interface WorkItem {
  assignmentId: number;
  taskId: number;
  planId: string;
  agencyId: string;
  role: "lead" | "partner";
  ref: string;
  title: string;
  section: string;
  kind: string;
  indicative: boolean;
  milestones: string[] | null;
  /** The deadline in force for this agency: its extension, else the task's date. */
  due: string | null;
  /** Latest status across all periods, if any report exists. */
  status: string | null;
}

/** Done, or declared not applicable: nothing left to chase (recurring tasks never close). */
export const CLOSED_STATUSES: ReadonlySet<string> = new Set(["done", "not_applicable"]);

export const json = <T>(v: unknown): T | null =>
  v === null || v === undefined ? null : typeof v === "string" ? (JSON.parse(v) as T) : (v as T);

const recipientRows = raw<{
  contact_id: number;
  chat_id: string;
  lang: Lang;
  name: string | null;
  agency_id: string;
  role: string;
}>(
  (
    d,
  ) => `select c.id contact_id, cc.chat_id chat_id, c.lang lang, c.name name, c.agency_id agency_id, c.role role
   from contacts c join contact_chats cc on cc.contact_id = c.id join chats ch on ch.id = cc.chat_id
   where c.removed_at is null and ch.unreachable_at is null order by c.id, cc.chat_id${codeOrder(d)}`,
);

/** Reachable recipients by "role:agency" (coordinators under "coordinator:*"). */
async function recipients(q: Q): Promise<Map<string, Recipient[]>> {
  const map = new Map<string, Recipient[]>();
  for (const r of await recipientRows(q).all()) {
    const key = r.role === "coordinator" ? "coordinator:*" : `${r.role}:${r.agency_id}`;
    const list = map.get(key) ?? [];
    list.push({
      contactId: r.contact_id,
      chatId: r.chat_id,
      lang: r.lang,
      name: r.name,
      agencyId: r.agency_id,
    });
    map.set(key, list);
  }
  return map;
}

const agencyRows = raw<{ id: string; name: string; kind: string }>("select id, name, kind from agencies");

async function agencyNames(q: Q): Promise<Map<string, string>> {
  return new Map((await agencyRows(q).all()).map((r) => [r.id, r.name]));
}

/** Names and kinds from one read: at national scale each read of 5,600 agencies costs ~8 ms. */
async function agencyDirectory(q: Q): Promise<{ names: Map<string, string>; kinds: Map<string, string> }> {
  const names = new Map<string, string>();
  const kinds = new Map<string, string>();
  for (const r of await agencyRows(q).all()) {
    names.set(r.id, r.name);
    kinds.set(r.id, r.kind);
  }
  return { names, kinds };
}

const latestRows = raw<{ assignment_id: number; status: string }>(
  `select r.assignment_id assignment_id, r.status status from reports r
   join (select max(id) id from reports where superseded_at is null group by assignment_id) m on m.id = r.id`,
);

/** The latest current status of every assignment that has a report (all plans at once). */
async function latestStatuses(q: Q): Promise<Map<number, string>> {
  return new Map((await latestRows(q).all()).map((r) => [r.assignment_id, r.status]));
}

const latestOfPlanRows = raw<{ assignment_id: number; status: string }>(
  `select a.id assignment_id, r.status status from assignments a join tasks t on t.id = a.task_id
   join reports r on r.id = (select max(x.id) from reports x where x.assignment_id = a.id and x.superseded_at is null)
   where t.plan_id = ? and a.role = 'lead' and a.archived_at is null and t.archived_at is null`,
);

/**
 * `latestStatuses` for one plan's live leads: what a console page needs, found through each
 * assignment's index entry rather than by grouping every report in the country.
 */
async function latestStatusesOf(q: Q, planId: string): Promise<Map<number, string>> {
  return new Map((await latestOfPlanRows(q).all(planId)).map((r) => [r.assignment_id, r.status]));
}

const taskRows = raw<{
  id: number;
  ref: string;
  title: string;
  section: string;
  kind: string;
  due: string | null;
  indicative: number | boolean;
  milestones: unknown;
}>(
  `select t.id id, t.ref ref, t.title title, s.numeral section, t.deadline_kind kind,
          coalesce(t.due_override, t.due_date) due, t.indicative indicative, t.milestones milestones
   from tasks t join sections s on s.id = t.section_id where t.plan_id = ? and t.archived_at is null`,
);

const leadRows = raw<{ id: number; task_id: number; agency_id: string; due_override: string | null }>(
  (d) => `select a.id id, a.task_id task_id, a.agency_id agency_id, a.due_override due_override
   from assignments a join tasks t on t.id = a.task_id
   where t.plan_id = ? and a.role = 'lead' and a.archived_at is null and t.archived_at is null
   order by t.position, a.agency_id${codeOrder(d)}`,
);

/**
 * Every live lead assignment of a plan with its task and latest status, in the document's
 * order. Only leads: reading the partners too (three in four rows) would double a tick.
 * `latest` is the caller's `latestStatuses`, read once for all plans; read here if not given.
 */
async function work(q: Q, planId: string, latest?: Map<number, string>): Promise<WorkItem[]> {
  const statuses = latest ?? (await latestStatuses(q));
  const tasks = new Map((await taskRows(q).all(planId)).map((t) => [t.id, t]));
  const out: WorkItem[] = [];
  for (const a of await leadRows(q).all(planId)) {
    const t = tasks.get(a.task_id);
    if (!t) continue;
    out.push({
      assignmentId: a.id,
      taskId: a.task_id,
      planId,
      agencyId: a.agency_id,
      role: "lead",
      ref: t.ref,
      title: t.title,
      section: t.section,
      kind: t.kind,
      // An approved extension moves this agency's date only (extension_requests).
      due: a.due_override ?? t.due,
      indicative: t.indicative === 1 || t.indicative === true,
      milestones: json<string[]>(t.milestones),
      status: statuses.get(a.id) ?? null,
    });
  }
  return out;
}

const reportedPartnerRows = raw<{ id: number; plan_id: string; agency_id: string }>(
  `select a.id id, t.plan_id plan_id, a.agency_id agency_id from assignments a join tasks t on t.id = a.task_id
   where a.id in (select assignment_id from reports) and a.role = 'partner'
     and a.archived_at is null and t.archived_at is null and t.deadline_kind <> 'recurring'`,
);

/** Partner assignments closed by their latest report, counted by "plan|agency", for all plans. */
async function closedPartners(q: Q, latest?: Map<number, string>): Promise<Map<string, number>> {
  const statuses = latest ?? (await latestStatuses(q));
  const closed = new Map<string, number>();
  for (const r of await reportedPartnerRows(q).all()) {
    const status = statuses.get(r.id);
    const key = `${r.plan_id}|${r.agency_id}`;
    if (status && CLOSED_STATUSES.has(status)) closed.set(key, (closed.get(key) ?? 0) + 1);
  }
  return closed;
}

const partnerTotalsByPlan = raw<{ plan_id: string; agency_id: string; n: number | string }>(
  `select t.plan_id plan_id, a.agency_id agency_id, count(*) n from assignments a join tasks t on t.id = a.task_id
   where a.role = 'partner' and a.archived_at is null and t.archived_at is null
   group by t.plan_id, a.agency_id`,
);

/**
 * partnerCounts for every plan in one read: a national tick asks for all 34, and one scan of
 * the assignments costs PostgreSQL far less than 34 (a second on this machine).
 */
async function partnerCountsByPlan(
  q: Q,
  closed?: Map<string, number>,
): Promise<Map<string, Map<string, number>>> {
  const shut = closed ?? (await closedPartners(q));
  const byPlan = new Map<string, Map<string, number>>();
  for (const r of await partnerTotalsByPlan(q).all()) {
    const counts = byPlan.get(r.plan_id) ?? new Map<string, number>();
    byPlan.set(r.plan_id, counts);
    counts.set(r.agency_id, Number(r.n) - (shut.get(`${r.plan_id}|${r.agency_id}`) ?? 0));
  }
  return byPlan;
}

/** Open partner assignments per agency in one plan (what the snapshot reads for all plans at once). */
async function partnerCounts(
  q: Q,
  planId: string,
  closed?: Map<string, number>,
): Promise<Map<string, number>> {
  return (await partnerCountsByPlan(q, closed)).get(planId) ?? new Map();
}

const reportedRows = raw<{ id: number }>(
  `select distinct r.assignment_id id from reports r join tasks t on t.id = r.task_id
   where r.period = ? and r.superseded_at is null and t.plan_id = ?`,
);

/** Assignment ids with a current (not superseded) report in the period. */
async function reportedIn(q: Q, period: string, planId: string): Promise<Set<number>> {
  return new Set((await reportedRows(q).all(period, planId)).map((r) => r.id));
}

const reportedByPlanRows = raw<{ id: number; plan_id: string }>(
  `select distinct r.assignment_id id, t.plan_id plan_id from reports r join tasks t on t.id = r.task_id
   where r.period = ? and r.superseded_at is null`,
);

/**
 * `reportedIn` for every plan at once, by plan id: the period's reports are scanned once, where
 * a query per plan scanned them once per plan (the index leads with the assignment).
 */
async function reportedByPlan(q: Q, period: string): Promise<Map<string, Set<number>>> {
  const byPlan = new Map<string, Set<number>>();
  for (const r of await reportedByPlanRows(q).all(period)) {
    const ids = byPlan.get(r.plan_id) ?? new Set<number>();
    ids.add(r.id);
    byPlan.set(r.plan_id, ids);
  }
  return byPlan;
}

const planRows = raw<{ id: string; title: string }>("select id, title from plans order by imported_at");

async function plans(q: Q): Promise<{ id: string; title: string }[]> {
  return (await planRows(q).all()).map((r) => ({ id: r.id, title: r.title }));
}

const completedRows = raw<{ ref: string; title: string; agency_id: string; section: string }>(
  (d) => `select t.ref ref, t.title title, r.agency_id agency_id, s.numeral section from reports r
   join tasks t on t.id = r.task_id join sections s on s.id = t.section_id
   where t.plan_id = ? and r.status = 'done' and r.superseded_at is null
     and substr(r.submitted_at, 1, 10) >= ? and substr(r.submitted_at, 1, 10) < ?
   order by t.position, r.agency_id${codeOrder(d)}`,
);

/** Tasks reported done on days `from` (inclusive) to `to` (exclusive): the digest's "completed". */
async function completed(
  q: Q,
  planId: string,
  from: string,
  to: string,
): Promise<{ ref: string; title: string; agencyId: string; section: string }[]> {
  return (await completedRows(q).all(planId, from, to)).map((r) => ({
    ref: r.ref,
    title: r.title,
    agencyId: r.agency_id,
    section: r.section,
  }));
}

const subscriptionRows = raw<{ chat_id: string; scope: unknown; lang: "vi" | "en" }>(
  (
    d,
  ) => `select s.chat_id chat_id, s.scope scope, s.lang lang from subscriptions s join chats c on c.id = s.chat_id
   where s.plan_id = ? and c.unreachable_at is null order by s.chat_id${codeOrder(d)}`,
);

/** The reachable chats subscribed to a plan's weekly digest, with their scope. */
async function digestSubscriptions(
  q: Q,
  planId: string,
): Promise<{ chatId: string; scope: DigestScope; lang: "vi" | "en" }[]> {
  return (await subscriptionRows(q).all(planId)).map((r) => ({
    chatId: r.chat_id,
    scope: json<DigestScope>(r.scope) as DigestScope,
    lang: r.lang,
  }));
}

export const snapshot = {
  recipients,
  agencyNames,
  agencyDirectory,
  latestStatuses,
  latestStatusesOf,
  work,
  closedPartners,
  partnerCounts,
  partnerCountsByPlan,
  reportedIn,
  reportedByPlan,
  plans,
  completed,
  digestSubscriptions,
};
