import type { Store } from "../store/index.ts";
import type { NewMessage } from "../store/outbox-types.ts";

export type { Guard, NewMessage, OutboxRow } from "../store/outbox-types.ts";

/**
 * The outbox as the engine, delivery and the conversations use it: the store's outbox with the
 * chat's platform text limit bound in, so a caller adds messages without knowing the platforms.
 */
export type Outbox = Omit<Store["outbox"], "add"> & {
  /** Writes messages whose keys are new; returns the ids written (existing keys are skipped). */
  add(messages: NewMessage[], now?: string): Promise<number[]>;
};

/** `textLimitOf` is the chat's platform text limit (from the composition root); a longer message becomes several rows. */
export function outboxOf(store: Store, textLimitOf: (chatId: string) => number = () => 4096): Outbox {
  return { ...store.outbox, add: (messages, now) => store.outbox.add(messages, now, textLimitOf) };
}
