import { Hono } from "hono";
import type { OutboxState } from "../../db/schema.ts";
import { outboxStates } from "../../db/schema.ts";
import { webActor } from "../actor.ts";
import type { Translate, WebDeps, WebEnv } from "../deps.ts";
import { instantLabel } from "../format.ts";
import { Layout } from "../layout.tsx";
import { seeOther } from "../redirect.ts";
import { readOnlyRefused } from "./refusals.ts";

const PAGE = 50;

type Row = Awaited<ReturnType<WebDeps["store"]["outbox"]["deliveryLog"]>>["rows"][number];

/** Tin nhắn: the delivery log, filtered and paged; a coordinator sends a failed message again. */
export function messagesRoutes(deps: WebDeps) {
  const app = new Hono<WebEnv>();
  app.get("/messages", async (c) => {
    const t = c.get("t");
    const q = c.req.query();
    const [kinds, names] = await Promise.all([
      deps.store.outbox.deliveryKinds(),
      deps.store.snapshot.agencyNames(),
    ]);
    // Only values the page offers; anything else filters by nothing.
    const agency = q.agency && names.has(q.agency) ? q.agency : undefined;
    const kind = q.kind && kinds.includes(q.kind) ? q.kind : undefined;
    const state = (outboxStates as readonly string[]).includes(q.state ?? "")
      ? (q.state as OutboxState)
      : undefined;
    const page = Math.min(Math.max(Number.parseInt(q.page ?? "1", 10) || 1, 1), 10_000);
    const filter = { ...(agency ? { agency } : {}), ...(kind ? { kind } : {}), ...(state ? { state } : {}) };
    const { rows, more } = await deps.store.outbox.deliveryLog({
      ...(agency ? { agencyId: agency } : {}),
      ...(kind ? { kind } : {}),
      ...(state ? { state } : {}),
      offset: (page - 1) * PAGE,
      limit: PAGE,
    });
    const link = (p: number) => `/web/messages?${new URLSearchParams({ ...filter, page: String(p) })}`;
    const viewer = c.get("viewer");
    const agencies = [...names].sort((a, b) => a[1].localeCompare(b[1], "vi"));
    return c.html(
      <Layout t={t} lang={c.get("lang")} title={t("web-messages-title")} path="/web/messages" viewer={viewer}>
        {q.done === "retry" && <p class="notice-ok card">{t("web-retry-done")}</p>}
        <form class="filters card" method="get" action="/web/messages">
          <label>
            {t("web-filter-agency")}
            <select name="agency">
              <option value="">{t("web-filter-all")}</option>
              {agencies.map(([id, name]) => (
                <option value={id} selected={id === agency}>
                  {name}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t("web-msg-kind")}
            <select name="kind">
              <option value="">{t("web-filter-all")}</option>
              {kinds.map((k) => (
                <option value={k} selected={k === kind}>
                  {k}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t("web-filter-status")}
            <select name="state">
              <option value="">{t("web-filter-all")}</option>
              {outboxStates.map((s) => (
                <option value={s} selected={s === state}>
                  {t(`web-msg-state-${s}`)}
                </option>
              ))}
            </select>
          </label>
          <button type="submit">{t("web-filter-apply")}</button>
        </form>
        <section class="card" id="messages">
          {rows.length === 0 && <p class="muted">{t("web-none")}</p>}
          {rows.map((r) => (
            <Message t={t} r={r} csrf={viewer.canEdit ? viewer.csrf : undefined} />
          ))}
          <p class="pager">
            {page > 1 ? <a href={link(page - 1)}>{t("web-page-prev")}</a> : <span />}
            <span>{t("web-page", { page })}</span>
            {more ? <a href={link(page + 1)}>{t("web-page-next")}</a> : <span />}
          </p>
        </section>
      </Layout>,
    );
  });

  app.post("/messages/:id/retry", async (c) => {
    const viewer = c.get("viewer");
    if (!viewer.canEdit) return readOnlyRefused(c);
    const raw = c.req.param("id");
    const id = /^\d{1,12}$/.test(raw) ? Number(raw) : 0;
    const done = await deps.store.transaction(async (tx) => {
      if (!(await tx.outbox.retryFailed(id, deps.now().toISOString()))) return false;
      await tx.audit.record({
        ...webActor(viewer.contactId),
        at: deps.now(),
        action: "outbox.retry",
        targetKind: "outbox",
        targetId: id,
        before: { state: "failed" },
        after: { state: "pending" },
      });
      return true;
    });
    if (!done) return c.html(<p>{c.get("t")("web-retry-refused")}</p>, 409);
    return seeOther(c, "/web/messages?done=retry");
  });
  return app;
}

function Message({ t, r, csrf }: { t: Translate; r: Row; csrf: string | undefined }) {
  const who = [r.contactName ?? r.chatTitle ?? t("web-someone"), r.agencyName].filter(Boolean).join(", ");
  return (
    <article class="report" data-message={r.id} data-state={r.state}>
      <p>
        <strong>{who}</strong> · {r.kind} · {r.channel ?? ""} ·{" "}
        <span class={r.state === "failed" || r.state === "unreachable" ? "late" : undefined}>
          {t(`web-msg-state-${r.state}`)}
        </span>
      </p>
      <p class="muted">
        {r.sentAt
          ? t("web-msg-sent-at", { at: instantLabel(new Date(r.sentAt)) })
          : t("web-msg-due-at", { at: instantLabel(new Date(r.sendAfter)) })}
        {r.lastError && ` · ${t("web-msg-reason", { reason: r.lastError.slice(0, 200) })}`}
      </p>
      <details>
        <summary>{t("web-msg-text")}</summary>
        <p>{r.text}</p>
      </details>
      {r.state === "failed" && csrf && (
        <form method="post" action={`/web/messages/${r.id}/retry`}>
          <input type="hidden" name="_csrf" value={csrf} />
          <button type="submit">{t("web-retry")}</button>
        </form>
      )}
    </article>
  );
}
