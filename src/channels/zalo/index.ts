import type { AdapterDefinition } from "../adapter.ts";
import { zaloPlatform } from "./platform.ts";

export const zaloAdapter: AdapterDefinition = {
  platform: zaloPlatform,
  enabled: (config) => Boolean(config.ZALO_BOT_TOKEN),
  create: async (ctx) => (await import("./adapter.ts")).createZaloAdapter(ctx),
};
