import type { ClarificationRow } from "../../store/clarifications.ts";
import type { AuditRow } from "../../store/index.ts";
import type { Translate, Viewer } from "../deps.ts";
import { dayLabel, instantLabel } from "../format.ts";
import { type AskFormState, AskForms, Threads } from "./task-clarify.tsx";
import { deadlineText, statusText } from "./tasks.tsx";

export interface TaskView {
  id: number;
  ref: string;
  title: string;
  output: string;
  section: { numeral: string; title: string };
  deadline: { kind: string; text: string; due: string | null; indicative: boolean; override: boolean };
  leads: string[];
  /** Leads with a date of their own (an approved extension). */
  extended: { name: string; due: string }[];
  partners: string[];
  reports: ReportView[];
  changes: AuditRow[];
  /** The lead agencies a coordinator may ask, by their assignment; the questions asked so far. */
  askable: { assignmentId: number; name: string }[];
  clarifications: ClarificationRow[];
}

export interface ReportView {
  id: number;
  agencyName: string;
  role: string;
  period: string;
  status: string;
  percent: number | null;
  description: string | null;
  evidence: { kind: string; url?: string; name?: string }[] | null;
  reporter: string | null;
  submittedAt: string;
  supersededAt: string | null;
}

/** Only web addresses become links: a report's text is the reporter's, and javascript: is not a page. */
const safeUrl = (url: string | undefined) => (url && /^https?:\/\//i.test(url) ? url : undefined);

function Evidence({ t, items }: { t: Translate; items: ReportView["evidence"] }) {
  if (!items?.length) return null;
  return (
    <ul class="plain evidence">
      {items.map((e) => {
        const url = safeUrl(e.url);
        const label = e.name ?? e.url ?? t(`web-evidence-${e.kind === "file" ? "file" : "other"}`);
        return (
          <li>
            {url ? (
              <a href={url} rel="noopener noreferrer nofollow" target="_blank">
                {label}
              </a>
            ) : (
              label
            )}
          </li>
        );
      })}
    </ul>
  );
}

function Reports({ t, reports }: { t: Translate; reports: ReportView[] }) {
  return (
    <section class="card" id="reports">
      <h2>{t("web-task-reports", { count: reports.length })}</h2>
      {reports.length === 0 && <p class="muted">{t("web-none")}</p>}
      {reports.map((r) => (
        <article class={r.supersededAt ? "report replaced" : "report"} data-report={r.id}>
          <p>
            <strong>{r.agencyName}</strong> ({t(`web-role-${r.role}`)}) —{" "}
            {t("web-task-period", { period: r.period })}: {statusText(t, r.status)}
            {r.percent !== null && ` · ${r.percent}%`}
          </p>
          {r.description && <p>{r.description}</p>}
          <Evidence t={t} items={r.evidence} />
          <p class="muted">
            {t("web-task-reported-by", {
              who: r.reporter ?? t("web-someone"),
              at: instantLabel(new Date(r.submittedAt)),
            })}
            {r.supersededAt && ` · ${t("web-task-replaced", { at: instantLabel(new Date(r.supersededAt)) })}`}
          </p>
        </article>
      ))}
    </section>
  );
}

/** The changes made to this task (due dates so far), from the audit trail, newest first. */
function Changes({ t, changes }: { t: Translate; changes: AuditRow[] }) {
  const due = (v: unknown) => {
    const d = (v as { due?: string | null } | null)?.due;
    return d ? dayLabel(d) : t("web-kind-none");
  };
  return (
    <section class="card" id="changes">
      <h2>{t("web-task-changes")}</h2>
      {changes.length === 0 ? (
        <p class="muted">{t("web-none")}</p>
      ) : (
        <ul>
          {changes.map((c) => (
            <li>
              {t("web-task-change-due", {
                at: instantLabel(new Date(c.at)),
                who: c.actorName ?? c.actorLabel ?? t("web-someone"),
                before: due(c.before),
                after: due(c.after),
                reason: (c.after as { reason?: string } | null)?.reason ?? "",
              })}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export interface DueFormState {
  error?: string;
  date?: string;
  reason?: string;
  /** A past date was refused: the box to confirm it is shown checked-off, and explained. */
  askConfirm?: boolean;
}

function DueForm({ t, task, viewer, s }: { t: Translate; task: TaskView; viewer: Viewer; s: DueFormState }) {
  return (
    <form class="card" id="set-due" method="post" action={`/web/tasks/${task.id}/due`}>
      <h2>{t("web-due-form-title")}</h2>
      <input type="hidden" name="_csrf" value={viewer.csrf} />
      {s.error && (
        <p class="error" role="alert">
          {s.error}
        </p>
      )}
      <label>
        {t("web-due-date")}
        <input type="date" name="date" required value={s.date ?? task.deadline.due ?? ""} />
      </label>
      <label>
        {t("web-due-reason")}
        <input type="text" name="reason" required maxlength={500} value={s.reason ?? ""} />
      </label>
      {s.askConfirm && (
        <label class="check">
          <input type="checkbox" name="confirm" value="yes" />
          {t("web-due-confirm")}
        </label>
      )}
      <button type="submit" class="primary">
        {t("web-due-submit")}
      </button>
    </form>
  );
}

export function TaskPage(p: {
  t: Translate;
  task: TaskView;
  viewer: Viewer;
  form: DueFormState;
  ask?: AskFormState;
  notice?: string;
}) {
  const { t, task } = p;
  const d = task.deadline;
  return (
    <>
      {p.notice && (
        <p class="notice-ok card" role="status">
          {p.notice}
        </p>
      )}
      <section class="card" id="task">
        <p class="muted">{`${task.section.numeral}. ${task.section.title}`}</p>
        <p>{task.title}</p>
        {task.output && <p>{t("web-task-output", { output: task.output })}</p>}
        <dl class="facts">
          <dt>{t("web-col-deadline")}</dt>
          <dd id="deadline">
            {deadlineText(t, d)}
            {d.due && ` — ${t(d.indicative ? "web-due-kind-indicative" : "web-due-kind-firm")}`}
            {d.override && ` (${t("web-due-override")})`}
            {d.text && <span class="muted">{` · ${d.text}`}</span>}
          </dd>
          <dt>{t("web-col-leads")}</dt>
          <dd>{task.leads.join(", ") || t("web-none")}</dd>
          {task.extended.length > 0 && (
            <>
              <dt>{t("web-task-extended")}</dt>
              <dd id="extended">{task.extended.map((e) => `${e.name} ${dayLabel(e.due)}`).join(", ")}</dd>
            </>
          )}
          <dt>{t("web-task-partners")}</dt>
          <dd>{task.partners.join(", ") || t("web-none")}</dd>
        </dl>
      </section>
      {p.viewer.canEdit && <DueForm t={t} task={task} viewer={p.viewer} s={p.form} />}
      {p.viewer.canEdit && (
        <AskForms t={t} taskId={task.id} leads={task.askable} viewer={p.viewer} s={p.ask ?? {}} />
      )}
      <Reports t={t} reports={task.reports} />
      <Threads t={t} rows={task.clarifications} />
      <Changes t={t} changes={task.changes} />
    </>
  );
}
