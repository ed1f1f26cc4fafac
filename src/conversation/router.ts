import { foldAccents } from "../catalog/text.ts";
import { prepared } from "../db/statements.ts";
import { UserError } from "../errors.ts";
import { parseLang } from "../i18n/index.ts";
import type { Logger } from "../logger.ts";
import { countFlowError } from "../metrics.ts";
import { findActor, isCoordinator } from "./actor.ts";
import { parseCommand } from "./commands/index.ts";
import type { FlowDefinition, StepInput, Turn } from "./context.ts";
import { kpiFlow } from "./flows/kpi.ts";
import { onboardingFlow, redeem } from "./flows/onboarding.ts";
import { reportFlow, startReport } from "./flows/report.ts";
import { settingsFlow } from "./flows/settings.ts";
import { CODE } from "./invites.ts";
import { type FlowState, FlowStore } from "./state.ts";
import type { ConversationDeps, Incoming, Reply } from "./types.ts";

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
    this.flows = new FlowStore(deps.sqlite);
  }

  async handle(incoming: Incoming, options: RouterOptions = {}): Promise<Reply[]> {
    const now = this.deps.now();
    const actor = findActor(this.deps.sqlite, incoming.userId);
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
      const last = replies.at(-1);
      if (options.bareCommands && last?.choices?.length)
        this.flows.setMenu(incoming.chatId, last.choices.flat(), now);
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

  private async route(turn: Turn, options: RouterOptions): Promise<Reply[]> {
    const { incoming, actor } = turn;
    const group = incoming.chatType === "group";
    const text = incoming.text ?? "";
    if (text.length > MAX_TEXT)
      return [{ text: turn.t("err-too-long", { max: MAX_TEXT, length: text.length }) }];

    const parsed = text ? parseCommand(text, !!options.bareCommands && !group) : undefined;
    if (parsed) {
      const { command, arg } = parsed;
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

    const flow = this.flows.get(incoming.chatId, turn.now);
    let choice = incoming.choice;
    const numeric = flow && FLOWS.get(flow.kind)?.numericSteps?.includes(flow.step) && /^\s*\d/.test(text);
    if (!choice && text && !numeric && options.bareCommands) choice = this.fromMenu(incoming.chatId, text);

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

  private step(turn: Turn, flow: FlowState, input: StepInput): Reply[] {
    const def = FLOWS.get(flow.kind);
    if (!def || (flow.contactId !== null && !turn.actor?.contacts.some((c) => c.id === flow.contactId))) {
      this.flows.clear(turn.incoming.chatId);
      return [{ text: turn.t("flow-stale-button") }];
    }
    return def.step(turn, flow, input);
  }

  /** A numbered answer ("2") or a label, with or without accents, from the last menu shown. */
  private fromMenu(chatId: string, text: string): string | undefined {
    const menu = this.flows.menu(chatId);
    if (menu.length === 0) return undefined;
    const t = text.trim();
    if (/^\d{1,2}$/.test(t)) return menu[Number(t) - 1]?.data;
    const folded = foldAccents(t)
      .replace(/[^a-z0-9%]+/g, " ")
      .trim();
    const norm = (label: string) =>
      foldAccents(label)
        .replace(/[^a-z0-9%]+/g, " ")
        .trim();
    return (
      menu.find((c) => norm(c.label) === folded)?.data ??
      menu.find((c) => folded.length >= 3 && norm(c.label).startsWith(folded))?.data
    );
  }

  private subscribed(chatId: string): boolean {
    return !!prepared(this.deps.sqlite, "select 1 from subscriptions where chat_id = ?").get(chatId);
  }

  /**
   * The assignment a replied-to reminder was about: a number, null (a general reminder), or
   * undefined when the message carried no report button (a digest, a notice, an escalation).
   * A long reminder is split into parts and only the last one has the button; a reply to an
   * earlier part counts too.
   */
  private remindedAssignment(chatId: string, platformMessageId: string): number | null | undefined {
    const row = prepared(
      this.deps.sqlite,
      "select dedupe_key key from outbox where chat_id = ? and platform_message_id = ?",
    ).get(chatId, platformMessageId) as { key: string } | undefined;
    if (!row) return undefined;
    const base = row.key.replace(/#\d+$/, "");
    const parts = prepared(
      this.deps.sqlite,
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
