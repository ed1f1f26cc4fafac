import { engineFixture, reportAll } from "../helpers/engine.ts";
import { sqliteOf } from "../helpers/engine-choice.ts";

/** "Today" for every export in these tests: the 5th of December 2026, 10:00 in Gia Lai. */
export const NOW = new Date("2026-12-05T03:00:00Z");
export const PERIOD = "2026-11";
export const TRICKY = 'Đã họp, thống nhất "phương án 2"; chờ\nkinh phí';
export const LINK = "https://dvc.gialai.gov.vn/bien-ban?id=1&x=2";

/**
 * The shipped plan with a few months of reports:
 * - Sở Y tế reported every task in November (in progress), and all done in December;
 * - Văn phòng UBND tỉnh reported only II.3 (blocked, with a link) in November: still overdue;
 * - Công an tỉnh closed II.2 (due 30/09/2026) in October, so it is neither overdue nor owed;
 * - target I.2 got a value in November and another in December.
 */
export async function reportsFixture() {
  const fx = await engineFixture();
  const { sqlite } = sqliteOf(fx.core);
  const assignment = (agency: string, ref: string) =>
    sqlite
      .prepare(
        `select a.id, a.task_id taskId from assignments a join tasks t on t.id = a.task_id
         where a.agency_id = ? and t.ref = ? and a.role = 'lead'`,
      )
      .get(agency, ref) as { id: number; taskId: number };
  const report = (agency: string, ref: string, period: string, status: string, extra: object = {}) => {
    const a = assignment(agency, ref);
    const r = {
      description: null,
      evidence: null,
      percent: null,
      at: `${period}-20T02:30:00.000Z`,
      ...extra,
    };
    sqlite
      .prepare(
        `insert into reports (assignment_id, task_id, agency_id, period, status, percent, description, evidence, submitted_at)
         values (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(a.id, a.taskId, agency, period, status, r.percent, r.description, r.evidence, r.at);
  };
  await reportAll(fx.core, "so-y-te", PERIOD, "in_progress");
  await reportAll(fx.core, "so-y-te", "2026-12", "done");
  report("cong-an-tinh", "II.2", "2026-10", "done", { percent: 100 });
  report("van-phong-ubnd-tinh", "II.3", PERIOD, "in_progress", { description: "bản cũ" });
  sqlite
    .prepare("update reports set superseded_at = ? where description = 'bản cũ'")
    .run("2026-11-21T00:00:00Z");
  report("van-phong-ubnd-tinh", "II.3", PERIOD, "blocked", {
    percent: 30,
    description: TRICKY,
    evidence: JSON.stringify([
      { kind: "photo", fileId: "abc" },
      { kind: "link", url: LINK },
    ]),
  });
  const target = sqlite.prepare("select id from targets where ref = 'I.2'").get() as { id: number };
  const value = sqlite.prepare(
    `insert into target_reports (target_id, agency_id, period, value_text, value, submitted_at)
     values (?, 'van-phong-ubnd-tinh', ?, ?, ?, ?)`,
  );
  value.run(target.id, PERIOD, "62,5", 62.5, "2026-11-25T08:00:00.000Z");
  value.run(target.id, "2026-12", "70", 70, "2026-12-03T08:00:00.000Z");
  return fx;
}
