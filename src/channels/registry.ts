import type { AdapterDefinition } from "./adapter.ts";
import { consoleAdapter } from "./console/index.ts";
import { telegramAdapter } from "./telegram/index.ts";
import { zaloAdapter } from "./zalo/index.ts";

/**
 * Every adapter the service can run, in start order. A new channel is a folder in channels/
 * (platform.ts: its facts; index.ts: its definition; the rest loaded only when configured) and
 * one line here.
 */
export const adapterDefinitions: readonly AdapterDefinition[] = [
  telegramAdapter,
  zaloAdapter,
  consoleAdapter,
];
