import { isCancelData } from "../choice-data.ts";
import type { Choice, Reply } from "../messages.ts";
import type { FlowState } from "../store/flows.ts";
import { type Command, parseCommand } from "./commands/index.ts";
import { type InputKind, type Turn, whichOne } from "./context.ts";
import { choiceByNumber, type LabelMatch, looseKey, matchLabel, readRef } from "./input.ts";

/** What a typed message turned out to be; nothing set: plain text for the flow or a hint. */
export interface Read {
  command?: { command: Command; arg: string };
  choice?: string;
  reply?: Reply[];
}

/** The open flow, and what its question takes. */
export interface OpenQuestion {
  flow: FlowState;
  kind: InputKind;
}

const pickOne = <T>(m: LabelMatch<T>): T | undefined => (m && "one" in m ? m.one : undefined);

/**
 * What typed text means (see README "Conversations"): a slash command always; inside a flow,
 * the open question's own choices first, then (bare-word channels, questions that do not take
 * free text) a whole-message command, then another message's choice by its label; outside a
 * flow, a bare command word or the last message's menu.
 */
export async function readTyped(
  turn: Turn,
  open: OpenQuestion | undefined,
  text: string,
  bare: boolean,
): Promise<Read | undefined> {
  if (!text.trim()) return undefined;
  if (text.trim().startsWith("/")) {
    const command = parseCommand(text, false);
    return command ? { command } : undefined;
  }
  const menu = async () => (bare ? turn.flows.menu(turn.incoming.chatId) : []);
  return open ? readAnswer(turn, open, text, bare, menu) : readOutsideFlow(text, bare, menu);
}

async function readOutsideFlow(text: string, bare: boolean, menu: () => Promise<Choice[]>) {
  const command = bare ? parseCommand(text, true) : undefined;
  if (command) return { command };
  const offered = await menu();
  const picked = choiceByNumber(text, offered) ?? pickOne(matchLabel(text, offered, (c) => c.label));
  return picked ? { choice: picked.data } : undefined;
}

async function readAnswer(
  turn: Turn,
  { flow, kind }: OpenQuestion,
  text: string,
  bare: boolean,
  menu: () => Promise<Choice[]>,
): Promise<Read | undefined> {
  const offered = flow.choices ?? [];
  const byNumber = bare && kind !== "number" ? choiceByNumber(text, offered) : undefined;
  if (byNumber) return { choice: byNumber.data };
  // A typed ref is the flow's to read exactly: "II.1" must never be taken as a prefix of "II.10".
  const prefixes = kind === "choice" && readRef(text) === undefined;
  const label = matchLabel(text, offered, (c) => c.label);
  if (label && "one" in label && (prefixes || looseKey(label.one.label) === looseKey(text)))
    return { choice: label.one.data };
  if (label && "many" in label && prefixes)
    return {
      reply: whichOne(
        turn,
        text,
        label.many,
        offered.find((c) => isCancelData(c.data)),
      ),
    };
  if (kind === "text") return undefined;
  const command = bare ? parseCommand(text, true) : undefined;
  if (command && command.arg === "") return { command };
  const picked = pickOne(matchLabel(text, await menu(), (c) => c.label));
  return picked ? { choice: picked.data } : undefined;
}
