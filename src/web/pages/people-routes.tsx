import { type Context, Hono } from "hono";
import type { WebDeps, WebEnv } from "../deps.ts";
import { page } from "../layout.tsx";
import {
  addContactFromWeb,
  assignableRoles,
  type Outcome,
  removeContactFromWeb,
  setRoleFromWeb,
} from "../people-change.ts";
import { peopleChanges } from "../people-changes.ts";
import { agencyPage, peoplePage } from "../people-data.ts";
import { seeOther } from "../redirect.ts";
import { inviteAgency, inviteViews } from "../web-invites.ts";
import { invitesRoutes } from "./invites-routes.tsx";
import { AgencyCard, Changes, Pager, PeopleFilters } from "./people.tsx";
import { AgencyPage } from "./people-agency.tsx";
import { readOnlyRefused } from "./refusals.ts";

/** What a redirect after a change may say on the page it lands on. */
const DONE = new Set(["contact-add", "contact-remove", "contact-role", "invite"]);

type Form = Record<string, string | File | (string | File)[]>;
const field = (form: Form, name: string) => (typeof form[name] === "string" ? (form[name] as string) : "");
const contactId = (raw: string | undefined) => (raw && /^\d{1,12}$/.test(raw) ? Number(raw) : 0);

/** Đơn vị và cán bộ: the agency directory, an agency's people and invites, and the changes to them. */
export function peopleRoutes(deps: WebDeps) {
  const app = new Hono<WebEnv>();
  app.get("/people", (c) => listPage(c, deps));

  app.get("/people/a/:id", (c) => {
    const done = c.req.query("done") ?? "";
    return showAgency(c, deps, DONE.has(done) ? { notice: c.get("t")(`web-people-done-${done}`) } : {});
  });

  app.post("/people/a/:id/contacts", async (c) => {
    const viewer = c.get("viewer");
    if (!viewer.canEdit) return readOnlyRefused(c);
    const id = c.req.param("id");
    const form = await c.req.parseBody();
    const input = { role: field(form, "role"), chat: field(form, "chat"), name: field(form, "name") };
    if (!(await agencyPage(deps, id))) return c.notFound();
    const outcome = await addContactFromWeb(deps, viewer, id, input);
    return after(c, deps, outcome, "contact-add", { chat: input.chat, name: input.name });
  });

  app.post("/people/a/:id/contacts/:cid/:change{role|remove}", async (c) => {
    const viewer = c.get("viewer");
    if (!viewer.canEdit) return readOnlyRefused(c);
    const id = c.req.param("id");
    const target = contactId(c.req.param("cid"));
    const outcome =
      c.req.param("change") === "role"
        ? await setRoleFromWeb(deps, viewer, id, target, field(await c.req.parseBody(), "role"))
        : await removeContactFromWeb(deps, viewer, id, target);
    return after(c, deps, outcome, `contact-${c.req.param("change")}`);
  });

  app.post("/people/a/:id/invites", async (c) => {
    const viewer = c.get("viewer");
    if (!viewer.canEdit) return readOnlyRefused(c);
    const id = c.req.param("id");
    if (!(await agencyPage(deps, id))) return c.notFound();
    const form = await c.req.parseBody();
    const outcome = await inviteAgency(deps, viewer, id, {
      role: field(form, "role"),
      days: field(form, "days"),
    });
    return after(c, deps, outcome, "invite");
  });

  app.route("/", invitesRoutes(deps));
  return app;
}

/** After a change: to the agency's page saying it was done, or the page again saying why not. */
function after(
  c: Context<WebEnv>,
  deps: WebDeps,
  outcome: Outcome,
  done: string,
  typed?: { chat: string; name: string },
) {
  const id = c.req.param("id") ?? "";
  if (outcome.ok) return seeOther(c, `/web/people/a/${id}?done=${done}`);
  const error = c.get("t")(outcome.key, outcome.args);
  return showAgency(c, deps, { error, ...(typed ? { typed } : {}) }, 422);
}

async function showAgency(
  c: Context<WebEnv>,
  deps: WebDeps,
  extra: { notice?: string; error?: string; typed?: { chat?: string; name?: string } },
  status: 200 | 422 = 200,
) {
  const agency = await agencyPage(deps, c.req.param("id") ?? "");
  if (!agency) return c.notFound();
  const t = c.get("t");
  const viewer = c.get("viewer");
  const now = deps.now().toISOString();
  const [open, changes] = await Promise.all([
    deps.store.directory.openInvites(now, [agency.id]),
    peopleChanges(deps, c.get("lang"), agency.id),
  ]);
  const body = (
    <AgencyPage
      t={t}
      viewer={viewer}
      agency={agency}
      invites={await inviteViews(deps, open)}
      changes={changes}
      roles={assignableRoles(viewer)}
      localDate={(d) => deps.calendar.localDate(d)}
      {...extra}
    />
  );
  c.status(status);
  return page(c, agency.name, "/web/people", body);
}

/** The directory: filters, a page of agencies with their people, the latest changes. */
async function listPage(c: Context<WebEnv>, deps: WebDeps) {
  const localDate = (d: Date) => deps.calendar.localDate(d);
  const t = c.get("t");
  const data = await peoplePage(deps, c.req.query());
  const changes = await peopleChanges(deps, c.get("lang"));
  const query = Object.fromEntries(Object.entries(data.filter).map(([k, v]) => [k, String(v)]));
  const link = (p: number) => `/web/people?${new URLSearchParams({ ...query, page: String(p) })}`;
  return page(
    c,
    t("web-people-title"),
    "/web/people",
    <>
      <PeopleFilters t={t} f={data.filter} groups={data.groups} />
      <p>
        <a class="button" href="/web/people/invites">
          {t("web-people-to-invites")}
        </a>
      </p>
      <section class="card" id="agencies">
        <h2>{t("web-people-count", { count: data.total })}</h2>
        {data.agencies.map((a) => (
          <AgencyCard t={t} a={a} localDate={localDate} />
        ))}
        <Pager t={t} page={data.page} pages={data.pages} link={link} />
      </section>
      <Changes t={t} lines={changes} />
    </>,
  );
}
