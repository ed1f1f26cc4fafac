import { Hono } from "hono";
import type { WebDeps, WebEnv } from "../deps.ts";
import { inviteSheet, sheetFileName } from "../invite-sheet.ts";
import { page } from "../layout.tsx";
import { assignableRoles } from "../people-change.ts";
import { peopleChanges } from "../people-changes.ts";
import { seeOther } from "../redirect.ts";
import { sheetDocx } from "../sheet-docx.ts";
import { sheetPdf } from "../sheet-pdf.ts";
import { inviteGroup, inviteViews } from "../web-invites.ts";
import { InvitesPage } from "./invites.tsx";
import { notice } from "./notice.tsx";
import { readOnlyRefused } from "./refusals.ts";

const SHEET_TYPES = {
  pdf: "application/pdf",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
} as const;

const count = (raw: string | undefined) => (raw && /^\d{1,6}$/.test(raw) ? Number(raw) : undefined);

/**
 * The open invites of a group (or of all), the form that makes one per agency of a group, and
 * the printable sheets (PDF, docx) of the same invites, one page per agency.
 */
export function invitesRoutes(deps: WebDeps) {
  const app = new Hono<WebEnv>();

  app.get("/people/invites", async (c) => {
    const t = c.get("t");
    const viewer = c.get("viewer");
    const { index, group, invites } = await selected(deps, c.req.query());
    const made = count(c.req.query("made"));
    const skipped = count(c.req.query("skipped")) ?? 0;
    const body = (
      <InvitesPage
        t={t}
        viewer={viewer}
        roles={assignableRoles(viewer)}
        groups={index.groups}
        invites={await inviteViews(deps, invites)}
        changes={await peopleChanges(deps, c.get("lang"))}
        {...(group ? { group } : {})}
        {...(made !== undefined ? { notice: t("web-invite-group-done", { made, skipped }) } : {})}
      />
    );
    return page(c, t("web-invites-title"), "/web/people", body);
  });

  app.post("/people/invites", async (c) => {
    const viewer = c.get("viewer");
    if (!viewer.canEdit) return readOnlyRefused(c);
    const form = await c.req.parseBody();
    const text = (name: string) => (typeof form[name] === "string" ? (form[name] as string) : "");
    const group = text("group");
    const r = await inviteGroup(deps, viewer, group, { role: text("role"), days: text("days") });
    if (!r.ok) return notice(c, 422, "web-invites-title", [r.key]);
    return seeOther(
      c,
      `/web/people/invites?${new URLSearchParams({ group, made: String(r.created), skipped: String(r.skipped) })}`,
    );
  });

  for (const ext of ["pdf", "docx"] as const)
    app.get(`/people/invites/sheet.${ext}`, async (c) => {
      const { scope, invites } = await selected(deps, c.req.query());
      if (invites.length === 0) return notice(c, 404, "web-invites-title", ["web-invites-none-to-print"]);
      const sheet = inviteSheet(deps, c.get("t"), invites);
      const data = ext === "pdf" ? await sheetPdf(sheet) : await sheetDocx(sheet);
      return c.body(new Uint8Array(data), 200, {
        "content-type": SHEET_TYPES[ext],
        "content-disposition": `attachment; filename="${sheetFileName(scope, ext)}"`,
      });
    });
  return app;
}

/** The open invites a query asks for: a group's, an agency's, or all; unknown values ask for all. */
async function selected(deps: WebDeps, q: { group?: string; agency?: string }) {
  const index = await deps.store.directory.index();
  const group = index.groups.find((g) => g.id === q.group)?.id;
  const agency = index.agencies.find((a) => a.id === q.agency && a.kind !== "external")?.id;
  const ids = group
    ? index.members.filter((m) => m.groupId === group).map((m) => m.agencyId)
    : agency
      ? [agency]
      : undefined;
  const invites = await deps.store.directory.openInvites(deps.now().toISOString(), ids);
  return { index, group, scope: group ?? agency, invites };
}
