import type { Core } from "../../src/core.ts";
import { runTick } from "../../src/engine/tick.ts";
import { addContact, type NewContact } from "../../src/people/contacts.ts";
import { agreed } from "./consent.ts";
import type { config } from "./db.ts";
import { rowsOf, seededCore, sqliteOf } from "./engine-choice.ts";

/**
 * The shipped plan with a small cast: two agencies' focal points and heads, a coordinator, a group,
 * on the test engine (TEST_DB).
 */
export async function engineFixture(env: Partial<typeof config> = {}) {
  const core = await seededCore(env);
  const { store } = core;
  const planId = await store.catalog.planId();
  if (!planId) throw new Error("engineFixture: the seed holds no plan");
  // A cast that answered the privacy notice on joining, as real people have.
  const link = async (input: NewContact) => agreed(store, (await addContact(store, input)).id);
  const people = {
    ytFocal: await link({ agency: "so-y-te", role: "focal", chat: "tg:1001", name: "Đầu mối Y tế" }),
    ytHead: await link({ agency: "so-y-te", role: "head", chat: "tg:1002", name: "Giám đốc Y tế" }),
    vpFocal: await link({ agency: "van-phong-ubnd-tinh", role: "focal", chat: "tg:3001", lang: "en" }),
    coordinator: await link({ agency: "cong-an-tinh", role: "coordinator", chat: "tg:2001", name: "PC06" }),
  };
  // The group that gets the plan's digest.
  await store.chats.subscribe(
    { chatId: "tg:-500", planId, scope: { kind: "plan" }, lang: "vi" },
    new Date().toISOString(),
  );
  const tick = async (iso: string) => {
    const r = await runTick(core, new Date(iso));
    return core.outbox.list({ ids: r.ids });
  };
  return { core, people, tick, planId };
}

/** The SQLite file under a fixture's core, for the tests about SQLite itself; throws on PostgreSQL. */
export function sqliteFile(core: Core) {
  return { ...sqliteOf(core), path: core.config.DB_PATH };
}

/** Files a current report for every open lead assignment of an agency in a period. */
export async function reportAll(core: Core, agencyId: string, period: string, status = "in_progress") {
  const rows = rowsOf(core);
  const open = await rows<{ id: number; task_id: number }>(
    `select a.id, a.task_id from assignments a join tasks t on t.id = a.task_id
      where a.agency_id = ? and a.role = 'lead' and a.archived_at is null and t.archived_at is null
      order by a.id`,
    agencyId,
  );
  const at = `${period}-28T03:00:00.000Z`;
  for (const a of open) {
    // As a save does: the month's current report, if any, becomes history.
    await rows(
      "update reports set superseded_at = ? where assignment_id = ? and period = ? and superseded_at is null",
      at,
      a.id,
      period,
    );
    await rows(
      `insert into reports (assignment_id, task_id, agency_id, period, status, percent, submitted_at)
       values (?, ?, ?, ?, ?, 50, ?)`,
      a.id,
      a.task_id,
      agencyId,
      period,
      status,
      at,
    );
  }
  return open.length;
}
