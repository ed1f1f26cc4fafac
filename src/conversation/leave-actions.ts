import { addDay, dayLabel } from "../domain/period.ts";
import { leaveNoticeKey, recipientKey } from "../engine/keys.ts";
import { UserError } from "../errors.ts";
import type { Reply } from "../messages.ts";
import type { Store } from "../store/index.ts";
import type { LeaveContact } from "../store/leave.ts";
import { foldAccents } from "../text/normalize.ts";
import { auditActor, isCoordinator, reportingContact } from "./actor.ts";
import type { Turn } from "./context.ts";
import { asTyped, leaveProblem, withoutPoliteEnd } from "./leave-text.ts";

export const today = (turn: Turn) => turn.deps.calendar.localDate(turn.now);

/** A contact as people say it: the name, or the role at the agency when no name was given. */
export const nameOf = (turn: Turn, c: LeaveContact) =>
  c.name ?? turn.t("leave-role-at", { role: turn.t(`role-${c.role}`), agency: c.agencyName });

/** The contact who speaks, as the one whose leave or deputy it is (focal point first). */
export async function self(turn: Turn): Promise<LeaveContact> {
  const own = turn.actor ? reportingContact(turn.actor) : undefined;
  const found = own && (await turn.deps.store.leave.contacts(own.agencyId)).find((c) => c.id === own.id);
  if (!found) throw new UserError("err-not-allowed");
  return found;
}

/** Whether the speaker may set `target`'s leave: their own, their agency's as its head, anyone's as a coordinator. */
export function mayActFor(turn: Turn, target: LeaveContact): boolean {
  const mine = turn.actor?.contacts ?? [];
  if (isCoordinator(turn.actor)) return true;
  return mine.some((c) => c.id === target.id || (c.role === "head" && c.agencyId === target.agencyId));
}

/** `typed`: the message the name was read from, to quote it as written when nobody has it. */
export async function whoseLeave(turn: Turn, rest: string, typed = rest): Promise<LeaveContact> {
  const me = await self(turn);
  // A lone "ạ" or "a" is politeness, not a name.
  if (rest.length < 2) return me;
  const head = turn.actor?.contacts.find((c) => c.role === "head");
  const pool = await turn.deps.store.leave.contacts(
    isCoordinator(turn.actor) ? undefined : (head?.agencyId ?? me.agencyId),
  );
  const found = matchContacts(pool, rest);
  if (found.length > 1)
    throw new UserError("leave-err-which", { names: found.map((c) => nameOf(turn, c)).join("; ") });
  const [one] = found;
  if (!one) {
    // Someone who may only set their own leave typed a few more words than the dates.
    if (!head && !isCoordinator(turn.actor)) return me;
    throw new UserError("leave-err-nobody", { name: asTyped(typed, rest) });
  }
  if (turn.actor?.contacts.some((c) => c.id === one.id)) return me;
  if (!mayActFor(turn, one)) throw new UserError("leave-err-not-allowed");
  return one;
}

/**
 * Contacts whose name is, or ends with, or holds as whole words, what was typed (accents
 * optional). "chi Mai a" ends politely: when the whole of it names nobody, it is read again
 * without the closing words, so "Nguyễn Văn A" still finds Nguyễn Văn A.
 */
export function matchContacts(pool: LeaveContact[], typed: string): LeaveContact[] {
  const want = foldAccents(typed).trim();
  if (want.length < 2) return [];
  const named = pool.filter((c) => c.name);
  const exact = named.filter((c) => foldAccents(c.name ?? "") === want);
  if (exact.length > 0) return exact;
  const found = named.filter((c) => ` ${foldAccents(c.name ?? "")} `.includes(` ${want} `));
  const plain = withoutPoliteEnd(want);
  return found.length > 0 || plain === want ? found : matchContacts(pool, plain);
}

/** Saves a leave (with its audit row) and says where the reminders go meanwhile. */
export async function setLeave(
  turn: Turn,
  target: LeaveContact,
  days: { from: string; to: string },
  deputy?: LeaveContact,
): Promise<Reply[]> {
  const problem = leaveProblem(days.from, days.to, today(turn));
  if (problem) throw new UserError(problem, { from: dayLabel(days.from), to: dayLabel(days.to) });
  const setBy = auditActor(turn).actorContactId ?? null;
  const saved = await turn.deps.store.transaction(async (tx) => {
    const leave = { contactId: target.id, agencyId: target.agencyId, ...days, setById: setBy };
    const r = await tx.leave.set(deputy ? { ...leave, deputyId: deputy.id } : leave, turn.now);
    await recordLeave(tx, turn, "leave.set", target.id, {
      before: r.before && { from: r.before.from, to: r.before.to, deputy: r.before.deputyId },
      after: { ...days, deputy: deputy?.id ?? r.before?.deputyId ?? null },
    });
    return { id: r.id, deputyId: (await tx.leave.ofContact(target.id, days.from))?.deputyId ?? null };
  });
  const dates = { from: dayLabel(days.from), to: dayLabel(days.to) };
  if (!turn.actor?.contacts.some((c) => c.id === target.id))
    await tellPerson(turn, target, saved.id, "leave-told", { ...dates, by: byName(turn) });
  if (deputy)
    await tellPerson(turn, deputy, saved.id, "deputy-told", { ...dates, name: nameOf(turn, target) });
  const args = { name: nameOf(turn, target), from: dayLabel(days.from), to: dayLabel(days.to) };
  return [
    { text: [turn.t("leave-set", args), await whereReminders(turn, target, saved.deputyId)].join("\n") },
  ];
}

async function whereReminders(turn: Turn, target: LeaveContact, deputyId: number | null): Promise<string> {
  const colleagues = await turn.deps.store.leave.contacts(target.agencyId);
  const deputy = colleagues.find((c) => c.id === deputyId);
  if (deputy) return turn.t("leave-goes-deputy", { deputy: nameOf(turn, deputy) });
  const others = colleagues.filter((c) => c.role === "focal" && c.id !== target.id);
  return turn.t(others.length > 0 ? "leave-goes-others" : "leave-goes-head");
}

/** /nghiphep hủy: the leave ends today (one not begun is called off). */
export async function endLeave(turn: Turn, target: LeaveContact): Promise<Reply[]> {
  const day = today(turn);
  const leave = await turn.deps.store.leave.ofContact(target.id, day);
  if (!leave) return [{ text: turn.t("leave-none", { name: nameOf(turn, target) }) }];
  await turn.deps.store.transaction(async (tx) => {
    await tx.leave.end(leave.id, addDay(day, -1), turn.now);
    await recordLeave(tx, turn, "leave.end", target.id, {
      before: { from: leave.from, to: leave.to, deputy: leave.deputyId },
      after: { to: addDay(day, -1) },
    });
  });
  const key = leave.from >= day ? "leave-called-off" : "leave-ended";
  return [
    { text: turn.t(key, { name: nameOf(turn, target), from: dayLabel(leave.from), to: dayLabel(leave.to) }) },
  ];
}

/** The audit row of a change to someone's leave, written in the change's transaction. */
export function recordLeave(
  tx: Store,
  turn: Turn,
  action: "leave.set" | "leave.end" | "leave.deputy",
  contactId: number,
  change: { before: unknown; after: unknown },
): Promise<void> {
  return tx.audit.record({
    ...auditActor(turn),
    at: turn.now,
    action,
    targetKind: "contact",
    targetId: contactId,
    ...change,
  });
}

/**
 * Tells a person, through the outbox, of a change someone else made: a leave set for them, or
 * their being named a deputy. Their own language; every chat the bot can still reach.
 */
export async function tellPerson(
  turn: Turn,
  person: LeaveContact,
  leaveId: number,
  what: "leave-told" | "deputy-told",
  args: Record<string, string>,
): Promise<void> {
  const chats = (await turn.deps.store.people.reachableChats({ agencyId: person.agencyId })).filter(
    (c) => c.contactId === person.id,
  );
  const at = turn.now.toISOString();
  await turn.deps.outbox.add(
    chats.map((c) => ({
      dedupeKey: recipientKey(leaveNoticeKey(leaveId, what, at), c.contactId, c.chatId),
      chatId: c.chatId,
      contactId: c.contactId,
      agencyId: person.agencyId,
      kind: what,
      text: turn.deps.i18n.t(c.lang, what, args),
      sendAfter: at,
    })),
  );
  await turn.deps.engine?.dispatchNow(turn.now);
}

/** Who the speaker is, as a told person reads it. */
const byName = (turn: Turn) => {
  const c =
    turn.actor?.contacts.find((x) => x.role === "coordinator" || x.role === "head") ??
    turn.actor?.contacts[0];
  return c ? turn.t("leave-role-at", { role: turn.t(`role-${c.role}`), agency: c.agencyName }) : "—";
};
