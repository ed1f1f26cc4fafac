import type { Reply } from "../../messages.ts";
import { auditText } from "../../reports/audit-lines.ts";
import { type FlowState, newFlow } from "../../store/flows.ts";
import { auditActor, isCoordinator } from "../actor.ts";
import type { FlowDefinition, Turn } from "../context.ts";
import { PAGE_SIZE, pageOf, readPageValue } from "../paging.ts";

/** The trail a coordinator pages through in chat: the latest entries, newest first. */
const LAST = 20;

type S = FlowState<{ page: number }>;

/** /nhatky (/audit): the last entries of the audit trail, a page at a time. */
export async function auditCommand(turn: Turn): Promise<Reply[]> {
  const s = newFlow(turn.incoming.chatId, auditActor(turn).actorContactId ?? null, "audit", "page", {
    page: 0,
  });
  return showPage(turn, s as unknown as S, 0);
}

async function showPage(turn: Turn, s: S, wanted: number): Promise<Reply[]> {
  const store = turn.deps.store;
  const rows = await store.audit.list({ limit: LAST });
  if (rows.length === 0) {
    await turn.flows.clear(turn.incoming.chatId);
    return [{ text: turn.t("audit-none") }];
  }
  const { items, page, pages, nav } = pageOf(turn, s, rows, wanted);
  s.data.page = page;
  // One page needs no buttons, and so no flow waiting for them.
  if (pages > 1) await turn.flows.save(s, turn.now, nav);
  else await turn.flows.clear(turn.incoming.chatId);
  const reader = {
    i18n: turn.deps.i18n,
    lang: turn.lang,
    timeZone: turn.deps.calendar.timeZone,
    agencyNames: await store.snapshot.agencyNames(),
  };
  const from = page * PAGE_SIZE + 1;
  const head = turn.t("audit-title", { from, to: from + items.length - 1, count: rows.length });
  const text = [head, ...items.map((r) => auditText(reader, r))].join("\n");
  return [{ text, ...(pages > 1 ? { choices: [nav] } : {}) }];
}

export const auditFlow: FlowDefinition = {
  kind: "audit",
  async step(turn, state, input) {
    // Checked at every page: a coordinator who lost the role sees no more of it.
    if (!isCoordinator(turn.actor)) {
      await turn.flows.clear(turn.incoming.chatId);
      return [{ text: turn.t("err-coordinators-only") }];
    }
    const page = readPageValue(input.value);
    if (page !== undefined) return showPage(turn, state as unknown as S, page);
    // Anything else: the person moved on from the list.
    await turn.flows.clear(turn.incoming.chatId);
    return [{ text: turn.t("hint") }];
  },
};
