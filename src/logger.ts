import pino, { type Logger } from "pino";

/**
 * JSON logs on stderr. Tokens never reach a log line: redaction covers the usual places, and
 * code logs ids and counts, never message text or phone numbers, at info level.
 */
export function createLogger(level: string): Logger {
  return pino(
    {
      level,
      redact: {
        paths: [
          "token",
          "*.token",
          "config.TELEGRAM_BOT_TOKEN",
          "config.ZALO_BOT_TOKEN",
          "headers.authorization",
          "text",
        ],
        censor: "[redacted]",
      },
    },
    pino.destination(2),
  );
}

export type { Logger };
