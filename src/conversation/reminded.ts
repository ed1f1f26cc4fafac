import type Database from "better-sqlite3";
import { readReportData } from "../choice-data.ts";
import { prepared } from "../db/statements.ts";
import { laterPartsPrefix, messageKey } from "../engine/keys.ts";

/**
 * The assignment a replied-to reminder was about: a number, null (a general reminder), or
 * undefined when the message carried no report button (a digest, a notice, an escalation).
 * A long reminder is split into parts and only the last one has the button; a reply to an
 * earlier part counts too.
 */
export function remindedAssignment(
  sqlite: Database.Database,
  chatId: string,
  platformMessageId: string,
): number | null | undefined {
  const row = prepared(
    sqlite,
    "select dedupe_key key from outbox where chat_id = ? and platform_message_id = ?",
  ).get(chatId, platformMessageId) as { key: string } | undefined;
  if (!row) return undefined;
  const base = messageKey(row.key);
  const parts = prepared(
    sqlite,
    `select choices from outbox where chat_id = ? and choices is not null
       and (dedupe_key = ? or substr(dedupe_key, 1, ?) = ?)`,
  ).all(chatId, base, base.length + 1, laterPartsPrefix(base)) as { choices: string }[];
  for (const p of parts)
    for (const c of (JSON.parse(p.choices) as { data: string }[][]).flat()) {
      const assignment = readReportData(c.data);
      if (assignment !== undefined) return assignment;
    }
  return undefined;
}
