import type { Choice } from "../messages.ts";
import { pgQuery, type Q } from "./context.ts";
import { type FlowState, flows, stateOf } from "./flows.ts";
import { type ActorContact, type Lang, people } from "./people.ts";
import type { OpenAssignment } from "./reports.ts";

/** What every conversation turn starts from: who is speaking and the chat's open flow. */
export interface TurnStart {
  actor: { contacts: ActorContact[]; lang: Lang } | undefined;
  flow: FlowState | undefined;
  /**
   * On PostgreSQL, for a report flow with its task picked: that assignment as
   * `reports.assignmentFor(agencyId, assignmentId)` reads it (`value` undefined when it is no
   * longer open), so the step need not ask again. Absent when not read.
   */
  reportAssignment?: { value: OpenAssignment | undefined };
}

// One row always (the flow may be missing); the actor's contacts as one JSON array, in the
// order they were added, with the same fields people.actor reads (tests/store/turns.test.ts
// compares the two).
const TURN_SQL = `select f.chat_id, f.contact_id, f.kind, f.step, f.nonce, f.data, f.choices, f.expires_at,
    (select json_agg(json_build_object('id', c.id, 'agencyId', c.agency_id, 'agencyName', a.name,
                                       'role', c.role, 'consentVersion', c.consent_version,
                                       'lang', c.lang) order by c.id)
     from contact_chats cc join contacts c on c.id = cc.contact_id join agencies a on a.id = c.agency_id
     where cc.chat_id = $1 and c.removed_at is null) as actor,
    f.kind = 'report' and f.data->>'assignmentId' ~ '^[0-9]{1,9}$' as has_assignment,
    (select row_to_json(x) from (
       select a.id "assignmentId", t.id "taskId", t.plan_id "planId", t.ref, t.title, a.role,
         t.deadline_kind kind, coalesce(a.due_override, t.due_override, t.due_date) due, t.indicative, t.quota,
         r.status, r.percent
       from assignments a join tasks t on t.id = a.task_id
       left join reports r on r.id =
         (select max(x.id) from reports x where x.assignment_id = a.id and x.superseded_at is null)
       where f.kind = 'report' and a.agency_id = f.data->>'agencyId'
         and a.id = case when f.data->>'assignmentId' ~ '^[0-9]{1,9}$'
                         then (f.data->>'assignmentId')::int end
         and a.archived_at is null and t.archived_at is null) x) as assignment
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
  has_assignment: boolean | null;
  assignment: OpenAssignment | null;
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
  // What reports.assignmentFor reads (the same query as reports.ts's assignmentQuery, as JSON).
  if (flow && r?.has_assignment)
    return { actor, flow, reportAssignment: { value: r.assignment ?? undefined } };
  return { actor, flow };
}

export const turns = { start };
