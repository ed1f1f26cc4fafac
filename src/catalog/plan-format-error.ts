/**
 * Why a plan line cannot be read: `reason` names a locale message (`plan-format-<reason>`), so the
 * operator reads it in their own language; `args` fill it in.
 */
export class PlanFormatError extends Error {
  constructor(
    readonly line: number,
    readonly text: string,
    readonly reason: PlanFormatReason,
    readonly args: Record<string, string | number> = {},
  ) {
    super(`${reason} (line ${line}: "${text.slice(0, 120)}")`);
    this.name = "PlanFormatError";
  }
}

export type PlanFormatReason =
  | "no-lead"
  | "bad-deadline"
  | "no-title"
  | "second-column"
  | "missing-column"
  | "too-many-columns"
  | "bad-line"
  | "orphan-continuation";
