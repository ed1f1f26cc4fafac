import { and, asc, eq, gte, isNull, lt, sql } from "drizzle-orm";
import type { Role } from "../db/schema.ts";
import { type Q, statement, transaction } from "./context.ts";
import { type Lang, people } from "./people.ts";
import { privacy } from "./privacy.ts";

const p = (name: string) => sql.placeholder(name);

async function create(
  q: Q,
  invite: { code: string; agencyId: string; role: Role; createdBy: string | null; expiresAt: string },
  now: Date,
): Promise<void> {
  await q.db.insert(q.t.invites).values({ ...invite, createdAt: now.toISOString() });
}

const byCode = statement("invites_by_code", (q) =>
  q.db
    .select()
    .from(q.t.invites)
    .where(eq(q.t.invites.code, p("code")))
    .prepare(),
);

/** The invite as stored, used or expired alike. */
async function find(q: Q, code: string) {
  const [row] = await byCode(q).execute({ code });
  return row;
}

const prune = statement("invites_attempts_prune", (q) =>
  q.db
    .delete(q.t.inviteAttempts)
    .where(lt(q.t.inviteAttempts.at, p("since")))
    .prepare(),
);
const recent = statement("invites_attempts_recent", (q) => {
  const t = q.t.inviteAttempts;
  return q.db
    .select({ at: t.at })
    .from(t)
    .where(and(eq(t.chatId, p("chatId")), gte(t.at, p("since"))))
    .orderBy(asc(t.at))
    .prepare();
});

/** The chat's refused attempts since `since`, oldest first; older attempts of every chat are forgotten. */
async function attemptsSince(q: Q, chatId: string, since: string): Promise<string[]> {
  await prune(q).execute({ since });
  return (await recent(q).execute({ chatId, since })).map((r) => r.at);
}

async function addAttempt(q: Q, chatId: string, at: Date): Promise<void> {
  await q.db.insert(q.t.inviteAttempts).values({ chatId, at: at.toISOString() });
}

/**
 * Uses a code once, atomically (two chats racing for one code cannot both win) and links the
 * chat to the invite's agency and role with the person's consent, in one transaction. Undefined, with nothing written,
 * when the code is unknown, used or expired. The chat id must be valid (the caller checks it).
 */
async function redeem(
  q: Q,
  input: { code: string; chatId: string; name?: string; lang: Lang; consentVersion: string },
  now: Date,
): Promise<{ agencyId: string; agencyName: string; role: Role; contactId: number } | undefined> {
  const at = now.toISOString();
  return transaction(q, async (tx) => {
    const i = tx.t.invites;
    const [taken] = await tx.db
      .update(i)
      .set({ usedAt: at, usedByChat: input.chatId })
      .where(and(eq(i.code, input.code), isNull(i.usedAt), sql`${i.expiresAt} > ${at}`))
      .returning();
    if (!taken) return undefined;
    const { id } = await people.addContact(
      tx,
      {
        agencyId: taken.agencyId,
        role: taken.role,
        chatId: input.chatId,
        name: input.name,
        lang: input.lang,
      },
      at,
    );
    await privacy.recordConsent(tx, [id], input.consentVersion, at);
    const [agency] = await tx.db
      .select({ name: tx.t.agencies.name })
      .from(tx.t.agencies)
      .where(eq(tx.t.agencies.id, taken.agencyId));
    return {
      agencyId: taken.agencyId,
      agencyName: agency?.name ?? taken.agencyId,
      role: taken.role,
      contactId: id,
    };
  });
}

export const invites = { create, find, attemptsSince, addAttempt, redeem };
