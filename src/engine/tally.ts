import { dayLabel } from "../domain/period.ts";
import {
  counted,
  type Tally,
  type TallyCounts,
  type TallyItem,
  type TallyWhen,
  tally,
} from "../domain/tally.ts";
import type { I18n, Lang } from "../i18n/index.ts";
import type { Store } from "../store/index.ts";

/**
 * The on-time tally of a plan, read in one store call and counted by the pure rules of
 * domain/tally.ts. `keep` narrows it (a digest's sections or agencies); `upToPeriod` reads the
 * reports as the monthly synthesis does.
 */
export async function loadTally(
  store: Store,
  planId: string,
  when: TallyWhen,
  opts: { upToPeriod?: string; keep?: (item: TallyItem) => boolean } = {},
): Promise<Tally> {
  const input = await store.tallies.inputs(planId, { upToPeriod: opts.upToPeriod });
  const items = opts.keep ? input.items.filter(opts.keep) : input.items;
  return tally({ items, changes: input.changes }, when);
}

/**
 * The tally as chat lines, worded as provincial reports to the Government word it: a heading with
 * the day, the four counts, and what was left out (recurring or undated tasks) when anything was.
 */
export function tallyLines(
  i18n: I18n,
  lang: Lang,
  counts: TallyCounts,
  opts: { day: string; of: "agency" | "plan" },
): string[] {
  const t = (key: string, args: Record<string, string | number> = {}) => i18n.t(lang, key, args);
  const lines = [
    t(`tally-title-${opts.of}`, { count: counted(counts), day: dayLabel(opts.day) }),
    t("tally-done-on-time", { count: counts.doneOnTime }),
    t("tally-done-late", { count: counts.doneLate }),
    t("tally-open-in-time", { count: counts.openInTime }),
    t("tally-open-late", { count: counts.openLate }),
  ];
  if (counts.outside > 0) lines.push(t("tally-outside", { count: counts.outside }));
  return lines;
}

/** The tally in one line, for the weekly digest (a photo's caption on Telegram, 1024 characters). */
export function tallyLine(i18n: I18n, lang: Lang, counts: TallyCounts): string {
  return i18n.t(lang, "tally-digest", { ...counts, count: counted(counts) });
}
