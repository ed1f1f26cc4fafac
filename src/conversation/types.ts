import type { CapabilitiesOf } from "../capabilities.ts";
import type { Role } from "../db/schema.ts";
import type { Rules } from "../domain/rules.ts";
import type { WorkingCalendar } from "../domain/working-time.ts";
import type { Outbox } from "../engine/outbox.ts";
import type { I18n, Lang } from "../i18n/index.ts";
import type { ConsentNotice } from "../people/consent.ts";
import type { ExportFormat } from "../reports/export.ts";
import type { SynthesisModel } from "../reports/model.ts";
import type { Store } from "../store/index.ts";

/** The person behind a chat: every role they hold, and the language they chose. */
export interface Actor {
  contacts: {
    id: number;
    agencyId: string;
    agencyName: string;
    role: Role;
    consentVersion?: string | null;
  }[];
  lang: Lang;
}

/**
 * Everything commands and flows use, and nothing more; the composition root builds it
 * (conversationDeps in src/core.ts). Conversations never read config or files themselves.
 */
export interface ConversationDeps {
  /** Every query goes through the store (src/store). */
  store: Store;
  i18n: I18n;
  calendar: WorkingCalendar;
  outbox: Outbox;
  /** A plan's rules (RULES_FILE resolved once): the same deadline day the engine uses. */
  rules(planId: string): Rules;
  /** The monthly synthesis of the default plan, rendered (/export). */
  exportSynthesis(opts: {
    period: string;
    now: Date;
    format: ExportFormat;
  }): Promise<{ model: SynthesisModel; data: Buffer }>;
  /** Where the console writes exported files (next to the database). */
  exportDir: string;
  /** What the chat's platform carries: whether a file goes as an attachment. */
  capabilitiesOf: CapabilitiesOf;
  /** Runs a tick now and dispatches it (console /tick, /remind, /digest go through the engine). */
  engine?: {
    tick(at: Date): Promise<{ ids: number[] }>;
    dispatchNow(at: Date): Promise<number>;
  };
  /** A one-time sign-in link to the web console (/web); absent when no console runs. */
  webLink?(contactId: number): Promise<{ url: string; expiresAt: string }>;
  /** The privacy notice a person agrees to before anything is kept (people/consent.ts). */
  consent: ConsentNotice;
  /** The Telegram bot's username, for invite links. */
  botUsername?: string;
  now(): Date;
}
