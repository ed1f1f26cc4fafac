import { prepared } from "../db/statements.ts";
import { UserError } from "../errors.ts";
import { parseLang } from "../i18n/index.ts";
import type { Logger } from "../logger.ts";
import type { Incoming, Reply } from "../messages.ts";
import { countFlowError } from "../metrics.ts";
import { findActor, isCoordinator } from "./actor.ts";
import { type Command, parseCommand } from "./commands/index.ts";
import { type FlowDefinition, type StepInput, type Turn, whichOne } from "./context.ts";
import { kpiFlow } from "./flows/kpi.ts";
import { onboardingFlow, redeem } from "./flows/onboarding.ts";
import { reportFlow, startReport } from "./flows/report.ts";
import { settingsFlow } from "./flows/settings.ts";
import { choiceByNumber, type LabelMatch, looseKey, matchLabel, readRef } from "./input.ts";
import { CODE } from "./invites.ts";
import { type FlowState, FlowStore } from "./state.ts";
import type { ConversationDeps } from "./types.ts";

const FLOWS = new Map<string, FlowDefinition>(
  [reportFlow, onboardingFlow, settingsFlow, kpiFlow].map((f) => [f.kind, f]),
);
/** Longer than any answer a flow accepts; anything beyond is refused before it is read. */
const MAX_TEXT = 4000;

interface Read {
  command?: { command: Command; arg: string };
  choice?: string;
  reply?: Reply[];
}

const pickOne = <T>(m: LabelMatch<T>): T | undefined => (m && "one" in m ? m.one : undefined);

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
    const nonce = /^f:([^:]+):/.exec(offered[0]?.data ?? "")?.[1];
    if (nonce) this.flows.offer(chatId, nonce, offered);
    else if (options.bareCommands) this.flows.setMenu(chatId, offered, now);
  }

  private async route(turn: Turn, options: RouterOptions): Promise<Reply[]> {
    const { incoming, actor } = turn;
    const group = incoming.chatType === "group";
    const text = incoming.text ?? "";
    if (text.length > MAX_TEXT)
      return [{ text: turn.t("err-too-long", { max: MAX_TEXT, length: text.length }) }];

    const flow = this.flows.get(incoming.chatId, turn.now);
    const read = incoming.choice ? undefined : this.read(turn, flow, text, !!options.bareCommands && !group);
    if (read?.reply) return read.reply;
    if (read?.command) return this.command(turn, read.command.command, read.command.arg);

    const choice = incoming.choice ?? read?.choice;
    if (choice?.startsWith("f:")) {
      const [, nonce, value] = choice.split(":");
      if (!flow || flow.nonce !== nonce) return [{ text: turn.t("flow-stale-button") }];
      if (value === "x") {
        this.flows.clear(incoming.chatId);
        return [{ text: turn.t("flow-cancelled") }];
      }
      return this.step(turn, flow, { value });
    }
    if (choice === "rp" || choice?.startsWith("rp:")) {
      if (!actor) return [{ text: turn.t("join-hello") }];
      // A report belongs to a person: a forged button in a group starts nothing there.
      if (group) return [{ text: turn.t("err-private-only") }];
      return startReport(turn, choice.startsWith("rp:") ? Number(choice.slice(3)) : undefined);
    }
    if (choice) return [{ text: turn.t("flow-stale-button") }];

    if (flow) return this.step(turn, flow, { text: incoming.text, attachment: incoming.attachment });
    if (!actor) {
      if (group) return [];
      if (CODE.test(text.trim().toUpperCase())) return redeem(turn, text.trim());
      return [{ text: `${turn.t("join-hello")}\n\n${turn.t("join-how")}` }];
    }
    if (incoming.replyTo && !group) {
      const reminded = this.remindedAssignment(incoming.chatId, incoming.replyTo);
      if (reminded !== undefined) return startReport(turn, reminded ?? undefined);
    }
    return group ? [] : [{ text: turn.t("hint") }];
  }

  /**
   * What typed text means (see README "Conversations"): a slash command always; inside a flow,
   * the open question's own choices first, then (bare-word channels, questions that do not take
   * free text) a whole-message command, then another message's choice by its label; outside a
   * flow, a bare command word or the last message's menu.
   */
  private read(turn: Turn, flow: FlowState | undefined, text: string, bare: boolean): Read | undefined {
    if (!text.trim()) return undefined;
    if (text.trim().startsWith("/")) {
      const command = parseCommand(text, false);
      return command ? { command } : undefined;
    }
    if (!flow) {
      const command = bare ? parseCommand(text, true) : undefined;
      if (command) return { command };
      const menu = bare ? this.flows.menu(turn.incoming.chatId) : [];
      const picked = choiceByNumber(text, menu) ?? pickOne(matchLabel(text, menu, (c) => c.label));
      return picked ? { choice: picked.data } : undefined;
    }
    const kind = FLOWS.get(flow.kind)?.inputOf?.(flow) ?? "choice";
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
          offered.find((c) => c.data.endsWith(":x")),
        ),
      };
    if (kind === "text") return undefined;
    const command = bare ? parseCommand(text, true) : undefined;
    if (command && command.arg === "") return { command };
    const menu = pickOne(matchLabel(text, bare ? this.flows.menu(turn.incoming.chatId) : [], (c) => c.label));
    return menu ? { choice: menu.data } : undefined;
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

  /**
   * The assignment a replied-to reminder was about: a number, null (a general reminder), or
   * undefined when the message carried no report button (a digest, a notice, an escalation).
   * A long reminder is split into parts and only the last one has the button; a reply to an
   * earlier part counts too.
   */
  private remindedAssignment(chatId: string, platformMessageId: string): number | null | undefined {
    const row = prepared(
      this.deps.database.sqlite,
      "select dedupe_key key from outbox where chat_id = ? and platform_message_id = ?",
    ).get(chatId, platformMessageId) as { key: string } | undefined;
    if (!row) return undefined;
    const base = row.key.replace(/#\d+$/, "");
    const parts = prepared(
      this.deps.database.sqlite,
      `select choices from outbox where chat_id = ? and choices is not null
         and (dedupe_key = ? or substr(dedupe_key, 1, ?) = ?)`,
    ).all(chatId, base, base.length + 1, `${base}#`) as { choices: string }[];
    const data = parts
      .flatMap((p) => (JSON.parse(p.choices) as { data: string }[][]).flat())
      .find((c) => c.data === "rp" || c.data.startsWith("rp:"));
    if (!data) return undefined;
    return data.data.startsWith("rp:") ? Number(data.data.slice(3)) : null;
  }
}
