import type { Args, Lang } from "../i18n/index.ts";
import type { FlowState, FlowStore } from "./state.ts";
import type { Actor, ConversationDeps, Evidence, Incoming, Reply } from "./types.ts";

/** What a command or a flow step sees: who, where, when, and how to speak. */
export interface Turn {
  deps: ConversationDeps;
  flows: FlowStore;
  incoming: Incoming;
  actor: Actor | undefined;
  lang: Lang;
  now: Date;
  t(key: string, args?: Args): string;
}

export interface StepInput {
  text?: string;
  /** A button's value, already matched to this flow's nonce. */
  value?: string;
  attachment?: Evidence;
}

export interface FlowDefinition {
  kind: string;
  /** Steps where a typed number is an answer (a percent, a count), not a menu pick. */
  numericSteps?: string[];
  step(turn: Turn, state: FlowState, input: StepInput): Reply[];
}

/** Button data inside a flow: "f:<nonce>:<value>", well under Telegram's 64 bytes. */
export function flowChoice(state: { nonce: string }, label: string, value: string) {
  return { label, data: `f:${state.nonce}:${value}` };
}
