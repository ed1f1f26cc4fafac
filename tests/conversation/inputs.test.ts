import { describe, expect, it } from "vitest";
import { type ChannelName, channelHarness, type Harness, type ReportRow } from "./harness.ts";

/**
 * What people type, step by step, and what must follow on each channel: the answer taken (and
 * the saved row checked), a clear question back with nothing changed, or a command run.
 * Telegram shows buttons, so a typed "2" is text there and bare command words are not commands.
 */
type Step =
  | "none"
  | "task"
  | "status"
  | "percent"
  | "count"
  | "description"
  | "blocked"
  | "evidence"
  | "confirm"
  | "kpi-target"
  | "kpi-percent"
  | "kpi-free"
  | "kpi-count"
  | "kpi-words";

type Outcome =
  | { saved: Partial<ReportRow> }
  | { kpi: { ref: string; value_text: string; value: number | null } }
  | { ask: RegExp }
  | { ran: RegExp }
  | { cancelled: true };

interface Row {
  at: Step;
  input: string;
  expect: Outcome;
  /** Telegram's outcome where it differs. */
  tg?: Outcome;
  /** A reminder with "📝 Báo cáo ngay" arrived just before (its numbered menu was shown). */
  reminder?: boolean;
}

const ASK_STATUS = /Vui lòng chọn một trong các lựa chọn/;
const ASK_TASK = /Vui lòng chọn nhiệm vụ trong danh sách|không có trong danh sách/;
const ASK_PERCENT = /Vui lòng nhập một số từ 0 đến 100/;
const ASK_COUNT = /Vui lòng nhập một số nguyên/;
const LIST = /Chọn nhiệm vụ cần báo cáo/;
const COORD = /chỉ dành cho cán bộ điều phối/;
const HINT = /Gửi \/baocao để báo cáo tiến độ/;
const done = { saved: { status: "done", percent: 100 } } as const;
const inProgress = { saved: { status: "in_progress" } } as const;
const blocked = { saved: { status: "blocked" } } as const;
const notStarted = { saved: { status: "not_started", percent: 0 } } as const;
const na = { saved: { status: "not_applicable", percent: null } } as const;
const cancelled = { cancelled: true } as const;
const askStatus = { ask: ASK_STATUS } as const;
const task = (ref: string) => ({ saved: { ref } });
const percent = (p: number) => ({ saved: { percent: p } });
const count = (n: number | null) => ({ saved: { count: n } });
const description = (d: string | null) => ({ saved: { description: d } });
const pct = (value: number, text: string) => ({ kpi: { ref: "II.5", value_text: text, value } });
const LONG = "Đã triển khai. ".repeat(140);

const ROWS: Row[] = [
  // The status question: labels in every spelling, numbers on numbered channels.
  { at: "status", input: "hoàn thành", expect: done },
  { at: "status", input: "hoan thanh", expect: done },
  { at: "status", input: "Hoàn Thành", expect: done },
  { at: "status", input: "HOAN THANH", expect: done },
  { at: "status", input: "hoanf thanhf", expect: done },
  { at: "status", input: "hoàn thành.", expect: done },
  { at: "status", input: "✅ hoàn thành", expect: done },
  { at: "status", input: "hoan", expect: done },
  { at: "status", input: "hoàn thàn", expect: done },
  { at: "status", input: "  hoàn   thành  ", expect: done },
  { at: "status", input: "đang thực hiện", expect: inProgress },
  { at: "status", input: "dang thuc hien", expect: inProgress },
  { at: "status", input: "Đang thực hiện 👍", expect: inProgress },
  { at: "status", input: "dang", expect: inProgress },
  { at: "status", input: "dangf thuwcj hieenj", expect: inProgress },
  { at: "status", input: "vướng mắc", expect: blocked },
  { at: "status", input: "vuong mac", expect: blocked },
  { at: "status", input: "vuong", expect: blocked },
  { at: "status", input: "vuowngs macws", expect: blocked },
  { at: "status", input: "chưa bắt đầu", expect: notStarted },
  { at: "status", input: "chua bat dau", expect: notStarted },
  { at: "status", input: "chua", expect: notStarted },
  { at: "status", input: "không áp dụng", expect: na },
  { at: "status", input: "khong ap dung", expect: na },
  { at: "status", input: "khoong aps dungj", expect: na },
  { at: "status", input: "1", expect: notStarted, tg: askStatus },
  { at: "status", input: "2.", expect: inProgress, tg: askStatus },
  { at: "status", input: "3", expect: done, tg: askStatus },
  { at: "status", input: " 4 ", expect: blocked, tg: askStatus },
  { at: "status", input: "5", expect: na, tg: askStatus },
  { at: "status", input: "số 3", expect: done, tg: askStatus },
  { at: "status", input: "9", expect: askStatus },
  { at: "status", input: "0", expect: askStatus },
  // The status in the words people use for it, with the percent when it comes along.
  { at: "status", input: "xong", expect: done },
  { at: "status", input: "hoàn thành rồi", expect: done },
  { at: "status", input: "da xong roi a", expect: done },
  { at: "status", input: "100%", expect: done },
  { at: "status", input: "completed", expect: done },
  { at: "status", input: "dang lam", expect: inProgress },
  { at: "status", input: "Em đang triển khai ạ", expect: inProgress },
  { at: "status", input: "dang lam duoc 60%", expect: { saved: { status: "in_progress", percent: 60 } } },
  { at: "status", input: "60%", expect: { saved: { status: "in_progress", percent: 60 } } },
  { at: "status", input: "chưa làm", expect: notStarted },
  { at: "status", input: "dang gap kho khan", expect: blocked },
  { at: "status", input: "con 5 xa dang lam", expect: askStatus },
  { at: "status", input: "60", expect: askStatus },
  { at: "status", input: "150%", expect: askStatus },
  { at: "status", input: "ok", expect: askStatus },
  { at: "status", input: "😀", expect: askStatus },
  { at: "status", input: "II.1", expect: askStatus },
  { at: "status", input: "Trễ hạn do chưa được cấp kinh phí", expect: askStatus },
  { at: "status", input: "Hủy bỏ phương án cũ", expect: askStatus },
  { at: "status", input: "Báo cáo đã gửi Sở Tài chính", expect: askStatus },
  { at: "status", input: "Hủy", expect: cancelled },
  { at: "status", input: "huy", expect: cancelled },
  { at: "status", input: "/huy", expect: cancelled },
  { at: "status", input: "/cancel", expect: cancelled },
  { at: "status", input: "báo cáo", expect: { ran: LIST }, tg: askStatus },
  { at: "status", input: "/baocao", expect: { ran: LIST } },
  { at: "status", input: "trễ hạn", expect: { ran: COORD }, tg: askStatus },
  { at: "status", input: "/trehan", expect: { ran: COORD } },
  { at: "status", input: "/nhiemvu", expect: { ran: /Nhiệm vụ của Sở Y tế/ } },
  { at: "status", input: "nhiệm vụ khác", expect: { ran: LIST } },
  // With a reminder's menu on screen, the open question still owns "1"; the reminder by its label.
  { at: "status", input: "1", reminder: true, expect: notStarted, tg: askStatus },
  { at: "status", input: "3", reminder: true, expect: done, tg: askStatus },
  { at: "status", input: "báo cáo ngay", reminder: true, expect: { ran: LIST }, tg: askStatus },

  // The task list: refs exactly, on any page, in any spelling; titles; numbers on numbered channels.
  { at: "task", input: "II.1", expect: task("II.1") },
  { at: "task", input: "ii.1", expect: task("II.1") },
  { at: "task", input: "II 1", expect: task("II.1") },
  { at: "task", input: "Ⅱ.1", expect: task("II.1") },
  { at: "task", input: "ii1", expect: task("II.1") },
  { at: "task", input: "II-1", expect: task("II.1") },
  { at: "task", input: "II.1.", expect: task("II.1") },
  { at: "task", input: "nv II.1", expect: task("II.1") },
  { at: "task", input: "II.10", expect: task("II.10") },
  { at: "task", input: "ii 10", expect: task("II.10") },
  { at: "task", input: "iv.1", expect: task("IV.1") },
  { at: "task", input: "IV 3", expect: task("IV.3") },
  { at: "task", input: "Ⅳ.3", expect: task("IV.3") },
  { at: "task", input: "nhiệm vụ IV.3", expect: task("IV.3") },
  { at: "task", input: "vii.4", expect: task("VII.4") },
  { at: "task", input: "x.4", expect: task("X.4") },
  { at: "task", input: "VIII 3", expect: task("VIII.3") },
  { at: "task", input: "II.2", expect: { ask: ASK_TASK } },
  { at: "task", input: "XI.1", expect: { ask: ASK_TASK } },
  { at: "task", input: "1", expect: task("II.10"), tg: { ask: ASK_TASK } },
  { at: "task", input: "2", expect: task("IV.1"), tg: { ask: ASK_TASK } },
  { at: "task", input: "cong khai cac truong", expect: task("II.10") },
  { at: "task", input: "Công khai các trường thông tin", expect: task("II.10") },
  { at: "task", input: "khẩn trương tích hợp", expect: task("IV.1") },
  { at: "task", input: "hoc lieu", expect: task("IV.1") },
  { at: "task", input: "xây dựng", expect: { ask: /Có nhiều lựa chọn khớp với “xây dựng”/ } },
  { at: "task", input: "Tiếp", expect: { ask: /trang 2\// } },
  { at: "task", input: "tiep", expect: { ask: /trang 2\// } },
  { at: "task", input: "abc", expect: { ask: ASK_TASK } },
  { at: "task", input: "huy", expect: cancelled },
  { at: "task", input: "trễ hạn", expect: { ran: COORD }, tg: { ask: ASK_TASK } },

  // The percent: a typed number is the value, never a menu pick.
  { at: "percent", input: "60", expect: percent(60) },
  { at: "percent", input: "60%", expect: percent(60) },
  { at: "percent", input: "60 %", expect: percent(60) },
  { at: "percent", input: "60 phần trăm", expect: percent(60) },
  { at: "percent", input: "60 phan tram", expect: percent(60) },
  { at: "percent", input: "đạt 60%", expect: percent(60) },
  { at: "percent", input: "khoảng 60", expect: percent(60) },
  // Saved whole: the column is an integer (the store rounds, on either engine).
  { at: "percent", input: "85,5", expect: percent(86) },
  { at: "percent", input: "85,5%", expect: percent(86) },
  { at: "percent", input: "100", expect: percent(100) },
  { at: "percent", input: "0", expect: percent(0) },
  { at: "percent", input: "1", expect: percent(1) },
  { at: "percent", input: "2", expect: percent(2) },
  { at: "percent", input: "5", expect: percent(5) },
  { at: "percent", input: "1", reminder: true, expect: percent(1) },
  { at: "percent", input: "hai", expect: percent(2) },
  { at: "percent", input: "50%", expect: percent(50) },
  { at: "percent", input: "150", expect: { ask: ASK_PERCENT } },
  { at: "percent", input: "150%", expect: { ask: ASK_PERCENT } },
  { at: "percent", input: "-5", expect: { ask: ASK_PERCENT } },
  { at: "percent", input: "năm mươi", expect: { ask: ASK_PERCENT } },
  { at: "percent", input: "60 người", expect: { ask: ASK_PERCENT } },
  { at: "percent", input: "abc", expect: { ask: ASK_PERCENT } },
  { at: "percent", input: "khoảng vài chục", expect: { ask: ASK_PERCENT } },
  { at: "percent", input: "huy", expect: cancelled },
  { at: "percent", input: "/huy", expect: cancelled },
  { at: "percent", input: "trễ hạn", expect: { ran: COORD }, tg: { ask: ASK_PERCENT } },

  // The yearly count: whole numbers, with their unit, in figures or a word.
  { at: "count", input: "2", expect: count(2) },
  { at: "count", input: "1", expect: count(1) },
  { at: "count", input: "2 tài liệu", expect: count(2) },
  { at: "count", input: "02", expect: count(2) },
  { at: "count", input: "hai", expect: count(2) },
  { at: "count", input: "ba học liệu", expect: count(3) },
  { at: "count", input: "1.234", expect: count(1234) },
  { at: "count", input: "được 3", expect: count(3) },
  { at: "count", input: "2,5", expect: { ask: ASK_COUNT } },
  { at: "count", input: "-1", expect: { ask: ASK_COUNT } },
  { at: "count", input: "10%", expect: { ask: ASK_COUNT } },
  { at: "count", input: "nhiều", expect: { ask: ASK_COUNT } },
  { at: "count", input: "bo qua", expect: count(null) },
  { at: "count", input: "Bỏ qua", expect: count(null) },
  { at: "count", input: "1", reminder: true, expect: count(1) },

  // Free text: whatever word it starts with, it is the answer.
  {
    at: "description",
    input: "Trễ hạn do chưa được cấp kinh phí",
    expect: description("Trễ hạn do chưa được cấp kinh phí"),
  },
  {
    at: "description",
    input: "Báo cáo đã gửi Sở Tài chính ngày 05/12",
    expect: description("Báo cáo đã gửi Sở Tài chính ngày 05/12"),
  },
  {
    at: "description",
    input: "Hủy bỏ phương án cũ, triển khai phương án mới",
    expect: description("Hủy bỏ phương án cũ, triển khai phương án mới"),
  },
  { at: "description", input: "Nhiệm vụ đã hoàn thành", expect: description("Nhiệm vụ đã hoàn thành") },
  { at: "description", input: "trễ hạn", expect: description("trễ hạn") },
  { at: "description", input: "báo cáo", expect: description("báo cáo") },
  { at: "description", input: "Hoàn thành", expect: description("Hoàn thành") },
  { at: "description", input: "Đã tích hợp 3 học liệu 📚", expect: description("Đã tích hợp 3 học liệu 📚") },
  {
    at: "description",
    input: "hoan thanh 100% cac noi dung",
    expect: description("hoan thanh 100% cac noi dung"),
  },
  {
    at: "description",
    input: "Đã triển khai tại 135 xã, phường",
    expect: description("Đã triển khai tại 135 xã, phường"),
  },
  {
    at: "description",
    input: "http://soyte.gialai.gov.vn",
    expect: description("http://soyte.gialai.gov.vn"),
  },
  {
    at: "description",
    input: "/tre han la do thieu kinh phi",
    expect: description("/tre han la do thieu kinh phi"),
  },
  { at: "description", input: "bo qua", expect: description(null) },
  { at: "description", input: "Bỏ qua", expect: description(null) },
  { at: "description", input: "1", expect: description(null), tg: description("1") },
  { at: "description", input: "1", reminder: true, expect: description(null), tg: description("1") },
  { at: "description", input: "huy", expect: cancelled },
  { at: "description", input: "/huy", expect: cancelled },
  { at: "description", input: "/baocao", expect: { ran: LIST } },
  { at: "description", input: LONG, expect: { ask: /vượt quá 2\.000/ } },
  {
    at: "blocked",
    input: "Chưa được cấp kinh phí",
    expect: { saved: { status: "blocked", description: "Chưa được cấp kinh phí" } },
  },
  {
    at: "blocked",
    input: "Trễ hạn do chưa được cấp kinh phí",
    expect: { saved: { description: "Trễ hạn do chưa được cấp kinh phí" } },
  },
  {
    at: "blocked",
    input: "báo cáo ngay",
    reminder: true,
    expect: { saved: { description: "báo cáo ngay" } },
  },

  // Evidence: a link, or skip; anything else is asked again.
  {
    at: "evidence",
    input: "https://soyte.gialai.gov.vn/bc.pdf",
    expect: { saved: { evidence: [{ kind: "link", url: "https://soyte.gialai.gov.vn/bc.pdf" }] } },
  },
  {
    at: "evidence",
    input: "  https://a.vn/x  ",
    expect: { saved: { evidence: [{ kind: "link", url: "https://a.vn/x" }] } },
  },
  { at: "evidence", input: "bo qua", expect: { saved: { evidence: null } } },
  { at: "evidence", input: "khong co a", expect: { saved: { evidence: null } } },
  { at: "evidence", input: "Chưa có", expect: { saved: { evidence: null } } },
  { at: "evidence", input: "không có gì đặc biệt", expect: { ask: /Minh chứng cần là một đường link/ } },
  { at: "evidence", input: "xem file đính kèm", expect: { ask: /Minh chứng cần là một đường link/ } },
  {
    at: "evidence",
    input: "báo cáo ngay",
    reminder: true,
    expect: { ask: /Minh chứng cần là một đường link/ },
  },

  // The summary.
  { at: "confirm", input: "gui bao cao", expect: done },
  { at: "confirm", input: "Gửi báo cáo", expect: done },
  { at: "confirm", input: "gửi", expect: done },
  { at: "confirm", input: "ok", expect: done },
  { at: "confirm", input: "Đồng ý ạ", expect: done },
  { at: "confirm", input: "gui di", expect: done },
  { at: "confirm", input: "de em xem lai da", expect: askStatus },
  { at: "confirm", input: "1", expect: done, tg: askStatus },
  { at: "confirm", input: "sua lai", expect: { ask: /Sửa mục nào\?/ } },
  { at: "confirm", input: "huy", expect: cancelled },
  { at: "confirm", input: "báo cáo", expect: { ran: LIST }, tg: askStatus },

  // Annex I values: checked against the unit, then confirmed.
  { at: "kpi-target", input: "ii.5", expect: { ask: /Chỉ tiêu II\.5/ } },
  { at: "kpi-target", input: "II 5", expect: { ask: /Chỉ tiêu II\.5/ } },
  { at: "kpi-target", input: "v.2", expect: { ask: /Chỉ tiêu V\.2/ } },
  { at: "kpi-target", input: "ii.50", expect: { ask: /Chỉ tiêu II\.50 không có trong danh sách/ } },
  { at: "kpi-percent", input: "85,5", expect: pct(85.5, "85,5%") },
  { at: "kpi-percent", input: "85,5%", expect: pct(85.5, "85,5%") },
  { at: "kpi-percent", input: "60", expect: pct(60, "60%") },
  { at: "kpi-percent", input: "2", expect: pct(2, "2%") },
  { at: "kpi-percent", input: "1", expect: pct(1, "1%") },
  { at: "kpi-percent", input: "100%", expect: pct(100, "100%") },
  { at: "kpi-percent", input: "0,5", expect: pct(0.5, "0,5%") },
  { at: "kpi-percent", input: "đạt 72 %", expect: pct(72, "72%") },
  { at: "kpi-percent", input: "150%", expect: { ask: /cần một tỷ lệ từ 0 đến 100/ } },
  { at: "kpi-percent", input: "abc", expect: { ask: /cần một tỷ lệ từ 0 đến 100/ } },
  { at: "kpi-percent", input: "khoảng vài chục", expect: { ask: /cần một tỷ lệ từ 0 đến 100/ } },
  { at: "kpi-percent", input: "huy", expect: cancelled },
  { at: "kpi-count", input: "12", expect: { kpi: { ref: "VI.4", value_text: "12", value: 12 } } },
  { at: "kpi-count", input: "12 sản phẩm", expect: { kpi: { ref: "VI.4", value_text: "12", value: 12 } } },
  { at: "kpi-count", input: "1.234", expect: { kpi: { ref: "VI.4", value_text: "1.234", value: 1234 } } },
  { at: "kpi-count", input: "12,5", expect: { ask: /cần một số nguyên/ } },
  { at: "kpi-count", input: "abc", expect: { ask: /cần một số nguyên/ } },
  {
    at: "kpi-words",
    input: "Nhóm 15 địa phương dẫn đầu",
    expect: { kpi: { ref: "I.1", value_text: "Nhóm 15 địa phương dẫn đầu", value: null } },
  },
  { at: "kpi-words", input: "2", expect: { kpi: { ref: "I.1", value_text: "2", value: 2 } } },
  {
    at: "kpi-free",
    input: "Đã kết nối 3 hệ thống",
    expect: { kpi: { ref: "II.11", value_text: "Đã kết nối 3 hệ thống", value: null } },
  },

  // No flow open: bare words are commands on Zalo and the console, a reminder's menu answers by number;
  // "báo cáo" opening a message starts the report on Telegram too.
  { at: "none", input: "báo cáo", expect: { ran: LIST } },
  { at: "none", input: "bao cao", expect: { ran: LIST } },
  { at: "none", input: "trễ hạn", expect: { ran: COORD }, tg: { ran: HINT } },
  { at: "none", input: "/trehan", expect: { ran: COORD } },
  { at: "none", input: "1", reminder: true, expect: { ran: LIST }, tg: { ran: HINT } },
  { at: "none", input: "bao cao ngay", reminder: true, expect: { ran: LIST } },
  { at: "none", input: "xin chào", expect: { ran: HINT } },
  { at: "none", input: "huy", expect: { ran: /Không có thao tác nào đang dở/ }, tg: { ran: HINT } },
];

/** Brings the flow to the step the row starts at, with the flow's own buttons. */
async function reach(h: Harness, at: Step): Promise<string> {
  const yt = async (ref: string) => h.press(`a${await h.assignment(ref)}`);
  const kpi = async (ref: string, who = h.chat) => {
    await h.send("/chitieu", who);
    return h.press(`t${await h.target(ref)}`, who);
  };
  switch (at) {
    case "none":
      return h.chat;
    case "kpi-target":
      await h.send("/chitieu");
      return h.chat;
    case "kpi-percent":
      await kpi("II.5");
      return h.chat;
    case "kpi-free":
      await kpi("II.11");
      return h.chat;
    case "kpi-count":
      await kpi("VI.4", h.khcn);
      return h.khcn;
    case "kpi-words":
      await kpi("I.1", h.khcn);
      return h.khcn;
  }
  await h.send("/baocao");
  if (at === "task") return h.chat;
  if (at === "count") {
    await yt("IV.1");
    await h.press("sdn");
    return h.chat;
  }
  await yt("II.10");
  if (at === "status") return h.chat;
  if (at === "blocked") {
    await h.press("sbl");
    await h.press("%40");
    return h.chat;
  }
  await h.press(at === "percent" ? "sip" : "sdn");
  if (at === "percent" || at === "description") return h.chat;
  await h.press("skip");
  if (at === "evidence") return h.chat;
  await h.press("skip");
  return h.chat;
}

/** Answers whatever is still open with its default, up to the saved report. */
async function finish(h: Harness, who: string): Promise<void> {
  const defaults: Record<string, string> = {
    status: "sip",
    percent: "%50",
    count: "skip",
    description: "skip",
    evidence: "skip",
    confirm: "ok",
    edit: "back",
    value: "",
  };
  for (let i = 0; i < 10; i++) {
    const flow = await h.flow(who);
    if (!flow) return;
    if (flow.kind === "kpi" && flow.step === "confirm") await h.press("ok", who);
    else if (flow.step === "description" && (flow.data as { status?: string }).status === "blocked")
      await h.send("Mô tả", who);
    else await h.press(defaults[flow.step] ?? "x", who);
  }
}

function suite(channel: ChannelName) {
  describe(`typed input on ${channel}`, async () => {
    const h = await channelHarness(channel);
    for (const row of ROWS) {
      const outcome = (channel === "telegram" && row.tg) || row.expect;
      const name = `${row.at}${row.reminder ? " (after a reminder)" : ""}: ${JSON.stringify(row.input.slice(0, 50))} → ${Object.keys(outcome)[0]}`;
      it(name, async () => {
        await h.reset();
        const who = await reach(h, row.at);
        if (row.reminder && channel !== "telegram")
          await h.router.flows.setMenu(who, [{ label: "📝 Báo cáo ngay", data: "rp" }], new Date());
        const before = await h.flow(who);
        const reply = await h.send(row.input, who);
        if ("saved" in outcome) {
          await finish(h, who);
          expect(await h.flow(who), reply).toBeUndefined();
          const rows = await h.reports();
          expect(rows, reply).toHaveLength(1);
          expect(rows[0]).toMatchObject({ ...outcome.saved, channel });
        } else if ("kpi" in outcome) {
          expect(reply).toContain("Xác nhận chỉ tiêu");
          await finish(h, who);
          expect(await h.targetReports()).toEqual([outcome.kpi]);
        } else if ("ask" in outcome) {
          expect(reply).toMatch(outcome.ask);
          expect((await h.flow(who))?.kind, reply).toBe(before?.kind);
          if (!reply.match(/Có nhiều|trang 2|Sửa mục|Chỉ tiêu (II|V)\.\d+ \(/))
            expect((await h.flow(who))?.data, reply).toEqual(before?.data);
          expect(await h.reports()).toEqual([]);
          expect(await h.targetReports()).toEqual([]);
        } else if ("ran" in outcome) {
          expect(reply).toMatch(outcome.ran);
          expect(await h.reports()).toEqual([]);
        } else {
          expect(reply).toBe("Đã hủy. Không có gì được lưu.");
          expect(await h.flow(who)).toBeUndefined();
          expect(await h.reports()).toEqual([]);
          expect(await h.targetReports()).toEqual([]);
        }
      });
    }
  });
}

describe("the input table", () => {
  it("has at least 150 realistic inputs", () => {
    expect(ROWS.length).toBeGreaterThanOrEqual(150);
  });
});

suite("telegram");
suite("zalo");
suite("console");
