import QRCode from "qrcode";
import { createInvite } from "../conversation/invites.ts";
import type { Role } from "../db/schema.ts";
import type { OpenInvite } from "../store/directory.ts";
import { webActor } from "./actor.ts";
import type { Viewer, WebDeps } from "./deps.ts";
import { instantLabel } from "./format.ts";
import { type Outcome, readRole } from "./people-change.ts";

/** How long a code made on the web works: a week, or long enough to print for a meeting weeks away. */
export const INVITE_DAYS = [7, 14, 30] as const;

/** The bot's username for t.me links: what getMe said, else TELEGRAM_BOT_USERNAME; none without Telegram. */
export function botUsername(deps: WebDeps): string | undefined {
  return deps.telegramBot?.() ?? deps.config.TELEGRAM_BOT_USERNAME;
}

/** The link that opens the bot with the code already typed (/start CODE), as /moi gives it. */
export function telegramLink(username: string | undefined, code: string): string | undefined {
  return username ? `https://t.me/${username}?start=${code}` : undefined;
}

/** A QR code as inline SVG: no image request, nothing for the CSP to allow. */
export function qrSvg(text: string): Promise<string> {
  return QRCode.toString(text, { type: "svg", margin: 1, errorCorrectionLevel: "M" });
}

/** A QR code as PNG, for the Word sheet (the PDF draws its own). Scale 6: ~200 px, sharp at 4.5 cm. */
export function qrPng(text: string): Promise<Buffer> {
  return QRCode.toBuffer(text, { type: "png", margin: 1, scale: 6, errorCorrectionLevel: "M" });
}

/** When an invite stops working, in Vietnam's time ("03/02/2027 09:00"), as the page and the sheet print it. */
export const untilText = (deps: WebDeps, expiresAt: string) =>
  instantLabel(new Date(expiresAt), deps.calendar.timeZone);

export interface InviteForm {
  role: string;
  days: string;
}

function readForm(viewer: Viewer, form: InviteForm): { role: Role; expires: string } | undefined {
  const role = readRole(viewer, form.role);
  const days = INVITE_DAYS.find((d) => String(d) === form.days);
  return role && days ? { role, expires: `${days}d` } : undefined;
}

/** One code for one agency, through the same createInvite as /moi and the CLI (and its audit row). */
export async function inviteAgency(deps: WebDeps, viewer: Viewer, agencyId: string, form: InviteForm) {
  const asked = readForm(viewer, form);
  if (!asked) return { ok: false, key: "web-invite-bad-form" } satisfies Outcome;
  const by = webActor(viewer.contactId);
  await createInvite(deps.store, { agency: agencyId, ...asked, createdBy: "web" }, deps.now(), by);
  return { ok: true } satisfies Outcome;
}

/**
 * A code for every agency of a group that has no open one for that role yet (so asking twice
 * makes no duplicates), all in one transaction. External members take no invites.
 */
export async function inviteGroup(deps: WebDeps, viewer: Viewer, groupId: string, form: InviteForm) {
  const asked = readForm(viewer, form);
  if (!asked) return { ok: false, key: "web-invite-bad-form" } as const;
  const index = await deps.store.directory.index();
  if (!index.groups.some((g) => g.id === groupId)) return { ok: false, key: "web-invite-no-group" } as const;
  const members = new Set(index.members.filter((m) => m.groupId === groupId).map((m) => m.agencyId));
  const targets = index.agencies.filter((a) => members.has(a.id) && a.kind !== "external").map((a) => a.id);
  const now = deps.now();
  const by = webActor(viewer.contactId);
  const created = await deps.store.transaction(async (tx) => {
    const open = await tx.directory.openInvites(now.toISOString(), targets);
    const covered = new Set(open.filter((i) => i.role === asked.role).map((i) => i.agencyId));
    let n = 0;
    for (const agency of targets.filter((id) => !covered.has(id))) {
      await createInvite(tx, { agency, ...asked, createdBy: "web" }, now, by);
      n++;
    }
    return n;
  });
  return { ok: true, created, skipped: targets.length - created } as const;
}

export interface InviteView extends OpenInvite {
  /** When it stops working, dd/mm/yyyy HH:mm in Vietnam. */
  until: string;
  link?: string;
  /** Inline SVG of the link (or of the code when there is no Telegram bot). */
  qr: string;
}

/** Open invites with their links and QR codes, as the page shows them. */
export async function inviteViews(deps: WebDeps, invites: OpenInvite[]): Promise<InviteView[]> {
  const username = botUsername(deps);
  return Promise.all(
    invites.map(async (i) => {
      const link = telegramLink(username, i.code);
      const until = untilText(deps, i.expiresAt);
      return { ...i, until, ...(link ? { link } : {}), qr: await qrSvg(link ?? i.code) };
    }),
  );
}
