import { deadlineKinds, reportStatuses } from "../../db/schema.ts";
import type { Translate } from "../deps.ts";
import { dayLabel } from "../format.ts";
import { DataTable } from "../table.tsx";
import { STATUS_FILTERS, type TaskChoices, type TaskFilter, type TaskLine } from "../task-list.ts";

/** A task's deadline in a cell: its date (marked when only indicative), else what kind it is. */
export function deadlineText(t: Translate, w: { kind: string; due: string | null; indicative: boolean }) {
  if (!w.due) return t(`web-kind-${w.kind}`);
  return w.indicative ? t("web-due-indicative", { due: dayLabel(w.due) }) : dayLabel(w.due);
}

export const statusText = (t: Translate, status: string | null) => t(`web-status-${status ?? "none"}`);

/** The filters: a plain GET form (works without JS); htmx swaps only the list on each change. */
export function TaskFilters({ t, f, choices }: { t: Translate; f: TaskFilter; choices: TaskChoices }) {
  const select = (name: keyof TaskFilter, label: string, options: { value: string; text: string }[]) => (
    <label>
      {label}
      <select name={name}>
        <option value="">{t("web-filter-all")}</option>
        {options.map((o) => (
          <option value={o.value} selected={f[name] === o.value}>
            {o.text}
          </option>
        ))}
      </select>
    </label>
  );
  return (
    <form
      class="filters card"
      method="get"
      action="/web/tasks"
      hx-get="/web/tasks"
      hx-target="#task-list"
      hx-swap="outerHTML"
      hx-trigger="change"
      hx-push-url="true"
    >
      {select(
        "section",
        t("web-filter-section"),
        choices.sections.map((s) => ({ value: s.numeral, text: `${s.numeral}. ${s.title}` })),
      )}
      {select(
        "agency",
        t("web-filter-agency"),
        choices.agencies.map((a) => ({ value: a.id, text: a.name })),
      )}
      {select(
        "status",
        t("web-filter-status"),
        STATUS_FILTERS.map((s) => ({ value: s, text: statusText(t, s === "none" ? null : s) })),
      )}
      {select(
        "kind",
        t("web-filter-kind"),
        deadlineKinds.map((k) => ({ value: k, text: t(`web-kind-${k}`) })),
      )}
      <button type="submit">{t("web-filter-apply")}</button>
    </form>
  );
}

/** The leads of a task: each by name when few, else counted by status (160 communes in one line). */
function Leads({ t, leads }: { t: Translate; leads: TaskLine["leads"] }) {
  if (leads.length <= 3)
    return (
      <ul class="plain">
        {leads.map((l) => (
          <li class={l.overdue ? "late" : undefined}>
            {l.name}: {statusText(t, l.status)}
            {l.overdue && ` (${t("web-status-overdue")})`}
          </li>
        ))}
      </ul>
    );
  const counts = new Map<string, number>();
  for (const l of leads) counts.set(l.status ?? "none", (counts.get(l.status ?? "none") ?? 0) + 1);
  const late = leads.filter((l) => l.overdue).length;
  const order = [...reportStatuses, "none"].filter((s) => counts.has(s));
  return (
    <span>
      {t("web-task-leads-many", { count: leads.length })}:{" "}
      {order.map((s) => `${statusText(t, s === "none" ? null : s)} ${counts.get(s)}`).join(" · ")}
      {late > 0 && <span class="late">{` · ${t("web-status-overdue")} ${late}`}</span>}
    </span>
  );
}

export function TaskTable({ t, tasks }: { t: Translate; tasks: TaskLine[] }) {
  return (
    <section id="task-list" class="card">
      <h2>{t("web-tasks-count", { count: tasks.length })}</h2>
      {tasks.length === 0 ? (
        <p class="muted">{t("web-none")}</p>
      ) : (
        <DataTable
          rows={tasks}
          refOf={(task) => task.ref}
          columns={[
            { head: t("web-col-ref"), cell: (task) => <a href={`/web/tasks/${task.taskId}`}>{task.ref}</a> },
            { head: t("web-col-task"), cell: (task) => task.title },
            { head: t("web-col-deadline"), cell: (task) => deadlineText(t, task) },
            { head: t("web-col-leads"), cell: (task) => <Leads t={t} leads={task.leads} /> },
          ]}
        />
      )}
    </section>
  );
}
