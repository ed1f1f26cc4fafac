import { CANCEL_VALUE, readFlowData, readReportData } from "../choice-data.ts";
import { prepared } from "../db/statements.ts";
import { laterPartsPrefix, messageKey } from "../engine/keys.ts";
import { UserError } from "../errors.ts";
import { parseLang } from "../i18n/index.ts";
import type { Logger } from "../logger.ts";
import type { Incoming, Reply } from "../messages.ts";
import { countFlowError } from "../metrics.ts";
import { findActor, isCoordinator } from "./actor.ts";
import type { Command } from "./commands/index.ts";
import type { FlowDefinition, StepInput, Turn } from "./context.ts";
import { kpiFlow } from "./flows/kpi.ts";
import { onboardingFlow, redeem } from "./flows/onboarding.ts";
import { reportFlow, startReport } from "./flows/report.ts";
import { settingsFlow } from "./flows/settings.ts";
import { CODE } from "./invites.ts";
import { readTyped } from "./reading.ts";
import { remindedAssignment } from "./reminded.ts";
import { type FlowState, FlowStore } from "./state.ts";
import type { ConversationDeps } from "./types.ts";

const FLOWS = new Map<string, FlowDefinition>(
  [reportFlow, onboardingFlow, settingsFlow, kpiFlow].map((f) => [f.kind, f]),
);
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
  readonly flows: FlowStore;

  constructor(
    private readonly deps: ConversationDeps,
    private readonly log: Logger,
  ) {
    this.flows = new FlowStore(deps.database.sqlite);
  }

  async handle(incoming: Incoming, options: RouterOptions = {}): Promise<Reply[]> {
    const now = this.deps.now();
    const actor = findActor(this.deps.database.sqlite, incoming.userId);
    const lang = actor?.lang ?? parseLang(incoming.userLang);
    const turn: Turn = {
      deps: this.deps,
      flows: this.flows,
      incoming,
      actor,
      lang,
      now,
      t: (key, args) => this.deps.i18n.t(lang, key, args),
    };
    try {
      const replies = await this.route(turn, options);
      this.remember(incoming.chatId, replies, options, now);
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
  private remember(chatId: string, replies: Reply[], options: RouterOptions, now: Date): void {
    const offered = replies.at(-1)?.choices?.flat();
    if (!offered?.length) return;
    const nonce = readFlowData(offered[0]?.data ?? "")?.nonce;
    if (nonce) this.flows.offer(chatId, nonce, offered);
    else if (options.bareCommands) this.flows.setMenu(chatId, offered, now);
  }

  private async route(turn: Turn, options: RouterOptions): Promise<Reply[]> {
    const { incoming } = turn;
    const text = incoming.text ?? "";
    if (text.length > MAX_TEXT)
      return [{ text: turn.t("err-too-long", { max: MAX_TEXT, length: text.length }) }];

    const flow = this.flows.get(incoming.chatId, turn.now);
    const bare = !!options.bareCommands && incoming.chatType !== "group";
    const open = flow && { flow, kind: FLOWS.get(flow.kind)?.inputOf?.(flow) ?? "choice" };
    const read = incoming.choice ? undefined : readTyped(turn, this.flows, open, text, bare);
    if (read?.reply) return read.reply;
    if (read?.command) return this.command(turn, read.command.command, read.command.arg);
    const choice = incoming.choice ?? read?.choice;
    if (choice) return this.pressed(turn, flow, choice);
    return this.unprompted(turn, flow);
  }

  /** A button pressed (or a choice picked by typing): a flow's answer, or "report". */
  private pressed(turn: Turn, flow: FlowState | undefined, choice: string): Reply[] {
    const { incoming, actor } = turn;
    const answer = readFlowData(choice);
    if (answer) {
      if (!flow || flow.nonce !== answer.nonce) return [{ text: turn.t("flow-stale-button") }];
      if (answer.value === CANCEL_VALUE) {
        this.flows.clear(incoming.chatId);
        return [{ text: turn.t("flow-cancelled") }];
      }
      return this.step(turn, flow, { value: answer.value });
    }
    const report = readReportData(choice);
    if (report === undefined) return [{ text: turn.t("flow-stale-button") }];
    if (!actor) return [{ text: turn.t("join-hello") }];
    // A report belongs to a person: a forged button in a group starts nothing there.
    if (incoming.chatType === "group") return [{ text: turn.t("err-private-only") }];
    return startReport(turn, report ?? undefined);
  }

  /** Text that is neither a command nor a choice: the open question's answer, a code, or a hint. */
  private unprompted(turn: Turn, flow: FlowState | undefined): Reply[] {
    const { incoming, actor } = turn;
    const group = incoming.chatType === "group";
    const text = incoming.text ?? "";
    if (flow) return this.step(turn, flow, { text: incoming.text, attachment: incoming.attachment });
    if (!actor) {
      if (group) return [];
      if (CODE.test(text.trim().toUpperCase())) return redeem(turn, text.trim());
      return [{ text: `${turn.t("join-hello")}\n\n${turn.t("join-how")}` }];
    }
    if (incoming.replyTo && !group) {
      const reminded = remindedAssignment(this.deps.database.sqlite, incoming.chatId, incoming.replyTo);
      if (reminded !== undefined) return startReport(turn, reminded ?? undefined);
    }
    return group ? [] : [{ text: turn.t("hint") }];
  }

  private command(turn: Turn, command: Command, arg: string): Reply[] | Promise<Reply[]> {
    const { incoming, actor } = turn;
    const group = incoming.chatType === "group";
    if (command.name === "cancel") {
      return [
        { text: turn.t(this.flows.clear(incoming.chatId) ? "flow-cancelled" : "flow-nothing-to-cancel") },
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
      !this.subscribed(incoming.chatId)
    ) {
      return [{ text: turn.t("err-group-not-subscribed") }];
    }
    return command.run(turn, arg);
  }

  private step(turn: Turn, flow: FlowState, input: StepInput): Reply[] {
    const def = FLOWS.get(flow.kind);
    if (!def || (flow.contactId !== null && !turn.actor?.contacts.some((c) => c.id === flow.contactId))) {
      this.flows.clear(turn.incoming.chatId);
      return [{ text: turn.t("flow-stale-button") }];
    }
    return def.step(turn, flow, input);
  }

  private subscribed(chatId: string): boolean {
    return !!prepared(this.deps.database.sqlite, "select 1 from subscriptions where chat_id = ?").get(chatId);
  }
}
