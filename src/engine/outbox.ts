import type Database from "better-sqlite3";
import type { OutboxState } from "../db/schema.ts";
import type { Choice } from "../messages.ts";
import { countWritten } from "../metrics.ts";
import { splitText } from "../text/split.ts";
import type { Guard } from "./guard.ts";
import { partKey } from "./keys.ts";

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

export interface OutboxRow {
  id: number;
  dedupeKey: string;
  chatId: string;
  contactId: number | null;
  agencyId: string | null;
  planId: string | null;
  kind: string;
  text: string;
  choices: Choice[][] | null;
  attachment: NewMessage["attachment"];
  guard: Guard | null;
  state: OutboxState;
  attempts: number;
  sendAfter: string;
  sentAt: string | null;
  platformMessageId: string | null;
  lastError: string | null;
  createdAt: string;
}

function toRow(r: Record<string, unknown>): OutboxRow {
  return {
    id: r.id as number,
    dedupeKey: r.dedupe_key as string,
    chatId: r.chat_id as string,
    contactId: (r.contact_id as number | null) ?? null,
    agencyId: (r.agency_id as string | null) ?? null,
    planId: (r.plan_id as string | null) ?? null,
    kind: r.kind as string,
    text: r.text as string,
    choices: r.choices ? JSON.parse(r.choices as string) : null,
    attachment: r.attachment ? JSON.parse(r.attachment as string) : null,
    guard: r.guard ? JSON.parse(r.guard as string) : null,
    state: r.state as OutboxState,
    attempts: r.attempts as number,
    sendAfter: r.send_after as string,
    sentAt: (r.sent_at as string | null) ?? null,
    platformMessageId: (r.platform_message_id as string | null) ?? null,
    lastError: (r.last_error as string | null) ?? null,
    createdAt: r.created_at as string,
  };
}

/**
 * The outbox, on the raw better-sqlite3 handle: these statements run thousands of times per
 * tick and per second of delivery, and each must be one atomic statement.
 */
export class Outbox {
  private readonly insertStmt;
  private readonly claimStmt;
  private readonly sentStmt;

  constructor(
    private readonly sqlite: Database.Database,
    /** The chat's platform text limit (from the composition root); a longer message becomes several rows, split at line ends. */
    private readonly textLimitOf: (chatId: string) => number = () => 4096,
  ) {
    this.insertStmt = sqlite.prepare(
      `insert into outbox (dedupe_key, chat_id, contact_id, agency_id, plan_id, kind, text, choices, attachment, guard, state, attempts, send_after, created_at)
       values (@dedupeKey, @chatId, @contactId, @agencyId, @planId, @kind, @text, @choices, @attachment, @guard, 'pending', 0, @sendAfter, @createdAt)
       on conflict(dedupe_key) do nothing`,
    );
    // The oldest due message of the chat, and none while another is in flight to it, so
    // parts and reminders arrive in the order written.
    this.claimStmt = sqlite.prepare(
      `update outbox set state = 'sending', claimed_at = @now, attempts = attempts + 1
       where id = (select id from outbox where chat_id = @chatId and state = 'pending' and send_after <= @horizon order by id limit 1)
         and not exists (select 1 from outbox where chat_id = @chatId and state = 'sending')
       returning *`,
    );
    this.sentStmt = sqlite.prepare(
      "update outbox set state = 'sent', sent_at = ?, platform_message_id = ?, last_error = null where id = ?",
    );
  }

  /** Writes messages whose keys are new; returns the ids written (existing keys are skipped). */
  add(messages: NewMessage[], now = new Date().toISOString()): number[] {
    const ids: number[] = [];
    this.sqlite.transaction(() => {
      for (const m of messages) {
        const guard = m.guard ? JSON.stringify(m.guard) : null;
        const limit = this.textLimitOf(m.chatId);
        const parts = splitText(m.text, limit);
        parts.forEach((text, i) => {
          const r = this.insertStmt.run({
            dedupeKey: partKey(m.dedupeKey, i),
            chatId: m.chatId,
            contactId: m.contactId ?? null,
            agencyId: m.agencyId ?? null,
            planId: m.planId ?? null,
            kind: m.kind,
            text,
            choices: i === parts.length - 1 && m.choices ? JSON.stringify(m.choices) : null,
            attachment: i === 0 && m.attachment ? JSON.stringify(m.attachment) : null,
            guard,
            sendAfter: m.sendAfter,
            createdAt: now,
          });
          // Without RETURNING (a third slower here): a written row is the statement's last rowid.
          if (r.changes === 1) ids.push(Number(r.lastInsertRowid));
          if (r.changes === 1) countWritten(m.kind);
        });
      }
    })();
    return ids;
  }

  /** Claims the chat's oldest pending message due by `horizon`, or nothing. */
  claim(chatId: string, horizon: string, now = new Date().toISOString()): OutboxRow | undefined {
    const r = this.claimStmt.get({ chatId, horizon, now }) as Record<string, unknown> | undefined;
    return r ? toRow(r) : undefined;
  }

  /** Whether the chat still has a message due by `horizon` waiting (another one is in flight to it). */
  hasDue(chatId: string, horizon: string): boolean {
    return (
      this.sqlite
        .prepare("select 1 from outbox where chat_id = ? and state = 'pending' and send_after <= ? limit 1")
        .get(chatId, horizon) !== undefined
    );
  }

  markSent(id: number, platformMessageId: string, now = new Date().toISOString()): void {
    this.sentStmt.run(now, platformMessageId, id);
  }

  /** Back to pending; a push-back from the platform (429) does not count as an attempt. */
  release(id: number, error: string | null, countAttempt: boolean): void {
    this.sqlite
      .prepare(
        `update outbox set state = 'pending', claimed_at = null, last_error = ?,
         attempts = attempts - ? where id = ?`,
      )
      .run(error, countAttempt ? 0 : 1, id);
  }

  /** What the message chased was settled before it went out: it never will. */
  markSkipped(id: number, reason: string): void {
    this.sqlite
      .prepare("update outbox set state = 'skipped', last_error = ?, claimed_at = null where id = ?")
      .run(reason, id);
  }

  markFailed(id: number, error: string): void {
    this.sqlite
      .prepare("update outbox set state = 'failed', last_error = ?, claimed_at = null where id = ?")
      .run(error, id);
  }

  /** The chat is gone: this message and everything else waiting for it stop. */
  markChatUnreachable(chatId: string, reason: string): number {
    return this.sqlite
      .prepare(
        "update outbox set state = 'unreachable', last_error = ?, claimed_at = null where chat_id = ? and state in ('pending', 'sending')",
      )
      .run(reason, chatId).changes;
  }

  /** Messages claimed by a worker that died before recording the outcome go back to pending. */
  recoverStale(olderThan: string): number {
    return this.sqlite
      .prepare(
        "update outbox set state = 'pending', claimed_at = null where state = 'sending' and claimed_at < ?",
      )
      .run(olderThan).changes;
  }

  /** Pending messages due by `horizon`: what a dispatcher hands to the delivery queue. */
  due(horizon: string, prefixes: string[], limit = 100_000): { id: number; chatId: string }[] {
    if (prefixes.length === 0) return [];
    const like = prefixes.map(() => "chat_id like ?").join(" or ");
    return (
      this.sqlite
        .prepare(
          `select id, chat_id from outbox where state = 'pending' and send_after <= ? and (${like}) order by id limit ?`,
        )
        .all(horizon, ...prefixes.map((p) => `${p}:%`), limit) as { id: number; chat_id: string }[]
    ).map((r) => ({ id: r.id, chatId: r.chat_id }));
  }

  get(id: number): OutboxRow | undefined {
    const r = this.sqlite.prepare("select * from outbox where id = ?").get(id) as
      | Record<string, unknown>
      | undefined;
    return r ? toRow(r) : undefined;
  }

  list(filter: { state?: OutboxState; since?: string; ids?: number[]; limit?: number } = {}): OutboxRow[] {
    const where: string[] = [];
    const args: unknown[] = [];
    if (filter.state) {
      where.push("state = ?");
      args.push(filter.state);
    }
    if (filter.since) {
      where.push("created_at >= ?");
      args.push(filter.since);
    }
    if (filter.ids) {
      if (filter.ids.length === 0) return [];
      where.push(`id in (${filter.ids.map(() => "?").join(",")})`);
      args.push(...filter.ids);
    }
    const sql = `select * from outbox ${where.length ? `where ${where.join(" and ")}` : ""} order by id limit ?`;
    return (
      this.sqlite.prepare(sql).all(...args, filter.limit ?? 1_000_000) as Record<string, unknown>[]
    ).map(toRow);
  }
}
