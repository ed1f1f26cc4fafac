import type { Choice } from "../messages.ts";
import type { Q } from "./context.ts";

/** What the outbox takes and gives back; callers import these from store/outbox.ts. */

/**
 * What a chasing message is about, so delivery can drop it once that is settled
 * (see store/engine.ts, settledReason).
 */
export interface Guard {
  period?: string;
  /** The last day (YYYY-MM-DD) the message chases something for: nothing snoozes past it. */
  deadline?: string;
  assignments: number[];
  /**
   * The deadline each assignment was chased for, by assignment id, when the message names it:
   * once an extension or a coordinator moves that date, the message is out of date and dropped.
   */
  dues?: Record<string, string>;
}

export interface NewMessage {
  dedupeKey: string;
  chatId: string;
  contactId?: number | null;
  agencyId?: string | null;
  planId?: string | null;
  kind: string;
  text: string;
  choices?: Choice[][] | null;
  attachment?: { kind: "photo" | "document"; path: string; name: string } | null;
  /** Drops the message at delivery once what it chases is settled. */
  guard?: Guard | null;
  sendAfter: string;
}

/** An outbox row as Drizzle reads it (JSON columns parsed). */
export type OutboxRow = Q["t"]["outbox"]["$inferSelect"];
