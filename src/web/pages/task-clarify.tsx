import { answerBody } from "../../conversation/clarify.ts";
import type { ClarificationRow } from "../../store/clarifications.ts";
import type { Translate, Viewer } from "../deps.ts";
import { instantLabel } from "../format.ts";

export interface AskFormState {
  error?: string;
  assignment?: string;
  question?: string;
}

/** Up to this many lead agencies get a small form each; more (a commune-wide task), one with a list. */
const FORM_EACH = 5;

export function AskForms(p: {
  t: Translate;
  taskId: number;
  leads: { assignmentId: number; name: string }[];
  viewer: Viewer;
  s: AskFormState;
}) {
  const { t, leads } = p;
  if (leads.length === 0) return null;
  const each = leads.length <= FORM_EACH;
  return (
    <section class="card" id="ask">
      <h2>{t("web-clarify-title")}</h2>
      {p.s.error && (
        <p class="error" role="alert">
          {p.s.error}
        </p>
      )}
      {(each ? leads.map((l) => [l]) : [leads]).map((group) => (
        <form method="post" action={`/web/tasks/${p.taskId}/ask`} class="ask">
          <input type="hidden" name="_csrf" value={p.viewer.csrf} />
          {group.length === 1 ? (
            <>
              <input type="hidden" name="assignment" value={String(group[0]?.assignmentId)} />
              <p>
                <strong>{group[0]?.name}</strong>
              </p>
            </>
          ) : (
            <label>
              {t("web-clarify-agency")}
              <select name="assignment">
                {group.map((l) => (
                  <option value={String(l.assignmentId)} selected={String(l.assignmentId) === p.s.assignment}>
                    {l.name}
                  </option>
                ))}
              </select>
            </label>
          )}
          <label>
            {t("web-clarify-question")}
            <input
              type="text"
              name="question"
              required
              maxlength={1000}
              value={group.some((l) => String(l.assignmentId) === p.s.assignment) ? (p.s.question ?? "") : ""}
            />
          </label>
          <button type="submit">{t("web-clarify-submit")}</button>
        </form>
      ))}
    </section>
  );
}

/** Every question about the task, who asked whom and when, and the answer (words or the edited report). */
export function Threads({ t, rows }: { t: Translate; rows: ClarificationRow[] }) {
  if (rows.length === 0) return null;
  return (
    <section class="card" id="clarifications">
      <h2>{t("web-clarify-thread", { count: rows.length })}</h2>
      {rows.map((r) => (
        <article class="thread" data-clarification={r.id}>
          <p class="muted">
            {t("web-clarify-asked", {
              asker: r.askerName ?? t("web-someone"),
              agency: r.agencyName,
              at: instantLabel(new Date(r.askedAt)),
            })}
          </p>
          <p>{r.question}</p>
          {r.answeredAt === null ? (
            <p class="muted">{t("web-clarify-waiting")}</p>
          ) : (
            <>
              <p class="muted">
                {t("web-clarify-answered", {
                  who: r.answererName ?? r.agencyName,
                  at: instantLabel(new Date(r.answeredAt)),
                })}
              </p>
              <p>{answerBody(t, r)}</p>
            </>
          )}
        </article>
      ))}
    </section>
  );
}
