import JSZip from "jszip";
import { SaxesParser, type SaxesTagPlain } from "saxes";
import { tidy } from "../../text/normalize.ts";
import type { SourceItem } from "./text.ts";

/**
 * Reads a .docx the way plans are sent: paragraphs, and tables whose cells may span columns
 * (gridSpan: the text goes to the first column) or rows (vMerge: a cell merged down repeats
 * the text above, since every row it covers shares it). Lines are counted in document
 * order, one per paragraph or table row, so errors can point somewhere.
 */
export async function readDocx(data: Uint8Array): Promise<SourceItem[]> {
  const zip = await JSZip.loadAsync(data);
  const xml = await zip.file("word/document.xml")?.async("string");
  if (xml === undefined) throw new Error("word/document.xml missing");
  return parseDocumentXml(xml);
}

interface Cell {
  text: string[];
  runs: number;
  boldRuns: number;
  span: number;
  merge: "restart" | "continue" | null;
}

export function parseDocumentXml(xml: string): SourceItem[] {
  const out: SourceItem[] = [];
  const parser = new SaxesParser();
  let depth = 0; // table nesting: an inner table's text joins its outer cell
  let paragraph: string[] | null = null;
  let row: Cell[] | null = null;
  let cell: Cell | null = null;
  let run: { bold: boolean; text: string } | null = null;
  let inText = false;
  let above: string[] = [];
  let line = 0;

  parser.on("opentag", (tag: SaxesTagPlain) => {
    const val = tag.attributes["w:val"];
    switch (tag.name) {
      case "w:tbl":
        depth++;
        if (depth === 1) above = [];
        break;
      case "w:tr":
        if (depth === 1) row = [];
        break;
      case "w:tc":
        if (depth === 1) cell = { text: [], runs: 0, boldRuns: 0, span: 1, merge: null };
        break;
      case "w:gridSpan":
        if (cell && depth === 1) cell.span = Math.max(1, Number(val) || 1);
        break;
      case "w:vMerge":
        if (cell && depth === 1) cell.merge = val === "restart" ? "restart" : "continue";
        break;
      case "w:p":
        paragraph = [];
        break;
      case "w:r":
        run = { bold: false, text: "" };
        break;
      case "w:b":
        if (run) run.bold = val !== "0" && val !== "false";
        break;
      case "w:t":
        inText = true;
        break;
      case "w:tab":
      case "w:br":
        if (run) run.text += " ";
        break;
    }
  });
  parser.on("text", (t: string) => {
    if (inText && run) run.text += t;
  });
  parser.on("closetag", (tag: SaxesTagPlain) => {
    switch (tag.name) {
      case "w:t":
        inText = false;
        break;
      case "w:r":
        if (run && paragraph) {
          paragraph.push(run.text);
          if (cell && run.text.trim()) {
            cell.runs++;
            if (run.bold) cell.boldRuns++;
          }
        }
        run = null;
        break;
      case "w:p": {
        const text = (paragraph ?? []).join("");
        if (cell) cell.text.push(text);
        else if (depth === 0) out.push({ type: "paragraph", line: ++line, text });
        paragraph = null;
        break;
      }
      case "w:tc":
        if (depth === 1 && cell && row) {
          row.push(cell);
          cell = null;
        }
        break;
      case "w:tr":
        if (depth === 1 && row) {
          const cells: string[] = [];
          let bold = true;
          let filled = 0;
          for (const c of row) {
            const at = cells.length;
            const own = tidy(c.text.join(" "));
            cells.push(c.merge === "continue" ? (above[at] ?? "") : own);
            for (let k = 1; k < c.span; k++) cells.push("");
            if (own) {
              filled++;
              if (c.boldRuns < c.runs) bold = false;
            }
          }
          above = cells;
          out.push({ type: "row", line: ++line, cells, bold: filled > 0 && bold, paginated: false });
          row = null;
        }
        break;
      case "w:tbl":
        depth--;
        break;
    }
  });
  parser.write(xml).close();
  return out;
}
