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

/**
 * The platforms this process knows, as the composition root registered them (core.ts, from the
 * channel registry): the model asks these facts without importing any channel.
 */
let known = new Map<string, Platform>();

export function usePlatforms(list: readonly Platform[]): void {
  known = new Map(list.map((p) => [p.prefix, p]));
}

export function platformOf(chatId: string): Platform | undefined {
  const at = chatId.indexOf(":");
  return at < 0 ? undefined : known.get(chatId.slice(0, at));
}

export function capabilitiesOf(chatId: string): Capabilities {
  return platformOf(chatId)?.capabilities ?? NO_CAPABILITIES;
}

/** The platform's name for a prefix ("tg" → "telegram"); other strings pass unchanged. */
export function platformName(prefixOrName: string): string {
  return known.get(prefixOrName)?.name ?? prefixOrName;
}

export const prefixes = (): string[] => [...known.keys()];
