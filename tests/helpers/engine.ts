import { buildCore, type Core } from "../../src/core.ts";
import { runTick } from "../../src/engine/tick.ts";
import { addContact } from "../../src/people/contacts.ts";
import { config, seededDatabase } from "./db.ts";

/** The shipped plan with a small cast: two agencies' focal points and heads, a coordinator, a group. */
export function engineFixture(env: Partial<typeof config> = {}) {
  const database = seededDatabase();
  const core: Core = buildCore({ ...config, ...env, DB_PATH: database.path }, database);
  const { db } = database;
  const people = {
    ytFocal: addContact(db, { agency: "so-y-te", role: "focal", chat: "tg:1001", name: "Đầu mối Y tế" }).id,
    ytHead: addContact(db, { agency: "so-y-te", role: "head", chat: "tg:1002", name: "Giám đốc Y tế" }).id,
    vpFocal: addContact(db, { agency: "van-phong-ubnd-tinh", role: "focal", chat: "tg:3001", lang: "en" }).id,
    coordinator: addContact(db, {
      agency: "cong-an-tinh",
      role: "coordinator",
      chat: "tg:2001",
      name: "PC06",
    }).id,
  };
  // The group that gets the plan's digest; written here because the fixture is synchronous.
  const at = new Date().toISOString();
  database.sqlite.prepare("insert into chats (id, type, created_at) values ('tg:-500', 'group', ?)").run(at);
  database.sqlite
    .prepare(
      `insert into subscriptions (chat_id, plan_id, scope, lang, created_at)
       values ('tg:-500', ?, '{"kind":"plan"}', 'vi', ?)`,
    )
    .run(database.planId, at);
  const tick = async (iso: string) => {
    const r = await runTick(core, new Date(iso));
    return core.outbox.list({ ids: r.ids });
  };
  return { core, database, people, tick, planId: database.planId };
}

/** Files a current report for every open lead assignment of an agency in a period. */
export function reportAll(core: Core, agencyId: string, period: string, status = "in_progress") {
  const rows = core.sqlite
    .prepare(
      `select a.id, a.task_id from assignments a join tasks t on t.id = a.task_id
       where a.agency_id = ? and a.role = 'lead' and a.archived_at is null and t.archived_at is null`,
    )
    .all(agencyId) as { id: number; task_id: number }[];
  const insert = core.sqlite.prepare(
    `insert into reports (assignment_id, task_id, agency_id, period, status, percent, submitted_at)
     values (?, ?, ?, ?, ?, 50, ?)`,
  );
  for (const r of rows) insert.run(r.id, r.task_id, agencyId, period, status, `${period}-28T03:00:00.000Z`);
  return rows.length;
}
