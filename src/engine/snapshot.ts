import type Database from "better-sqlite3";
import { groupBy } from "../collections.ts";
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

  agencyKinds(): Map<string, string> {
    const rows = this.sqlite.prepare("select id, kind from agencies").all() as { id: string; kind: string }[];
    return new Map(rows.map((r) => [r.id, r.kind]));
  }

  private latestCache?: Map<number, string>;

  /** Latest status of every assignment that has a report, read once per snapshot (all plans share it). */
  private latest(): Map<number, string> {
    if (!this.latestCache) {
      const rows = this.sqlite
        .prepare(
          `select r.assignment_id, r.status from reports r
           join (select max(id) id from reports where superseded_at is null group by assignment_id) m on m.id = r.id`,
        )
        .raw()
        .all() as [number, string][];
      this.latestCache = new Map(rows);
    }
    return this.latestCache;
  }

  private tasks(planId: string) {
    const rows = this.sqlite
      .prepare(
        `select t.id id, t.ref ref, t.title title, s.numeral section, t.deadline_kind kind,
                coalesce(t.due_override, t.due_date) due, t.indicative indicative, t.milestones milestones
         from tasks t join sections s on s.id = t.section_id where t.plan_id = ? and t.archived_at is null`,
      )
      .all(planId) as {
      id: number;
      ref: string;
      title: string;
      section: string;
      kind: string;
      due: string | null;
      indicative: number;
      milestones: string | null;
    }[];
    return new Map(
      rows.map((t) => [
        t.id,
        {
          ...t,
          indicative: t.indicative === 1,
          milestones: t.milestones ? (JSON.parse(t.milestones) as string[]) : null,
        },
      ]),
    );
  }

  /**
   * Every live lead assignment of a plan with its task and latest status, in the document's
   * order. Only leads: reminders, completeness and digests are about what an agency leads,
   * and reading the partners too (three in four rows at national scale) would double a tick.
   */
  work(planId: string): WorkItem[] {
    // A tick's digests and their charts ask again for each subscription. Only the last plan is
    // kept: a tick goes plan by plan, and all plans' work at once would raise its peak memory.
    if (this.lastWork?.planId !== planId) this.lastWork = { planId, items: this.readWork(planId) };
    return this.lastWork.items;
  }

  private lastWork?: { planId: string; items: WorkItem[] };

  private readWork(planId: string): WorkItem[] {
    const tasks = this.tasks(planId);
    const latest = this.latest();
    const rows = this.sqlite
      .prepare(
        `select a.id, a.task_id, a.agency_id from assignments a join tasks t on t.id = a.task_id
         where t.plan_id = ? and a.role = 'lead' and a.archived_at is null and t.archived_at is null
         order by t.position, a.agency_id`,
      )
      .raw()
      .all(planId) as [number, number, string][];
    const out: WorkItem[] = [];
    for (const [assignmentId, taskId, agencyId] of rows) {
      const t = tasks.get(taskId);
      if (!t) continue;
      out.push({
        assignmentId,
        taskId,
        planId,
        agencyId,
        role: "lead",
        ref: t.ref,
        title: t.title,
        section: t.section,
        kind: t.kind,
        due: t.due,
        indicative: t.indicative,
        milestones: t.milestones,
        status: latest.get(assignmentId) ?? null,
      });
    }
    return out;
  }

  private closedPartnersCache?: Map<string, number>;

  /** Partner assignments closed by their latest report, by "plan|agency", read once for all plans. */
  private closedPartners(): Map<string, number> {
    if (this.closedPartnersCache) return this.closedPartnersCache;
    const rows = this.sqlite
      .prepare(
        `select a.id, t.plan_id, a.agency_id from assignments a join tasks t on t.id = a.task_id
         where a.id in (select assignment_id from reports) and a.role = 'partner'
           and a.archived_at is null and t.archived_at is null and t.deadline_kind <> 'recurring'`,
      )
      .raw()
      .all() as [number, string, string][];
    const latest = this.latest();
    const closed = new Map<string, number>();
    for (const [id, planId, agencyId] of rows) {
      const status = latest.get(id);
      if (status && CLOSED.has(status))
        closed.set(`${planId}|${agencyId}`, (closed.get(`${planId}|${agencyId}`) ?? 0) + 1);
    }
    this.closedPartnersCache = closed;
    return closed;
  }

  /**
   * Open partner assignments per agency in a plan (counted, not listed: the opening message
   * names only leads): a count in SQL, minus those closed by their latest report.
   */
  partnerCounts(planId: string): Map<string, number> {
    const rows = this.sqlite
      .prepare(
        `select a.agency_id, count(*) from assignments a join tasks t on t.id = a.task_id
         where t.plan_id = ? and a.role = 'partner' and a.archived_at is null and t.archived_at is null
         group by a.agency_id`,
      )
      .raw()
      .all(planId) as [string, number][];
    const closed = this.closedPartners();
    return new Map(rows.map(([agencyId, n]) => [agencyId, n - (closed.get(`${planId}|${agencyId}`) ?? 0)]));
  }

  /** Assignment ids with a current (not superseded) report in the period. */
  reportedIn(period: string, planId: string): Set<number> {
    const key = `${planId}|${period}`;
    let hit = this.reportedCache.get(key);
    if (!hit) {
      hit = this.readReportedIn(period, planId);
      this.reportedCache.set(key, hit);
    }
    return hit;
  }

  private readonly reportedCache = new Map<string, Set<number>>();

  private readReportedIn(period: string, planId: string): Set<number> {
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
  return groupBy(work, (w) => (w.role !== "lead" || isClosed(w) ? undefined : w.agencyId));
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
