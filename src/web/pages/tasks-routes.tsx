import { type Context, Hono } from "hono";
import { askFromWeb } from "../clarify.ts";
import type { WebDeps, WebEnv } from "../deps.ts";
import { dayLabel } from "../format.ts";
import { Layout } from "../layout.tsx";
import { seeOther } from "../redirect.ts";
import { setDueFromWeb } from "../set-due.ts";
import { taskList } from "../task-list.ts";
import { readOnlyRefused } from "./refusals.ts";
import { type DueFormState, TaskPage, type TaskView } from "./task.tsx";
import type { AskFormState } from "./task-clarify.tsx";
import { TaskFilters, TaskTable } from "./tasks.tsx";

/** Nhiệm vụ: the plan's tasks, filtered; a task's page; a coordinator's due date with a reason. */
export function tasksRoutes(deps: WebDeps) {
  const app = new Hono<WebEnv>();
  app.get("/tasks", async (c) => {
    const t = c.get("t");
    const { tasks, choices, filter } = await taskList(deps, c.req.query());
    // htmx asks for the list alone; a plain request (no JS, a shared link) gets the whole page.
    if (c.req.header("hx-request")) return c.html(<TaskTable t={t} tasks={tasks} />);
    return c.html(
      <Layout
        t={t}
        lang={c.get("lang")}
        title={t("web-tasks-title")}
        path="/web/tasks"
        viewer={c.get("viewer")}
      >
        <TaskFilters t={t} f={filter} choices={choices} />
        <TaskTable t={t} tasks={tasks} />
      </Layout>,
    );
  });

  app.get("/tasks/:id", async (c) => {
    const done = c.req.query("done");
    const notice = done === "due" || done === "ask" ? c.get("t")(DONE[done]) : undefined;
    return showTask(c, deps, {}, 200, notice);
  });

  app.post("/tasks/:id/due", async (c) => {
    const viewer = c.get("viewer");
    const t = c.get("t");
    // The form is not shown to a read-only session; a forged post is refused all the same.
    if (!viewer.canEdit) return readOnlyRefused(c);
    const task = await loadTask(deps, c.req.param("id"));
    if (!task) return c.notFound();
    const form = await c.req.parseBody();
    const field = (name: string) => (typeof form[name] === "string" ? (form[name] as string) : "");
    const input = { date: field("date"), reason: field("reason"), confirmed: field("confirm") === "yes" };
    const outcome = await setDueFromWeb(deps, viewer, task.ref, input);
    if (outcome.ok) return seeOther(c, `/web/tasks/${task.id}?done=due`);
    const args = Object.fromEntries(Object.entries(outcome.args ?? {}).map(([k, v]) => [k, dayLabel(v)]));
    const state: DueFormState = {
      error: t(outcome.key, args),
      date: input.date,
      reason: input.reason,
      askConfirm: outcome.key === "web-due-past",
    };
    return showTask(c, deps, state, 422);
  });

  app.post("/tasks/:id/ask", async (c) => {
    const viewer = c.get("viewer");
    if (!viewer.canEdit) return readOnlyRefused(c);
    const task = await loadTask(deps, c.req.param("id"));
    if (!task) return c.notFound();
    const form = await c.req.parseBody();
    const field = (name: string) => (typeof form[name] === "string" ? (form[name] as string) : "");
    const input = { assignment: field("assignment"), question: field("question") };
    const outcome = await askFromWeb(deps, viewer, task.id, input);
    if (outcome.ok) return seeOther(c, `/web/tasks/${task.id}?done=ask#clarifications`);
    const ask: AskFormState = { error: c.get("t")(outcome.key, outcome.args), ...input };
    return showTask(c, deps, {}, 422, undefined, ask);
  });
  return app;
}

const DONE = { due: "web-due-done", ask: "web-clarify-done" } as const;

async function showTask(
  c: Context<WebEnv>,
  deps: WebDeps,
  form: DueFormState,
  status: 200 | 422,
  notice?: string,
  ask?: AskFormState,
) {
  const task = await loadTask(deps, c.req.param("id") ?? "");
  if (!task) return c.notFound();
  const t = c.get("t");
  const viewer = c.get("viewer");
  const path = `/web/tasks/${task.id}`;
  return c.html(
    <Layout
      t={t}
      lang={c.get("lang")}
      title={`${task.ref} — ${t("web-tasks-title")}`}
      path={path}
      viewer={viewer}
    >
      <TaskPage
        t={t}
        task={task}
        viewer={viewer}
        form={form}
        {...(notice ? { notice } : {})}
        {...(ask ? { ask } : {})}
      />
    </Layout>,
    status,
  );
}

/** A live task by the id in the path; undefined for anything else (a forged or stale id). */
async function loadTask(deps: WebDeps, rawId: string): Promise<TaskView | undefined> {
  const id = /^\d{1,9}$/.test(rawId) ? Number(rawId) : Number.NaN;
  if (!Number.isSafeInteger(id)) return undefined;
  const { store } = deps;
  const found = await store.catalog.taskById(id);
  if (!found) return undefined;
  const { task, section } = found;
  const due = task.dueOverride ?? task.dueDate;
  const [agencies, partners, reports, changes, askable, clarifications] = await Promise.all([
    store.catalog.taskAgencies(id),
    store.catalog.taskPartnerNames(id),
    store.catalog.taskReports(id),
    store.audit.list({ targetKind: "task", targetId: task.ref, limit: 50 }),
    store.clarifications.askable(id),
    store.clarifications.ofTask(id),
  ]);
  return {
    id,
    ref: task.ref,
    title: task.title,
    output: task.output,
    section,
    deadline: {
      kind: task.deadlineKind,
      text: task.deadlineText,
      due,
      indicative: task.indicative,
      override: task.dueOverride !== null,
    },
    leads: agencies.filter((a) => a.role === "lead").map((a) => a.name),
    // As /task says it: the leads an approved extension gave a date of their own, which their
    // reminders follow.
    extended: agencies.flatMap((a) =>
      a.role === "lead" && a.ownDue !== null && a.ownDue !== due ? [{ name: a.name, due: a.ownDue }] : [],
    ),
    partners,
    reports,
    changes,
    askable: askable.filter((a) => a.role === "lead"),
    clarifications,
  };
}
