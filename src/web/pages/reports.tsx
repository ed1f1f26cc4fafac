import { Hono } from "hono";
import { periodLabel } from "../../domain/period.ts";
import { exportFormats, parseExportFormat } from "../../reports/export.ts";
import { webActor } from "../actor.ts";
import type { WebDeps, WebEnv } from "../deps.ts";
import { dayLabel } from "../format.ts";
import { Layout, ListSection } from "../layout.tsx";
import { lateAgencies, pickMonth, reportMonths } from "../report-data.ts";

const TYPES: Record<string, string> = {
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  csv: "text/csv; charset=utf-8",
};

/** Báo cáo: a month's synthesis to download (the /export files), and who reported late or not at all. */
export function reportsRoutes(deps: WebDeps) {
  const app = new Hono<WebEnv>();
  app.get("/reports", async (c) => {
    const t = c.get("t");
    const { months, period } = await reportMonths(deps);
    const month = pickMonth(c.req.query("month"), months, period);
    const { model } = await deps.exportSynthesis({ period: month, now: deps.now(), format: "csv" });
    const late = await lateAgencies(deps, model);
    const missing = model.missing.map((m) =>
      t("web-report-missing-line", { agency: m.name, reported: m.reported, required: m.required }),
    );
    return c.html(
      <Layout
        t={t}
        lang={c.get("lang")}
        title={t("web-reports-title")}
        path="/web/reports"
        viewer={c.get("viewer")}
      >
        <form class="month card" method="get" action="/web/reports">
          <label>
            {t("web-report-month")}
            <select name="month">
              {months.map((m) => (
                <option value={m} selected={m === month}>
                  {periodLabel(m)}
                </option>
              ))}
            </select>
          </label>
          <button type="submit">{t("web-report-show")}</button>
        </form>
        <section class="card" id="downloads">
          <h2>{t("web-report-files", { period: periodLabel(month), deadline: dayLabel(model.asOf) })}</h2>
          <p>
            {exportFormats.map((f) => (
              <>
                <a class="button" href={`/web/reports/file?month=${month}&format=${f}`} download>
                  {t(`web-report-${f}`)}
                </a>{" "}
              </>
            ))}
          </p>
        </section>
        <div class="grid">
          <ListSection
            t={t}
            id="late"
            title={t("web-report-late", { count: late.length })}
            lines={late.map((l) => t("web-report-late-line", { agency: l.name, day: dayLabel(l.lastDay) }))}
          />
          <ListSection
            t={t}
            id="not-reported"
            title={t("web-report-missing", { count: missing.length })}
            lines={missing}
          />
        </div>
      </Layout>,
    );
  });

  app.get("/reports/file", async (c) => {
    const { months, period } = await reportMonths(deps);
    const month = pickMonth(c.req.query("month"), months, period);
    let format: ReturnType<typeof parseExportFormat>;
    try {
      format = parseExportFormat(c.req.query("format") ?? "xlsx");
    } catch {
      return c.notFound();
    }
    const { model, data } = await deps.exportSynthesis({ period: month, now: deps.now(), format });
    await deps.store.audit.record({
      ...webActor(c.get("viewer").contactId),
      at: deps.now(),
      action: "export.create",
      targetKind: "period",
      targetId: model.period,
      after: { format, tasks: model.tasks.length, missing: model.missing.length },
    });
    return c.body(new Uint8Array(data), 200, {
      "content-type": TYPES[format] ?? "application/octet-stream",
      "content-disposition": `attachment; filename="bao-cao-de-an-06-${model.period}.${format}"`,
    });
  });
  return app;
}
