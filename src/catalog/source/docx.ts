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
  const reader = new DocumentReader();
  const parser = new SaxesParser();
  parser.on("opentag", (tag: SaxesTagPlain) => reader.open(tag));
  parser.on("text", (t: string) => reader.text(t));
  parser.on("closetag", (tag: SaxesTagPlain) => reader.close(tag));
  parser.write(xml).close();
  return reader.out;
}

/** What the parser is inside of, as document.xml is read tag by tag. */
class DocumentReader {
  readonly out: SourceItem[] = [];
  private depth = 0; // table nesting: an inner table's text joins its outer cell
  private paragraph: string[] | null = null;
  private row: Cell[] | null = null;
  private cell: Cell | null = null;
  private run: { bold: boolean; text: string } | null = null;
  private inText = false;
  private above: string[] = [];
  private line = 0;

  open(tag: SaxesTagPlain): void {
    const val = tag.attributes["w:val"];
    switch (tag.name) {
      case "w:tbl":
        this.depth++;
        if (this.depth === 1) this.above = [];
        break;
      case "w:tr":
        if (this.depth === 1) this.row = [];
        break;
      case "w:tc":
        if (this.depth === 1) this.cell = { text: [], runs: 0, boldRuns: 0, span: 1, merge: null };
        break;
      case "w:gridSpan":
        if (this.cell && this.depth === 1) this.cell.span = Math.max(1, Number(val) || 1);
        break;
      case "w:vMerge":
        if (this.cell && this.depth === 1) this.cell.merge = val === "restart" ? "restart" : "continue";
        break;
      case "w:p":
        this.paragraph = [];
        break;
      case "w:r":
        this.run = { bold: false, text: "" };
        break;
      case "w:b":
        if (this.run) this.run.bold = val !== "0" && val !== "false";
        break;
      case "w:t":
        this.inText = true;
        break;
      case "w:tab":
      case "w:br":
        if (this.run) this.run.text += " ";
        break;
    }
  }

  text(t: string): void {
    if (this.inText && this.run) this.run.text += t;
  }

  close(tag: SaxesTagPlain): void {
    switch (tag.name) {
      case "w:t":
        this.inText = false;
        break;
      case "w:r":
        this.closeRun();
        break;
      case "w:p": {
        const text = (this.paragraph ?? []).join("");
        if (this.cell) this.cell.text.push(text);
        else if (this.depth === 0) this.out.push({ type: "paragraph", line: ++this.line, text });
        this.paragraph = null;
        break;
      }
      case "w:tc":
        if (this.depth === 1 && this.cell && this.row) {
          this.row.push(this.cell);
          this.cell = null;
        }
        break;
      case "w:tr":
        if (this.depth === 1 && this.row) {
          const { cells, bold } = rowCells(this.row, this.above);
          this.above = cells;
          this.out.push({ type: "row", line: ++this.line, cells, bold, paginated: false });
          this.row = null;
        }
        break;
      case "w:tbl":
        this.depth--;
        break;
    }
  }

  private closeRun(): void {
    const { run, paragraph, cell } = this;
    if (run && paragraph) {
      paragraph.push(run.text);
      if (cell && run.text.trim()) {
        cell.runs++;
        if (run.bold) cell.boldRuns++;
      }
    }
    this.run = null;
  }
}

/** A row's text by grid column; bold when every filled cell is bold throughout. */
function rowCells(row: Cell[], above: string[]): { cells: string[]; bold: boolean } {
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
  return { cells, bold: filled > 0 && bold };
}
