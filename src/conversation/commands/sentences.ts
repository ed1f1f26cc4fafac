import { monthIn } from "../../reports/months.ts";
import { foldAccents } from "../../text/normalize.ts";
import { isCoordinator } from "../actor.ts";
import { statusCommand } from "./coordinator.ts";
import { tasksCommand } from "./focal.ts";
import { type Command, commands } from "./index.ts";

// How the speaker opens a request: "cho em xin", "toi se", "anh dang ky" ("anh Nam" is not one).
const SPEAKER = String.raw`(cho\s+)?((em|toi|minh|chung (em|toi)|kinh|anh|chi)\s+)*`;
const ASKING = String.raw`((xin|se|muon|can|dang ky|bao|de nghi|duoc)\s+)*`;
// "tu 10/12 den 20/12 em nghi phep": the dates may come first.
const DAY = String.raw`\d{1,2}/\d{1,2}(/\d{2,4})?`;
const DATES_FIRST = String.raw`((tu\s+)?${DAY}\s*(den|-)\s*${DAY}\s+)?`;

// "nhung don vi nao con", "co quan nao", "ai": who a coordinator asks about.
const WHICH = String.raw`((nhung|cac)\s+)?(don\s*vi|co\s*quan|nhiem\s*vu|ai)\s+(nao\s+)?(con\s+|da\s+|dang\s+)?`;

/**
 * Phrases that name a command inside a sentence, on the text folded (no accents, lower case)
 * and trimmed; the first that matches wins, so "em xin gia han vi nghi phep" asks for time.
 * Each must open the sentence, said by the speaker: "neu cham em se xin gia han sau" in a
 * report, or "can bo phu trach nghi phep tu 1/12" (news of someone else), asks for nothing.
 */
const PHRASES: [RegExp, string, ((text: string) => string)?][] = [
  [/^((em|toi|minh|chung (em|toi)|kinh)\s+)*(xin|de nghi)\s+gia\s*han\b/, "extend"],
  [new RegExp(String.raw`^${DATES_FIRST}${SPEAKER}${ASKING}nghi\s*phep\b`), "leave"],
  [new RegExp(String.raw`^${SPEAKER}${ASKING}uy\s*quyen\b`), "deputy"],
  // English: "I'm on leave next week", "I will be on leave from 10/12 to 20/12".
  [/^((i\s+(am|will\s+be)|i'm|im|i’m)\s+)?(taking\s+|on\s+)leave\b/, "leave"],
  // "em muon bao cao nhiem vu ii10 a", "xin gui bao cao tien do thang 12": the report, on the
  // task named if one is.
  [new RegExp(String.raw`^${SPEAKER}${ASKING}(gui\s+)?bao\s*cao\b`), "report"],
  [/^(i\s+(want|would\s+like|need)\s+to\s+|i'd\s+like\s+to\s+)?(send\s+(a|my|the)\s+)?report\b/, "report"],
  // A coordinator's questions: "nhung don vi nao chua bao cao thang 11?", "don vi nao tre han".
  [new RegExp(String.raw`^${WHICH}chua\s+(gui\s+|nop\s+)?bao\s*cao\b`), "missing", (t) => monthIn(t) ?? ""],
  [new RegExp(String.raw`^${WHICH}(bi\s+)?(tre|qua)\s*han\b`), "overdue", () => ""],
];

// "so y te da bao cao chua", "em da nop bao cao chua a": whether reports went in.
const REPORTED = /^(.*?)\s*(da\s+)?(gui\s+|nop\s+)?bao\s*cao\s+chua\b/;
const SELF = /^((em|toi|minh|ben|don\s*vi|chung|cua)\s*)*$/;

/** A coordinator asking about an agency gets its status; anyone else, their own tasks' statuses. */
const reported: Command = {
  name: "reported",
  aliases: [],
  access: "linked",
  run: (turn, subject) =>
    isCoordinator(turn.actor) && subject ? statusCommand(turn, subject) : tasksCommand(turn),
};

/**
 * A sentence that asks for a command in words ("em nghỉ phép từ 10/12 đến 20/12 ạ", "xin gia
 * hạn V.6 đến 20/01 vì ..."): the command and the whole sentence as its argument, which the
 * command reads for itself; a coordinator's question gets only the words its command takes
 * (the month of "… chua bao cao thang 11").
 */
export function sentenceCommand(text: string): { command: Command; arg: string } | undefined {
  const folded = foldAccents(text).trim();
  const asked = REPORTED.exec(folded);
  if (asked) {
    const subject = (asked[1] ?? "").trim();
    return { command: reported, arg: SELF.test(subject) ? "" : subject };
  }
  const [, name, argOf] = PHRASES.find(([re]) => re.test(folded)) ?? [];
  const command = commands.find((c) => c.name === name);
  return command ? { command, arg: argOf ? argOf(folded) : text } : undefined;
}
