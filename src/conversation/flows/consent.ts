import { UserError } from "../../errors.ts";
import type { Reply } from "../../messages.ts";
import { foldAccents } from "../../text/normalize.ts";
import { type FlowDefinition, flowChoice, type Turn } from "../context.ts";
import { redeemInvite } from "../invites.ts";
import { auditPrivacy } from "../privacy-audit.ts";
import { confirmErase } from "./erase.ts";
import { welcome } from "./onboarding.ts";

/**
 * The privacy notice and "Đồng ý / Không đồng ý": before joining (the invite code waits in the
 * flow, nothing is kept about the person until they agree) and again for people already linked
 * whose recorded consent is not the current notice's version (consent-gate.ts).
 */
interface ConsentData {
  /** The invite code being redeemed; absent when a linked person is asked again. */
  code?: string;
}

export async function askConsent(turn: Turn, data: ConsentData): Promise<Reply[]> {
  const state = await turn.flows.start(turn.incoming.chatId, null, "consent", "ask", data, turn.now);
  const intro = turn.t(data.code ? "consent-intro-join" : "consent-intro-again");
  return [
    {
      text: `${intro}\n\n${turn.deps.consent.text(turn.lang)}\n\n${turn.t("consent-question")}`,
      choices: [
        [flowChoice(state, turn.t("consent-yes"), "yes"), flowChoice(state, turn.t("consent-no"), "no")],
      ],
    },
  ];
}

/** A typed answer, as people type it: "đồng ý", "dong y a", "ok", "không", "ko dong y". */
export function readConsent(text: string): "yes" | "no" | undefined {
  const words = foldAccents(text)
    .replace(/[^a-z0-9 ]/g, " ")
    .split(/\s+/)
    .filter(Boolean);
  const has = (w: string) => words.includes(w);
  const joined = ` ${words.join(" ")} `;
  if (["khong", "ko", "k", "no", "disagree"].some(has) || joined.includes(" tu choi ")) return "no";
  if (joined.includes(" dong y ") || ["ok", "yes", "agree", "co", "vang", "da"].some(has)) return "yes";
  return undefined;
}

export const consentFlow: FlowDefinition = {
  kind: "consent",
  async step(turn, state, input) {
    const data = state.data as ConsentData;
    const answer = input.value ?? readConsent(input.text ?? "");
    if (answer !== "yes" && answer !== "no") return askConsent(turn, data);
    if (data.code) return answer === "yes" ? join(turn, data.code) : refuseJoin(turn, data.code);
    if (answer === "no") return withdraw(turn);
    const ids = (turn.actor?.contacts ?? []).map((c) => c.id);
    const { version } = turn.deps.consent;
    await turn.deps.store.transaction(async (tx) => {
      await tx.privacy.recordConsent(ids, version, turn.now.toISOString());
      for (const id of ids) await auditPrivacy(tx, turn, "consent.give", id, { version });
    });
    await turn.flows.clear(turn.incoming.chatId);
    return [{ text: turn.t("consent-thanks") }];
  },
};

/** Agreed: the code is used now, the consent stored with the contact in the same transaction. */
async function join(turn: Turn, code: string): Promise<Reply[]> {
  const { version } = turn.deps.consent;
  try {
    const r = await redeemInvite(
      turn.deps.store,
      {
        code,
        chatId: turn.incoming.userId,
        name: turn.incoming.userName,
        lang: turn.lang,
        consentVersion: version,
      },
      turn.now,
    );
    await auditPrivacy(turn.deps.store, turn, "consent.give", r.contactId, { version }, r.contactId);
    await turn.flows.clear(turn.incoming.chatId);
    return await welcome(turn, r.agencyId, r.agencyName, r.role);
  } catch (e) {
    await turn.flows.clear(turn.incoming.chatId);
    if (e instanceof UserError) return [{ text: `${turn.t(e.key, e.args)}\n\n${turn.t("join-how")}` }];
    throw e;
  }
}

/** Refused before joining: nothing was written about them, and the code is still theirs to use. */
async function refuseJoin(turn: Turn, code: string): Promise<Reply[]> {
  await turn.flows.clear(turn.incoming.chatId);
  return [{ text: turn.t("consent-refused-join", { code }) }];
}

/** A linked person refusing a new notice withdraws consent: erasing their data is offered. */
async function withdraw(turn: Turn): Promise<Reply[]> {
  const { version } = turn.deps.consent;
  for (const c of turn.actor?.contacts ?? [])
    await auditPrivacy(turn.deps.store, turn, "consent.withdraw", c.id, { version });
  return confirmErase(turn, turn.t("consent-refused-member"));
}
