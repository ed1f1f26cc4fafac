import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { Command } from "commander";
import { describe, expect, it } from "vitest";
import { createContext } from "../../src/cli/context.ts";
import { registerReportCommands } from "../../src/cli/report.ts";
import { I18n } from "../../src/i18n/index.ts";
import { config, seededDatabase, tempDir } from "../helpers/db.ts";

/** Runs `report …` in-process against a seeded database, collecting what it prints. */
function reportCli() {
  const db = seededDatabase();
  const lines: string[] = [];
  const run = (args: string[]) => {
    const program = new Command("nhacviec").exitOverride();
    const ctx = { ...createContext({ ...config, DB_PATH: db.path }, new I18n(), "vi", program) };
    ctx.out = (line) => lines.push(line);
    registerReportCommands(program, ctx);
    return program.parseAsync(["report", "export", ...args], { from: "user" });
  };
  return { run, lines };
}

describe("report export", () => {
  const dir = tempDir();
  const { run, lines } = reportCli();

  it("writes the xlsx by default, or the format asked for, and says so in one line", async () => {
    await run(["--month", "2026-06", "--out", join(dir, "t.xlsx")]);
    expect(readFileSync(join(dir, "t.xlsx")).subarray(0, 2).toString()).toBe("PK");
    await run([
      "--month",
      "2026-06",
      "--format",
      "csv",
      "--out",
      join(dir, "t.csv"),
      "--plan",
      "gia-lai-de-an-06-2026",
    ]);
    expect([...readFileSync(join(dir, "t.csv")).subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    await run(["--month", "2026-06", "--format", "DOCX", "--out", join(dir, "t.docx")]);
    expect(existsSync(join(dir, "t.docx"))).toBe(true);
    expect(lines).toHaveLength(3);
  });

  it("refuses a bad month or format with a one-line error", async () => {
    const out = join(dir, "no.xlsx");
    await expect(run(["--month", "abc", "--out", out])).rejects.toMatchObject({ key: "err-export-month" });
    await expect(run(["--month", "2999-01", "--out", out])).rejects.toMatchObject({
      key: "err-export-month",
      args: { value: "2999-01" },
    });
    await expect(run(["--month", "2026-06", "--format", "pdf", "--out", out])).rejects.toMatchObject({
      key: "err-export-format",
      args: { value: "pdf", formats: "xlsx, docx, csv" },
    });
    await expect(
      run(["--month", "2026-06", "--out", join(dir, "missing-dir", "x.xlsx")]),
    ).rejects.toMatchObject({
      key: "err-export-write",
    });
    expect(existsSync(out)).toBe(false);
  });
});
