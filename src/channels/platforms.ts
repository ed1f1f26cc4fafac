import { type Capabilities, NO_CAPABILITIES, type Platform } from "./capabilities.ts";
import { adapterDefinitions } from "./registry.ts";

/** Every platform's static facts; the registry loads no platform SDK, so the CLI reads these cheaply. */
export const platforms: readonly Platform[] = adapterDefinitions.map((d) => d.platform);

const byPrefix = new Map(platforms.map((p) => [p.prefix, p]));

export function platformOf(chatId: string): Platform | undefined {
  const at = chatId.indexOf(":");
  return at < 0 ? undefined : byPrefix.get(chatId.slice(0, at));
}

export function capabilitiesOf(chatId: string): Capabilities {
  return platformOf(chatId)?.capabilities ?? NO_CAPABILITIES;
}

/** The platform's name for a prefix ("tg" → "telegram"); other strings pass unchanged. */
export function platformName(prefixOrName: string): string {
  return byPrefix.get(prefixOrName)?.name ?? prefixOrName;
}

export const prefixes = (): string[] => platforms.map((p) => p.prefix);
