import { groupBy } from "../collections.ts";
import type { OpenInvite } from "../store/directory.ts";
import type { Translate, WebDeps } from "./deps.ts";
import { botUsername, telegramLink, untilText } from "./web-invites.ts";

/** One code on the sheet: what to type, what to scan, how long it works, and the two ways in. */
export interface SheetInvite {
  code: string;
  /** "Cán bộ đầu mối — dùng đến 27/01/2027". */
  caption: string;
  /** The Telegram link, which the QR code holds too; none without a Telegram bot. */
  link?: string;
  /** One line for Telegram (when there is a bot), one for Zalo. */
  steps: string[];
}

/** Everything printed, in words already: the renderers (PDF, docx) only lay it out. */
export interface InviteSheet {
  title: string;
  intro: string;
  /** One page per agency. */
  pages: { agency: string; invites: SheetInvite[] }[];
}

export function inviteSheet(deps: WebDeps, t: Translate, invites: OpenInvite[]): InviteSheet {
  const username = botUsername(deps);
  const pages = [...groupBy(invites, (i) => i.agencyId).values()].map((list) => ({
    agency: list[0]?.agencyName ?? "",
    invites: list.map((i) => sheetInvite(deps, t, username, i)),
  }));
  return { title: t("web-sheet-title"), intro: t("web-sheet-intro"), pages };
}

function sheetInvite(deps: WebDeps, t: Translate, username: string | undefined, i: OpenInvite): SheetInvite {
  const link = telegramLink(username, i.code);
  const until = untilText(deps, i.expiresAt);
  const steps = [
    ...(link ? [t("web-sheet-telegram", { link, code: i.code })] : []),
    t("web-sheet-zalo", { code: i.code }),
  ];
  return {
    code: i.code,
    caption: t("web-invite-caption", { role: t(`role-${i.role}`), until }),
    ...(link ? { link } : {}),
    steps,
  };
}

/** The file's name: the group's or agency's id when the sheet is theirs. */
export function sheetFileName(scope: string | undefined, ext: "pdf" | "docx"): string {
  return `giay-moi-nhac-viec${scope ? `-${scope}` : ""}.${ext}`;
}
