import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { exportSynthesis } from "../../src/reports/export.ts";
import { sqliteOf } from "../helpers/engine-choice.ts";
import { NOW, PERIOD, reportsFixture } from "./fixture.ts";

/** What a linked focal point could type as a description to attack the coordinator's Excel. */
const FORMULAS = [
  '=HYPERLINK("http://evil.example/x";"Bấm vào đây")',
  "+cmd|' /C calc'!A0",
  "-2+3+cmd|' /C calc'!A0",
  "@SUM(1+1)*cmd|' /C calc'!A0",
  "\t=1+1",
  "\r=1+1",
];

async function withFormulaDescriptions() {
  const fx = await reportsFixture();
  const rows = sqliteOf(fx.core)
    .sqlite.prepare(
      `select r.id, t.ref from reports r join tasks t on t.id = r.task_id
       where r.agency_id = 'so-y-te' and r.period = ? order by t.ref limit ?`,
    )
    .all(PERIOD, FORMULAS.length) as { id: number; ref: string }[];
  const update = sqliteOf(fx.core).sqlite.prepare("update reports set description = ? where id = ?");
  for (const [i, r] of rows.entries()) update.run(FORMULAS[i], r.id);
  return { fx, refs: rows.map((r) => r.ref) };
}

describe("a description that is a formula", async () => {
  const { fx, refs } = await withFormulaDescriptions();

  it("reaches the CSV as text with a leading apostrophe, never as a formula", async () => {
    const { data } = await exportSynthesis(fx.core, { period: PERIOD, now: NOW, format: "csv" });
    const rows = parse(data, { bom: true, relax_column_count: true }) as string[][];
    const descriptions = refs.map((ref) => rows.find((r) => r[0] === ref && r[3] === "Sở Y tế")?.[9]);
    expect(descriptions).toEqual(FORMULAS.map((f) => `'${f}`));
    // No cell anywhere in the file starts with a formula character.
    const risky = rows.flat().filter((cell) => /^[=+\-@\t\r]/.test(cell));
    expect(risky).toEqual([]);
    // Numbers stay numbers: the percent column is untouched.
    expect(rows.find((r) => r[0] === "II.2" && r[3] === "Công an tỉnh")?.[7]).toBe("100");
  });

  it("reaches the xlsx as a string cell, with no formula in the workbook", async () => {
    const { data } = await exportSynthesis(fx.core, { period: PERIOD, now: NOW, format: "xlsx" });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(data as unknown as ArrayBuffer);
    const ws = wb.getWorksheet("Nhiệm vụ");
    const found: unknown[] = [];
    ws?.eachRow((row) => {
      const cell = row.getCell(10);
      if (refs.includes(String(row.getCell(1).value)) && row.getCell(4).value === "Sở Y tế") {
        expect(cell.type).toBe(ExcelJS.ValueType.String);
        found.push(cell.value);
      }
    });
    // XML reads a bare CR back as a line feed; the text is otherwise kept as typed.
    expect(found).toEqual(FORMULAS.map((f) => f.replace("\r", "\n")));
    let formulas = 0;
    for (const sheet of wb.worksheets)
      sheet.eachRow((row) =>
        row.eachCell((c) => {
          if (c.type === ExcelJS.ValueType.Formula) formulas++;
        }),
      );
    expect(formulas).toBe(0);
  });
});
