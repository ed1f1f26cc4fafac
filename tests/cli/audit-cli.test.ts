import { writeFileSync } from "node:fs";
import { userInfo } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cli } from "../helpers/cli.ts";
import { tempDir } from "../helpers/db.ts";

interface Row {
  actorKind: string;
  actorLabel: string | null;
  action: string;
  targetKind: string | null;
  targetId: string | null;
  after: Record<string, unknown> | null;
  before: unknown;
  channel: string;
}

const operator = (() => {
  try {
    return userInfo().username || "cli";
  } catch {
    return "cli";
  }
})();

describe("the operator's actions in the audit trail, and `audit list`", { timeout: 480_000 }, () => {
  const dir = tempDir();
  const env = { DB_PATH: join(dir, "audit.db") };
  const ok = (args: string[]) => {
    const r = cli(args, env);
    expect(r.code, `${args.join(" ")}: ${r.stderr}`).toBe(0);
    return r.stdout;
  };
  const trail = (...args: string[]): Row[] => JSON.parse(ok(["audit", "list", "--json", ...args])).reverse();

  it("records each operator action as the CLI's user, by ids, and lists it as a table or JSON", () => {
    ok(["plan", "import"]);
    ok(["plan", "import", "--dry-run"]);
    ok([
      "contacts",
      "add",
      "--agency",
      "so y te",
      "--role",
      "focal",
      "--chat",
      "tg:901",
      "--name",
      "Chị Hoa",
    ]);
    const csv = join(dir, "contacts.csv");
    writeFileSync(
      csv,
      "agency,role,chat,name\nso-y-te,head,tg:902,Anh Minh\ncong-an-tinh,coordinator,tg:903,\n",
    );
    ok(["contacts", "import", csv]);
    const code = JSON.parse(ok(["invite", "create", "--agency", "so tai chinh", "--json"])).code;
    ok(["groups", "subscribe", "tg:-100123", "--scope", "I"]);
    ok(["groups", "unsubscribe", "tg:-100123"]);
    ok(["groups", "unsubscribe", "tg:-100123"]);
    ok(["agencies", "import", "data/agencies/gia-lai-agencies.csv"]);
    ok(["report", "export", "--month", "2026-11", "--format", "csv", "--out", join(dir, "r.csv")]);

    const rows = trail();
    expect(rows.map((r) => r.action)).toEqual([
      "plan.import",
      "contact.add",
      "contact.add",
      "contact.add",
      "invite.create",
      "subscription.add",
      "subscription.remove",
      "agencies.import",
      "export.create",
    ]);
    for (const r of rows)
      expect(r).toMatchObject({ actorKind: "operator", actorLabel: operator, channel: "cli" });
    expect(rows[0]).toMatchObject({
      targetKind: "plan",
      targetId: "gia-lai-de-an-06-2026",
      after: { file: expect.any(String), tasks: { added: 62 } },
    });
    expect(rows[1]).toMatchObject({
      targetKind: "contact",
      after: { agencyId: "so-y-te", role: "focal", created: true },
    });
    expect(rows[4]).toMatchObject({
      targetKind: "invite",
      targetId: code,
      after: { agencyId: "so-tai-chinh", role: "focal" },
    });
    expect(rows[6]).toMatchObject({ before: { kind: "sections", sections: ["I"] }, after: null });
    expect(rows[8]).toMatchObject({ targetKind: "period", targetId: "2026-11", after: { format: "csv" } });
    // People's names and chat ids stay out of the trail: it outlives their erasure.
    const text = JSON.stringify(rows);
    for (const personal of ["Chị Hoa", "Anh Minh", "tg:901", "tg:902"]) expect(text).not.toContain(personal);

    const table = ok(["audit", "list"]).split("\n");
    expect(table[0]).toMatch(/^Thời gian\s+Kênh\s+Người thực hiện\s+Thao tác\s+Đối tượng\s+Chi tiết$/);
    expect(table[1]).toMatch(
      /^\d\d\/\d\d\/\d{4} \d\d:\d\d\s+dòng lệnh\s+\S+.*Xuất báo cáo tổng hợp\s+kỳ 11\/2026$/,
    );
    expect(table.join("\n")).toContain("Nhập kế hoạch");
    expect(table.join("\n")).toContain("vai trò: cán bộ đầu mối");
    expect(table.join("\n")).toContain("cuộc trò chuyện Telegram");
    expect(table.join("\n")).not.toContain("tg:-100123");
  });

  it("filters by action and day, and refuses a bad limit politely, changing nothing", () => {
    expect(trail("--action", "contact.add")).toHaveLength(3);
    expect(trail("--action", "subscription.*").map((r) => r.action)).toEqual([
      "subscription.add",
      "subscription.remove",
    ]);
    expect(ok(["audit", "list", "--since", "2099-01-01"]).trim()).toBe("Nhật ký chưa có thao tác nào.");
    const bad = cli(["audit", "list", "--limit", "0"], env);
    expect(bad.code).toBe(1);
    expect(bad.stderr.trim()).toBe("--limit cần một số nguyên dương, không phải “0”.");
    expect(trail("--limit", "2").map((r) => r.action)).toEqual(["agencies.import", "export.create"]);
  });
});
