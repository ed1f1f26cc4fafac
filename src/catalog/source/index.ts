import { readFileSync } from "node:fs";
import { extname } from "node:path";
import { UserError } from "../../errors.ts";
import { readText, type SourceItem } from "./text.ts";

export type { SourceItem, SourceRow } from "./text.ts";

export interface PlanSource {
  items: SourceItem[];
  /** The file's bytes, for the plan's content hash. */
  bytes: Uint8Array;
}

function readBytes(file: string): Uint8Array {
  try {
    return readFileSync(file);
  } catch {
    throw new UserError("err-file-read", { file });
  }
}

const binary = (file: string) => [".docx", ".xlsx"].includes(extname(file).toLowerCase());

/** A text or Markdown plan, read synchronously (the shipped plan at start-up). */
export function readTextSource(file: string): PlanSource {
  const bytes = readBytes(file);
  return { bytes, items: readText(Buffer.from(bytes).toString("utf8")) };
}

/** Any plan file: .docx and .xlsx by their extension, anything else as text or Markdown. */
export async function readPlanSource(file: string): Promise<PlanSource> {
  if (!binary(file)) return readTextSource(file);
  const bytes = readBytes(file);
  try {
    // exceljs and jszip load only for these files: at every CLI start they cost ~0.3 s.
    const ext = extname(file).toLowerCase();
    const items =
      ext === ".docx"
        ? await (await import("./docx.ts")).readDocx(bytes)
        : await (await import("./xlsx.ts")).readXlsx(bytes);
    return { bytes, items };
  } catch (e) {
    if (e instanceof UserError) throw e;
    throw new UserError("err-plan-unreadable", { file, reason: (e as Error).message.slice(0, 200) });
  }
}
