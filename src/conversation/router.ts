import {
  CANCEL_VALUE,
  readClarifyData,
  readDecideData,
  readExtendData,
  readFlowData,
  readReportData,
  readSnoozeData,
} from "../choice-data.ts";
import { UserError } from "../errors.ts";
import { parseLang } from "../i18n/index.ts";
import type { Logger } from "../logger.ts";
import type { Incoming, Reply } from "../messages.ts";
import { countFlowError } from "../metrics.ts";
import type { FlowState } from "../store/flows.ts";
import type { Store } from "../store/index.ts";
import { isCoordinator } from "./actor.ts";
import { auditFlow } from "./commands/audit.ts";
import { type Command, parseCommand } from "./commands/index.ts";
import { sentenceCommand } from "./commands/sentences.ts";
import { consentGate } from "./consent-gate.ts";
import type { FlowDefinition, StepInput, Turn } from "./context.ts";
import { clarifyFlow, clarifyPressed } from "./flows/clarify.ts";
import { consentFlow } from "./flows/consent.ts";
import { eraseFlow } from "./flows/erase.ts";
import { extendFlow, startExtension } from "./flows/extend.ts";
import { answerExtension, extendCounterFlow } from "./flows/extend-decide.ts";
import { kpiFlow } from "./flows/kpi.ts";
import { leaveFlow } from "./flows/leave.ts";
import { onboardingFlow, redeem } from "./flows/onboarding.ts";
import { reportFlow, startReport } from "./flows/report.ts";
import { settingsFlow } from "./flows/settings.ts";
import { CODE } from "./invites.ts";
import { readTyped } from "./reading.ts";
import { remindedAssignment, repliedChoice } from "./reminded.ts";
import { snoozePressed, typedSnooze } from "./snooze.ts";
import type { ConversationDeps } from "./types.ts";

const FLOWS = new Map<string, FlowDefinition>(
  [
    reportFlow,
    onboardingFlow,
    settingsFlow,
    kpiFlow,
    auditFlow,
    consentFlow,
    eraseFlow,
    extendFlow,
    extendCounterFlow,
    leaveFlow,
    clarifyFlow,
  ].map((f) => [f.kind, f]),
);
/** What a press of one kind of button does, or undefined when `data` is not that kind. */
type Button = (turn: Turn, data: string) => Promise<Reply[]> | undefined;

function button<T>(
  read: (data: string) => T | undefined,
  press: (turn: Turn, value: T) => Promise<Reply[]>,
): Button {
  return (turn, data) => {
    const value = read(data);
    return value === undefined ? undefined : press(turn, value);
  };
}

const stale = async (turn: Turn): Promise<Reply[]> => [{ text: turn.t("flow-stale-button") }];

/** Buttons act for a known person only; a stranger pressing one is told how to join. */
const known =
  <T>(press: (turn: Turn, value: T) => Promise<Reply[]>) =>
  async (turn: Turn, value: T): Promise<Reply[]> =>
    turn.actor ? press(turn, value) : [{ text: turn.t("join-hello") }];

/**
 * The buttons a message (not a flow's question) carries, tried in order; the data never
 * decides who may act, each handler checks the speaker again.
 */
const BUTTONS: Button[] = [
  // A snooze names an outbox row of the speaker's own chat: elsewhere it is only stale.
  button(readSnoozeData, (turn, s) =>
    turn.actor && turn.incoming.chatType !== "group" ? snoozePressed(turn, s) : stale(turn),
  ),
  button(readClarifyData, known(clarifyPressed)),
  button(
    readDecideData,
    known((turn, d) => answerExtension(turn, d.requestId, d.answer)),
  ),
  button(
    readExtendData,
    known((turn, id) => startExtension(turn, "", id ?? undefined)),
  ),
  // A report belongs to a person: a forged button in a group starts nothing there.
  button(
    readReportData,
    known(async (turn, id) =>
      turn.incoming.chatType === "group"
        ? [{ text: turn.t("err-private-only") }]
        : startReport(turn, id ?? undefined),
    ),
  ),
];

/** Longer than any answer a flow accepts; anything beyond is refused before it is read. */
const MAX_TEXT = 4000;

export interface RouterOptions {
  /**
   * Zalo and the console: commands work without the slash, and choices are numbered lines
   * answered by number or label. Telegram has buttons, so a typed "2" stays text there.
   */
  bareCommands?: boolean;
}

/**
 * The one entry point for every channel: who is speaking, what they may do, and which
 * command or flow step answers. Nothing here knows a platform; nothing a user sends can
 * reach a stack trace (errors become one polite line, and the log gets the details).
 */
export class ConversationRouter {
  readonly flows: Store["flows"];

  constructor(
    private readonly deps: ConversationDeps,
    private readonly log: Logger,
  ) {
    this.flows = deps.store.flows;
  }

  async handle(incoming: Incoming, options: RouterOptions = {}): Promise<Reply[]> {
    const now = this.deps.now();
    const { actor, flow, reportAssignment } = await this.deps.store.turns.start(
      incoming.userId,
      incoming.chatId,
      now,
    );
    const lang = actor?.lang ?? parseLang(incoming.userLang);
    const turn: Turn = {
      deps: this.deps,
      flows: this.flows,
      incoming,
      actor,
      lang,
      now,
      // Bound rather than a new arrow: the build names every arrow it makes (keepNames), per turn.
      t: this.deps.i18n.t.bind(this.deps.i18n, lang),
      ...(reportAssignment ? { reportAssignment } : {}),
    };
    try {
      const replies = await this.route(turn, flow, options);
      await this.remember(turn, replies, options);
      return replies;
    } catch (e) {
      if (e instanceof UserError) return [{ text: turn.t(e.key, e.args) }];
      countFlowError(incoming.channel);
      this.log.error(
        { err: e instanceof Error ? e.message : String(e), chat: incoming.chatId.split(":")[0] },
        "conversation failed",
      );
      return [{ text: turn.t("err-internal") }];
    }
  }

  /**
   * Choices belong to what showed them: a flow's question keeps its own on the flow row (only
   * that flow, by its nonce, takes them); any other message's menu is the chat's message menu.
   */
  private async remember(turn: Turn, replies: Reply[], options: RouterOptions): Promise<void> {
    const { chatId } = turn.incoming;
    const last = replies.at(-1)?.choices;
    // The step stored the flow with these very choices (report-questions.ts).
    if (last !== undefined && last === turn.stored) return;
    const offered = last?.flat();
    if (!offered?.length) return;
    const nonce = readFlowData(offered[0]?.data ?? "")?.nonce;
    if (nonce) await this.flows.offer(chatId, nonce, offered);
    else if (options.bareCommands) await this.flows.setMenu(chatId, offered, turn.now);
  }

  private async route(turn: Turn, flow: FlowState | undefined, options: RouterOptions): Promise<Reply[]> {
    const { incoming } = turn;
    const text = incoming.text ?? "";
    if (text.length > MAX_TEXT)
      return [{ text: turn.t("err-too-long", { max: MAX_TEXT, length: text.length }) }];

    const bare = !!options.bareCommands && incoming.chatType !== "group";
    const open = flow && { flow, kind: FLOWS.get(flow.kind)?.inputOf?.(flow) ?? "choice" };
    const read = incoming.choice ? undefined : await readTyped(turn, open, text, bare);
    const unconsented = await consentGate(turn, flow, read?.command?.command.name);
    if (unconsented) return unconsented;
    // Before the menu and bare command words: "nhac lai sau 2 tieng" starts like /remind's "nhac",
    // which only a coordinator may mean.
    const command = !!read?.command && isCoordinator(turn.actor);
    const snooze = flow ? undefined : await typedSnooze(turn, command);
    if (snooze) return snooze;
    if (read?.reply) return read.reply;
    if (read?.command) return this.command(turn, read.command.command, read.command.arg);
    const choice = incoming.choice ?? read?.choice;
    if (choice) return this.pressed(turn, flow, choice);
    return this.unprompted(turn, flow, bare);
  }

  /** A button pressed (or a choice picked by typing): a flow's answer, or a message's button. */
  private async pressed(turn: Turn, flow: FlowState | undefined, choice: string): Promise<Reply[]> {
    const { incoming } = turn;
    const answer = readFlowData(choice);
    if (answer) {
      if (!flow || flow.nonce !== answer.nonce) return stale(turn);
      if (answer.value === CANCEL_VALUE) {
        await this.flows.clear(incoming.chatId);
        return [{ text: turn.t("flow-cancelled") }];
      }
      return this.step(turn, flow, { value: answer.value });
    }
    for (const press of BUTTONS) {
      const replies = press(turn, choice);
      if (replies) return replies;
    }
    return stale(turn);
  }

  /** Text that is neither a command nor a choice: the open question's answer, a code, or a hint. */
  private async unprompted(turn: Turn, flow: FlowState | undefined, bare: boolean): Promise<Reply[]> {
    const { incoming, actor } = turn;
    const group = incoming.chatType === "group";
    const text = incoming.text ?? "";
    if (flow) return this.step(turn, flow, { text: incoming.text, attachment: incoming.attachment });
    if (!actor) {
      if (group) return [];
      if (CODE.test(text.trim().toUpperCase())) return redeem(turn, text.trim());
      return [{ text: `${turn.t("join-hello")}\n\n${turn.t("join-how")}` }];
    }
    if (group) return [];
    // A reply to a question is its answer, whatever words it uses.
    if (incoming.replyTo) {
      const asked = await repliedChoice(this.deps.store, incoming.chatId, incoming.replyTo, readClarifyData);
      if (asked) return clarifyPressed(turn, asked, text);
    }
    // "em nghi phep tu 10/12 den 20/12 a": a whole sentence is a command too, even as a reply.
    const sentence = sentenceCommand(text);
    if (sentence && sentence.command.name !== "report")
      return this.command(turn, sentence.command, sentence.arg);
    // Any other words answering a reminder report on its task ("em bao cao a" too), or on the
    // task they name.
    if (incoming.replyTo) {
      const reminded = await remindedAssignment(this.deps.store, incoming.chatId, incoming.replyTo);
      if (reminded !== undefined) return startReport(turn, reminded ?? undefined, text);
    }
    if (sentence) return this.command(turn, sentence.command, sentence.arg);
    // "nhac so y te" on Telegram, whose commands take a slash: say so rather than run it, since
    // a chat used to slashes may have meant those words as words. Only the Vietnamese command
    // words: "help", "status" or "task" open many an English sentence.
    const meant = bare ? undefined : parseCommand(text, true);
    if (meant && meant.word !== meant.command.name) {
      const slashed = `/${meant.word}${meant.arg ? ` ${meant.arg}` : ""}`;
      return [{ text: `${turn.t("hint-slash", { command: slashed })}\n\n${turn.t("hint")}` }];
    }
    return [{ text: turn.t("hint") }];
  }

  private async command(turn: Turn, command: Command, arg: string): Promise<Reply[]> {
    const { incoming, actor } = turn;
    const group = incoming.chatType === "group";
    if (command.name === "cancel") {
      return [
        {
          text: turn.t(
            (await this.flows.clear(incoming.chatId)) ? "flow-cancelled" : "flow-nothing-to-cancel",
          ),
        },
      ];
    }
    if (group && !command.group) return [{ text: turn.t("err-private-only") }];
    if (command.access !== "anyone" && !actor)
      return [{ text: `${turn.t("join-hello")}\n\n${turn.t("join-how")}` }];
    if (command.access === "coordinator" && !isCoordinator(actor))
      return [{ text: turn.t("err-coordinators-only") }];
    if (
      group &&
      command.name !== "subscribe" &&
      command.name !== "help" &&
      !(await this.deps.store.chats.subscribed(incoming.chatId))
    ) {
      return [{ text: turn.t("err-group-not-subscribed") }];
    }
    return command.run(turn, arg);
  }

  private async step(turn: Turn, flow: FlowState, input: StepInput): Promise<Reply[]> {
    const def = FLOWS.get(flow.kind);
    if (!def || (flow.contactId !== null && !turn.actor?.contacts.some((c) => c.id === flow.contactId))) {
      await this.flows.clear(turn.incoming.chatId);
      return [{ text: turn.t("flow-stale-button") }];
    }
    return def.step(turn, flow, input);
  }
}
