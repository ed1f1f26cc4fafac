import { decideData } from "../choice-data.ts";
import { dayLabel } from "../domain/period.ts";
import { extensionKey, recipientKey } from "../engine/keys.ts";
import type { NewMessage } from "../engine/outbox.ts";
import type { Lang } from "../i18n/index.ts";
import type { Choice } from "../messages.ts";
import type { Store } from "../store/index.ts";
import { shortTitle } from "../text/title.ts";
import type { Turn } from "./context.ts";

export type ExtensionView = NonNullable<Awaited<ReturnType<Store["extensions"]["byId"]>>>;

interface To {
  contactId: number;
  chatId: string;
  lang: Lang;
}

/** What every message about a request names, in one language. */
export function requestArgs(r: ExtensionView) {
  return {
    ref: r.ref,
    title: shortTitle(r.title, 80),
    agency: r.agencyName,
    old: r.request.oldDue ? dayLabel(r.request.oldDue) : "—",
    asked: dayLabel(r.request.newDue),
  };
}

/** Writes one message per chat through the outbox and sends it now (as /remind does). */
async function send(
  turn: Turn,
  r: ExtensionView,
  step: Parameters<typeof extensionKey>[1],
  to: To[],
  body: (lang: Lang) => { text: string; choices?: Choice[][] },
): Promise<number> {
  const at = turn.now.toISOString();
  const messages: NewMessage[] = to.map((c) => ({
    dedupeKey: recipientKey(extensionKey(r.request.id, step), c.contactId, c.chatId),
    chatId: c.chatId,
    contactId: c.contactId,
    agencyId: r.request.agencyId,
    planId: r.planId,
    kind: `extension-${step}`,
    ...body(c.lang),
    sendAfter: at,
  }));
  if (messages.length === 0) return 0;
  await turn.deps.outbox.add(messages);
  await turn.deps.engine?.dispatchNow(turn.now);
  return messages.length;
}

/** The request to every coordinator, with their three answers (numbered where there are no buttons). */
export async function notifyCoordinators(turn: Turn, r: ExtensionView): Promise<number> {
  const { i18n, store } = turn.deps;
  const id = r.request.id;
  return send(turn, r, "asked", await store.engine.coordinators(), (lang) => ({
    text: [
      i18n.t(lang, "extend-request", requestArgs(r)),
      i18n.t(lang, "extend-request-reason", { reason: r.request.reason }),
      ...(r.request.late ? [i18n.t(lang, "extend-request-late")] : []),
    ].join("\n"),
    choices: [
      [{ label: i18n.t(lang, "extend-agree"), data: decideData(id, "a") }],
      [{ label: i18n.t(lang, "extend-refuse"), data: decideData(id, "r") }],
      [{ label: i18n.t(lang, "extend-propose"), data: decideData(id, "p") }],
    ],
  }));
}

/** The answer to the agency's focal points and heads (the person who asked is one of them). */
export async function notifyAgency(turn: Turn, r: ExtensionView, due: string | undefined): Promise<number> {
  const { i18n, store } = turn.deps;
  const to = (await store.people.reachableChats({ agencyId: r.request.agencyId })).filter(
    (c) => c.role === "focal" || c.role === "head",
  );
  const args = { ...requestArgs(r), due: due ? dayLabel(due) : "—" };
  const key = !due
    ? "extend-rejected"
    : due === r.request.newDue
      ? "extend-approved"
      : "extend-approved-other";
  return send(turn, r, due ? "approved" : "rejected", to, (lang) => ({ text: i18n.t(lang, key, args) }));
}
