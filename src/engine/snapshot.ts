import type Database from "better-sqlite3";
import type { Lang } from "../i18n/index.ts";

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
  due: string | null;
  indicative: boolean;
  milestones: string[] | null;
  /** Latest status across all periods, if any report exists. */
  status: string | null;
}

const CLOSED = new Set(["done", "not_applicable"]);

/** Done, or declared not applicable: nothing left to chase. Recurring tasks never close. */
export function isClosed(item: WorkItem): boolean {
  return item.kind !== "recurring" && item.status !== null && CLOSED.has(item.status);
}

/** Reads what the rules need in a handful of set-based queries, never one query per agency. */
export class Snapshot {
  constructor(private readonly sqlite: Database.Database) {}

  /** Reachable recipients by agency and role (coordinators under the key "*"). */
  recipients(): Map<string, Recipient[]> {
    const rows = this.sqlite
      .prepare(
        `select c.id contactId, cc.chat_id chatId, c.lang lang, c.name name, c.agency_id agencyId, c.role role
         from contacts c join contact_chats cc on cc.contact_id = c.id join chats ch on ch.id = cc.chat_id
         where c.removed_at is null and ch.unreachable_at is null order by c.id, cc.chat_id`,
      )
      .all() as (Recipient & { role: string })[];
    const map = new Map<string, Recipient[]>();
    for (const { role, ...r } of rows) {
      const key = role === "coordinator" ? "coordinator:*" : `${role}:${r.agencyId}`;
      const list = map.get(key) ?? [];
      list.push(r);
      map.set(key, list);
    }
    return map;
  }

  agencyNames(): Map<string, string> {
    const rows = this.sqlite.prepare("select id, name from agencies").all() as { id: string; name: string }[];
    return new Map(rows.map((r) => [r.id, r.name]));
  }

  /** Every live assignment of a plan with its task and latest status, in the document's order. */
  work(planId: string): WorkItem[] {
    const rows = this.sqlite
      .prepare(
        `select a.id assignmentId, t.id taskId, t.plan_id planId, a.agency_id agencyId, a.role role, t.ref ref,
                t.title title, s.numeral section, t.deadline_kind kind, coalesce(t.due_override, t.due_date) due,
                t.indicative indicative, t.milestones milestones, ls.status status
         from assignments a
         join tasks t on t.id = a.task_id
         join sections s on s.id = t.section_id
         left join (
           select r.assignment_id, r.status from reports r
           join (select assignment_id, max(id) id from reports where superseded_at is null group by assignment_id) m
             on m.id = r.id
         ) ls on ls.assignment_id = a.id
         where t.plan_id = ? and a.archived_at is null and t.archived_at is null
         order by t.position, a.agency_id`,
      )
      .all(planId) as (Omit<WorkItem, "indicative" | "milestones"> & {
      indicative: number;
      milestones: string | null;
    })[];
    return rows.map((r) => ({
      ...r,
      indicative: r.indicative === 1,
      milestones: r.milestones ? (JSON.parse(r.milestones) as string[]) : null,
    }));
  }

  /** Assignment ids with a current (not superseded) report in the period. */
  reportedIn(period: string, planId: string): Set<number> {
    const rows = this.sqlite
      .prepare(
        `select distinct r.assignment_id id from reports r join tasks t on t.id = r.task_id
         where r.period = ? and r.superseded_at is null and t.plan_id = ?`,
      )
      .all(period, planId) as { id: number }[];
    return new Set(rows.map((r) => r.id));
  }

  plans(): { id: string; title: string }[] {
    return this.sqlite.prepare("select id, title from plans order by imported_at").all() as {
      id: string;
      title: string;
    }[];
  }
}

/**
 * What an agency owes for a period: its open lead assignments (recurring ones always,
 * others until done). The report is complete when each has a report in the period.
 */
export function requiredByAgency(work: WorkItem[]): Map<string, WorkItem[]> {
  const map = new Map<string, WorkItem[]>();
  for (const w of work) {
    if (w.role !== "lead" || isClosed(w)) continue;
    const list = map.get(w.agencyId) ?? [];
    list.push(w);
    map.set(w.agencyId, list);
  }
  return map;
}

export interface Completeness {
  agencyId: string;
  required: number;
  reported: number;
  missing: WorkItem[];
}

export function completeness(required: Map<string, WorkItem[]>, reported: Set<number>): Completeness[] {
  return [...required].map(([agencyId, items]) => {
    const missing = items.filter((w) => !reported.has(w.assignmentId));
    return { agencyId, required: items.length, reported: items.length - missing.length, missing };
  });
}
