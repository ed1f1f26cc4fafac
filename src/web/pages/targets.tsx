import { Hono } from "hono";
import { defaultPlanId } from "../../people/subscriptions.ts";
import { latestTargets } from "../../reports/synthesis-queries.ts";
import type { WebDeps, WebEnv } from "../deps.ts";
import { Layout } from "../layout.tsx";

/** "2026-12-04T09:00" (local wall time, as the synthesis keeps it) as "04/12/2026 09:00". */
const wallTime = (local: string) => local.replace(/^(\d{4})-(\d\d)-(\d\d)T/, "$3/$2/$1 ");

/**
 * Chỉ tiêu: the plan's Annex I targets, the 2026 and 2030 values beside the latest value reported
 * and who reported it; the same reads as the export's targets sheet, up to the current month.
 */
export function targetsRoutes(deps: WebDeps) {
  const app = new Hono<WebEnv>();
  app.get("/targets", async (c) => {
    const t = c.get("t");
    const planId = await defaultPlanId(deps.store);
    const targets = await latestTargets(deps.store, {
      planId,
      period: deps.calendar.localDate(deps.now()).slice(0, 7),
      names: await deps.store.snapshot.agencyNames(),
      zone: deps.calendar.timeZone,
    });
    const reported = targets.filter((x) => x.latest).length;
    return c.html(
      <Layout
        t={t}
        lang={c.get("lang")}
        title={t("web-targets-title")}
        path="/web/targets"
        viewer={c.get("viewer")}
      >
        <section class="card" id="targets">
          <h2>{t("web-targets-count", { count: targets.length, reported })}</h2>
          <div class="table-wrap">
            <table>
              <thead>
                <tr>
                  <th>{t("web-col-ref")}</th>
                  <th>{t("web-col-target")}</th>
                  <th>{t("web-col-2026")}</th>
                  <th>{t("web-col-2030")}</th>
                  <th>{t("web-col-latest")}</th>
                </tr>
              </thead>
              <tbody>
                {targets.map((x) => (
                  <tr data-ref={x.ref}>
                    <td>{x.ref}</td>
                    <td>
                      {x.title}
                      {x.unit && <span class="muted">{` (${x.unit})`}</span>}
                    </td>
                    <td>{x.target2026}</td>
                    <td>{x.target2030}</td>
                    <td>
                      {x.latest ? (
                        <>
                          <strong>{x.latest.value}</strong>
                          <br />
                          <span class="muted">
                            {t("web-target-reported", {
                              agency: x.latest.agencyName,
                              at: wallTime(x.latest.reportedAt),
                            })}
                          </span>
                        </>
                      ) : (
                        <span class="muted">{t("web-status-none")}</span>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      </Layout>,
    );
  });
  return app;
}
