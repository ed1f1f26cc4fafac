/**
 * An error the person at the keyboard caused and can fix: shown as one polite line, never with
 * a stack. `key` names a Fluent message; `args` fill it in.
 */
export class UserError extends Error {
  constructor(
    readonly key: string,
    readonly args: Record<string, string | number> = {},
    message?: string,
  ) {
    super(message ?? `${key} ${JSON.stringify(args)}`);
    this.name = "UserError";
  }
}

/** An error's message for a log line (never its stack). */
export function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
