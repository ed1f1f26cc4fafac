import type Database from "better-sqlite3";
import { groupBy } from "../collections.ts";
import { isClosed, isClosedStatus } from "../domain/closed.ts";
import { type ReachableChat, reachableChats } from "../people/reachable.ts";
import { readLatestStatuses, readLeadWork, type WorkItem } from "./work-items.ts";

export type { WorkItem };
// Re-exported for the commands and reports that read a snapshot; defined in domain/closed.ts.
export { isClosed };

/** One person's reachable chat, the unit a message is addressed to. */
export type Recipient = Omit<ReachableChat, "role">;

/** Reads what the rules need in a handful of set-based queries, never one query per agency. */
export class Snapshot {
  constructor(private readonly sqlite: Database.Database) {}

  /** Reachable recipients by agency and role (coordinators under the key "*"). */
  recipients(): Map<string, Recipient[]> {
    const map = new Map<string, Recipient[]>();
    for (const { role, ...r } of reachableChats(this.sqlite)) {
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
    this.latestCache ??= readLatestStatuses(this.sqlite);
    return this.latestCache;
  }

  /**
   * Every live lead assignment of a plan with its task and latest status, in the document's
   * order. Only leads: reminders, completeness and digests are about what an agency leads,
   * and reading the partners too (three in four rows at national scale) would double a tick.
   */
  work(planId: string): WorkItem[] {
    // A tick's digests and their charts ask again for each subscription. Only the last plan is
    // kept: a tick goes plan by plan, and all plans' work at once would raise its peak memory.
    if (this.lastWork?.planId !== planId)
      this.lastWork = { planId, items: readLeadWork(this.sqlite, planId, this.latest()) };
    return this.lastWork.items;
  }

  private lastWork?: { planId: string; items: WorkItem[] };

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
      if (isClosedStatus(status))
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
