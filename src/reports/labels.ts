import type { ReportStatus } from "../db/schema.ts";

/**
 * Document content of the generated files (sheet names, column headers, the report's fixed
 * wording). The files are Vietnamese administrative documents whatever the operator's language,
 * so this text lives here rather than in locales/, which holds the program's own messages.
 */

export const SHEETS = {
  summary: "Tổng hợp",
  tasks: "Nhiệm vụ",
  targets: "Chỉ tiêu",
  missing: "Chưa báo cáo",
  audit: "Nhật ký",
} as const;

export const STATUS: Record<ReportStatus, string> = {
  not_started: "Chưa triển khai",
  in_progress: "Đang thực hiện",
  done: "Hoàn thành",
  blocked: "Vướng mắc",
  not_applicable: "Không áp dụng",
};

export const TEXT = {
  notReported: "Chưa báo cáo",
  indicative: "Dự kiến",
  yes: "Có",
  no: "Không",
  total: "Tổng cộng",
} as const;

export const HEADERS = {
  summary: [
    "STT",
    "Cơ quan, đơn vị",
    "Nhiệm vụ chủ trì",
    "Phải báo cáo",
    "Đã báo cáo kỳ này",
    "Hoàn thành",
    "Đang thực hiện",
    "Vướng mắc",
    "Quá hạn",
    "Tỷ lệ báo cáo",
    // The on-time tally (domain/tally.ts), as provincial reports to the Government word it.
    "Hoàn thành đúng hạn",
    "Hoàn thành quá hạn",
    "Đang thực hiện trong hạn",
    "Chưa hoàn thành quá hạn",
  ],
  tasks: [
    "Mã",
    "Mục",
    "Nhiệm vụ",
    "Cơ quan chủ trì",
    "Thời hạn",
    "Hạn dự kiến",
    "Trạng thái",
    "Tiến độ (%)",
    "Báo cáo kỳ này",
    "Nội dung báo cáo gần nhất",
    "Minh chứng",
    "Thời điểm báo cáo",
    "Số ngày quá hạn",
  ],
  targets: [
    "Mã",
    "Mục",
    "Chỉ tiêu",
    "Đơn vị tính",
    "Mục tiêu năm 2026",
    "Mục tiêu năm 2030",
    "Kết quả báo cáo gần nhất",
    "Kỳ báo cáo",
    "Cơ quan báo cáo",
    "Thời điểm báo cáo",
  ],
  missing: ["STT", "Cơ quan, đơn vị", "Phải báo cáo", "Đã báo cáo", "Còn thiếu", "Đầu mối", "Chat ID"],
} as const;

/** The report's fixed wording (docx). */
export const DOC = {
  agency: "CÔNG AN TỈNH GIA LAI",
  number: "Số: …/BC-CAT",
  nation: "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
  motto: "Độc lập - Tự do - Hạnh phúc",
  placeDate: "Gia Lai, ngày … tháng … năm …",
  kind: "BÁO CÁO",
  title: (month: string) => `Kết quả thực hiện Kế hoạch Đề án 06 tháng ${month}`,
  partGeneral: "I. KẾT QUẢ CHUNG",
  partSections: "II. KẾT QUẢ THỰC HIỆN THEO NHÓM NHIỆM VỤ",
  partOverdue: "III. NHIỆM VỤ QUÁ HẠN",
  partMissing: "IV. CƠ QUAN, ĐƠN VỊ CHƯA BÁO CÁO ĐẦY ĐỦ",
  partTargets: "V. KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU (PHỤ LỤC I)",
  noOverdue: "Không có nhiệm vụ quá hạn.",
  andOthers: (n: number) => `và ${n} cơ quan, đơn vị khác`,
  noMissing: "Tất cả cơ quan, đơn vị đã báo cáo đầy đủ.",
  overdueHeaders: ["STT", "Mã", "Nhiệm vụ", "Cơ quan chủ trì", "Thời hạn", "Số ngày quá hạn", "Trạng thái"],
  targetHeaders: ["Mã", "Chỉ tiêu", "Đơn vị tính", "Năm 2026", "Năm 2030", "Kết quả", "Cơ quan báo cáo"],
  general: (f: {
    tasks: number;
    assigned: number;
    agencies: number;
    month: string;
    deadline: string;
    complete: number;
    reported: number;
    required: number;
    rate: string;
    done: number;
    inProgress: number;
    blocked: number;
    overdue: number;
  }) => [
    `Kế hoạch có ${f.tasks} nhiệm vụ, giao chủ trì ${f.assigned} lượt cho ${f.agencies} cơ quan, đơn vị.`,
    `Kỳ báo cáo tháng ${f.month} (hạn báo cáo ngày ${f.deadline}): ${f.complete}/${f.agencies} cơ quan, đơn vị đã báo cáo đầy đủ; ${f.reported}/${f.required} lượt nhiệm vụ phải báo cáo đã được báo cáo, đạt ${f.rate}%.`,
    `Tính đến hạn báo cáo (ngày ${f.deadline}): ${f.done} lượt nhiệm vụ đã hoàn thành, ${f.inProgress} lượt đang thực hiện, ${f.blocked} lượt gặp vướng mắc, ${f.overdue} lượt quá hạn.`,
  ],
  onTime: (f: {
    counted: number;
    doneOnTime: number;
    doneLate: number;
    openInTime: number;
    openLate: number;
    onTimeRate: string;
    outside: number;
  }) =>
    `Tiến độ thực hiện ${f.counted} lượt nhiệm vụ có thời hạn: hoàn thành đúng hạn ${f.doneOnTime} lượt (đạt ${f.onTimeRate}%), hoàn thành quá hạn ${f.doneLate} lượt, đang thực hiện trong hạn ${f.openInTime} lượt, chưa hoàn thành quá hạn ${f.openLate} lượt` +
    (f.outside > 0
      ? `; không tính ${f.outside} lượt nhiệm vụ thường xuyên, định kỳ, chưa có thời hạn hoặc không áp dụng.`
      : "."),
  section: (numeral: string, title: string) => `Mục ${numeral}. ${title}: `,
  sectionFigures: (f: {
    tasks: number;
    assigned: number;
    done: number;
    inProgress: number;
    overdue: number;
  }) =>
    `${f.tasks} nhiệm vụ (${f.assigned} lượt cơ quan chủ trì); ${f.done} lượt hoàn thành, ${f.inProgress} lượt đang thực hiện, ${f.overdue} lượt quá hạn.`,
  missingLine: (i: number, name: string, reported: number, required: number) =>
    `${i}. ${name}: đã báo cáo ${reported}/${required} nhiệm vụ.`,
  recipients: "Nơi nhận:",
  recipientLines: ["- UBND tỉnh (để báo cáo);", "- Các sở, ban, ngành, địa phương;", "- Lưu: VT, PC06."],
  signer: "GIÁM ĐỐC",
} as const;
