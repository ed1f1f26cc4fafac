import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun, VerticalMergeType } from "docx";
import ExcelJS from "exceljs";

/** Small plans written for the tests, one per shape that real plans come in. */

/** Markdown: "TT | Tên nhiệm vụ | … | Kết quả | Thời gian hoàn thành" and a seventh column. */
export const markdownPlan = `# Kế hoạch chuyển đổi số tỉnh Đồng Nai năm 2026

PHỤ LỤC I. CHỈ TIÊU

| TT | Chỉ tiêu | Đơn vị | Kết quả | Cơ quan chủ trì theo dõi, đánh giá |
|---|---|---|---|---|
| **A** | **Chỉ tiêu về chính quyền số** | | | |
| | **Đến năm 2026** | | | |
| 1 | Tỷ lệ hồ sơ trực tuyến toàn trình | % | ≥80 | Văn phòng UBND tỉnh |
| 2 | Xếp hạng chỉ số chuyển đổi số | Thứ hạng | Nhóm 15 địa phương dẫn đầu | Sở Khoa học và Công nghệ |
| | **Đến năm 2030** | | | |
| 3 | Tỷ lệ hồ sơ trực tuyến toàn trình | % | 100 | Văn phòng UBND tỉnh |

PHỤ LỤC II. NHIỆM VỤ

| TT | Tên nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Kết quả | Thời gian hoàn thành | Nguồn kinh phí |
|---|---|---|---|---|---|---|
| **I.** | **Hoàn thiện thể chế** | | | | | |
| 1. | Rà soát văn bản | Sở Tư pháp | Các sở, ngành tỉnh | Báo cáo | Quý II/2026 | Ngân sách tỉnh |
| 2. | Làm sạch dữ liệu | Công an tỉnh | Bộ Công an (Trung tâm Dữ liệu quốc gia) | Dữ liệu sạch | Quý IV/2025 - Quý II/2026 | |
| **II.** | **Phát triển công dân số** | | | | | |
| 1. | Tuyên truyền trên sóng | Sở Văn hóa, Thể thao và Du lịch | VTV, VOV, TTXVN | Tin bài | Hằng năm | |
| 2. | Phổ cập kỹ năng số | Sở Sở Công thương | UBND các phường xã | Lớp học | 2025 và những năm tiếp theo | |
| 3. | Triển khai theo lộ trình | Sở Khoa học và công nghệ | Bộ Thông tin và Truyền thông Bộ Khoa học và Công nghệ | Hệ thống | Theo lộ trình được giao tại Kế hoạch số 02-KH/BCĐTW | |
| 4. | Chưa có hạn | Sở Y tế với các tiêu chuẩn, quy chuẩn nội ngành | | Báo cáo | | |
| 5. | Hạn lạ | Phường Trấn Biên | Sở Y tế | Báo cáo | Khi nào xong | |
`;

const cell = (text: string, opts: { bold?: boolean; span?: number; merge?: "restart" | "continue" } = {}) =>
  new TableCell({
    children: [new Paragraph({ children: [new TextRun({ text, bold: opts.bold })] })],
    ...(opts.span ? { columnSpan: opts.span } : {}),
    ...(opts.merge
      ? { verticalMerge: opts.merge === "restart" ? VerticalMergeType.RESTART : VerticalMergeType.CONTINUE }
      : {}),
  });
const row = (cells: TableCell[]) => new TableRow({ children: cells });
const plain = (...texts: string[]) => row(texts.map((t) => cell(t)));

/**
 * docx: "STT | Nhiệm vụ, giải pháp | Đơn vị thực hiện | Đơn vị phối hợp | Thời gian thực hiện |
 * Sản phẩm đầu ra", group rows merged across the table and bold, a sub-group "I.1", numbers
 * "1.1", a lead cell merged down over two tasks, the header repeated; targets one column per year.
 */
export async function docxPlan(): Promise<Buffer> {
  const header = [
    "STT",
    "Nhiệm vụ, giải pháp",
    "Đơn vị thực hiện",
    "Đơn vị phối hợp",
    "Thời gian thực hiện",
    "Sản phẩm đầu ra",
  ];
  const tasks = new Table({
    rows: [
      plain(...header),
      row([cell("I. NHIỆM VỤ CHUNG", { bold: true, span: 6 })]),
      row([
        cell("I.1", { bold: true }),
        cell("Thể chế", { bold: true }),
        ...["", "", "", ""].map((t) => cell(t)),
      ]),
      row([
        cell("1.1"),
        cell("Ban hành quy chế"),
        cell("Sở Nội vụ", { merge: "restart" }),
        cell("Sở Tư pháp"),
        cell("12/2026"),
        cell("Quy chế"),
      ]),
      row([
        cell("1.2"),
        cell("Hướng dẫn quy chế"),
        cell("", { merge: "continue" }),
        cell(""),
        cell("30/09/2026"),
        cell("Văn bản"),
      ]),
      plain(...header),
      plain("1.3", "Kiểm tra quy chế", "Thanh tra tỉnh", "", "Quý IV/2026", "Báo cáo"),
      row([cell("II. NHIỆM VỤ CỤ THỂ", { bold: true, span: 6 })]),
      plain("1", "Kết nối dữ liệu", "Công an tỉnh", "Các doanh nghiệp viễn thông", "2026-2030", "Dữ liệu"),
      plain("2", "Đánh giá", "Văn phòng UBND tỉnh", "", "Thường xuyên", "Báo cáo"),
    ],
  });
  const targets = new Table({
    rows: [
      // A header over two rows: "Mục tiêu" spans the year columns, the others are merged down.
      row([
        cell("STT", { merge: "restart" }),
        cell("Chỉ tiêu", { merge: "restart" }),
        cell("Đơn vị tính", { merge: "restart" }),
        cell("Mục tiêu", { span: 3 }),
        cell("Đơn vị theo dõi", { merge: "restart" }),
      ]),
      row([
        cell("", { merge: "continue" }),
        cell("", { merge: "continue" }),
        cell("", { merge: "continue" }),
        cell("Năm 2026"),
        cell("Năm 2028"),
        cell("Năm 2030"),
        cell("", { merge: "continue" }),
      ]),
      row([
        cell("I", { bold: true }),
        cell("Dịch vụ công", { bold: true }),
        ...["", "", "", "", ""].map((t) => cell(t)),
      ]),
      plain("1", "Tỷ lệ thanh toán trực tuyến", "%", "50", "70", "≥90", "Sở Tài chính"),
    ],
  });
  const doc = new Document({
    sections: [
      {
        children: [
          new Paragraph("KẾ HOẠCH"),
          new Paragraph("Triển khai Đề án 06 trên địa bàn tỉnh Đồng Nai"),
          new Paragraph("Phụ lục I"),
          targets,
          new Paragraph("Phụ lục II"),
          tasks,
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}

/** xlsx: "STT | Tên nhiệm vụ | Người đứng đầu chịu trách nhiệm | Cơ quan chủ trì | …", numbering restarting per group. */
export async function xlsxPlan(): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet("Nhiệm vụ");
  sheet.addRow([
    "STT",
    "Tên nhiệm vụ",
    "Người đứng đầu chịu trách nhiệm",
    "Cơ quan chủ trì",
    "Cơ quan phối hợp",
    "Kết quả thực hiện",
    "Thời hạn hoàn thành",
  ]);
  sheet.addRow(["A", "Nhóm nhiệm vụ thứ nhất"]);
  sheet.mergeCells("B2:G2");
  sheet.getRow(2).font = { bold: true };
  sheet.addRow([1, "Nhiệm vụ một", "Giám đốc Sở", "Sở Y tế", "", "Báo cáo", "Tháng 10/2026"]);
  sheet.addRow([2, "Nhiệm vụ hai", "", "Sở Xây dựng", "Sở Tài chính", "Báo cáo", "Quí IV-2026"]);
  sheet.addRow(["B", "Nhóm nhiệm vụ thứ hai"]);
  sheet.getRow(5).font = { bold: true };
  sheet.addRow([1, "Nhiệm vụ ba", "", "Sở Nội vụ", "", "Kế hoạch", "Năm 2025-2030"]);
  const targets = book.addWorksheet("Chỉ tiêu");
  targets.addRow(["TT", "Chỉ tiêu", "Đơn vị", "Mục tiêu 2030", "Cơ quan theo dõi"]);
  targets.addRow([1, "Tỷ lệ người dân có tài khoản định danh", "%", 95, "Công an tỉnh"]);
  return Buffer.from(await book.xlsx.writeBuffer());
}

export function writeFixture(dir: string, name: string, data: string | Buffer): string {
  const file = join(dir, name);
  writeFileSync(file, data);
  return file;
}
