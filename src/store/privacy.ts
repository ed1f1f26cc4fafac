import { and, asc, eq, inArray, isNull, notInArray, or } from "drizzle-orm";
import { type Q, transaction } from "./context.ts";
import type { Lang } from "./people.ts";

/** A person's rights (see, erase) and their consent; the retention chores are in retention.ts. */

/** The contacts (their roles) agreeing to the notice `version` at `at`. */
async function recordConsent(q: Q, contactIds: number[], version: string, at: string): Promise<void> {
  if (contactIds.length === 0) return;
  const c = q.t.contacts;
  await q.db
    .update(c)
    .set({ consentVersion: version, consentAt: at })
    .where(and(inArray(c.id, contactIds), isNull(c.erasedAt)));
}

/**
 * The contacts that are one person: those linked to the chat the person writes from, or the
 * given contact with every contact sharing one of its private chats (the same person in two
 * roles). Erased contacts are left out; [] when nobody matches.
 */
async function personOf(q: Q, who: { chatId: string } | { contactId: number }): Promise<number[]> {
  const { contacts: c, contactChats: cc, chats: ch } = q.t;
  let chatIds: string[];
  if ("chatId" in who) chatIds = [who.chatId];
  else {
    const own = await q.db
      .select({ chatId: cc.chatId })
      .from(cc)
      .innerJoin(ch, eq(ch.id, cc.chatId))
      .where(and(eq(cc.contactId, who.contactId), eq(ch.type, "private")));
    chatIds = own.map((r) => r.chatId);
  }
  const linked = chatIds.length
    ? await q.db
        .select({ id: cc.contactId })
        .from(cc)
        .where(inArray(cc.chatId, chatIds))
        .then((rows) => rows.map((r) => r.id))
    : [];
  const ids = "contactId" in who ? [who.contactId, ...linked] : linked;
  if (ids.length === 0) return [];
  const live = await q.db
    .select({ id: c.id })
    .from(c)
    .where(and(inArray(c.id, ids), isNull(c.erasedAt)))
    .orderBy(asc(c.id));
  return live.map((r) => r.id);
}

export interface PersonData {
  contacts: {
    id: number;
    agencyId: string;
    agency: string;
    role: string;
    name: string | null;
    lang: Lang;
    createdAt: string;
    removedAt: string | null;
    consentVersion: string | null;
    consentAt: string | null;
  }[];
  chats: { id: string; type: string; createdAt: string; unreachableAt: string | null }[];
  subscriptions: { chatId: string; planId: string; createdAt: string }[];
  /** Messages the bot wrote to them (the outbox, whatever their state). */
  messages: number;
  reports: number;
  targetReports: number;
  /** Leaves they took or were given (the days they were away). */
  leaves: number;
}

async function chatsOf(q: Q, contactIds: number[]): Promise<string[]> {
  const cc = q.t.contactChats;
  const rows = await q.db
    .selectDistinct({ chatId: cc.chatId })
    .from(cc)
    .where(inArray(cc.contactId, contactIds));
  return rows.map((r) => r.chatId).sort();
}

async function count(q: Q, table: "outbox" | "reports" | "targetReports", ids: number[], chats: string[]) {
  const t = q.t[table];
  const where =
    table === "outbox" && chats.length
      ? or(inArray(t.contactId, ids), inArray(t.chatId, chats))
      : inArray(t.contactId, ids);
  const rows = await q.db.select({ id: t.id }).from(t).where(where);
  return rows.length;
}

/** Everything kept about the person of these contacts (/dulieucuatoi, `people show`). */
async function personData(q: Q, contactIds: number[]): Promise<PersonData> {
  const { contacts: c, agencies: a, chats: ch, subscriptions: s } = q.t;
  if (contactIds.length === 0)
    return {
      contacts: [],
      chats: [],
      subscriptions: [],
      messages: 0,
      reports: 0,
      targetReports: 0,
      leaves: 0,
    };
  const contacts = await q.db
    .select({
      id: c.id,
      agencyId: c.agencyId,
      agency: a.name,
      role: c.role,
      name: c.name,
      lang: c.lang,
      createdAt: c.createdAt,
      removedAt: c.removedAt,
      consentVersion: c.consentVersion,
      consentAt: c.consentAt,
    })
    .from(c)
    .innerJoin(a, eq(a.id, c.agencyId))
    .where(inArray(c.id, contactIds))
    .orderBy(asc(c.id));
  const chatIds = await chatsOf(q, contactIds);
  const chats = chatIds.length
    ? await q.db
        .select({ id: ch.id, type: ch.type, createdAt: ch.createdAt, unreachableAt: ch.unreachableAt })
        .from(ch)
        .where(inArray(ch.id, chatIds))
    : [];
  const subscriptions = chatIds.length
    ? await q.db
        .select({ chatId: s.chatId, planId: s.planId, createdAt: s.createdAt })
        .from(s)
        .where(inArray(s.chatId, chatIds))
    : [];
  return {
    contacts,
    chats: chats.sort((x, y) => (x.id < y.id ? -1 : 1)),
    subscriptions,
    messages: await count(q, "outbox", contactIds, chatIds),
    reports: await count(q, "reports", contactIds, []),
    targetReports: await count(q, "targetReports", contactIds, []),
    leaves: (
      await q.db
        .select({ id: q.t.leaves.id })
        .from(q.t.leaves)
        .where(inArray(q.t.leaves.contactId, contactIds))
    ).length,
  };
}

export interface Forgotten {
  contacts: number;
  chats: number;
  messages: number;
  /** Reports kept as the agency's record, their author shown as erased. */
  reports: number;
}

/**
 * Erases a person, in one transaction: their names and chat ids are removed outright (chat
 * rows, links, subscriptions, conversations, menus, invite traces and every outbox row
 * addressed to them deleted; chat ids on their reports nulled). The contact rows stay, nameless
 * and marked erased, so the reports they made remain the agency's record. A chat another
 * person is linked to too (a group) loses only this person's link.
 */
async function forget(q: Q, contactIds: number[], at: string): Promise<Forgotten> {
  if (contactIds.length === 0) return { contacts: 0, chats: 0, messages: 0, reports: 0 };
  return transaction(q, async (tx) => {
    const t = tx.t;
    const linked = await chatsOf(tx, contactIds);
    const shared = linked.length
      ? await tx.db
          .selectDistinct({ chatId: t.contactChats.chatId })
          .from(t.contactChats)
          .where(
            and(inArray(t.contactChats.chatId, linked), notInArray(t.contactChats.contactId, contactIds)),
          )
      : [];
    const own = linked.filter((id) => !shared.some((s) => s.chatId === id));
    const ofPerson = <C extends { contactId: unknown; chatId: unknown }>(table: C) =>
      own.length
        ? or(inArray(table.contactId as never, contactIds), inArray(table.chatId as never, own))
        : inArray(table.contactId as never, contactIds);
    const messages = await tx.db.delete(t.outbox).where(ofPerson(t.outbox)).returning({ id: t.outbox.id });
    const reports = await tx.db
      .update(t.reports)
      .set({ chatId: null })
      .where(ofPerson(t.reports))
      .returning({ id: t.reports.id });
    await tx.db.update(t.targetReports).set({ chatId: null }).where(ofPerson(t.targetReports));
    await tx.db.delete(t.flows).where(ofPerson(t.flows));
    // How often they put reminders off says something about them, and nothing about the tasks.
    await tx.db.delete(t.snoozes).where(inArray(t.snoozes.contactId, contactIds));
    // Their absences likewise; a leave they stood in for keeps its dates but loses their name.
    await tx.db.delete(t.leaves).where(inArray(t.leaves.contactId, contactIds));
    await tx.db
      .update(t.leaves)
      .set({ deputyContactId: null })
      .where(inArray(t.leaves.deputyContactId, contactIds));
    await tx.db.delete(t.contactChats).where(inArray(t.contactChats.contactId, contactIds));
    if (own.length) {
      await tx.db.delete(t.chatMenus).where(inArray(t.chatMenus.chatId, own));
      await tx.db.delete(t.inviteAttempts).where(inArray(t.inviteAttempts.chatId, own));
      await tx.db.update(t.invites).set({ usedByChat: null }).where(inArray(t.invites.usedByChat, own));
      await tx.db.delete(t.subscriptions).where(inArray(t.subscriptions.chatId, own));
      await tx.db.delete(t.chats).where(inArray(t.chats.id, own));
    }
    await tx.db
      .update(t.contacts)
      .set({ name: null, erasedAt: at, consentVersion: null, consentAt: null })
      .where(inArray(t.contacts.id, contactIds));
    await tx.db
      .update(t.contacts)
      .set({ removedAt: at })
      .where(and(inArray(t.contacts.id, contactIds), isNull(t.contacts.removedAt)));
    return {
      contacts: contactIds.length,
      chats: own.length,
      messages: messages.length,
      reports: reports.length,
    };
  });
}

export const privacy = { recordConsent, personOf, personData, forget };
