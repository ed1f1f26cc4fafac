import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  doublePrecision,
  index,
  integer,
  json,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import { agencyKinds, deadlineKinds, type YearValue } from "../schema/catalog.ts";

/**
 * The catalog for PostgreSQL, column for column the SQLite one (src/db/schema/catalog.ts; the
 * parity test holds them together). Values keep the SQLite representation so one store serves
 * both: instants and dates as ISO text, ids as 32-bit integers (node-postgres returns numbers for
 * them, strings for bigint), JSON as `json` (kept as written, like SQLite's text), enums as text.
 * Ids are identities "by default" so `db copy` can carry them over and then move the sequence.
 */

export const plans = pgTable("plans", {
  id: text("id").primaryKey(),
  title: text("title").notNull(),
  sourceName: text("source_name").notNull(),
  contentHash: text("content_hash").notNull(),
  importedAt: text("imported_at").notNull(),
});

export const sections = pgTable(
  "sections",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
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

export const agencies = pgTable("agencies", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  kind: text("kind", { enum: agencyKinds }).notNull(),
  needsReview: boolean("needs_review").notNull().default(false),
});

export const agencyGroups = pgTable("agency_groups", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
});

export const aliases = pgTable(
  "aliases",
  {
    key: text("key").primaryKey(),
    alias: text("alias").notNull(),
    agencyId: text("agency_id").references(() => agencies.id, { onDelete: "cascade" }),
    groupId: text("group_id").references(() => agencyGroups.id, { onDelete: "cascade" }),
  },
  (t) => [check("alias_owner", sql`(${t.agencyId} is null) <> (${t.groupId} is null)`)],
);

export const groupMembers = pgTable(
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

export const tasks = pgTable(
  "tasks",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
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
    dueDate: text("due_date"),
    indicative: boolean("indicative").notNull().default(false),
    condition: text("condition"),
    quota: json("quota").$type<{ count: number; per: string; item: string }>(),
    milestones: json("milestones").$type<string[]>(),
    startDate: text("start_date"),
    every: text("every", { enum: ["year"] }),
    notes: json("notes").$type<{ header: string; text: string }[]>(),
    dueOverride: text("due_override"),
    archivedAt: text("archived_at"),
  },
  (t) => [uniqueIndex("tasks_plan_ref").on(t.planId, t.ref), index("tasks_due").on(t.dueDate)],
);

const partyColumns = () => ({
  taskId: integer("task_id")
    .notNull()
    .references(() => tasks.id, { onDelete: "cascade" }),
  position: integer("position").notNull(),
  agencyId: text("agency_id").references(() => agencies.id),
  groupId: text("group_id").references(() => agencyGroups.id),
});
export const taskLeads = pgTable("task_leads", partyColumns(), (t) => [
  primaryKey({ columns: [t.taskId, t.position] }),
]);
export const taskPartners = pgTable("task_partners", partyColumns(), (t) => [
  primaryKey({ columns: [t.taskId, t.position] }),
]);

export const targets = pgTable(
  "targets",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
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
    target2026Value: doublePrecision("target_2026_value"),
    target2030Text: text("target_2030_text").notNull(),
    target2030Op: text("target_2030_op"),
    target2030Value: doublePrecision("target_2030_value"),
    otherYears: json("other_years").$type<YearValue[]>(),
    archivedAt: text("archived_at"),
  },
  (t) => [uniqueIndex("targets_plan_ref").on(t.planId, t.ref)],
);

export const targetTrackers = pgTable(
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

export const assignments = pgTable(
  "assignments",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
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
    index("assignments_task_role").on(t.taskId, t.role, t.archivedAt, t.agencyId),
  ],
);
