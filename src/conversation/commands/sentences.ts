import { foldAccents } from "../../text/normalize.ts";
import { type Command, commands } from "./index.ts";

/**
 * Phrases that name a command inside a sentence, on the text folded (no accents, lower case)
 * and trimmed; the first that matches wins, so "em xin gia han vi nghi phep" asks for time.
 */
const PHRASES: [RegExp, string][] = [
  // Only as the sentence's opening: "se xin gia han sau" in a report is not a request.
  [/^((em|toi|minh|chung (em|toi)|kinh)\s+)*(xin|de nghi)\s+gia\s*han\b/, "extend"],
  [/\bnghi phep\b/, "leave"],
  [/\buy quyen\b/, "deputy"],
];

/**
 * A sentence that asks for a command in words ("em nghỉ phép từ 10/12 đến 20/12 ạ", "xin gia
 * hạn V.6 đến 20/01 vì ..."): the command and the whole sentence as its argument, which the
 * command reads for itself.
 */
export function sentenceCommand(text: string): { command: Command; arg: string } | undefined {
  const folded = foldAccents(text).trim();
  const name = PHRASES.find(([re]) => re.test(folded))?.[1];
  const command = commands.find((c) => c.name === name);
  return command ? { command, arg: text } : undefined;
}
