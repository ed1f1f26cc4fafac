import { Hono } from "hono";
import { defaultPlanId } from "../../people/subscriptions.ts";
import type { TargetRow } from "../../reports/model.ts";
import { latestTargets } from "../../reports/synthesis-queries.ts";
import type { Translate, WebDeps, WebEnv } from "../deps.ts";
import { page } from "../layout.tsx";
import { DataTable } from "../table.tsx";

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
    return page(
      c,
      t("web-targets-title"),
      "/web/targets",
      <section class="card" id="targets">
        <h2>{t("web-targets-count", { count: targets.length, reported })}</h2>
        <DataTable
          rows={targets}
          refOf={(x) => x.ref}
          columns={[
            { head: t("web-col-ref"), cell: (x) => x.ref },
            {
              head: t("web-col-target"),
              cell: (x) => (
                <>
                  {x.title}
                  {x.unit && <span class="muted">{` (${x.unit})`}</span>}
                </>
              ),
            },
            { head: t("web-col-2026"), cell: (x) => x.target2026 },
            { head: t("web-col-2030"), cell: (x) => x.target2030 },
            { head: t("web-col-latest"), cell: (x) => <Latest t={t} target={x} /> },
          ]}
        />
      </section>,
    );
  });
  return app;
}

function Latest({ t, target }: { t: Translate; target: TargetRow }) {
  if (!target.latest) return <span class="muted">{t("web-status-none")}</span>;
  return (
    <>
      <strong>{target.latest.value}</strong>
      <br />
      <span class="muted">
        {t("web-target-reported", {
          agency: target.latest.agencyName,
          at: wallTime(target.latest.reportedAt),
        })}
      </span>
    </>
  );
}
