import type { Platform } from "../../capabilities.ts";

export const zaloPlatform: Platform = {
  prefix: "zalo",
  name: "zalo",
  // Zalo takes photos by URL only, so the files the bot makes (charts, exports) cannot go.
  capabilities: {
    textLimit: 2000,
    buttons: false,
    photos: false,
    documents: false,
    groups: false,
    localFiles: false,
  },
  isGroupId: () => false,
};
