import { groupBy } from "../collections.ts";
import { isClosed } from "../domain/closed.ts";
import type { Store } from "../store/index.ts";
import type { Recipient, WorkItem } from "../store/snapshot.ts";
import type { FrequentSnooze } from "../store/snoozes.ts";
import { type Away, awayOf } from "./leave-routing.ts";
import { byAssignment, SNOOZES_TOLD_TO_HEAD } from "./snooze-lines.ts";

export type { Recipient, WorkItem };
// Re-exported for the commands and reports that read a snapshot; defined in domain/closed.ts.
export { isClosed };

interface Shared {
  names: Map<string, string>;
  kinds: Map<string, string>;
  /** Not read for one plan's page (`onePlan`): every reachable chat in the country, leaves, snoozes. */
  recipients?: Map<string, Recipient[]>;
  away?: Away;
  snoozes?: Map<number, FrequentSnooze[]>;
}

/**
 * What the rules read, loaded from the store up front (a handful of set-based queries, never one
 * per agency) so that the rules run synchronously on it. Each read must be loaded before it is
 * asked: a read not loaded throws, since answering it would need the database.
 */
export class Snapshot {
  private shared?: Shared;
  private planList?: { id: string; title: string }[];
  private latest?: Map<number, string>;
  private lastWork?: { planId: string; items: WorkItem[] };
  private closedPartners?: Map<string, number>;
  private readonly partners = new Map<string, Map<string, number>>();
  /** By period, then plan: a period's reports are read once for all plans. */
  private readonly reported = new Map<string, Map<string, Set<number>>>();

  constructor(private readonly store: Store) {}

  /**
   * Loads the reads asked for (and keeps what was loaded before); resolves to the snapshot.
   * `onePlan` is for a reader of one plan at a time (the web console): statuses and reports of
   * that plan only, and no recipients, where a tick reads each once for every plan.
   */
  async load(need: {
    shared?: boolean;
    plans?: boolean;
    plan?: string;
    periods?: string[];
    onePlan?: boolean;
  }): Promise<this> {
    if (need.shared) await (need.onePlan ? this.loadNames() : this.loadShared());
    if (need.plans) await this.loadPlans();
    if (need.plan && need.onePlan) await this.loadOnePlan(need.plan, need.periods ?? []);
    else if (need.plan) {
      await this.loadWork(need.plan);
      await this.loadReported(need.plan, need.periods ?? []);
    }
    return this;
  }

  /** Agency names and kinds, and reachable recipients: what every message composer reads. */
  async loadShared(): Promise<void> {
    if (this.shared?.recipients) return;
    const recipients = await this.store.snapshot.recipients();
    this.shared = {
      ...(await this.store.snapshot.agencyDirectory()),
      recipients,
      away: awayOf(await this.store.leave.spans(), recipients),
      snoozes: byAssignment(await this.store.snoozes.frequent(SNOOZES_TOLD_TO_HEAD)),
    };
  }

  private async loadNames(): Promise<void> {
    this.shared ??= await this.store.snapshot.agencyDirectory();
  }

  private async loadOnePlan(planId: string, periods: string[]): Promise<void> {
    if (this.lastWork?.planId !== planId) {
      const latest = await this.store.snapshot.latestStatusesOf(planId);
      this.lastWork = { planId, items: await this.store.snapshot.work(planId, latest) };
    }
    for (const period of periods) {
      const byPlan = this.reported.get(period) ?? new Map<string, Set<number>>();
      if (!byPlan.has(planId)) byPlan.set(planId, await this.store.snapshot.reportedIn(period, planId));
      this.reported.set(period, byPlan);
    }
  }

  async loadPlans(): Promise<void> {
    this.planList ??= await this.store.snapshot.plans();
  }

  /**
   * A plan's live lead work. Only the last plan is kept: a tick goes plan by plan, and all plans'
   * work at once would raise its peak memory. The latest statuses are read once for all plans.
   */
  async loadWork(planId: string): Promise<void> {
    if (this.lastWork?.planId === planId) return;
    this.latest ??= await this.store.snapshot.latestStatuses();
    this.lastWork = { planId, items: await this.store.snapshot.work(planId, this.latest) };
  }

  async loadPartnerCounts(planId: string): Promise<void> {
    if (this.partners.has(planId)) return;
    this.latest ??= await this.store.snapshot.latestStatuses();
    this.closedPartners ??= await this.store.snapshot.closedPartners(this.latest);
    // Every plan's at once: a tick asks for each plan in turn.
    const all = await this.store.snapshot.partnerCountsByPlan(this.closedPartners);
    for (const [id, counts] of all) this.partners.set(id, counts);
    if (!this.partners.has(planId)) this.partners.set(planId, new Map());
  }

  async loadReported(planId: string, periods: Iterable<string>): Promise<void> {
    void planId; // every plan's reports are loaded with the period
    for (const period of periods) {
      if (!this.reported.has(period))
        this.reported.set(period, await this.store.snapshot.reportedByPlan(period));
    }
  }

  /** Reachable recipients by agency and role (coordinators under the key "*"). */
  recipients(): Map<string, Recipient[]> {
    return this.loaded(this.shared?.recipients, "recipients");
  }

  /** Who is on leave when (engine/leave-routing.ts). */
  away(): Away {
    return this.loaded(this.shared?.away, "leaves");
  }

  /** Who put an assignment off often enough for the head to be told. */
  frequentSnoozes(): Map<number, FrequentSnooze[]> {
    return this.loaded(this.shared?.snoozes, "snoozes");
  }

  agencyNames(): Map<string, string> {
    return this.loaded(this.shared, "shared reads").names;
  }

  agencyKinds(): Map<string, string> {
    return this.loaded(this.shared, "shared reads").kinds;
  }

  plans(): { id: string; title: string }[] {
    return this.loaded(this.planList, "plans");
  }

  /**
   * Every live lead assignment of a plan with its task and latest status, in the document's
   * order. Only leads: reminders, completeness and digests are about what an agency leads,
   * and reading the partners too (three in four rows at national scale) would double a tick.
   */
  work(planId: string): WorkItem[] {
    const last = this.lastWork?.planId === planId ? this.lastWork : undefined;
    return this.loaded(last, `work of ${planId}`).items;
  }

  /**
   * Open partner assignments per agency in a plan (counted, not listed: the opening message
   * names only leads): a count in SQL, minus those closed by their latest report.
   */
  partnerCounts(planId: string): Map<string, number> {
    return this.loaded(this.partners.get(planId), `partner counts of ${planId}`);
  }

  /** Assignment ids with a current (not superseded) report in the period. */
  reportedIn(period: string, planId: string): Set<number> {
    const byPlan = this.loaded(this.reported.get(period), `reports of ${planId} in ${period}`);
    const ids = byPlan.get(planId) ?? new Set<number>();
    byPlan.set(planId, ids);
    return ids;
  }

  private loaded<T>(value: T | undefined, what: string): T {
    if (value === undefined) throw new Error(`snapshot: ${what} not loaded`);
    return value;
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
