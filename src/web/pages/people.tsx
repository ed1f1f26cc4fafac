import type { AuditLine } from "../../reports/audit-lines.ts";
import type { Translate } from "../deps.ts";
import { dayLabel } from "../format.ts";
import { type AgencyView, type ContactView, LISTED_KINDS, type PeopleFilter } from "../people-data.ts";

export const channelName = (t: Translate, prefix: string) => t(`audit-channel-${prefix}`);

/** "Nghỉ phép 10/12/2026 – 20/12/2026, ủy quyền: Lan" for a person on leave today. */
function LeaveText({ t, c }: { t: Translate; c: ContactView }) {
  if (!c.leave) return null;
  const days = { from: dayLabel(c.leave.from), to: dayLabel(c.leave.to) };
  return (
    <span class="muted" data-leave={c.leave.to}>
      {" · "}
      {c.leave.deputy
        ? t("web-people-on-leave-deputy", { ...days, deputy: c.leave.deputy })
        : t("web-people-on-leave", days)}
    </span>
  );
}

/** "Telegram (liên lạc được)" for each chat of a contact; "no chat" for an erased one. */
export function ChatsText({ t, c }: { t: Translate; c: ContactView }) {
  if (c.chats.length === 0)
    return (
      <>
        <span class="muted">{t("web-people-no-chat")}</span>
        <LeaveText t={t} c={c} />
      </>
    );
  return (
    <>
      {c.chats.map((ch, i) => (
        <span class={ch.reachable ? undefined : "late"} data-reachable={String(ch.reachable)}>
          {i > 0 && ", "}
          {channelName(t, ch.channel)} ({t(ch.reachable ? "web-people-reachable" : "web-people-unreachable")})
        </span>
      ))}
      <LeaveText t={t} c={c} />
    </>
  );
}

export function lastReportText(t: Translate, a: AgencyView, localDate: (d: Date) => string) {
  return a.lastReport
    ? t("web-people-last-report", { day: dayLabel(localDate(new Date(a.lastReport))) })
    : t("web-people-never-reported");
}

/** The search and filters: a plain GET form, so a filtered page is a link one can share. */
export function PeopleFilters(p: { t: Translate; f: PeopleFilter; groups: { id: string; name: string }[] }) {
  const { t, f } = p;
  return (
    <form class="filters card" method="get" action="/web/people">
      <label>
        {t("web-people-search")}
        <input type="search" name="q" value={f.q ?? ""} maxlength={100} />
      </label>
      <label>
        {t("web-people-kind")}
        <select name="kind">
          <option value="">{t("web-filter-all")}</option>
          {LISTED_KINDS.map((k) => (
            <option value={k} selected={f.kind === k}>
              {t(`web-agency-kind-${k}`)}
            </option>
          ))}
        </select>
      </label>
      <GroupSelect t={t} groups={p.groups} value={f.group} all />
      <label>
        {t("web-people-staffed")}
        <select name="staffed">
          <option value="">{t("web-filter-all")}</option>
          <option value="no" selected={f.staffed === "no"}>
            {t("web-people-staffed-no")}
          </option>
          <option value="yes" selected={f.staffed === "yes"}>
            {t("web-people-staffed-yes")}
          </option>
        </select>
      </label>
      <button type="submit">{t("web-filter-apply")}</button>
    </form>
  );
}

/** An agency in the list: its groups, its people and when it last reported. */
export function AgencyCard(p: { t: Translate; a: AgencyView; localDate: (d: Date) => string }) {
  const { t, a } = p;
  return (
    <article class="agency" data-agency={a.id}>
      <h3>
        <a href={`/web/people/a/${a.id}`}>{a.name}</a>
      </h3>
      <p class="muted">
        {t(`web-agency-kind-${a.kind}`)}
        {a.groups.length > 0 && ` · ${a.groups.map((g) => g.name).join(", ")}`}
        {` · ${lastReportText(t, a, p.localDate)}`}
      </p>
      {a.contacts.length === 0 ? (
        <p class="muted">{t("web-people-nobody")}</p>
      ) : (
        <ul class="plain contacts">
          {a.contacts.map((c) => (
            <li data-contact={c.id}>
              <strong>{c.name ?? `#${c.id}`}</strong> — {t(`role-${c.role}`)} · <ChatsText t={t} c={c} />
            </li>
          ))}
        </ul>
      )}
    </article>
  );
}

export function Pager(p: { t: Translate; page: number; pages: number; link: (page: number) => string }) {
  const { t, page, pages } = p;
  return (
    <p class="pager">
      {page > 1 ? <a href={p.link(page - 1)}>{t("web-page-prev")}</a> : <span />}
      <span>{t("web-people-page", { page, pages })}</span>
      {page < pages ? <a href={p.link(page + 1)}>{t("web-page-next")}</a> : <span />}
    </p>
  );
}

/** The latest changes to people and invites, from the audit trail. */
export function Changes({ t, lines }: { t: Translate; lines: AuditLine[] }) {
  return (
    <section class="card" id="changes">
      <h2>{t("web-people-changes")}</h2>
      {lines.length === 0 ? (
        <p class="muted">{t("web-none")}</p>
      ) : (
        <ul>
          {lines.map((l) => (
            <li>
              {`${l.at} · ${l.actor} · ${l.action}`}
              {l.target && ` · ${l.target}`}
              {l.detail && ` (${l.detail})`}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** A group to pick: for a filter ("all" first) or for a form (one must be chosen). */
export function GroupSelect(p: {
  t: Translate;
  groups: { id: string; name: string }[];
  value?: string | undefined;
  all?: boolean;
}) {
  const { t } = p;
  return (
    <label>
      {t("web-people-group")}
      <select name="group" required={!p.all}>
        {p.all && <option value="">{t("web-filter-all")}</option>}
        {p.groups.map((g) => (
          <option value={g.id} selected={g.id === p.value}>
            {g.name}
          </option>
        ))}
      </select>
    </label>
  );
}

/** What the last change did, or why it did nothing. */
export function Flash({ notice, error }: { notice?: string | undefined; error?: string | undefined }) {
  return (
    <>
      {notice && (
        <p class="notice-ok card" role="status">
          {notice}
        </p>
      )}
      {error && (
        <p class="error card" role="alert">
          {error}
        </p>
      )}
    </>
  );
}
