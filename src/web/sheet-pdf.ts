import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import QRCode from "qrcode";
import type { InviteSheet, SheetInvite } from "./invite-sheet.ts";

/** Be Vietnam Pro (SIL OFL 1.1, assets/fonts): every Vietnamese letter, no system font needed. */
const fontDir = resolve(dirname(fileURLToPath(import.meta.url)), "../../assets/fonts");
const REGULAR = resolve(fontDir, "BeVietnamPro-Regular.ttf");
const BOLD = resolve(fontDir, "BeVietnamPro-Bold.ttf");

const MARGIN = 56;
const QR_SIZE = 170;
/** Room one code takes: its caption, the code, the QR and the steps. */
const BLOCK = QR_SIZE + 150;

type Doc = InstanceType<typeof import("pdfkit")>;

/** The invitation sheet as an A4 PDF, one page per agency (more when it has many codes). */
export async function sheetPdf(sheet: InviteSheet): Promise<Buffer> {
  // Loaded on demand: only this page needs pdfkit and its font engine.
  const { default: PDFDocument } = await import("pdfkit");
  const doc = new PDFDocument({
    size: "A4",
    margin: MARGIN,
    font: REGULAR,
    autoFirstPage: false,
    info: { Title: sheet.title, Creator: "nhacviec" },
  });
  doc.registerFont("regular", REGULAR);
  doc.registerFont("bold", BOLD);
  const chunks: Buffer[] = [];
  doc.on("data", (c: Buffer) => chunks.push(c));
  const ended = new Promise<void>((done, fail) => {
    doc.on("end", done);
    doc.on("error", fail);
  });
  for (const page of sheet.pages) {
    doc.addPage();
    header(doc, sheet, page.agency);
    for (const invite of page.invites) {
      if (doc.y + BLOCK > doc.page.height - MARGIN) {
        doc.addPage();
        header(doc, sheet, page.agency);
      }
      block(doc, invite);
    }
  }
  doc.end();
  await ended;
  return Buffer.concat(chunks);
}

function header(doc: Doc, sheet: InviteSheet, agency: string) {
  const width = doc.page.width - 2 * MARGIN;
  doc.font("bold").fontSize(14).fillColor("#8b1a1a").text(sheet.title, { align: "center", width });
  doc.moveDown(0.4);
  doc.font("bold").fontSize(20).fillColor("#000").text(agency, { align: "center", width });
  doc.moveDown(0.4);
  doc.font("regular").fontSize(11).text(sheet.intro, { align: "center", width });
  doc.moveDown(1);
}

function block(doc: Doc, invite: SheetInvite) {
  const width = doc.page.width - 2 * MARGIN;
  doc.font("regular").fontSize(12).text(invite.caption, MARGIN, doc.y, { align: "center", width });
  doc.moveDown(0.2);
  doc.font("bold").fontSize(28).text(invite.code, { align: "center", width, characterSpacing: 3 });
  doc.moveDown(0.3);
  if (invite.link) {
    qrCode(doc, invite.link, (doc.page.width - QR_SIZE) / 2, doc.y);
    doc.y += QR_SIZE + 8;
  }
  doc.font("regular").fontSize(11);
  for (const step of invite.steps) {
    doc.text(step, MARGIN, doc.y, { width });
    doc.moveDown(0.3);
  }
  doc.moveDown(1);
}

/**
 * The QR code drawn as vector squares, one rectangle per run of dark modules in a row: sharp at
 * any print size, and ~70 ms a code faster than encoding a PNG to embed.
 */
function qrCode(doc: Doc, text: string, x: number, y: number) {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: "M" });
  const n = modules.size;
  const cell = QR_SIZE / (n + 2); // a quiet zone of one module each side
  for (let row = 0; row < n; row++)
    for (let col = 0; col < n; col++) {
      if (!modules.get(row, col)) continue;
      let end = col;
      while (end + 1 < n && modules.get(row, end + 1)) end++;
      doc.rect(x + (col + 1) * cell, y + (row + 1) * cell, (end - col + 1) * cell, cell);
      col = end;
    }
  doc.fillColor("#000").fill();
}
