import { and, eq, isNull } from "drizzle-orm";
import { buildCore, type Core } from "../../src/core.ts";
import { assignments, reports, tasks } from "../../src/db/schema.ts";
import { runTick } from "../../src/engine/tick.ts";
import { addContact, type NewContact } from "../../src/people/contacts.ts";
import { config, seededDatabase } from "./db.ts";
import { sqliteOf } from "./engine-choice.ts";

/** The shipped plan with a small cast: two agencies' focal points and heads, a coordinator, a group. */
export async function engineFixture(env: Partial<typeof config> = {}) {
  const database = seededDatabase();
  const core: Core = buildCore({ ...config, ...env, DB_PATH: database.path }, database);
  const { store } = core;
  const link = async (input: NewContact) => (await addContact(store, input)).id;
  const people = {
    ytFocal: await link({ agency: "so-y-te", role: "focal", chat: "tg:1001", name: "Đầu mối Y tế" }),
    ytHead: await link({ agency: "so-y-te", role: "head", chat: "tg:1002", name: "Giám đốc Y tế" }),
    vpFocal: await link({ agency: "van-phong-ubnd-tinh", role: "focal", chat: "tg:3001", lang: "en" }),
    coordinator: await link({ agency: "cong-an-tinh", role: "coordinator", chat: "tg:2001", name: "PC06" }),
  };
  // The group that gets the plan's digest.
  await store.chats.subscribe(
    { chatId: "tg:-500", planId: database.planId, scope: { kind: "plan" }, lang: "vi" },
    new Date().toISOString(),
  );
  const tick = async (iso: string) => {
    const r = await runTick(core, new Date(iso));
    return core.outbox.list({ ids: r.ids });
  };
  return { core, database, people, tick, planId: database.planId };
}

/** Files a current report for every open lead assignment of an agency in a period. */
export function reportAll(core: Core, agencyId: string, period: string, status = "in_progress") {
  const { db } = sqliteOf(core);
  const rows = db
    .select({ id: assignments.id, taskId: assignments.taskId })
    .from(assignments)
    .innerJoin(tasks, eq(tasks.id, assignments.taskId))
    .where(
      and(
        eq(assignments.agencyId, agencyId),
        eq(assignments.role, "lead"),
        isNull(assignments.archivedAt),
        isNull(tasks.archivedAt),
      ),
    )
    .all();
  for (const r of rows)
    db.insert(reports)
      .values({
        assignmentId: r.id,
        taskId: r.taskId,
        agencyId,
        period,
        status: status as never,
        percent: 50,
        submittedAt: `${period}-28T03:00:00.000Z`,
      })
      .run();
  return rows.length;
}
