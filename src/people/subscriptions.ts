import { eq } from "drizzle-orm";
import { findAgency } from "../catalog/agency-lookup.ts";
import type { DbOrTx } from "../db/connection.ts";
import { type DigestScope, plans, sections, subscriptions } from "../db/schema.ts";
import { UserError } from "../errors.ts";
import { ensureChat, markReachable, parseChatId } from "./contacts.ts";

/**
 * "plan" (or nothing), "sections:I,II", or "agencies:so-y-te,cong-an-tinh"; also the bare
 * forms a coordinator types in chat ("I II", "so y te").
 */
export function parseScope(db: DbOrTx, planId: string, text: string | undefined): DigestScope {
  const raw = (text ?? "").trim();
  if (raw === "" || raw === "plan") return { kind: "plan" };
  const [head, rest] = raw.includes(":")
    ? [raw.slice(0, raw.indexOf(":")), raw.slice(raw.indexOf(":") + 1)]
    : ["", raw];
  const items = rest.split(/[,\s]+/).filter(Boolean);
  const numerals = new Set(
    db
      .select({ n: sections.numeral })
      .from(sections)
      .where(eq(sections.planId, planId))
      .all()
      .map((s) => s.n),
  );
  if (head === "sections" || (head === "" && items.every((i) => numerals.has(i.toUpperCase())))) {
    const bad = items.find((i) => !numerals.has(i.toUpperCase()));
    if (bad || items.length === 0) throw new UserError("err-scope", { value: raw });
    return { kind: "sections", sections: items.map((i) => i.toUpperCase()) };
  }
  if (head === "agencies" || head === "") {
    const names = head === "" ? [rest] : rest.split(",");
    return { kind: "agencies", agencies: names.map((n) => findAgency(db, n).id) };
  }
  throw new UserError("err-scope", { value: raw });
}

export function defaultPlanId(db: DbOrTx, planId?: string): string {
  const plan = planId
    ? db.select().from(plans).where(eq(plans.id, planId)).get()
    : db.select().from(plans).orderBy(plans.importedAt).get();
  if (!plan) throw new UserError(planId ? "err-plan-unknown" : "err-no-plan", { plan: planId ?? "" });
  return plan.id;
}

export function subscribe(
  db: DbOrTx,
  input: { chat: string; planId?: string; scope?: string; lang?: "vi" | "en" },
  now = new Date().toISOString(),
): DigestScope {
  const chatId = parseChatId(input.chat);
  const planId = defaultPlanId(db, input.planId);
  const scope = parseScope(db, planId, input.scope);
  ensureChat(db, chatId, now);
  markReachable(db, chatId);
  db.insert(subscriptions)
    .values({ chatId, planId, scope, lang: input.lang ?? "vi", createdAt: now })
    .onConflictDoUpdate({ target: subscriptions.chatId, set: { planId, scope, lang: input.lang ?? "vi" } })
    .run();
  return scope;
}

export function unsubscribe(db: DbOrTx, chat: string): boolean {
  return (
    db
      .delete(subscriptions)
      .where(eq(subscriptions.chatId, parseChatId(chat)))
      .run().changes > 0
  );
}
