import { dayLabel } from "../domain/period.ts";
import type { Args } from "../i18n/index.ts";
import type { PersonData } from "../store/privacy.ts";

/** What `/dulieucuatoi` and `people show` print: everything kept about one person, in words. */
export function describePerson(
  t: (key: string, args?: Args) => string,
  data: PersonData,
  localDay: (iso: string) => string,
): string {
  const day = (iso: string) => dayLabel(localDay(iso));
  const lines = [t("mydata-title")];
  for (const c of data.contacts) {
    lines.push(
      t("mydata-contact", {
        id: c.id,
        name: c.name ?? t("privacy-erased-name"),
        agency: c.agency,
        role: t(`role-${c.role}`),
        lang: c.lang,
        since: day(c.createdAt),
      }),
    );
    if (c.removedAt) lines.push(`  ${t("mydata-removed", { day: day(c.removedAt) })}`);
    const consent = c.consentAt
      ? t("mydata-consent", { version: c.consentVersion ?? "", day: day(c.consentAt) })
      : t("mydata-no-consent");
    lines.push(`  ${consent}`);
  }
  const chats = data.chats.map((c) => `${c.id} (${t(`mydata-chat-${c.type}`)})`);
  lines.push(t("mydata-chats", { chats: chats.length ? chats.join(", ") : t("mydata-none") }));
  const subs = data.subscriptions.map((s) => `${s.chatId} (${s.planId})`);
  lines.push(t("mydata-subscriptions", { subs: subs.length ? subs.join(", ") : t("mydata-none") }));
  lines.push(
    t("mydata-counts", {
      messages: data.messages,
      reports: data.reports,
      targets: data.targetReports,
      leaves: data.leaves,
    }),
  );
  return lines.join("\n");
}
