import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cli } from "../helpers/cli.ts";
import { tempDir } from "../helpers/db.ts";

describe("the catalog CLI", { timeout: 120_000 }, () => {
  const dir = tempDir();
  const env = { DB_PATH: join(dir, "cli.db") };

  it("imports the shipped plan and exports exactly one JSON object through npm", () => {
    const imported = cli(["plan", "import"], env);
    expect(imported.code).toBe(0);
    expect(imported.stdout).toMatch(/62 nhiệm vụ \(62 mới/);
    const r = spawnSync("npm", ["run", "--silent", "cli", "--", "plan", "export", "--json"], {
      encoding: "utf8",
      env: { ...process.env, ...env },
    });
    expect(r.status).toBe(0);
    const data = JSON.parse(r.stdout);
    expect(Object.keys(data)).toEqual(["plan", "agencies", "groups", "tasks", "targets"]);
    expect(data.plan.id).toBe("gia-lai-de-an-06-2026");
    expect(data.tasks).toHaveLength(62);
    expect(data.targets).toHaveLength(54);
    expect(data.groups.find((g: { id: string }) => g.id === "communes").members).toHaveLength(135);
  });

  it("shows the plan as a tree and lists tasks due before a date", () => {
    const show = cli(["plan", "show"], env);
    expect(show.code).toBe(0);
    expect(show.stdout).toContain("├─ II.10 Công khai các trường thông tin");
    const due = cli(["tasks", "due", "--before", "2026-07-01", "--agency", "so noi vu", "--json"], env);
    expect(due.code).toBe(0);
    // Lead of VI.6, and a partner of II.4 as one of "các sở, ngành tỉnh".
    expect(JSON.parse(due.stdout).map((t: { ref: string }) => t.ref)).toEqual(["II.4", "VI.6"]);
    const all = JSON.parse(cli(["tasks", "due", "--before", "2026-07-01", "--json"], env).stdout);
    expect(all.map((t: { ref: string; due: string }) => `${t.ref}@${t.due}`)).toEqual([
      "II.4@2026-06-30",
      "VI.6@2026-06-30",
    ]);
  });

  it("answers user errors with one line, a non-zero code and no stack", () => {
    for (const args of [
      ["tasks", "due", "--before", "2026-13-01"],
      ["tasks", "due", "--before", "2026-07-01", "--agency", "Sở Không Có"],
      ["plan", "import", "/no/such/file.md"],
      ["agencies", "import", "/no/such/file.csv"],
    ]) {
      const r = cli(args, env);
      expect(r.code, args.join(" ")).toBe(1);
      expect(r.stderr.trim().split("\n"), args.join(" ")).toHaveLength(1);
      expect(r.stderr).not.toMatch(/\bat .*\.ts:\d+/);
    }
    expect(cli(["tasks", "due", "--before", "2026-13-01"], env).stderr).toContain("không phải ngày hợp lệ");
    expect(cli(["tasks", "due", "--before", "2026-13-01"], { ...env, NHACVIEC_LANG: "en" }).stderr).toContain(
      "is not a valid date",
    );
  });

  it("imports an agency CSV, adding a member to a group and re-expanding assignments", () => {
    const csv = join(dir, "extra.csv");
    writeFileSync(
      csv,
      'id,name,kind,groups,aliases\nso-dan-toc-va-ton-giao,Sở Dân tộc và Tôn giáo,department,departments,"Sở DT&TG"\n',
    );
    const r = cli(["agencies", "import", csv], env);
    expect(r.code).toBe(0);
    const due = JSON.parse(
      cli(["tasks", "due", "--before", "2026-07-01", "--agency", "so-dan-toc-va-ton-giao", "--json"], env)
        .stdout,
    );
    // A new member of "các sở, ngành tỉnh" becomes a partner of what that group partners.
    expect(due.map((t: { ref: string }) => t.ref)).toEqual(["II.4", "VI.6"]);
    const list = JSON.parse(cli(["agencies", "list", "--json"], env).stdout);
    expect(list.find((a: { id: string }) => a.id === "so-dan-toc-va-ton-giao")).toMatchObject({
      groups: ["departments"],
    });

    writeFileSync(csv, "id,name,kind,groups,aliases\nx,Bad,planet,,\n");
    const bad = cli(["agencies", "import", csv], env);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain("dòng 2");
  });
});
