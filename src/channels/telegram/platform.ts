import type { Platform } from "../../capabilities.ts";

export const telegramPlatform: Platform = {
  prefix: "tg",
  name: "telegram",
  capabilities: {
    textLimit: 4096,
    buttons: true,
    photos: true,
    documents: true,
    groups: true,
    localFiles: false,
  },
  // Group chats have negative ids on Telegram.
  isGroupId: (id) => id.startsWith("-"),
};

/** Telegram's limit on a photo or document caption; a longer text goes as its own message. */
export const CAPTION_LIMIT = 1024;
