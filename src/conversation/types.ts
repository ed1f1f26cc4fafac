import type { Core } from "../core.ts";
import type { Role } from "../db/schema.ts";
import type { Lang } from "../i18n/index.ts";

/** The person behind a chat: every role they hold, and the language they chose. */
export interface Actor {
  contacts: { id: number; agencyId: string; agencyName: string; role: Role }[];
  lang: Lang;
}

export interface ConversationDeps extends Core {
  /** Runs a tick now and dispatches it (console /tick, /remind, /digest go through the engine). */
  engine?: {
    tick(at: Date): Promise<{ ids: number[] }>;
    dispatchNow(at: Date): Promise<number>;
  };
  /** The Telegram bot's username, for invite links. */
  botUsername?: string;
  now(): Date;
}
