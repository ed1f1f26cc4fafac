import type { Redis } from "ioredis";
import type { Config } from "../config.ts";
import type { ConversationDeps } from "../conversation/types.ts";
import type { Role } from "../db/schema.ts";
import type { Rules } from "../domain/rules.ts";
import type { WorkingCalendar } from "../domain/working-time.ts";
import type { Outbox } from "../engine/outbox.ts";
import type { I18n, Lang } from "../i18n/index.ts";
import type { Logger } from "../logger.ts";
import type { Store } from "../store/index.ts";

/** What the console reads: the same store, calendar and rules the conversations use. */
export interface WebDeps {
  store: Store;
  config: Config;
  i18n: I18n;
  log: Logger;
  calendar: WorkingCalendar;
  /** A plan's rules (RULES_FILE resolved): the deadline day the engine and /chuabaocao use. */
  rules(planId: string): Rules;
  /** Link nonces, the signing secret and the failure counters live here, shared by every instance. */
  redis: Redis;
  /** The port the server listens on, once known: links point there when PUBLIC_URL is unset. */
  port?(): number | undefined;
  /** The monthly synthesis, rendered: the very function /export and `cli report` call. */
  exportSynthesis: ConversationDeps["exportSynthesis"];
  /** Where a question to an agency is written for delivery (Hỏi lại). */
  outbox: Outbox;
  /** The business clock (periods, overdue days); sessions and links use the wall clock. */
  now(): Date;
  /** The Telegram bot's username as getMe gave it once the channel started (invite links). */
  telegramBot?(): string | undefined;
}

/** The signed-in person, re-read from the database on every request. */
export interface Viewer {
  contactId: number;
  role: Role;
  agencyId: string;
  agencyName: string;
  name: string | null;
  /** Agency heads read; coordinators and admins may change things. */
  canEdit: boolean;
  csrf: string;
}

export type Translate = (key: string, args?: Record<string, string | number>) => string;

/** Hono's per-request variables for every console route. */
export interface WebEnv {
  Variables: { lang: Lang; t: Translate; viewer: Viewer };
}
