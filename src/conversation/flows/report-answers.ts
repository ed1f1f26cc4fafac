import { wholePercent } from "../../domain/percent.ts";
import type { Reply } from "../../messages.ts";
import type { StepInput, Turn } from "../context.ts";
import { periodNow } from "../cycle.ts";
import { readNumber } from "../input.ts";
import type { OpenAssignment } from "../queries.ts";
import {
  askCount,
  askDescription,
  askEdit,
  askEvidence,
  askPercent,
  askStatus,
  askTask,
  MAX_DESCRIPTION,
  type S,
  STATUSES,
  summary,
  TYPED_PERCENT,
} from "./report-questions.ts";
import { saveReport } from "./report-save.ts";
import { readStatusWords, saysNoEvidence, saysYes } from "./report-words.ts";

/** How one question of the report flow reads its answer, once the task is known. */
type Answer = (turn: Turn, s: S, a: OpenAssignment, input: StepInput) => Promise<Reply[]>;

const IMPLIED: Record<string, number | null> = { done: 100, not_started: 0, not_applicable: null };

const again = (turn: Turn, key: string, args = {}): Reply[] => [{ text: turn.t(key, args) }];
const useButtons = (turn: Turn, ask: Reply[]): Reply[] => [...again(turn, "flow-use-buttons"), ...ask];

/** The year a yearly count is for: the one of the period the report is saved under. */
const countYear = (turn: Turn, a: OpenAssignment) => periodNow(turn, a.planId).slice(0, 4);

/** After an answer: the next question not yet answered, or the summary when changing one answer. */
async function next(turn: Turn, s: S, a: OpenAssignment): Promise<Reply[]> {
  const d = s.data;
  if (d.status && TYPED_PERCENT.includes(d.status) && (d.percent === undefined || d.percent === null))
    return askPercent(turn, s);
  if (d.editing) {
    if (d.status === "blocked" && !d.description) return askDescription(turn, s);
    return summary(turn, s, a);
  }
  if (a.kind === "recurring" && a.quota && d.count === undefined)
    return askCount(turn, s, a, countYear(turn, a));
  if (d.description === undefined) return askDescription(turn, s);
  if (d.evidence === undefined) return askEvidence(turn, s);
  return summary(turn, s, a);
}

const status: Answer = async (turn, s, a, { value, text }) => {
  if (value === "chg" && !s.data.editing) {
    s.data = { agencyId: s.data.agencyId, page: 0, first: s.data.first };
    return askTask(turn, s);
  }
  // "dang lam duoc 60%", "xong roi a": the status in words, and the percent when it came along.
  const typed = value === undefined && text ? readStatusWords(text) : undefined;
  const picked = typed?.status ?? STATUSES.find(([code]) => value === `s${code}`)?.[1];
  if (!picked) return useButtons(turn, await askStatus(turn, s, a));
  const was = s.data.status;
  s.data.status = picked;
  if (picked in IMPLIED) s.data.percent = IMPLIED[picked];
  else if (typed?.percent !== undefined) s.data.percent = wholePercent(typed.percent);
  // A percent typed for "in progress" still holds when the task becomes blocked, and back.
  else if (!was || !TYPED_PERCENT.includes(was)) s.data.percent = undefined;
  return next(turn, s, a);
};

const percent: Answer = async (turn, s, a, { value, text }) => {
  const typed = readNumber(text ?? "");
  const n = value?.startsWith("%") ? Number(value.slice(1)) : typed && !typed.unit ? typed.value : undefined;
  if (n === undefined || Number.isNaN(n) || n < 0 || n > 100) return again(turn, "report-bad-percent");
  // Whole percents are what is stored: the summary the person confirms shows the same number.
  s.data.percent = wholePercent(n);
  return next(turn, s, a);
};

const count: Answer = async (turn, s, a, { value, text }) => {
  if (value === "skip") s.data.count = null;
  else {
    const n = readNumber(text ?? "");
    if (!n || n.percent || !Number.isInteger(n.value) || n.value < 0 || n.value > 99_999)
      return again(turn, "report-bad-count");
    s.data.count = n.value;
  }
  return next(turn, s, a);
};

const description: Answer = async (turn, s, a, input) => {
  if (input.value === "skip" && s.data.status !== "blocked") {
    if (!s.data.editing) s.data.description = null;
    return next(turn, s, a);
  }
  const text = input.text?.trim() ?? "";
  if (text.length > MAX_DESCRIPTION)
    return again(turn, "report-too-long", { max: MAX_DESCRIPTION, length: text.length });
  if (text === "")
    return again(
      turn,
      s.data.status === "blocked" ? "report-description-required" : "report-ask-description",
      {
        max: MAX_DESCRIPTION,
      },
    );
  s.data.description = text;
  return next(turn, s, a);
};

const evidence: Answer = async (turn, s, a, { value, text, attachment }) => {
  if (value === "skip" || (value === undefined && !attachment && saysNoEvidence(text ?? ""))) {
    s.data.evidence ??= [];
    return summary(turn, s, a);
  }
  const url = /^https?:\/\/\S+$/i.exec(text?.trim() ?? "")?.[0];
  const item = attachment ?? (url ? { kind: "link" as const, url } : undefined);
  if (!item) return again(turn, "report-bad-evidence");
  s.data.evidence = [...(s.data.evidence ?? []), item];
  return summary(turn, s, a);
};

const confirm: Answer = async (turn, s, a, { value, text }) => {
  if (value === "ok" || (value === undefined && saysYes(text ?? ""))) return saveReport(turn, s, a);
  if (value === "edit") return askEdit(turn, s, a);
  return useButtons(turn, await summary(turn, s, a));
};

/** "✏️ Sửa lại": the question of the answer to change, then back to the summary. */
const EDITS: Record<string, (turn: Turn, s: S, a: OpenAssignment) => Promise<Reply[]>> = {
  es: askStatus,
  ep: (turn, s) => askPercent(turn, s),
  ec: (turn, s, a) => askCount(turn, s, a, countYear(turn, a)),
  ed: (turn, s) => askDescription(turn, s),
  ee: (turn, s) => askEvidence(turn, s),
  back: summary,
};

const edit: Answer = async (turn, s, a, { value }) => {
  s.data.editing = true;
  const ask = value !== undefined && Object.hasOwn(EDITS, value) ? EDITS[value] : undefined;
  if (ask) return ask(turn, s, a);
  s.data.editing = false;
  return useButtons(turn, await askEdit(turn, s, a));
};

/** Every question after the task is picked, by the flow's step name. */
export const ANSWERS: Record<string, Answer> = {
  status,
  percent,
  count,
  description,
  evidence,
  confirm,
  edit,
};
