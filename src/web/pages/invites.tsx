import type { Role } from "../../db/schema.ts";
import type { AuditLine } from "../../reports/audit-lines.ts";
import type { Translate, Viewer } from "../deps.ts";
import { INVITE_DAYS, type InviteView } from "../web-invites.ts";
import { Changes, Flash, GroupSelect } from "./people.tsx";

/** A form that makes codes: for one agency, or (with `groups`) for every agency of a group. */
export function InviteForm(p: {
  t: Translate;
  viewer: Viewer;
  roles: Role[];
  action: string;
  groups?: { id: string; name: string }[];
  group?: string;
}) {
  const { t } = p;
  return (
    <form class="card" id={p.groups ? "invite-group" : "invite-one"} method="post" action={p.action}>
      <h2>{t(p.groups ? "web-invite-group-title" : "web-invite-one-title")}</h2>
      <input type="hidden" name="_csrf" value={p.viewer.csrf} />
      {p.groups && <GroupSelect t={t} groups={p.groups} value={p.group} />}
      <label>
        {t("web-people-role")}
        <select name="role">
          {p.roles.map((r) => (
            <option value={r} selected={r === "focal"}>
              {t(`role-${r}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t("web-invite-days")}
        <select name="days">
          {INVITE_DAYS.map((d) => (
            <option value={String(d)} selected={d === 14}>
              {t("web-invite-days-n", { days: d })}
            </option>
          ))}
        </select>
      </label>
      <button type="submit" class="primary">
        {t(p.groups ? "web-invite-group-submit" : "web-invite-one-submit")}
      </button>
    </form>
  );
}

/** Open codes, each with its Telegram link and QR; `sheet` is the query the printable sheets take. */
export function InviteList(p: { t: Translate; invites: InviteView[]; sheet: string; showAgency?: boolean }) {
  const { t, invites } = p;
  return (
    <section class="card" id="invites">
      <h2>{t("web-invites-open", { count: invites.length })}</h2>
      {invites.length === 0 ? (
        <p class="muted">{t("web-none")}</p>
      ) : (
        <>
          <p>
            <a class="button" href={`/web/people/invites/sheet.pdf?${p.sheet}`} download>
              {t("web-invites-sheet-pdf")}
            </a>{" "}
            <a class="button" href={`/web/people/invites/sheet.docx?${p.sheet}`} download>
              {t("web-invites-sheet-docx")}
            </a>
          </p>
          <ul class="plain invites">
            {invites.map((i) => (
              <li class="invite" data-code={i.code}>
                {/* The SVG is the qrcode package's drawing of our own link: nothing typed by anyone. */}
                <div class="qr" aria-hidden="true" dangerouslySetInnerHTML={{ __html: i.qr }} />
                <div>
                  {p.showAgency && <strong>{i.agencyName}</strong>}
                  <p class="code">{i.code}</p>
                  <p class="muted">
                    {t("web-invite-caption", { role: t(`role-${i.role}`), until: i.until })}
                  </p>
                  {i.link && (
                    <p>
                      <a href={i.link} rel="noopener noreferrer">
                        {i.link}
                      </a>
                    </p>
                  )}
                </div>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

export function InvitesPage(p: {
  t: Translate;
  viewer: Viewer;
  roles: Role[];
  groups: { id: string; name: string }[];
  group?: string;
  invites: InviteView[];
  changes: AuditLine[];
  notice?: string;
}) {
  const { t } = p;
  return (
    <>
      <Flash notice={p.notice} />
      <p>
        <a href="/web/people">{t("web-invites-back")}</a>
      </p>
      {p.viewer.canEdit && p.groups.length > 0 && (
        <InviteForm
          t={t}
          viewer={p.viewer}
          roles={p.roles}
          action="/web/people/invites"
          groups={p.groups}
          {...(p.group ? { group: p.group } : {})}
        />
      )}
      <form class="filters card" method="get" action="/web/people/invites">
        <GroupSelect t={t} groups={p.groups} value={p.group} all />
        <button type="submit">{t("web-filter-apply")}</button>
      </form>
      <InviteList t={t} invites={p.invites} sheet={p.group ? `group=${p.group}` : ""} showAgency />
      <Changes t={t} lines={p.changes} />
    </>
  );
}
