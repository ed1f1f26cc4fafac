import { foldAccents, tidy } from "../text/normalize.ts";

/**
 * Places a table's columns by what their headers say, in any order: plans name the same
 * column "Cơ quan chủ trì", "Đơn vị thực hiện" or "Đơn vị chủ trì", and put the deadline
 * before or after the result. A column no role fits is kept as a note on the task.
 */

export type TableKind = "tasks" | "targets";
export type Role =
  | "number"
  | "title"
  | "lead"
  | "partner"
  | "deadline"
  | "output"
  | "unit"
  | "tracker"
  | "value";

export interface Column {
  index: number;
  header: string;
  role: Role | "year" | "note";
  year?: number;
}

export interface Layout {
  kind: TableKind;
  columns: Column[];
}

const key = (text: string) =>
  foldAccents(tidy(text))
    .replace(/[^a-z0-9]+/g, " ")
    .trim();

const NUMBER = /^(s )?(tt|stt|so tt|so thu tu|thu tu)$/;
const TASK_TITLE = /^(ten )?(cac )?(nhiem vu|noi dung|giai phap|cong viec|hoat dong)\b/;
const TARGET_TITLE = /^(ten |noi dung )?(cac )?(chi tieu|muc tieu)\b/;
/** Tried in order, so "cơ quan chủ trì theo dõi" is a tracker before it is a lead. */
const TASK_ROLES: [Role, RegExp][] = [
  ["partner", /phoi hop/],
  [
    "lead",
    /^(co quan|don vi|bo|so)?\s*(chu tri|thuc hien|thuc hien chinh|chiu trach nhiem chinh)\b|^chu tri/,
  ],
  ["deadline", /^(thoi gian|thoi han|tien do|han|moc thoi gian)\b/],
  ["output", /^(ket qua|san pham|ket qua dau ra|san pham dau ra)\b/],
];
const TARGET_ROLES: [Role, RegExp][] = [
  ["tracker", /theo doi|danh gia|chu tri|phu trach|thuc hien/],
  ["unit", /^(don vi tinh|dvt|don vi)$/],
  ["value", /^(ket qua|gia tri|muc tieu|chi tieu|chi so)\b/],
];
const YEAR = /\b((?:19|20)\d{2})\b/;

export class LayoutError extends Error {
  constructor(
    readonly reason: "second-column" | "missing-column",
    readonly header: string,
    readonly args: Record<string, string>,
  ) {
    super(`${reason}: ${Object.values(args).join(" ")}`);
  }
}

/** The table kind a header row announces, or null for a row that is not a header. */
export function headerKind(cells: string[]): TableKind | null {
  const keys = cells.map(key);
  if (!keys.some((k) => NUMBER.test(k))) {
    // Without a number column, ask for two recognisable roles besides the title.
    const roles = keys.filter((k) => TASK_ROLES.some(([, re]) => re.test(k))).length;
    if (roles < 2) return null;
  }
  const targets = keys.some((k) => TARGET_TITLE.test(k));
  const deadline = keys.some((k) => TASK_ROLES.some(([r, re]) => r === "deadline" && re.test(k)));
  if (targets && !deadline) return "targets";
  if (keys.some((k) => TASK_TITLE.test(k))) return "tasks";
  return targets ? "targets" : null;
}

/**
 * Maps a header row (and the row under it that names years, "Năm 2026 | Năm 2030") onto roles.
 * Throws naming a header it cannot place when a needed column is missing or comes twice.
 */
export function layoutOf(header: string[], sub: string[] | null, kind: TableKind): Layout {
  const roles = kind === "tasks" ? TASK_ROLES : TARGET_ROLES;
  const title = kind === "tasks" ? TASK_TITLE : TARGET_TITLE;
  const columns: Column[] = [];
  const taken = new Set<string>();
  let spanned = "";
  header.forEach((raw, index) => {
    const top = tidy(raw);
    if (top) spanned = top;
    const below = tidy(sub?.[index] ?? "");
    const name = tidy(`${top || (below ? spanned : "")} ${below}`);
    if (!name) return;
    const k = key(name);
    const year = YEAR.exec(below || top)?.[1];
    let role: Column["role"] = "note";
    if (NUMBER.test(k) && !taken.has("number")) role = "number";
    else if (year && (kind === "targets" || below)) role = "year";
    else if (title.test(k) && !taken.has("title")) role = "title";
    else role = roles.find(([r, re]) => re.test(k) && !taken.has(r))?.[0] ?? "note";
    if (role === "note" && roles.some(([r, re]) => re.test(k) && taken.has(r)) && kind === "tasks") {
      throw new LayoutError("second-column", header.join(" | "), { header: name });
    }
    taken.add(role);
    columns.push({ index, header: name, role, ...(role === "year" ? { year: Number(year) } : {}) });
  });
  const needed: Role[] = kind === "tasks" ? ["title", "lead"] : ["title", "tracker"];
  for (const role of needed) {
    if (!taken.has(role)) {
      const unplaced = columns.filter((c) => c.role === "note").map((c) => `"${c.header}"`);
      throw new LayoutError("missing-column", header.join(" | "), {
        role,
        unplaced: unplaced.length ? unplaced.join(", ") : "-",
      });
    }
  }
  return { kind, columns };
}

/** True for a row under a header that only names years ("", "", "", "Năm 2026", "Năm 2030", ""). */
export function isYearSubheader(cells: string[]): boolean {
  const filled = cells.map(key).filter(Boolean);
  return filled.length > 0 && filled.every((k) => /^(nam |den nam )?(19|20)\d{2}$/.test(k));
}

/** The year a group row such as "Đến năm 2030" sets for the value column under it. */
export function yearRow(text: string): number | null {
  const m = /^(?:(?:den|trong|giai doan|muc tieu|chi tieu) )*(?:nam )?((?:19|20)\d{2})$/.exec(key(text));
  return m ? Number(m[1]) : null;
}
