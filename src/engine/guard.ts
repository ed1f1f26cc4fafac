/**
 * What a chasing message is about, so delivery can drop it if that was settled in the
 * meantime: a nudge written on Saturday goes out on Monday, and an agency that reported on
 * Sunday must not be told it has not. The check is store.engine.settledReason.
 */
export type { Guard } from "../store/outbox-types.ts";
