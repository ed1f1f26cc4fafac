import type { Role } from "../../db/schema.ts";
import type { AuditLine } from "../../reports/audit-lines.ts";
import type { Translate, Viewer } from "../deps.ts";
import type { AgencyView, ContactView } from "../people-data.ts";
import type { InviteView } from "../web-invites.ts";
import { InviteForm, InviteList } from "./invites.tsx";
import { Changes, ChatsText, Flash, lastReportText } from "./people.tsx";

export interface AgencyPageProps {
  t: Translate;
  viewer: Viewer;
  agency: AgencyView;
  invites: InviteView[];
  changes: AuditLine[];
  roles: Role[];
  localDate: (d: Date) => string;
  notice?: string;
  error?: string;
  /** What the add form held when it was refused, to type it again only in part. */
  typed?: { chat?: string; name?: string };
}

const Hidden = ({ csrf }: { csrf: string }) => <input type="hidden" name="_csrf" value={csrf} />;

function RoleSelect(p: { t: Translate; roles: Role[]; value?: Role; id?: string; label?: string }) {
  const { t, roles, value } = p;
  return (
    <select name="role" id={p.id} aria-label={p.label}>
      {roles.map((r) => (
        <option value={r} selected={r === value}>
          {t(`role-${r}`)}
        </option>
      ))}
    </select>
  );
}

/** A contact's row; a coordinator changes its role or removes it (behind a second step). */
function ContactRow(p: { t: Translate; c: ContactView; agencyId: string; viewer: Viewer; roles: Role[] }) {
  const { t, c, viewer } = p;
  const base = `/web/people/a/${p.agencyId}/contacts/${c.id}`;
  const editable = viewer.canEdit && c.id !== viewer.contactId && p.roles.includes(c.role);
  return (
    <tr data-contact={c.id}>
      <td>{c.name ?? `#${c.id}`}</td>
      <td>
        {editable ? (
          <form method="post" action={`${base}/role`} class="row-form">
            <Hidden csrf={viewer.csrf} />
            <RoleSelect t={t} roles={p.roles} value={c.role} label={t("web-people-role")} />
            <button type="submit">{t("web-people-role-submit")}</button>
          </form>
        ) : (
          t(`role-${c.role}`)
        )}
      </td>
      <td>
        <ChatsText t={t} c={c} />
      </td>
      <td>
        {editable && (
          <details>
            <summary>{t("web-people-remove")}</summary>
            <form method="post" action={`${base}/remove`}>
              <Hidden csrf={viewer.csrf} />
              <p>{t("web-people-remove-explain")}</p>
              <button type="submit" class="primary">
                {t("web-people-remove-submit")}
              </button>
            </form>
          </details>
        )}
      </td>
    </tr>
  );
}

function AddContact(p: AgencyPageProps) {
  const { t } = p;
  return (
    <form class="card" id="add-contact" method="post" action={`/web/people/a/${p.agency.id}/contacts`}>
      <h2>{t("web-people-add-title")}</h2>
      <p class="muted">{t("web-people-add-explain")}</p>
      <Hidden csrf={p.viewer.csrf} />
      <label>
        {t("web-people-add-chat")}
        <input type="text" name="chat" required maxlength={80} value={p.typed?.chat ?? ""} />
      </label>
      <label>
        {t("web-people-add-name")}
        <input type="text" name="name" maxlength={120} value={p.typed?.name ?? ""} />
      </label>
      <label for="add-role">{t("web-people-role")}</label>
      <RoleSelect t={t} roles={p.roles} value="focal" id="add-role" />
      <button type="submit" class="primary">
        {t("web-people-add-submit")}
      </button>
    </form>
  );
}

export function AgencyPage(p: AgencyPageProps) {
  const { t, agency: a, viewer } = p;
  return (
    <>
      <Flash notice={p.notice} error={p.error} />
      <p>
        <a href="/web/people">{t("web-invites-back")}</a>
      </p>
      <section class="card" id="agency">
        <p class="muted">
          {t(`web-agency-kind-${a.kind}`)}
          {a.groups.length > 0 && ` · ${a.groups.map((g) => g.name).join(", ")}`}
        </p>
        <p id="last-report">{lastReportText(t, a, p.localDate)}</p>
        <h2>{t("web-people-contacts", { count: a.contacts.length })}</h2>
        {a.contacts.length === 0 ? (
          <p class="muted">{t("web-people-nobody")}</p>
        ) : (
          <div class="table-wrap">
            <table id="contacts">
              <thead>
                <tr>
                  <th>{t("web-people-name")}</th>
                  <th>{t("web-people-role")}</th>
                  <th>{t("web-people-channel")}</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {a.contacts.map((c) => (
                  <ContactRow t={t} c={c} agencyId={a.id} viewer={viewer} roles={p.roles} />
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <InviteList t={t} invites={p.invites} sheet={`agency=${a.id}`} />
      {viewer.canEdit && (
        <div class="grid">
          <InviteForm t={t} viewer={viewer} roles={p.roles} action={`/web/people/a/${a.id}/invites`} />
          <AddContact {...p} />
        </div>
      )}
      <Changes t={t} lines={p.changes} />
    </>
  );
}
