import type { AdapterDefinition } from "../adapter.ts";
import { consolePlatform } from "./platform.ts";

export const consoleAdapter: AdapterDefinition = {
  platform: consolePlatform,
  // "auto": the console when no platform token is set, so `npm start` with no setup is a demo.
  enabled: (config) =>
    config.CONSOLE === "on" ||
    (config.CONSOLE === "auto" && !config.TELEGRAM_BOT_TOKEN && !config.ZALO_BOT_TOKEN),
  create: async (ctx) => (await import("./adapter.ts")).createConsoleAdapter(ctx),
};
