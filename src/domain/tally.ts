/**
 * On-time tallies (issue 17, part 5): each lead assignment of a task with a date is completed on
 * time, completed late, unfinished within its deadline, or unfinished past it, as provincial
 * reports to the Government count them. Pure: the store hands over the rows (store/tallies.ts).
 *
 * The rules, decided here once:
 * - Completion is the first report saying "done" of the last unbroken run of "done" reports, in the
 *   order they were submitted, superseded rows included (an edit of a "done" report keeps the
 *   first date). A later report saying anything else reopens the assignment: it is unfinished
 *   until a new "done", whose date then counts. So a "done" typed by mistake and corrected does
 *   not count as a completion.
 * - It is on time when its local day (Asia/Ho_Chi_Minh) is on or before the deadline in force at
 *   the instant of that report; the deadline day itself is on time.
 * - The deadline in force at an instant: the latest change for this assignment made by then; if
 *   none, the latest task-wide change made by then; if none, the original due. An agency's own
 *   extension therefore outlives a later task-wide change, as `assignments.due_override` wins over
 *   the task's date.
 * - Outside the tally: recurring tasks and tasks evaluated at yearly milestones (they never
 *   complete once), tasks with no date, and assignments whose latest report says not applicable.
 */
import { TZDate } from "@date-fns/tz";
import { DEFAULT_TIME_ZONE } from "./working-time.ts";

export const TALLY_OUTCOMES = ["doneOnTime", "doneLate", "openInTime", "openLate"] as const;
export type TallyOutcome = (typeof TALLY_OUTCOMES)[number];
export type OutsideReason = "recurring" | "undated" | "notApplicable";

export interface DueChange {
  /** Null: the change applies to every agency of the task. */
  assignmentId: number | null;
  taskId: number;
  /** "YYYY-MM-DD". */
  newDue: string;
  /** ISO instant. */
  changedAt: string;
}

export interface TallyReport {
  status: string;
  /** ISO instant. */
  submittedAt: string;
}

export interface TallyItem {
  assignmentId: number;
  taskId: number;
  agencyId: string;
  section: string;
  kind: string;
  /** The due date before any change in `changes`, "YYYY-MM-DD"; null for a task with no date. */
  due: string | null;
  /** Every report of the assignment, superseded ones too, in the order submitted. */
  reports: TallyReport[];
}

export interface TallyInput {
  items: TallyItem[];
  changes: DueChange[];
}

export type TallyCounts = Record<TallyOutcome, number> & { outside: number };

export interface Tally {
  total: TallyCounts;
  /** By agency id, in the order the items come. */
  byAgency: Map<string, TallyCounts>;
  /** Outside the tally, by reason (all agencies). */
  outside: Record<OutsideReason, number>;
}

export interface TallyWhen {
  /** The instant the tally is taken at: reports after it are not read. */
  at: Date;
  /** The day unfinished work is judged against; the local day of `at` by default. */
  day?: string;
  timeZone?: string;
}

export function emptyCounts(): TallyCounts {
  return { doneOnTime: 0, doneLate: 0, openInTime: 0, openLate: 0, outside: 0 };
}

const dayFormats = new Map<string, Intl.DateTimeFormat>();

/** The local day of an instant; Intl's "en-CA" writes YYYY-MM-DD, and is many times faster than date-fns here. */
function localDay(instant: string | Date, zone: string): string {
  let f = dayFormats.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-CA", {
      timeZone: zone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
    });
    dayFormats.set(zone, f);
  }
  return f.format(new Date(instant));
}

/** The last instant of a local day, for a tally "as of" that day. */
export function endOfLocalDay(day: string, timeZone = DEFAULT_TIME_ZONE): Date {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  return new Date(new TZDate(y, m - 1, d + 1, 0, 0, 0, timeZone).getTime() - 1);
}

/** The deadline of an item in force at an instant (see the rules above). */
export function dueInForce(
  item: Pick<TallyItem, "assignmentId" | "taskId" | "due">,
  changes: DueChange[],
  at: Date,
) {
  const t = at.getTime();
  const latest = (own: (c: DueChange) => boolean) =>
    changes
      .filter((c) => c.taskId === item.taskId && own(c) && Date.parse(c.changedAt) <= t)
      .reduce<DueChange | undefined>(
        (best, c) => (!best || Date.parse(c.changedAt) >= Date.parse(best.changedAt) ? c : best),
        undefined,
      );
  const change =
    latest((c) => c.assignmentId === item.assignmentId) ?? latest((c) => c.assignmentId === null);
  return change?.newDue ?? item.due;
}

/** When the assignment was completed, as of `at`: the start of its last run of "done" reports. */
export function completedAt(reports: TallyReport[], at: Date): string | undefined {
  let since: string | undefined;
  for (const r of reports) {
    if (Date.parse(r.submittedAt) > at.getTime()) continue;
    if (r.status !== "done") since = undefined;
    else since ??= r.submittedAt;
  }
  return since;
}

function latestStatus(reports: TallyReport[], at: Date): string | undefined {
  return reports.filter((r) => Date.parse(r.submittedAt) <= at.getTime()).at(-1)?.status;
}

/** One item's outcome, or why it is outside the tally. */
export function classify(
  item: TallyItem,
  changes: DueChange[],
  when: TallyWhen,
): { outcome: TallyOutcome } | { outside: OutsideReason } {
  const zone = when.timeZone ?? DEFAULT_TIME_ZONE;
  if (item.kind === "recurring" || item.kind === "milestones") return { outside: "recurring" };
  if (latestStatus(item.reports, when.at) === "not_applicable") return { outside: "notApplicable" };
  const done = completedAt(item.reports, when.at);
  const due = dueInForce(item, changes, done ? new Date(done) : when.at);
  if (!due) return { outside: "undated" };
  if (done) return { outcome: localDay(done, zone) <= due ? "doneOnTime" : "doneLate" };
  const today = when.day ?? localDay(when.at, zone);
  return { outcome: today <= due ? "openInTime" : "openLate" };
}

/** The four counts per agency and in total. */
export function tally(input: TallyInput, when: TallyWhen): Tally {
  const result: Tally = {
    total: emptyCounts(),
    byAgency: new Map(),
    outside: { recurring: 0, undated: 0, notApplicable: 0 },
  };
  for (const item of input.items) {
    const counts = result.byAgency.get(item.agencyId) ?? emptyCounts();
    result.byAgency.set(item.agencyId, counts);
    const c = classify(item, input.changes, when);
    if ("outcome" in c) {
      counts[c.outcome]++;
      result.total[c.outcome]++;
    } else {
      counts.outside++;
      result.total.outside++;
      result.outside[c.outside]++;
    }
  }
  return result;
}

/** Items counted in the tally (the four outcomes). */
export function counted(c: TallyCounts): number {
  return c.doneOnTime + c.doneLate + c.openInTime + c.openLate;
}
