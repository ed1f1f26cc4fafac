import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { rowsOf } from "../helpers/engine-choice.ts";
import { webFixture } from "./fixture.ts";

/** The text of each list item in a month's card, by heading. */
function month(html: string, m: string): Record<string, string[]> {
  const card = new RegExp(`<section class="card" data-month="${m}">(.*?)</section>`, "s").exec(html)?.[1];
  if (!card) throw new Error(`no card for ${m}`);
  const out: Record<string, string[]> = { title: [/<h2>(.*?)<\/h2>/.exec(card)?.[1] ?? ""] };
  for (const [, head = "", body = ""] of card.matchAll(/<h3>(.*?)<\/h3>(?:<ul>(.*?)<\/ul>)?/gs))
    out[head] = [...body.matchAll(/<li>(.*?)<\/li>/g)].map((x) => x[1] ?? "");
  return out;
}

describe("web console: Cài đặt", () => {
  it("shows the plan's source and import date, the default rules, and the coming months' calendar with Tết", async () => {
    const f = await webFixture();
    const [plan] = await rowsOf(f.core)<{ source_name: string; imported_at: string }>(
      "select source_name, imported_at from plans where id = ?",
      f.planId,
    );
    const { cookie } = await f.signIn(f.people.ytHead);
    const res = await f.request("/web/settings", { cookie });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('<a href="/web/settings" aria-current="page">Cài đặt</a>');
    expect(html).toContain(`<dd>${plan?.source_name}</dd>`);
    const imported = new Date(plan?.imported_at ?? "");
    const local = imported.toLocaleString("en-GB", { timeZone: "Asia/Ho_Chi_Minh", hour12: false });
    const [d, t] = local.split(", ");
    expect(html).toContain(`<dd>${d} ${t?.slice(0, 5)}</dd>`);
    expect(html).toMatch(/<dd>62 nhiệm vụ, \d+ chỉ tiêu<\/dd>/);
    expect(html).toContain("Đang dùng quy tắc mặc định");
    expect(html).toContain("<td>Ngày 5, 8; ngày 8 lùi về ngày làm việc trước nếu rơi vào ngày nghỉ</td>");
    expect(html).toContain("<td>Thứ Hai, 08:00; việc đến hạn trong 14 ngày</td>");

    expect(html).toMatch(/data-month="2027-01".*data-month="2027-02".*data-month="2027-03"/s);
    expect(html).not.toContain('data-month="2027-04"');
    const feb = month(html, "2027-02");
    expect(feb.title).toEqual(["Tháng 02/2027: 15 ngày làm việc"]);
    expect(feb["Ngày nghỉ trong tuần"]?.map((l) => l.slice(0, 10))).toEqual([
      "04/02/2027",
      "05/02/2027",
      "08/02/2027",
      "09/02/2027",
      "10/02/2027",
    ]);
    expect(feb["Ngày nghỉ trong tuần"]?.[0]).toContain("Tết Nguyên Đán");
    // Tết 2027: the 5th's nudge could only go after the deadline, so the 8th's alone, moved back.
    expect(feb["Lịch nhắc báo cáo"]).toEqual([
      "01/02/2027: mở kỳ báo cáo",
      "03/02/2027: nhắc lần 1",
      "10/02/2027: hạn báo cáo tháng trước",
      "11/02/2027: báo lãnh đạo đơn vị chưa báo cáo",
      "12/02/2027: gửi danh sách cho cán bộ điều phối",
    ]);
    expect(month(html, "2027-01")["Ngày nghỉ trong tuần"]).toEqual(["01/01/2027: Tết Dương lịch"]);
    // Read-only: no form on the page but signing out.
    expect(html.match(/<form /g)).toHaveLength(1);
  });

  it("shows what RULES_FILE changes, and the reminder days it moves", async () => {
    const dir = mkdtempSync(join(tmpdir(), "nhacviec-rules-"));
    const file = join(dir, "quy-tac.json");
    writeFileSync(file, JSON.stringify({ default: { cycle: { nudgeDays: [3, 7] }, catchUpDays: 3 } }));
    const f = await webFixture({ env: { RULES_FILE: file } });
    const { cookie } = await f.signIn(f.people.coordinator);
    const html = await (await f.request("/web/settings", { cookie })).text();
    expect(html).toContain("Theo tệp quy tắc quy-tac.json (RULES_FILE)");
    expect(html).not.toContain(dir);
    expect(html).toContain("<td>Ngày 3, 7; ngày 8 lùi về ngày làm việc trước nếu rơi vào ngày nghỉ</td>");
    expect(html).toContain("<td>Tối đa 3 ngày</td>");
    // 7 March 2027 is a Sunday: its nudge goes on Monday the 8th.
    expect(month(html, "2027-03")["Lịch nhắc báo cáo"]?.slice(1, 3)).toEqual([
      "03/03/2027: nhắc lần 1",
      "08/03/2027: nhắc lần 2",
    ]);
  });

  it("is in English with the switch", async () => {
    const f = await webFixture();
    const { cookie } = await f.signIn(f.people.coordinator);
    const html = await (await f.request("/web/settings", { cookie: `${cookie}; nv_lang=en` })).text();
    expect(html).toContain("<h1>Settings</h1>");
    expect(month(html, "2027-02").title).toEqual(["02/2027: 15 working days"]);
  });
});
