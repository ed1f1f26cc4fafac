import type { Reply } from "../../messages.ts";
import { type FlowDefinition, flowChoice, type Turn } from "../context.ts";

/** /lang: the language of everything the bot sends this person, reminders included. */
export async function startSettings(turn: Turn): Promise<Reply[]> {
  if (!turn.actor) return [{ text: turn.t("join-hello") }];
  const state = await turn.flows.start(
    turn.incoming.chatId,
    turn.actor.contacts[0]?.id ?? null,
    "settings",
    "lang",
    {},
    turn.now,
  );
  return [
    {
      text: turn.t("settings-lang"),
      choices: [[flowChoice(state, "Tiếng Việt", "vi"), flowChoice(state, "English", "en")]],
    },
  ];
}

export const settingsFlow: FlowDefinition = {
  kind: "settings",
  async step(turn, _state, input) {
    const pick = input.value ?? input.text?.trim().toLowerCase();
    const lang =
      pick === "en" || pick === "english" ? "en" : pick === "vi" || pick === "tieng viet" ? "vi" : undefined;
    if (!lang || !turn.actor) return [{ text: turn.t("flow-use-buttons") }];
    const ids = turn.actor.contacts.map((c) => c.id);
    await turn.deps.store.people.setLang(ids, turn.incoming.chatId, lang);
    await turn.flows.clear(turn.incoming.chatId);
    return [{ text: turn.deps.i18n.t(lang, "settings-lang-saved") }];
  },
};
