import type { Choice } from "../messages.ts";
import { pgQuery, type Q } from "./context.ts";
import { type FlowState, flows, stateOf } from "./flows.ts";
import { type ActorContact, type Lang, people } from "./people.ts";

/** What every conversation turn starts from: who is speaking and the chat's open flow. */
export interface TurnStart {
  actor: { contacts: ActorContact[]; lang: Lang } | undefined;
  flow: FlowState | undefined;
}

// One row always (the flow may be missing); the actor's contacts as one JSON array, in the
// order they were added, as people.actor lists them.
const TURN_SQL = `select f.chat_id, f.contact_id, f.kind, f.step, f.nonce, f.data, f.choices, f.expires_at,
    (select json_agg(json_build_object('id', c.id, 'agencyId', c.agency_id, 'agencyName', a.name,
                                       'role', c.role, 'lang', c.lang) order by c.id)
     from contact_chats cc join contacts c on c.id = cc.contact_id join agencies a on a.id = c.agency_id
     where cc.chat_id = $1 and c.removed_at is null) as actor
  from (select 1) one left join flows f on f.chat_id = $2`;

interface TurnRow {
  chat_id: string | null;
  contact_id: number | null;
  kind: string;
  step: string;
  nonce: string;
  data: unknown;
  choices: Choice[] | null;
  expires_at: string;
  actor: (ActorContact & { lang: Lang })[] | null;
}

/**
 * The speaker (by their own private chat) and the open flow of the chat they write in. On
 * PostgreSQL one round trip instead of two: every update of a conversation starts here. SQLite
 * answers each in microseconds, so it keeps the two reads.
 */
async function start(q: Q, userChatId: string, chatId: string, now: Date): Promise<TurnStart> {
  if (q.dialect !== "postgres")
    return { actor: await people.actor(q, userChatId), flow: await flows.get(q, chatId, now) };
  const { rows } = await pgQuery<TurnRow>(q, TURN_SQL, [userChatId, chatId]);
  const r = rows[0];
  const contacts = r?.actor ?? [];
  const flow =
    r?.chat_id == null
      ? undefined
      : await stateOf(
          q,
          {
            chatId: r.chat_id,
            contactId: r.contact_id,
            kind: r.kind,
            step: r.step,
            nonce: r.nonce,
            data: r.data,
            choices: r.choices,
            expiresAt: r.expires_at,
          },
          now,
        );
  const actor =
    contacts.length === 0
      ? undefined
      : { contacts: contacts.map(({ lang: _lang, ...c }) => c), lang: contacts[0]?.lang ?? "vi" };
  return { actor, flow };
}

export const turns = { start };
