import type { Reply } from "../../messages.ts";
import { foldAccents } from "../../text/normalize.ts";
import { type FlowDefinition, flowChoice, type Turn } from "../context.ts";
import { auditPrivacy } from "../privacy-audit.ts";
import { readConsent } from "./consent.ts";

/** /xoadulieu: a confirmation, then the person's data erased (store/privacy.ts `forget`). */
export async function startErase(turn: Turn): Promise<Reply[]> {
  return confirmErase(turn, turn.t("erase-intro"));
}

export async function confirmErase(turn: Turn, intro: string): Promise<Reply[]> {
  const state = await turn.flows.start(
    turn.incoming.chatId,
    turn.actor?.contacts[0]?.id ?? null,
    "erase",
    "confirm",
    {},
    turn.now,
  );
  return [
    {
      text: `${intro}\n\n${turn.t("erase-question")}`,
      choices: [[flowChoice(state, turn.t("erase-yes"), "yes"), flowChoice(state, turn.t("erase-no"), "no")]],
    },
  ];
}

export const eraseFlow: FlowDefinition = {
  kind: "erase",
  async step(turn, _state, input) {
    const answer = input.value ?? readErase(input.text ?? "");
    if (answer !== "yes" && answer !== "no") return confirmErase(turn, turn.t("flow-use-buttons"));
    await turn.flows.clear(turn.incoming.chatId);
    if (answer === "no") return [{ text: turn.t("erase-kept") }];
    const store = turn.deps.store;
    const ids = await store.privacy.personOf({ chatId: turn.incoming.userId });
    const done = await store.transaction(async (tx) => {
      const forgotten = await tx.privacy.forget(ids, turn.now.toISOString());
      for (const id of ids) {
        await auditPrivacy(tx, turn, "person.forget", id, forgotten, id);
        await tx.audit.anonymizeActor(id);
      }
      return forgotten;
    });
    return [{ text: turn.t("erase-done", { reports: done.reports }) }];
  },
};

/** "xóa", "xoa di", "đồng ý" confirm; "không", "thôi", "giữ lại" keep. */
function readErase(text: string): "yes" | "no" | undefined {
  const words = ` ${foldAccents(text).replace(/[^a-z0-9]+/g, " ")} `;
  if (/ (thoi|giu|khong|ko) /.test(words)) return "no";
  if (words.includes(" xoa ")) return "yes";
  return readConsent(text);
}
