import { flowData } from "../choice-data.ts";
import type { Args, Lang } from "../i18n/index.ts";
import type { Choice, Evidence, Incoming, Reply } from "../messages.ts";
import type { FlowState } from "../store/flows.ts";
import type { Store } from "../store/index.ts";
import type { TurnStart } from "../store/turns.ts";
import type { Actor, ConversationDeps } from "./types.ts";

/** What a command or a flow step sees: who, where, when, and how to speak. */
export interface Turn {
  deps: ConversationDeps;
  flows: Store["flows"];
  incoming: Incoming;
  actor: Actor | undefined;
  lang: Lang;
  now: Date;
  t(key: string, args?: Args): string;
  /** The open report's assignment, when the turn's first read brought it (store/turns.ts). */
  reportAssignment?: TurnStart["reportAssignment"];
  /** Choices a flow step stored with its state (`flows.save`): the router need not offer them again. */
  stored?: Choice[][];
}

export interface StepInput {
  text?: string;
  /** A button's value, already matched to this flow's nonce. */
  value?: string;
  attachment?: Evidence;
}

/**
 * What the open question takes: one of its choices, a number (a typed "2" is the value, never
 * a menu pick), or free text (taken whatever word it starts with; only a choice's whole label
 * or number, or a slash command, means something else).
 */
export type InputKind = "choice" | "number" | "text";

export interface FlowDefinition {
  kind: string;
  /** What the question at this step takes; "choice" when absent. */
  inputOf?(state: FlowState): InputKind;
  step(turn: Turn, state: FlowState, input: StepInput): Promise<Reply[]>;
}

/** A button answering the flow's open question (data format: choice-data.ts). */
export function flowChoice(state: { nonce: string }, label: string, value: string) {
  return { label, data: flowData(state.nonce, value) };
}

/** Several choices fit what was typed: those come back as the question's choices, and Cancel. */
export function whichOne(turn: Turn, text: string, candidates: Choice[], cancel?: Choice): Reply[] {
  return [
    {
      text: turn.t("input-which", { text: text.trim().slice(0, 60) }),
      choices: [...candidates.slice(0, 8).map((c) => [c]), ...(cancel ? [[cancel]] : [])],
    },
  ];
}
