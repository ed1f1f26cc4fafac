import { foldAccents } from "../../text/normalize.ts";
import { type Command, commands } from "./index.ts";

/** Phrases that name a command inside a sentence, typed with or without accents. */
const PHRASES: [RegExp, string][] = [
  [/\bnghi phep\b/, "leave"],
  [/\buy quyen\b/, "deputy"],
];

/**
 * A sentence that asks for a command in words ("em nghỉ phép từ 10/12 đến 20/12 ạ"): the
 * command and the whole sentence as its argument, which the command reads for itself.
 */
export function sentenceCommand(text: string): { command: Command; arg: string } | undefined {
  const folded = foldAccents(text);
  const name = PHRASES.find(([re]) => re.test(folded))?.[1];
  const command = commands.find((c) => c.name === name);
  return command ? { command, arg: text } : undefined;
}
