import { isClosed } from "../domain/closed.ts";
import type { OpenAssignment } from "../store/reports.ts";

export type { OpenAssignment };

export function isOpen(a: OpenAssignment): boolean {
  return !isClosed(a);
}
