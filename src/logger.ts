import { createHash } from "node:crypto";
import pino, { type DestinationStream, type Logger } from "pino";

/**
 * JSON logs on stderr. Tokens never reach a log line: redaction covers the usual places, and
 * code logs ids and counts, never message text or phone numbers, at info level.
 */
export function createLogger(level: string, destination: DestinationStream = pino.destination(2)): Logger {
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
    destination,
  );
}

/**
 * A chat as logs name it: its channel and a short hash ("tg#3f9a1c0b2d"), enough to follow one
 * chat through the log without the log holding the chat id, which is personal data.
 */
export function chatRef(chatId: string): string {
  const [channel = ""] = chatId.split(":");
  return `${channel}#${createHash("sha256").update(chatId).digest("hex").slice(0, 10)}`;
}

export type { Logger };
