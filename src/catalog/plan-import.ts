import { createHash } from "node:crypto";
import { basename, extname } from "node:path";
import { UserError } from "../errors.ts";
import type { AuditActor, Store } from "../store/index.ts";
import { slugify } from "../text/normalize.ts";
import { Gazetteer } from "./gazetteer.ts";
import { buildReport, type ImportReport } from "./import-report.ts";
import { createAgencies } from "./new-agencies.ts";
import { PlanFormatError } from "./plan-format-error.ts";
import { type ParsedPlan, parsePlan } from "./plan-parser.ts";
import { writePlan } from "./plan-write.ts";
import type { ItemCounts } from "./reconcile.ts";
import { type PlanSource, readPlanSource, readTextSource } from "./source/index.ts";
import { readText, type SourceItem } from "./source/text.ts";

export type { ItemCounts } from "./reconcile.ts";
export interface PlanImportSummary {
  planId: string;
  title: string;
  tasks: ItemCounts;
  targets: ItemCounts;
  report: ImportReport;
  dryRun: boolean;
}

export interface ImportOptions {
  /** Fail on a deadline no rule reads instead of importing the task with no date. */
  strict?: boolean;
  /** Create the names no directory knows (kind "other", flagged for review). */
  newAgencies?: boolean;
  /** Work everything out, report it, and write nothing. */
  dryRun?: boolean;
  /** Let an import archive more than half of a live plan, or leave it with no tasks or targets. */
  allowArchive?: boolean;
  /** Who imports: the import is recorded in the audit trail, in its own transaction (never on a dry run). */
  audit?: AuditActor;
}

export async function loadGazetteer(store: Store): Promise<Gazetteer> {
  return new Gazetteer(await store.catalog.aliasRows());
}

export function planIdFor(file: string): string {
  return slugify(basename(file, extname(file)));
}

/** Reads a text or Markdown plan file and imports it; see importPlan. */
export function importPlanFile(
  store: Store,
  file: string,
  planId = planIdFor(file),
  opts: ImportOptions = {},
) {
  return importSource(store, readTextSource(file), { planId, sourceName: basename(file) }, opts);
}

/** Reads a plan file of any supported format (.docx, .xlsx, text, Markdown) and imports it. */
export async function importAnyPlanFile(
  store: Store,
  file: string,
  planId = planIdFor(file),
  opts: ImportOptions = {},
) {
  return importSource(store, await readPlanSource(file), { planId, sourceName: basename(file) }, opts);
}

/** Imports a plan given as text (tab-separated export or Markdown). */
export function importPlan(
  store: Store,
  input: { planId: string; text: string; sourceName: string },
  opts: ImportOptions = {},
  now = new Date().toISOString(),
): Promise<PlanImportSummary> {
  const source = { items: readText(input.text), bytes: Buffer.from(input.text, "utf8") };
  return importSource(store, source, input, opts, now);
}

class DryRun extends Error {
  constructor(readonly summary: PlanImportSummary) {
    super("dry run");
  }
}

/**
 * Parses first, then writes in one transaction: a document that fails anywhere, an import the
 * guard refuses, and a dry run all leave the database exactly as it was.
 */
export async function importSource(
  store: Store,
  source: PlanSource,
  input: { planId: string; sourceName: string },
  opts: ImportOptions = {},
  now = new Date().toISOString(),
): Promise<PlanImportSummary> {
  let parsed = await parse(store, source.items, input.sourceName, opts);
  if (parsed.unknown.length > 0 && !opts.newAgencies && !opts.dryRun) {
    const names = [...new Set(parsed.unknown.map((u) => u.name))];
    throw new UserError("err-plan-unknown-agencies", {
      file: input.sourceName,
      count: names.length,
      names: names.slice(0, 5).join("; "),
      line: parsed.unknown[0]?.line ?? 0,
    });
  }
  const hash = createHash("sha256").update(source.bytes).digest("hex");
  try {
    return await store.transaction(async (tx) => {
      await tx.catalog.lockForImport();
      const { planId } = input;
      const live = await tx.catalog.liveCounts(planId);
      const unknown = parsed.unknown;
      let created: string[] = [];
      if (unknown.length > 0 && opts.newAgencies) {
        created = await createAgencies(tx, unknown);
        parsed = { ...(await parse(tx, source.items, input.sourceName, opts)), unknown };
      }
      const counts = await writePlan(tx, { planId, sourceName: input.sourceName, hash }, parsed, now);
      if (!opts.allowArchive) guard(input.sourceName, live, parsed, counts);
      await tx.catalog.syncAssignments(planId, now);
      const summary: PlanImportSummary = {
        planId,
        title: parsed.title,
        ...counts,
        report: await buildReport(tx, planId, parsed, created),
        dryRun: opts.dryRun === true,
      };
      if (opts.dryRun) throw new DryRun(summary);
      if (opts.audit)
        await tx.audit.record({
          ...opts.audit,
          at: new Date(now),
          ...importRecord(summary, input.sourceName),
        });
      return summary;
    });
  } catch (e) {
    if (e instanceof DryRun) return e.summary;
    throw e;
  }
}

async function parse(
  store: Store,
  items: SourceItem[],
  file: string,
  opts: ImportOptions,
): Promise<ParsedPlan> {
  const gazetteer = await loadGazetteer(store);
  try {
    return parsePlan(items, gazetteer, { strict: opts.strict });
  } catch (e) {
    if (e instanceof PlanFormatError) {
      throw new UserError(`plan-format-${e.reason}`, {
        ...e.args,
        file,
        line: e.line,
        text: e.text.slice(0, 200),
      });
    }
    throw e;
  }
}

/**
 * A document that lost its tables (tabs stripped, the wrong file) reads as an empty plan and
 * would archive everything the bot reminds about: refuse unless the operator says so.
 */
function guard(
  file: string,
  live: { tasks: number; targets: number },
  parsed: ParsedPlan,
  counts: { tasks: ItemCounts; targets: ItemCounts },
): void {
  if (parsed.tasks.length === 0) throw new UserError("err-plan-no-tasks", { file });
  if (parsed.targets.length === 0 && live.targets > 0)
    throw new UserError("err-plan-no-targets", { file, live: live.targets });
  for (const kind of ["tasks", "targets"] as const) {
    const archived = counts[kind].archived;
    if (live[kind] > 0 && archived * 2 > live[kind]) {
      throw new UserError(kind === "tasks" ? "err-plan-archive-tasks" : "err-plan-archive-targets", {
        file,
        archived,
        live: live[kind],
      });
    }
  }
}

/** What the audit trail keeps of an import: the file and the counts, not the plan's text. */
function importRecord(s: PlanImportSummary, sourceName: string) {
  const { tasks, targets } = s;
  return {
    action: "plan.import",
    targetKind: "plan",
    targetId: s.planId,
    after: { file: sourceName, tasks, targets },
  };
}
