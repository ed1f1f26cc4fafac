import { readFileSync } from "node:fs";
import { UserError } from "../errors.ts";
import { rulesFileSchema } from "./rules.ts";

/** RULES_FILE read and checked; undefined when none is set (the defaults apply). */
export function loadRulesFile(path: string | undefined) {
  if (!path) return undefined;
  try {
    return rulesFileSchema.parse(JSON.parse(readFileSync(path, "utf8")));
  } catch (e) {
    throw new UserError("err-rules-file", {
      file: path,
      reason: e instanceof Error ? (e.message.split("\n")[0] ?? "") : "",
    });
  }
}
