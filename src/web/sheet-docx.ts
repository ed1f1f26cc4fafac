import type { Paragraph } from "docx";
import { LARGE, line, PAGE } from "../reports/docx-parts.ts";
import type { InviteSheet, SheetInvite } from "./invite-sheet.ts";
import { qrPng } from "./web-invites.ts";

/** The QR code's side on the page, in pixels at 96 to the inch (about 4.5 cm). */
const QR_PX = 170;

/** The invitation sheet as a Word document: one section, so one page, per agency. */
export async function sheetDocx(sheet: InviteSheet): Promise<Buffer> {
  const { AlignmentType, Document, ImageRun, Packer, Paragraph: P } = await import("docx");
  const qr = (png: Buffer) =>
    new P({
      alignment: AlignmentType.CENTER,
      spacing: { after: 120 },
      children: [new ImageRun({ type: "png", data: png, transformation: { width: QR_PX, height: QR_PX } })],
    });
  const block = async (i: SheetInvite): Promise<Paragraph[]> => [
    line(i.caption, { after: 60 }),
    line(i.code, { bold: true, size: 56, after: 120 }),
    ...(i.link ? [qr(await qrPng(i.link))] : []),
    ...i.steps.map((s) => line(s, { align: AlignmentType.LEFT, after: 80 })),
    line("", { after: 240 }),
  ];
  const doc = new Document({
    title: sheet.title,
    creator: "nhacviec",
    sections: await Promise.all(
      sheet.pages.map(async (page) => ({
        properties: {
          page: {
            size: { width: PAGE.width, height: PAGE.height },
            margin: { top: PAGE.top, bottom: PAGE.bottom, left: PAGE.left, right: PAGE.right },
          },
        },
        children: [
          line(sheet.title, { bold: true, size: LARGE, after: 120 }),
          line(page.agency, { bold: true, size: 40, after: 120 }),
          line(sheet.intro, { italics: true, after: 360 }),
          ...(await Promise.all(page.invites.map(block))).flat(),
        ],
      })),
    ),
  });
  return Packer.toBuffer(doc);
}
