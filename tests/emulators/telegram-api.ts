/** The emulator's public face, kept at this path so tests and the benchmark need not know its layout. */
export { TelegramEmulator } from "./telegram/emulator.ts";
export type * from "./telegram/types.ts";
