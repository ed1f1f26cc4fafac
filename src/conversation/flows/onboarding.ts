import { dayLabel } from "../../domain/period.ts";
import { UserError } from "../../errors.ts";
import { parseLang } from "../../i18n/index.ts";
import type { Reply } from "../../messages.ts";
import { shortTitle } from "../../text/title.ts";
import type { FlowDefinition, Turn } from "../context.ts";
import { CODE, checkInvite } from "../invites.ts";
import { isOpen } from "../queries.ts";
import { askConsent } from "./consent.ts";

/** The welcome names the agency and lists what it leads. */
export async function welcome(
  turn: Turn,
  agencyId: string,
  agencyName: string,
  role: string,
): Promise<Reply[]> {
  const lang = turn.lang;
  const leads = (await turn.deps.store.reports.assignmentsOf(agencyId)).filter(
    (a) => a.role === "lead" && isOpen(a),
  );
  const lines = leads.slice(0, 20).map((a) =>
    turn.deps.i18n.t(lang, a.due ? "engine-item-due" : "engine-item", {
      ref: a.ref,
      title: shortTitle(a.title),
      due: a.due ? dayLabel(a.due) : "",
      indicative: a.indicative ? turn.deps.i18n.t(lang, "engine-indicative") : "",
    }),
  );
  return [
    {
      text: [
        turn.t("welcome", { agency: agencyName, role: turn.t(`role-${role}`) }),
        leads.length
          ? [turn.t("welcome-tasks", { count: leads.length }), ...lines].join("\n")
          : turn.t("welcome-no-tasks"),
        turn.t(role === "coordinator" ? "help-coordinator" : "help-focal"),
      ].join("\n\n"),
    },
  ];
}

/**
 * "/start CODE", or a plain CODE from someone not yet linked (Zalo has no deep links): a usable
 * code brings the privacy notice first; the code is used only once the person agrees (consent.ts).
 */
export async function redeem(turn: Turn, code: string): Promise<Reply[]> {
  try {
    const lang = parseLang(turn.incoming.userLang);
    const usable = await checkInvite(turn.deps.store, code, turn.incoming.userId, turn.now);
    return await askConsent({ ...turn, lang, t: (k, a) => turn.deps.i18n.t(lang, k, a) }, { code: usable });
  } catch (e) {
    if (e instanceof UserError) return [{ text: `${turn.t(e.key, e.args)}\n\n${turn.t("join-how")}` }];
    throw e;
  }
}

export async function startCommand(turn: Turn, arg: string): Promise<Reply[]> {
  if (arg) return redeem(turn, arg);
  const actor = turn.actor;
  if (actor) {
    const c = actor.contacts[0];
    return c ? welcome(turn, c.agencyId, c.agencyName, c.role) : [];
  }
  await turn.flows.start(turn.incoming.chatId, null, "onboarding", "code", {}, turn.now);
  return [{ text: `${turn.t("join-hello")}\n\n${turn.t("join-how")}` }];
}

export const onboardingFlow: FlowDefinition = {
  kind: "onboarding",
  async step(turn, _state, input) {
    const text = (input.text ?? "").trim().toUpperCase();
    if (CODE.test(text)) return redeem(turn, text);
    return [{ text: turn.t("join-how") }];
  },
};
