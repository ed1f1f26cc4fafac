import { sql } from "drizzle-orm";
import {
  check,
  index,
  integer,
  primaryKey,
  real,
  sqliteTable,
  text,
  uniqueIndex,
} from "drizzle-orm/sqlite-core";

/**
 * The catalog: what the plan says. Later tables (contacts, reports, outbox) point at
 * `tasks.id` and `assignments.id`, which survive re-imports because rows are matched by
 * (plan, ref) and (task, agency) and archived rather than deleted.
 */

export const plans = sqliteTable("plans", {
  id: text("id").primaryKey(),
  title: text("title").notNull(),
  sourceName: text("source_name").notNull(),
  contentHash: text("content_hash").notNull(),
  importedAt: text("imported_at").notNull(),
});

export const sections = sqliteTable(
  "sections",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    planId: text("plan_id")
      .notNull()
      .references(() => plans.id),
    annex: text("annex", { enum: ["targets", "tasks"] }).notNull(),
    numeral: text("numeral").notNull(),
    title: text("title").notNull(),
    position: integer("position").notNull(),
  },
  (t) => [uniqueIndex("sections_plan_annex_numeral").on(t.planId, t.annex, t.numeral)],
);

export const agencyKinds = [
  "department",
  "sector",
  "commune",
  "ward",
  "enterprise",
  "external",
  "other",
] as const;
export type AgencyKind = (typeof agencyKinds)[number];

export const agencies = sqliteTable("agencies", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  kind: text("kind", { enum: agencyKinds }).notNull(),
  /** Created from an unknown name by `plan import --new-agencies`: to be checked in the directory. */
  needsReview: integer("needs_review", { mode: "boolean" }).notNull().default(false),
});

/** Group phrases ("các sở, ngành tỉnh") resolve to groups; their members come from the operator's CSV. */
export const agencyGroups = sqliteTable("agency_groups", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
});

/** Every spelling the plan uses, for agencies and groups alike; `key` is the matching form. */
export const aliases = sqliteTable(
  "aliases",
  {
    key: text("key").primaryKey(),
    alias: text("alias").notNull(),
    agencyId: text("agency_id").references(() => agencies.id, { onDelete: "cascade" }),
    groupId: text("group_id").references(() => agencyGroups.id, { onDelete: "cascade" }),
  },
  (t) => [check("alias_owner", sql`(${t.agencyId} is null) <> (${t.groupId} is null)`)],
);

export const groupMembers = sqliteTable(
  "group_members",
  {
    groupId: text("group_id")
      .notNull()
      .references(() => agencyGroups.id, { onDelete: "cascade" }),
    agencyId: text("agency_id")
      .notNull()
      .references(() => agencies.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.groupId, t.agencyId] }), index("group_members_agency").on(t.agencyId)],
);

export const deadlineKinds = [
  "month",
  "quarter",
  "year",
  "recurring",
  "dependent",
  "milestones",
  "date",
  "range",
  "none",
] as const;
export type DeadlineKind = (typeof deadlineKinds)[number];

export const tasks = sqliteTable(
  "tasks",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    planId: text("plan_id")
      .notNull()
      .references(() => plans.id),
    ref: text("ref").notNull(),
    sectionId: integer("section_id")
      .notNull()
      .references(() => sections.id),
    number: text("number").notNull(),
    position: integer("position").notNull(),
    title: text("title").notNull(),
    output: text("output").notNull(),
    deadlineKind: text("deadline_kind", { enum: deadlineKinds }).notNull(),
    deadlineText: text("deadline_text").notNull(),
    /** From the document; null for recurring tasks and for dependent ones with no date in brackets. */
    dueDate: text("due_date"),
    indicative: integer("indicative", { mode: "boolean" }).notNull().default(false),
    condition: text("condition"),
    quota: text("quota", { mode: "json" }).$type<{ count: number; per: string; item: string }>(),
    milestones: text("milestones", { mode: "json" }).$type<string[]>(),
    /** The first day of a range ("Quý IV/2025 - Quý II/2026"), or of an open-ended recurring task. */
    startDate: text("start_date"),
    /** "year" for "Hằng năm"; null for monthly-reported recurring tasks ("Thường xuyên"). */
    every: text("every", { enum: ["year"] }),
    /** Columns the reader could not place ("Nguồn kinh phí"…), kept as written. */
    notes: text("notes", { mode: "json" }).$type<{ header: string; text: string }[]>(),
    /** Set by a coordinator (/setdue); wins over `dueDate` and survives re-imports. */
    dueOverride: text("due_override"),
    archivedAt: text("archived_at"),
  },
  (t) => [uniqueIndex("tasks_plan_ref").on(t.planId, t.ref), index("tasks_due").on(t.dueDate)],
);

/** Leads and partners as printed: each row names an agency or a group, in the document's order. */
const partyColumns = {
  taskId: integer("task_id")
    .notNull()
    .references(() => tasks.id, { onDelete: "cascade" }),
  position: integer("position").notNull(),
  agencyId: text("agency_id").references(() => agencies.id),
  groupId: text("group_id").references(() => agencyGroups.id),
};
export const taskLeads = sqliteTable("task_leads", partyColumns, (t) => [
  primaryKey({ columns: [t.taskId, t.position] }),
]);
export const taskPartners = sqliteTable("task_partners", partyColumns, (t) => [
  primaryKey({ columns: [t.taskId, t.position] }),
]);

export const targets = sqliteTable(
  "targets",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    planId: text("plan_id")
      .notNull()
      .references(() => plans.id),
    ref: text("ref").notNull(),
    sectionId: integer("section_id")
      .notNull()
      .references(() => sections.id),
    number: text("number").notNull(),
    position: integer("position").notNull(),
    title: text("title").notNull(),
    unit: text("unit").notNull(),
    target2026Text: text("target_2026_text").notNull(),
    target2026Op: text("target_2026_op"),
    target2026Value: real("target_2026_value"),
    target2030Text: text("target_2030_text").notNull(),
    target2030Op: text("target_2030_op"),
    target2030Value: real("target_2030_value"),
    /** Values for years other than 2026 and 2030 (a 2021–2025 plan, "Đến năm 2028"), as written. */
    otherYears: text("other_years", { mode: "json" }).$type<YearValue[]>(),
    archivedAt: text("archived_at"),
  },
  (t) => [uniqueIndex("targets_plan_ref").on(t.planId, t.ref)],
);

export interface YearValue {
  year: number;
  text: string;
  op: string | null;
  value: number | null;
}

export const targetTrackers = sqliteTable(
  "target_trackers",
  {
    targetId: integer("target_id")
      .notNull()
      .references(() => targets.id, { onDelete: "cascade" }),
    position: integer("position").notNull(),
    agencyId: text("agency_id").references(() => agencies.id),
    groupId: text("group_id").references(() => agencyGroups.id),
  },
  (t) => [primaryKey({ columns: [t.targetId, t.position] })],
);

/** One row per task and responsible agency, groups expanded; what reminders and reports hang on. */
export const assignments = sqliteTable(
  "assignments",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    taskId: integer("task_id")
      .notNull()
      .references(() => tasks.id),
    agencyId: text("agency_id")
      .notNull()
      .references(() => agencies.id),
    role: text("role", { enum: ["lead", "partner"] }).notNull(),
    viaGroupId: text("via_group_id").references(() => agencyGroups.id),
    archivedAt: text("archived_at"),
    /** An approved extension for this agency alone; wins over the task's dates (extension_requests). */
    dueOverride: text("due_override"),
  },
  (t) => [
    uniqueIndex("assignments_task_agency").on(t.taskId, t.agencyId),
    index("assignments_agency").on(t.agencyId),
    // Covers the engine's per-plan reads of leads and partners without touching the table.
    index("assignments_task_role").on(t.taskId, t.role, t.archivedAt, t.agencyId),
  ],
);
