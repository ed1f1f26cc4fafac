import type { Platform } from "../../capabilities.ts";

export const consolePlatform: Platform = {
  prefix: "console",
  name: "console",
  capabilities: {
    textLimit: 4096,
    buttons: false,
    photos: false,
    documents: false,
    groups: false,
    localFiles: true,
  },
  isGroupId: () => false,
};
