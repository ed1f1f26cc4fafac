import { type Capabilities, NO_CAPABILITIES, type Platform } from "./capabilities.ts";
import { consolePlatform } from "./console/platform.ts";
import { telegramPlatform } from "./telegram/platform.ts";
import { zaloPlatform } from "./zalo/platform.ts";

/**
 * Every platform's static facts, light enough for the CLI. A new channel adds its folder,
 * its platform here and its adapter in registry.ts.
 */
export const platforms: readonly Platform[] = [telegramPlatform, zaloPlatform, consolePlatform];

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
