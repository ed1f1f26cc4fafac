import { Hono } from "hono";
import { tickLateness } from "../../jobs/health.ts";
import type { Translate, WebDeps, WebEnv } from "../deps.ts";
import { instantLabel, unbullet } from "../format.ts";
import { ListSection, page } from "../layout.tsx";
import { type Overview, overviewData } from "../overview-data.ts";

/** Tổng quan: the period, the reporting rate, who has not reported, what is late or due, the engine. */
export function overviewRoutes(deps: WebDeps) {
  const app = new Hono<WebEnv>();
  app.get("/", async (c) => {
    const t = c.get("t");
    const o = await overviewData(deps, c.get("lang"), deps.now());
    return page(c, t("web-overview-title"), "/web", <OverviewBody t={t} o={o} />);
  });
  return app;
}

function OverviewBody({ t, o }: { t: Translate; o: Overview }) {
  const lines = (list: string[]) => list.map(unbullet);
  return (
    <>
      <p class="period">{t("web-period", { period: o.period, deadline: o.deadline })}</p>
      <div class="grid">
        <section class="card" id="rate">
          <h2>{t("web-rate")}</h2>
          <p class="figure" data-percent={o.rate.percent}>
            {o.rate.percent}%
          </p>
          <p>{t("web-rate-value", o.rate)}</p>
        </section>
        <Health t={t} h={o.health} />
      </div>
      <div class="grid">
        <ListSection
          t={t}
          id="missing"
          title={t("web-missing-title", { count: o.missing.count })}
          lines={lines(o.missing.lines)}
        />
        <section class="card" id="overdue">
          <h2>{t("web-overdue-title", { count: o.overdue.count, agencies: o.overdue.agencies })}</h2>
          {o.overdue.blocks.length === 0 && <p class="muted">{t("web-none")}</p>}
          {o.overdue.blocks.map((block) => {
            const [head = "", ...items] = block.split("\n");
            // A block is an agency's heading and its lines, or the commune-wide lines alone.
            return head.startsWith("•") ? (
              <ul>
                {[head, ...items].map((l) => (
                  <li>{unbullet(l)}</li>
                ))}
              </ul>
            ) : (
              <details>
                <summary>{head}</summary>
                <ul>
                  {items.map((l) => (
                    <li>{unbullet(l)}</li>
                  ))}
                </ul>
              </details>
            );
          })}
        </section>
        <ListSection
          t={t}
          id="due-soon"
          title={t("web-due-soon-title", { count: o.dueSoon.length })}
          lines={lines(o.dueSoon)}
        />
        <ListSection
          t={t}
          id="completed"
          title={t("web-completed-title", { count: o.completed.length })}
          lines={lines(o.completed)}
        />
      </div>
      <section class="card" id="chart">
        <h2>{t("web-chart-title")}</h2>
        <img
          src={`data:image/svg+xml;base64,${Buffer.from(o.chartSvg).toString("base64")}`}
          alt={t("web-chart-title")}
          width="1080"
        />
      </section>
    </>
  );
}

function Health({ t, h }: { t: Translate; h: Overview["health"] }) {
  // Never ran yet (a fresh start) is said as such; late only once a tick is on record.
  const late = h.lastTick !== undefined && tickLateness({ lastTickAt: h.lastTick }).late;
  return (
    <section class="card" id="health">
      <h2>{t("web-health-title")}</h2>
      <dl class="health">
        <dt>{t("web-health-last-tick")}</dt>
        <dd class={late ? "late" : undefined}>
          {h.lastTick ? instantLabel(h.lastTick) : t("web-health-never")}
          {late && ` (${t("web-health-late")})`}
        </dd>
        <dt>{t("web-health-pending")}</dt>
        <dd>{h.pending}</dd>
        <dt>{t("web-health-failed")}</dt>
        <dd class={h.failed > 0 ? "late" : undefined}>{h.failed}</dd>
        <dt>{t("web-health-unreachable")}</dt>
        <dd>{h.unreachable}</dd>
      </dl>
    </section>
  );
}
