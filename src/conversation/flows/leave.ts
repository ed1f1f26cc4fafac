import { workWeekOf } from "../../domain/leave.ts";
import type { Reply } from "../../messages.ts";
import type { FlowState } from "../../store/flows.ts";
import { type FlowDefinition, flowChoice, type Turn } from "../context.ts";
import { mayActFor, setLeave, today } from "../leave-actions.ts";
import { readLeaveWords } from "../leave-text.ts";

interface Data {
  targetId: number;
  name: string;
}

/** /nghiphep alone: today, this week, or dates typed next. */
export async function startLeaveMenu(turn: Turn, targetId: number, name: string): Promise<Reply[]> {
  const state = await turn.flows.start(
    turn.incoming.chatId,
    turn.actor?.contacts[0]?.id ?? null,
    "leave",
    "menu",
    { targetId, name },
    turn.now,
  );
  return [
    {
      text: turn.t("leave-menu", { name }),
      choices: [
        [
          flowChoice(state, turn.t("leave-menu-today"), "today"),
          flowChoice(state, turn.t("leave-menu-week"), "week"),
        ],
        [
          flowChoice(state, turn.t("leave-menu-dates"), "dates"),
          flowChoice(state, turn.t("flow-cancel"), "x"),
        ],
      ],
    },
  ];
}

export const leaveFlow: FlowDefinition = {
  kind: "leave",
  inputOf: (state) => (state.step === "dates" ? "text" : "choice"),
  async step(turn, state, input) {
    const s = state as unknown as FlowState<Data>;
    // The flow row says whose leave; who may set it is asked again, as for any action.
    const target = (await turn.deps.store.leave.contacts()).find((c) => c.id === s.data.targetId);
    if (!target || !mayActFor(turn, target)) {
      await turn.flows.clear(turn.incoming.chatId);
      return [{ text: turn.t("leave-err-not-allowed") }];
    }
    const day = today(turn);
    if (input.value === "today") return done(turn, () => setLeave(turn, target, { from: day, to: day }));
    if (input.value === "week") return done(turn, () => setLeave(turn, target, workWeekOf(day)));
    if (input.value === "dates") {
      await turn.flows.save({ ...s, step: "dates" }, turn.now);
      return [{ text: turn.t("leave-ask-dates") }];
    }
    const words = readLeaveWords(input.text ?? "", day);
    if (words?.from && words.to) {
      const days = { from: words.from, to: words.to };
      return done(turn, () => setLeave(turn, target, days));
    }
    return [{ text: turn.t(s.step === "dates" ? "leave-ask-dates" : "flow-use-buttons") }];
  },
};

/** The flow ends once the leave is saved; a refused date keeps it open for another try. */
async function done(turn: Turn, save: () => Promise<Reply[]>): Promise<Reply[]> {
  const replies = await save();
  await turn.flows.clear(turn.incoming.chatId);
  return replies;
}
