import { TZDate } from "@date-fns/tz";
import { format } from "date-fns";
import { dayLabel, periodLabel } from "../domain/period.ts";
import type { I18n, Lang } from "../i18n/index.ts";
import { type AuditRow, channelOf } from "../store/index.ts";

/** Who reads the trail: the text and language to word it in, the zone to tell time in. */
export interface AuditReader {
  i18n: I18n;
  lang: Lang;
  timeZone: string;
  /** Agency ids to names, for agency targets. */
  agencyNames: Map<string, string>;
}

/** One audit row in words, each part as a person reads it: names, never chat ids. */
export interface AuditLine {
  /** "20/01/2027 09:00", local time. */
  at: string;
  channel: string;
  actor: string;
  action: string;
  target: string;
  detail: string;
}

export const AUDIT_COLUMNS = ["at", "channel", "actor", "action", "target", "detail"] as const;

type Values = Record<string, unknown>;
const obj = (v: unknown): Values => (v && typeof v === "object" ? (v as Values) : {});
const str = (v: unknown): string | undefined => (typeof v === "string" && v ? v : undefined);

export function auditTime(at: string, timeZone: string): string {
  return format(new TZDate(Date.parse(at), timeZone), "dd/MM/yyyy HH:mm");
}

export function auditLine(r: AuditReader, row: AuditRow): AuditLine {
  const t = (key: string, args?: Record<string, string | number>) => r.i18n.t(r.lang, key, args);
  const actionKey = `audit-action-${row.action.replace(/[^a-z0-9]+/gi, "-")}`;
  return {
    at: auditTime(row.at, r.timeZone),
    channel: t(`audit-channel-${row.channel}`),
    actor: actorText(row, t),
    // An action this release has no words for (a newer web.* one) shows as recorded.
    action: r.i18n.has(r.lang, actionKey) ? t(actionKey) : row.action,
    target: targetText(r, row, t),
    detail: detailText(row, t),
  };
}

type T = (key: string, args?: Record<string, string | number>) => string;

function actorText(row: AuditRow, t: T): string {
  if (row.actorName) return row.actorAgency ? `${row.actorName} (${row.actorAgency})` : row.actorName;
  if (row.actorLabel) return row.actorLabel;
  if (row.actorKind === "contact" && row.actorContactId !== null) {
    const who = t("audit-actor-contact", { id: row.actorContactId });
    return row.actorAgency ? `${who} (${row.actorAgency})` : who;
  }
  return t(row.actorKind === "operator" ? "audit-actor-operator" : "audit-actor-system");
}

function targetText(r: AuditReader, row: AuditRow, t: T): string {
  const id = row.targetId ?? "";
  const after = obj(row.after);
  switch (row.targetKind) {
    case "agency":
      return r.agencyNames.get(id) ?? id;
    case "task":
      return t("audit-target-task", { ref: id });
    case "invite":
      // A code may still be unused: enough of it to tell invites apart, not to join with.
      return t("audit-target-invite", { code: `${id.slice(0, 4)}…` });
    case "contact":
      return t("audit-target-contact", { id });
    case "period":
      return t("audit-target-period", { period: periodLabel(id) });
    case "plan":
      return t("audit-target-plan", { id });
    case "chat":
      // The chat's title where known, else its platform: a chat id names a person's account.
      return t("audit-target-chat", { title: row.targetTitle ?? t(`audit-channel-${channelOf(id)}`) });
    case "file":
      return str(after.file) ?? "";
    case "province":
      return str(after.province) ?? "";
    // Extension rows name their task and agency (rows written before they did show their id).
    case "extension":
    case "assignment": {
      const agency = str(after.agency);
      if (!str(after.ref) || !agency) return id;
      return t("audit-target-extension", {
        ref: str(after.ref) ?? "",
        agency: r.agencyNames.get(agency) ?? agency,
      });
    }
    case "clarification": {
      const agency = str(after.agency) ?? "";
      return t("audit-target-clarification", {
        ref: str(after.ref) ?? "",
        agency: r.agencyNames.get(agency) ?? agency,
      });
    }
    default:
      return id;
  }
}

function detailText(row: AuditRow, t: T): string {
  const before = obj(row.before);
  const after = obj(row.after);
  const parts: string[] = [];
  const day = (v: unknown) => (str(v) ? dayLabel(v as string) : t("audit-detail-no-due"));
  if (row.action === "due.set" || row.action === "extension.approve")
    parts.push(t("audit-detail-due", { before: day(before.due), after: day(after.due) }));
  if (row.action === "extension.request")
    parts.push(t("audit-detail-extension-asked", { due: day(before.due), asked: day(after.asked) }));
  if (row.action === "extension.reject" || row.action === "extension.expire")
    parts.push(t("audit-detail-extension-asked", { due: day(before.due), asked: day(before.asked) }));
  if (str(after.reason)) parts.push(t("audit-detail-reason", { reason: after.reason as string }));
  if (str(before.role) && str(after.role) && before.role !== after.role)
    parts.push(
      t("audit-detail-role-change", { before: t(`role-${before.role}`), after: t(`role-${after.role}`) }),
    );
  else if (str(after.role)) parts.push(t("audit-detail-role", { role: t(`role-${after.role}`) }));
  if (typeof after.recipients === "number")
    parts.push(t("audit-detail-recipients", { count: after.recipients }));
  return parts.join("; ");
}

/** The line a chat shows for a row: time, who, what, on what, and how. */
export function auditText(r: AuditReader, row: AuditRow): string {
  const l = auditLine(r, row);
  return r.i18n.t(r.lang, "audit-line", {
    at: l.at,
    actor: l.actor,
    action: l.action,
    target: l.target ? ` · ${l.target}` : "",
    detail: l.detail ? ` (${l.detail})` : "",
  });
}
