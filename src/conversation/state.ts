import { randomBytes } from "node:crypto";
import type Database from "better-sqlite3";
import { prepared } from "../db/statements.ts";
import type { Choice } from "../messages.ts";

export interface FlowState<T extends object = Record<string, unknown>> {
  chatId: string;
  contactId: number | null;
  kind: string;
  step: string;
  nonce: string;
  data: T;
  /** The choices the open question offered, for "2" or a label typed on text channels. */
  choices?: Choice[];
}

const DAY_MS = 86_400_000;

/** Conversation state in SQLite: a flow per chat, expiring 24 hours after its last step. */
export class FlowStore {
  constructor(private readonly sqlite: Database.Database) {}

  get<T extends object = Record<string, unknown>>(chatId: string, now: Date): FlowState<T> | undefined {
    const row = prepared(this.sqlite, "select * from flows where chat_id = ?").get(chatId) as
      | {
          chat_id: string;
          contact_id: number | null;
          kind: string;
          step: string;
          nonce: string;
          data: string;
          choices: string | null;
          expires_at: string;
        }
      | undefined;
    if (!row) return undefined;
    if (row.expires_at <= now.toISOString()) {
      this.clear(chatId);
      return undefined;
    }
    return {
      chatId: row.chat_id,
      contactId: row.contact_id,
      kind: row.kind,
      step: row.step,
      nonce: row.nonce,
      data: JSON.parse(row.data) as T,
      choices: row.choices ? (JSON.parse(row.choices) as Choice[]) : undefined,
    };
  }

  start(
    chatId: string,
    contactId: number | null,
    kind: string,
    step: string,
    data: object,
    now: Date,
  ): FlowState {
    const state = this.begin(chatId, contactId, kind, step, data);
    this.save(state, now);
    return state;
  }

  /** A new flow with a fresh nonce, not yet stored: for a flow whose first question saves it anyway. */
  begin(chatId: string, contactId: number | null, kind: string, step: string, data: object): FlowState {
    return {
      chatId,
      contactId,
      kind,
      step,
      nonce: randomBytes(3).toString("hex"),
      data: data as Record<string, unknown>,
    };
  }

  /** Stores the flow at its new step; the previous question's choices no longer answer. */
  save(state: FlowState<object>, now: Date): void {
    prepared(
      this.sqlite,
      `insert into flows (chat_id, contact_id, kind, step, nonce, data, choices, updated_at, expires_at)
         values (@chatId, @contactId, @kind, @step, @nonce, @data, null, @now, @expires)
         on conflict(chat_id) do update set contact_id = excluded.contact_id, kind = excluded.kind, step = excluded.step,
           nonce = excluded.nonce, data = excluded.data, choices = null, updated_at = excluded.updated_at,
           expires_at = excluded.expires_at`,
    ).run({
      chatId: state.chatId,
      contactId: state.contactId,
      kind: state.kind,
      step: state.step,
      nonce: state.nonce,
      data: JSON.stringify(state.data),
      now: now.toISOString(),
      expires: new Date(now.getTime() + DAY_MS).toISOString(),
    });
  }

  clear(chatId: string): boolean {
    return prepared(this.sqlite, "delete from flows where chat_id = ?").run(chatId).changes > 0;
  }

  /** The choices the flow's open question just offered; only the flow with that nonce takes them. */
  offer(chatId: string, nonce: string, choices: Choice[]): void {
    prepared(this.sqlite, "update flows set choices = ? where chat_id = ? and nonce = ?").run(
      JSON.stringify(choices),
      chatId,
      nonce,
    );
  }

  /** Remembers the choices of a message outside any flow (a reminder, a command's reply). */
  setMenu(chatId: string, choices: Choice[], now: Date): void {
    prepared(
      this.sqlite,
      `insert into chat_menus (chat_id, choices, updated_at) values (?, ?, ?)
         on conflict(chat_id) do update set choices = excluded.choices, updated_at = excluded.updated_at`,
    ).run(chatId, JSON.stringify(choices), now.toISOString());
  }

  menu(chatId: string): Choice[] {
    const row = prepared(this.sqlite, "select choices from chat_menus where chat_id = ?").get(chatId) as
      | { choices: string }
      | undefined;
    return row ? (JSON.parse(row.choices) as Choice[]) : [];
  }
}
