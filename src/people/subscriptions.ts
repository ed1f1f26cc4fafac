import { lookupAgency } from "../catalog/agency-lookup.ts";
import type { DigestScope } from "../db/schema.ts";
import { UserError } from "../errors.ts";
import type { Store } from "../store/index.ts";
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

/** The chat gets the digest for `scope`, agencies named in it found as typed. */
export async function subscribe(
  store: Store,
  input: { chat: string; planId?: string; scope?: string; lang?: "vi" | "en" },
  now = new Date().toISOString(),
): Promise<DigestScope> {
  const chatId = parseChatId(input.chat);
  const planId = await defaultPlanId(store, input.planId);
  const scope = await parseScope(store, planId, input.scope);
  await store.chats.subscribe({ chatId, planId, scope, lang: input.lang ?? "vi" }, now);
  return scope;
}

export function unsubscribe(store: Store, chat: string): Promise<boolean> {
  return store.chats.unsubscribe(parseChatId(chat));
}
