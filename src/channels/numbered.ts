import type { I18n, Lang } from "../i18n/index.ts";
import type { Choice } from "../messages.ts";

/**
 * Choices as numbered lines, for channels without buttons (Zalo, the console). The router
 * keeps a flow's choices with its open question and any other message's menu apart, so "2",
 * the label, or the label without accents answer the question that showed them.
 */
export function renderNumbered(
  i18n: I18n,
  lang: Lang,
  text: string,
  choices: Choice[][] | null | undefined,
  freeNumber = false,
): string {
  const flat = (choices ?? []).flat();
  if (flat.length === 0) return text;
  // Where the answer is a number (a percent), numbering the suggestions would make "3" ambiguous.
  if (freeNumber) return [text, flat.map((c) => c.label).join(" · ")].join("\n");
  const lines = flat.map((c, i) => `${i + 1}. ${c.label}`);
  const numbers = flat.map((_, i) => String(i + 1));
  const list =
    numbers.length === 1
      ? numbers[0]
      : `${numbers.slice(0, -1).join(", ")} ${i18n.t(lang, "numbered-or")} ${numbers.at(-1)}`;
  return [text, "", ...lines, i18n.t(lang, "numbered-hint", { list: list ?? "1" })].join("\n");
}
