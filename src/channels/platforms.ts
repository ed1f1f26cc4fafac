import { type Platform, usePlatforms } from "../capabilities.ts";
import { adapterDefinitions } from "./registry.ts";

/** Every platform's static facts; the registry loads no platform SDK, so the CLI reads these cheaply. */
export const platforms: readonly Platform[] = adapterDefinitions.map((d) => d.platform);

/** Tells the model (contacts, metrics, outbox limits) which platforms exist; core.ts calls it once. */
export function registerPlatforms(): void {
  usePlatforms(platforms);
}

export { capabilitiesOf, platformName, platformOf } from "../capabilities.ts";

export const prefixes = (): string[] => platforms.map((p) => p.prefix);
