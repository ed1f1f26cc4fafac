import type { ReportStatus } from "../../db/schema.ts";
import { foldAccents } from "../../text/normalize.ts";
import { readNumber } from "../input.ts";

/**
 * The ways people answer "Tình trạng thực hiện?" in words rather than with the button's label:
 * "dang lam", "xong roi a", "chua lam", "vuong". Folded, without punctuation; each is matched
 * against the whole answer once the speaker's and the polite words around it are taken off,
 * so a sentence that only mentions one ("con 5 xa dang lam") still asks again.
 */
const STATUS_WORDS: [ReportStatus, string[]][] = [
  [
    "done",
    [
      "xong",
      "da xong",
      "lam xong",
      "da lam xong",
      "hoan thanh",
      "da hoan thanh",
      "hoan tat",
      "da hoan tat",
      "done",
      "completed",
      "finished",
    ],
  ],
  [
    "in_progress",
    [
      "dang lam",
      "dang thuc hien",
      "dang trien khai",
      "dang tien hanh",
      "dang xu ly",
      "chua xong",
      "chua hoan thanh",
      "in progress",
      "ongoing",
    ],
  ],
  [
    "not_started",
    ["chua lam", "chua bat dau", "chua trien khai", "chua thuc hien", "not started", "not yet started"],
  ],
  [
    "blocked",
    [
      "vuong",
      "vuong mac",
      "bi vuong",
      "bi vuong mac",
      "co vuong mac",
      "dang vuong mac",
      "kho khan",
      "gap kho khan",
      "dang gap kho khan",
      "blocked",
      "stuck",
    ],
  ],
  ["not_applicable", ["khong ap dung", "khong lien quan", "n/a", "not applicable"]],
];
const BY_WORDS = new Map(STATUS_WORDS.flatMap(([status, all]) => all.map((w) => [w, status] as const)));

const LEADING = new Set([
  "em",
  "toi",
  "minh",
  "ben",
  "hien",
  "nay",
  "la",
  "thi",
  "van",
  "tinh",
  "trang",
  "it's",
  "is",
]);
const TRAILING = new Set(["a", "nhe", "nha", "roi", "ak", "ah", "r", "now", "already"]);

/** Folded text without punctuation, less the speaker's words before and the polite ones after. */
function coreWords(folded: string): string[] {
  const words = folded
    .replace(/[.,;:!?…]+(\s|$)/g, " ")
    .split(/\s+/)
    .filter(Boolean);
  while (words.length > 0 && LEADING.has(words[0] as string)) words.shift();
  while (words.length > 0 && TRAILING.has(words.at(-1) as string)) words.pop();
  return words;
}

/**
 * A status typed in words, with the percent when one is given ("dang lam duoc 60%"); a percent
 * alone ("60%") is work in progress, 100 % done and 0 % not started. Undefined: not one of these.
 */
export function readStatusWords(text: string): { status: ReportStatus; percent?: number } | undefined {
  const folded = foldAccents(text).trim();
  const percentAt =
    /(?:^|\s)(?:duoc|dat|khoang|tien do)?\s*(\d{1,3}(?:[.,]\d+)?\s*(?:%|phan tram))[.!]*\s*$/.exec(folded);
  const percent = percentAt ? readNumber(percentAt[1] ?? "") : undefined;
  const words = coreWords(percentAt ? folded.slice(0, percentAt.index) : folded);
  const value = percent?.percent && percent.value >= 0 && percent.value <= 100 ? percent.value : undefined;
  if (words.length === 0) {
    if (value === undefined) return undefined;
    if (value === 100) return { status: "done" };
    return value === 0 ? { status: "not_started" } : { status: "in_progress", percent: value };
  }
  const status = BY_WORDS.get(words.join(" "));
  if (!status) return undefined;
  return value !== undefined && (status === "in_progress" || status === "blocked")
    ? { status, percent: value }
    : { status };
}

const NO_EVIDENCE = new Set([
  "khong",
  "khong co",
  "ko",
  "ko co",
  "k co",
  "kh co",
  "chua co",
  "khong co minh chung",
  "chua co minh chung",
  "none",
  "no",
  "nothing",
]);

/** "khong co a", "chua co": no evidence to send, said in words instead of pressing "Bỏ qua". */
export function saysNoEvidence(text: string): boolean {
  return NO_EVIDENCE.has(coreWords(foldAccents(text)).join(" "));
}

const YES = new Set([
  "ok",
  "oke",
  "okay",
  "ok gui",
  "dong y",
  "xac nhan",
  "gui",
  "gui di",
  "gui luon",
  "dung",
  "dung roi",
  "chinh xac",
  "yes",
  "send",
  "confirm",
]);

/** "ok", "đồng ý", "gửi đi ạ": the summary confirmed in words instead of "✅ Gửi báo cáo". */
export function saysYes(text: string): boolean {
  return YES.has(coreWords(foldAccents(text)).join(" "));
}
