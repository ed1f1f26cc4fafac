import { tidy } from "../../text/normalize.ts";

/**
 * Every input format (text export, Markdown, docx, xlsx) is read into the same stream of
 * paragraphs and table rows; the plan reader never sees the format.
 */
export interface SourceRow {
  type: "row";
  /** 1-based line (text, Markdown), or the row's position in the document (docx, xlsx). */
  line: number;
  cells: string[];
  /** Every non-empty cell is bold: how documents mark group rows ("I. …"). */
  bold: boolean;
  /**
   * Rows of a paginated text export: a row's text runs on over the following lines whose
   * first cell is empty. Rows read from a real table are whole.
   */
  paginated: boolean;
}

export interface SourceParagraph {
  type: "paragraph";
  line: number;
  text: string;
}

export type SourceItem = SourceRow | SourceParagraph;

const BOLD_TAG = /^<b>[\s\S]*<\/b>$/;
const BOLD_MD = /^\*\*[\s\S]*\*\*$/;
const PIPE_ROW = /^\s*\|.*\|\s*$/;
const PIPE_RULE = /^\s*\|(\s*:?-{2,}:?\s*\|)+\s*$/;

/** Tab-separated rows (the text export), Markdown pipe tables, and the paragraphs between them. */
export function readText(text: string): SourceItem[] {
  return text
    .replace(/\r\n?/g, "\n")
    .split("\n")
    .flatMap((raw, i): SourceItem[] => {
      const line = i + 1;
      if (raw.includes("\t")) return [row(line, raw.split("\t"), BOLD_TAG, true, (c) => c)];
      if (PIPE_ROW.test(raw)) {
        if (PIPE_RULE.test(raw)) return [];
        const cells = raw
          .trim()
          .slice(1, -1)
          .split(/(?<!\\)\|/);
        return [row(line, cells, BOLD_MD, false, (c) => c.replace(/\*\*/g, "").replace(/\\\|/g, "|"))];
      }
      return [{ type: "paragraph", line, text: raw }];
    });
}

function row(
  line: number,
  raw: string[],
  bold: RegExp,
  paginated: boolean,
  unmark: (cell: string) => string,
): SourceRow {
  const trimmed = raw.map((c) => c.trim());
  const filled = trimmed.filter(Boolean);
  return {
    type: "row",
    line,
    cells: trimmed.map((c) => tidy(unmark(c))),
    bold: filled.length > 0 && filled.every((c) => bold.test(c)),
    paginated,
  };
}
