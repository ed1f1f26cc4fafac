import type { Reply } from "../messages.ts";
import type { FlowState } from "../store/flows.ts";
import type { Turn } from "./context.ts";
import { askConsent } from "./flows/consent.ts";

/** What a person may still do before answering the notice: answer it, and use their rights. */
const OPEN_FLOWS = new Set(["consent", "erase"]);
const OPEN_COMMANDS = new Set(["cancel", "help", "start", "mydata", "erasemydata"]);

/**
 * A linked person whose consent is not on record for the current notice (never asked, or the
 * deployment changed the notice) is asked at their next message, and nothing else proceeds
 * until they answer. In a group the question would be public: they are sent to a private chat.
 */
export async function consentGate(
  turn: Turn,
  flow: FlowState | undefined,
  command: string | undefined,
): Promise<Reply[] | undefined> {
  const { actor, deps } = turn;
  if (!actor || actor.contacts.every((c) => c.consentVersion === deps.consent.version)) return undefined;
  // An answer to the notice (or to the erasure it leads to) goes through; another command does not.
  if (command ? OPEN_COMMANDS.has(command) : flow && OPEN_FLOWS.has(flow.kind)) return undefined;
  if (turn.incoming.chatType === "group") return command ? [{ text: turn.t("consent-in-private") }] : [];
  return askConsent(turn, {});
}
