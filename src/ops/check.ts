/**
 * One finding of `doctor` (and, later, of /readyz): what was looked at, whether it is fine, and a
 * locale key with its arguments that explains it to the operator.
 */
export interface Check {
  name: string;
  status: "ok" | "problem" | "skipped";
  key: string;
  args?: Record<string, string | number>;
}

export const problems = (checks: Check[]) => checks.filter((c) => c.status === "problem");
