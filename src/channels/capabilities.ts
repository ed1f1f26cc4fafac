/**
 * What a platform can carry, as data. The engine, the outbox and the conversations ask these
 * (through `capabilitiesOf`, handed to them by the composition root) and never a channel's name.
 * This module imports nothing, so the CLI and the engine read it without loading any platform SDK.
 */
export interface Capabilities {
  /** Longest text of one message; the outbox splits longer ones at line ends. */
  textLimit: number;
  /** Inline buttons; without them choices are numbered lines answered by number or label. */
  buttons: boolean;
  photos: boolean;
  documents: boolean;
  groups: boolean;
  /** Files the bot makes are written next to the database and their path is shown (the console). */
  localFiles: boolean;
}

/** A platform's static facts: its chat id prefix ("tg"), its name in metrics and reports ("telegram"). */
export interface Platform {
  prefix: string;
  name: string;
  capabilities: Capabilities;
  /** Whether a chat id of this platform (without prefix) names a group chat. */
  isGroupId(localId: string): boolean;
}

/** An unknown prefix can carry nothing but short text. */
export const NO_CAPABILITIES: Capabilities = {
  textLimit: 2000,
  buttons: false,
  photos: false,
  documents: false,
  groups: false,
  localFiles: false,
};

export type CapabilitiesOf = (chatId: string) => Capabilities;
