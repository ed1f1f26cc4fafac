import type { Core } from "../../src/core.ts";
import { rowsOf } from "./engine-choice.ts";

/**
 * Sở Y tế's `focal` asks, at `requestedAt`, to move its V.6 (due 31/12/2026) to `day`.
 * Returns the request's id and the assignment's.
 */
export async function askV6(
  core: Core,
  focal: number,
  day: string,
  requestedAt: string,
): Promise<{ id: number; assignmentId: number }> {
  const [a] = await rowsOf(core)<{ id: number; task_id: number }>(
    "select a.id, a.task_id from assignments a join tasks t on t.id = a.task_id where t.ref = 'V.6' and a.agency_id = 'so-y-te'",
  );
  if (!a) throw new Error("no V.6 for Sở Y tế");
  const id = await core.store.extensions.request({
    assignmentId: a.id,
    taskId: a.task_id,
    agencyId: "so-y-te",
    requestedBy: focal,
    requestedAt,
    oldDue: "2026-12-31",
    newDue: day,
    reason: "chờ hướng dẫn",
    late: false,
  });
  return { id: id ?? -1, assignmentId: a.id };
}
