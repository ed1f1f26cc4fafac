import {
  AlignmentType,
  Paragraph,
  Table,
  TableBorders,
  TableCell,
  TableRow,
  TextRun,
  VerticalAlignTable,
  WidthType,
} from "docx";

/** Building blocks in the administrative style: Times New Roman, 13 pt body, 14 pt headings. */

export const FONT = "Times New Roman";
export const BODY = 26; // half-points: 13 pt
export const LARGE = 28; // 14 pt
/** A4 with the decree's margins (top/bottom 20 mm, left 30 mm, right 15 mm), in twips. */
export const PAGE = { width: 11906, height: 16838, top: 1134, bottom: 1134, left: 1701, right: 850 };
export const TEXT_WIDTH = PAGE.width - PAGE.left - PAGE.right;

export interface RunStyle {
  bold?: boolean;
  italics?: boolean;
  size?: number;
}

type Align = (typeof AlignmentType)[keyof typeof AlignmentType];

export function run(text: string, style: RunStyle = {}): TextRun {
  return new TextRun({
    text,
    font: FONT,
    size: style.size ?? BODY,
    bold: style.bold,
    italics: style.italics,
  });
}

export function line(text: string, style: RunStyle & { align?: Align; after?: number } = {}): Paragraph {
  return new Paragraph({
    alignment: style.align ?? AlignmentType.CENTER,
    spacing: { after: style.after ?? 0 },
    children: [run(text, style)],
  });
}

/** A body paragraph: justified, first line indented 1 cm, 6 pt after. */
export function body(...runs: (string | TextRun)[]): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.JUSTIFIED,
    indent: { firstLine: 567 },
    spacing: { after: 120, line: 300 },
    children: runs.map((r) => (typeof r === "string" ? run(r) : r)),
  });
}

/** A line of a list: indented like the body, little space after. */
export function item(text: string): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.LEFT,
    indent: { firstLine: 567 },
    spacing: { after: 40 },
    children: [run(text)],
  });
}

export function heading(text: string): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.LEFT,
    indent: { firstLine: 567 },
    spacing: { before: 120, after: 120 },
    keepNext: true,
    children: [run(text, { bold: true })],
  });
}

function cell(children: Paragraph[], width: number, shade = false): TableCell {
  return new TableCell({
    width: { size: width, type: WidthType.DXA },
    verticalAlign: VerticalAlignTable.CENTER,
    margins: { left: 60, right: 60, top: 40, bottom: 40 },
    shading: shade ? { fill: "E7E6E6" } : undefined,
    children,
  });
}

/** A bordered data table with a bold header row repeated on every page; widths are fractions. */
export function dataTable(headers: readonly string[], rows: string[][], fractions: number[]): Table {
  const widths = fractions.map((f) => Math.round(f * TEXT_WIDTH));
  const row = (cells: readonly string[], header: boolean) =>
    new TableRow({
      tableHeader: header,
      cantSplit: true,
      children: cells.map((text, i) =>
        cell(
          [
            new Paragraph({
              alignment: header || text.length < 12 ? AlignmentType.CENTER : AlignmentType.LEFT,
              children: [run(text, { bold: header })],
            }),
          ],
          widths[i] ?? 1000,
          header,
        ),
      ),
    });
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: widths,
    rows: [row(headers, true), ...rows.map((r) => row(r, false))],
  });
}

const NO_MARGIN = { left: 0, right: 0, top: 0, bottom: 0 };

/** Two borderless columns side by side (the header block, the signature block). */
export function twoColumns(left: Paragraph[], right: Paragraph[], leftFraction = 0.36): Table {
  const l = Math.round(leftFraction * TEXT_WIDTH);
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: [l, TEXT_WIDTH - l],
    borders: TableBorders.NONE,
    rows: [
      new TableRow({
        children: [
          new TableCell({ width: { size: l, type: WidthType.DXA }, margins: NO_MARGIN, children: left }),
          new TableCell({
            width: { size: TEXT_WIDTH - l, type: WidthType.DXA },
            margins: NO_MARGIN,
            children: right,
          }),
        ],
      }),
    ],
  });
}
