import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { Command } from "commander";
import { describe, expect, it } from "vitest";
import { localizeCommander } from "../../src/cli/commander-text.ts";
import { I18n, type Lang } from "../../src/i18n/index.ts";
import { cli } from "../helpers/cli.ts";
import { tempDir } from "../helpers/db.ts";

const i18n = new I18n();

/** A small program as the real CLI builds it, its output captured instead of printed. */
function program(lang: Lang) {
  const out: string[] = [];
  const p = localizeCommander(new Command("nhacviec"), (k, a) => i18n.t(lang, k, a))
    .helpOption("-h, --help", i18n.t(lang, "cli-help"))
    .helpCommand(false)
    .exitOverride()
    .configureOutput({ writeOut: (s) => out.push(s), writeErr: (s) => out.push(s) });
  const tasks = p.command("tasks").description(i18n.t(lang, "cli-tasks"));
  tasks
    .command("due")
    .requiredOption("--before <date>", i18n.t(lang, "cli-tasks-due-before"))
    .option("--format <f>", "f", "text")
    .action(() => {});
  const run = (...argv: string[]) => {
    out.length = 0;
    try {
      p.parse(argv, { from: "user" });
    } catch {
      // exitOverride: the text is what matters here
    }
    return out.join("");
  };
  return run;
}

describe("the CLI speaks one language per screen", () => {
  it("says commander's own words in Vietnamese by default", () => {
    const run = program("vi");
    const help = run("tasks", "due", "--help");
    expect(help).toContain("Cách dùng: nhacviec tasks due [tùy chọn]");
    expect(help).toContain("Tùy chọn:");
    expect(help).toContain('(mặc định: "text")');
    expect(help).not.toMatch(/Usage|Options|default|display help/);
    expect(run("tasks")).toContain("help [lệnh]");
    expect(run("tasks", "due", "--before", "x", "--bogus")).toBe(
      "Lỗi: không có tùy chọn --bogus. Xem --help.\n",
    );
    expect(run("tasks", "due")).toBe("Lỗi: thiếu tùy chọn bắt buộc --before <date>.\n");
    expect(run("tasks", "du")).toBe("Lỗi: không có lệnh “du”. Xem --help. Có phải ý bạn là due?\n");
    expect(run("tasks", "due", "--before")).toBe("Lỗi: tùy chọn --before <date> cần một giá trị.\n");
    expect(run("tasks", "due", "--before", "x", "extra")).toBe("Lỗi: thừa tham số (cần 0, nhận được 1).\n");
  });

  it("says them in English with NHACVIEC_LANG=en", () => {
    const run = program("en");
    expect(run("tasks", "due", "--help")).toContain("Usage: nhacviec tasks due [options]");
    expect(run("tasks", "due", "--before", "x", "--bogus")).toBe(
      "Error: there is no option --bogus. See --help.\n",
    );
  });

  it("does so in the real CLI", { timeout: 120_000 }, () => {
    const help = cli(["--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Cách dùng: nhacviec \[tùy chọn\] \[lệnh\]/);
    expect(help.stdout).toContain("Lệnh:");
    expect(help.stdout).not.toMatch(/Usage|Options:|Commands:/);
    const bad = cli(["plan", "--bogus"], { NHACVIEC_LANG: "en" });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toBe("Error: there is no option --bogus. See --help.\n");
  });

  it("names what is wrong with a plan in the operator's language", { timeout: 120_000 }, () => {
    const dir = tempDir();
    const plan = join(dir, "plan.md");
    // A task table whose lead column has a header no synonym places.
    writeFileSync(
      plan,
      "| TT | Tên nhiệm vụ | Cột lạ | Thời hạn |\n|---|---|---|---|\n| 1 | Việc | Sở Y tế | 2026 |\n",
    );
    const db = join(dir, "x.db");
    const vi = cli(["plan", "import", plan, "--id", "x", "--db", db]);
    expect(vi.code).toBe(1);
    expect(vi.stderr).toContain('dòng tiêu đề thiếu cột cơ quan chủ trì; các cột chưa xếp được: "Cột lạ"');
    expect(vi.stderr).not.toMatch(/column|line \d/);
    const en = cli(["plan", "import", plan, "--id", "x", "--db", db], { NHACVIEC_LANG: "en" });
    expect(en.code).toBe(1);
    expect(en.stderr).toContain('the header has no lead agency column; headers not placed: "Cột lạ"');
  });
});
