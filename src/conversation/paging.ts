import type { Choice } from "../messages.ts";
import { flowChoice, type Turn } from "./context.ts";

/** Rows of a long list per message: six buttons fit a phone screen, and a numbered list on Zalo. */
export const PAGE_SIZE = 6;

export interface Page<T> {
  items: T[];
  /** The page shown, kept within the list (0-based). */
  page: number;
  pages: number;
  /** "◀ Trước" / "Sau ▶" buttons for this page; empty on a single page. */
  nav: Choice[];
}

/** Page `wanted` of `all` for a flow's question; the buttons answer with p<page> (choice-data.ts). */
export function pageOf<T>(turn: Turn, state: { nonce: string }, all: T[], wanted: number): Page<T> {
  const pages = Math.max(1, Math.ceil(all.length / PAGE_SIZE));
  const page = Math.min(Math.max(0, wanted), pages - 1);
  const nav = [
    ...(page > 0 ? [flowChoice(state, turn.t("report-prev"), `p${page - 1}`)] : []),
    ...(page < pages - 1 ? [flowChoice(state, turn.t("report-next"), `p${page + 1}`)] : []),
  ];
  return { items: all.slice(page * PAGE_SIZE, (page + 1) * PAGE_SIZE), page, pages, nav };
}

/** The page a p<page> answer asks for, or undefined for any other answer. */
export function readPageValue(value: string | undefined): number | undefined {
  return value?.startsWith("p") ? Number(value.slice(1)) || 0 : undefined;
}
