import { lookupAgency } from "../catalog/agency-lookup.ts";
import type { DigestScope } from "../db/schema.ts";
import { UserError } from "../errors.ts";
import type { AuditActor, Store } from "../store/index.ts";
import { parseChatId } from "./contacts.ts";

/**
 * "plan" (or nothing), "sections:I,II", or "agencies:so-y-te,cong-an-tinh"; also the bare
 * forms a coordinator types in chat ("I II", "so y te").
 */
export async function parseScope(
  store: Store,
  planId: string,
  text: string | undefined,
): Promise<DigestScope> {
  const raw = (text ?? "").trim();
  if (raw === "" || raw === "plan") return { kind: "plan" };
  const [head, rest] = raw.includes(":")
    ? [raw.slice(0, raw.indexOf(":")), raw.slice(raw.indexOf(":") + 1)]
    : ["", raw];
  const items = rest.split(/[,\s]+/).filter(Boolean);
  const numerals = new Set(await store.catalog.sectionNumerals(planId));
  if (head === "sections" || (head === "" && items.every((i) => numerals.has(i.toUpperCase())))) {
    const bad = items.find((i) => !numerals.has(i.toUpperCase()));
    if (bad || items.length === 0) throw new UserError("err-scope", { value: raw });
    return { kind: "sections", sections: items.map((i) => i.toUpperCase()) };
  }
  if (head === "agencies" || head === "") {
    const names = head === "" ? [rest] : rest.split(",");
    const agencies: string[] = [];
    for (const n of names) agencies.push((await lookupAgency(store, n)).id);
    return { kind: "agencies", agencies };
  }
  throw new UserError("err-scope", { value: raw });
}

export async function defaultPlanId(store: Store, planId?: string): Promise<string> {
  const id = await store.catalog.planId(planId);
  if (!id) throw new UserError(planId ? "err-plan-unknown" : "err-no-plan", { plan: planId ?? "" });
  return id;
}

/**
 * The chat gets the digest for `scope`, agencies named in it found as typed; recorded as `by`'s
 * action with the scope it replaced.
 */
export async function subscribe(
  store: Store,
  input: { chat: string; planId?: string; scope?: string; lang?: "vi" | "en" },
  now = new Date().toISOString(),
  by?: AuditActor,
): Promise<DigestScope> {
  const chatId = parseChatId(input.chat);
  const planId = await defaultPlanId(store, input.planId);
  const scope = await parseScope(store, planId, input.scope);
  await store.transaction(async (tx) => {
    const before = (await tx.chats.subscription(chatId)) ?? null;
    await tx.chats.subscribe({ chatId, planId, scope, lang: input.lang ?? "vi" }, now);
    const after = { planId, scope };
    if (by)
      await tx.audit.record({
        ...by,
        at: new Date(now),
        ...onChat("subscription.add", chatId, before, after),
      });
  });
  return scope;
}

/** Ends the chat's digest; false (and nothing recorded) when it had none. */
export async function unsubscribe(
  store: Store,
  chat: string,
  by?: AuditActor,
  now = new Date(),
): Promise<boolean> {
  const chatId = parseChatId(chat);
  return store.transaction(async (tx) => {
    const before = (await tx.chats.subscription(chatId)) ?? null;
    const gone = await tx.chats.unsubscribe(chatId);
    if (gone && by)
      await tx.audit.record({ ...by, at: now, ...onChat("subscription.remove", chatId, before, null) });
    return gone;
  });
}

function onChat(action: string, chatId: string, before: unknown, after: unknown) {
  return { action, targetKind: "chat", targetId: chatId, before, after };
}
