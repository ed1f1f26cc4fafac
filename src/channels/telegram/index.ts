import type { AdapterDefinition } from "../adapter.ts";
import { telegramPlatform } from "./platform.ts";

export const telegramAdapter: AdapterDefinition = {
  platform: telegramPlatform,
  enabled: (config) => Boolean(config.TELEGRAM_BOT_TOKEN),
  // grammY loads only when Telegram is configured (~0.2 s of every start otherwise).
  create: async (ctx) => (await import("./adapter.ts")).createTelegramAdapter(ctx),
};
