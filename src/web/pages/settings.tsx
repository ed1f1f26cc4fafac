import { basename } from "node:path";
import { Hono } from "hono";
import { dayLabel, instantLabel, periodLabel } from "../../domain/period.ts";
import { defaultPlanId } from "../../people/subscriptions.ts";
import type { Translate, WebDeps, WebEnv } from "../deps.ts";
import { page } from "../layout.tsx";
import { comingMonths, type MonthCalendar, ruleLines } from "../settings-data.ts";
import { DataTable } from "../table.tsx";

/**
 * Cài đặt (read-only): the plan in force and where it came from, the reminder rules as RULES_FILE
 * leaves them, and the working calendar of the coming months with the days the cycle's messages
 * go out, worked out by the engine's own schedule.
 */
export function settingsRoutes(deps: WebDeps) {
  const app = new Hono<WebEnv>();
  app.get("/settings", async (c) => {
    const t = c.get("t");
    const planId = await defaultPlanId(deps.store);
    const plan = await deps.store.plans.info(planId);
    const rules = deps.rules(planId);
    const today = deps.calendar.localDate(deps.now());
    const file = deps.config.RULES_FILE;
    return page(
      c,
      t("web-settings-title"),
      "/web/settings",
      <>
        <section class="card" id="plan">
          <h2>{t("web-settings-plan")}</h2>
          {plan && (
            <dl class="facts">
              <dt>{t("web-settings-plan-title")}</dt>
              <dd>{plan.title}</dd>
              <dt>{t("web-settings-plan-source")}</dt>
              <dd>{plan.sourceName}</dd>
              <dt>{t("web-settings-plan-imported")}</dt>
              <dd>{instantLabel(new Date(plan.importedAt))}</dd>
              <dt>{t("web-settings-plan-size")}</dt>
              <dd>{t("web-settings-plan-counts", { tasks: plan.tasks, targets: plan.targets })}</dd>
            </dl>
          )}
        </section>
        <section class="card" id="rules">
          <h2>{t("web-settings-rules")}</h2>
          <p class="muted">
            {file ? t("web-settings-rules-file", { file: basename(file) }) : t("web-settings-rules-default")}
          </p>
          <DataTable
            rows={ruleLines(t, rules)}
            columns={[
              { head: t("web-settings-col-rule"), cell: (r) => r.label },
              { head: t("web-settings-col-value"), cell: (r) => r.value },
            ]}
          />
        </section>
        <h2>{t("web-settings-calendar")}</h2>
        <div class="grid" id="calendar">
          {comingMonths(deps.calendar, rules, today).map((m) => (
            <Month t={t} m={m} />
          ))}
        </div>
      </>,
    );
  });
  return app;
}

function Month({ t, m }: { t: Translate; m: MonthCalendar }) {
  const named = (d: { day: string; name: string }) => `${dayLabel(d.day)}${d.name ? `: ${d.name}` : ""}`;
  const list = (title: string, lines: string[]) => (
    <>
      <h3>{title}</h3>
      {lines.length === 0 ? (
        <p class="muted">{t("web-none")}</p>
      ) : (
        <ul>
          {lines.map((l) => (
            <li>{l}</li>
          ))}
        </ul>
      )}
    </>
  );
  return (
    <section class="card" data-month={m.month}>
      <h2>{t("web-settings-month", { month: periodLabel(m.month), days: m.workingDays })}</h2>
      {list(t("web-settings-days-off"), m.daysOff.map(named))}
      {list(t("web-settings-make-up"), m.makeUp.map(named))}
      {list(
        t("web-settings-cycle"),
        m.steps.map((s) => t(s.key, { day: dayLabel(s.day), count: s.count ?? 0 })),
      )}
    </section>
  );
}
