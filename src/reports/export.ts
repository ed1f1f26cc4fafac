import { UserError } from "../errors.ts";
import { renderCsv } from "./csv.ts";
import type { SynthesisModel } from "./model.ts";
import { buildSynthesis, type SynthesisDeps, type SynthesisOptions } from "./synthesis.ts";

export const exportFormats = ["xlsx", "docx", "csv"] as const;
export type ExportFormat = (typeof exportFormats)[number];

/** Throws `err-export-format` unless `value` is one of xlsx, docx, csv. */
export function parseExportFormat(value: string): ExportFormat {
  const format = value.trim().toLowerCase();
  if (!(exportFormats as readonly string[]).includes(format))
    throw new UserError("err-export-format", { value, formats: exportFormats.join(", ") });
  return format as ExportFormat;
}

/** docx and exceljs load only when a file of theirs is asked for: they cost ~0.5 s of every start. */
export async function renderSynthesis(model: SynthesisModel, format: ExportFormat): Promise<Buffer> {
  if (format === "docx") return (await import("./docx.ts")).renderDocx(model);
  if (format === "csv") return renderCsv(model);
  return (await import("./xlsx.ts")).renderXlsx(model);
}

/** The monthly synthesis of a plan, built and rendered in one format. */
export async function exportSynthesis(
  deps: SynthesisDeps,
  opts: SynthesisOptions & { format: ExportFormat },
): Promise<{ model: SynthesisModel; data: Buffer }> {
  const model = await buildSynthesis(deps, opts);
  return { model, data: await renderSynthesis(model, opts.format) };
}
