import { describe, expect, it } from "vitest";
import { linkContact, startTestApp, type TestApp } from "../../helpers/app.ts";
import { reportAll } from "../../helpers/engine.ts";
import { sqliteOf } from "../../helpers/engine-choice.ts";
import { expectNoStackTrace, type Person, person, say, sentBefore, textOf } from "./support.ts";

const coordinator = person(2001, "PC06");
const focal = person(1001, "Đầu mối Y tế");

/** Every reply to a command, however many messages it was split into. */
async function ask(t: TestApp, who: Person, text: string): Promise<string> {
  return textOf(await sentBefore(t, who.chat, who, () => t.emulator.sendText(who.user, who.chat, text)));
}

/** "Agency (n):" headings with the overdue days of their lines, in the order shown. */
function overdueBlocks(text: string): { agency: string; items: { ref: string; days: number }[] }[] {
  const blocks: { agency: string; items: { ref: string; days: number }[] }[] = [];
  for (const line of text.split("\n")) {
    const heading = /^(.+) \((\d+)\):$/.exec(line);
    if (heading) blocks.push({ agency: heading[1] ?? "", items: [] });
    const item = /^• (\S+) .* — hạn \d\d\/\d\d\/\d{4}, quá (\d+) ngày$/.exec(line);
    if (item) blocks.at(-1)?.items.push({ ref: item[1] ?? "", days: Number(item[2]) });
  }
  return blocks;
}

describe("coordinator commands in a private chat", () => {
  it("/trehan lists overdue tasks by agency, worst first; /chuabaocao lists who has not reported", async () => {
    const t = await startTestApp({ now: "2027-01-20T09:00:00+07:00" });
    await linkContact(t, coordinator.user.id, "cong-an-tinh", "coordinator");
    await linkContact(t, focal.user.id, "so-y-te", "focal");

    const overdue = await ask(t, coordinator, "/trehan");
    expect(overdue).toMatch(/^❗ \d+ nhiệm vụ quá hạn tại \d+ đơn vị \(nặng nhất trước\):/);
    // V.9 is late at all 135 communes: one line, the detail one command away.
    expect(overdue).toMatch(
      /^• V\.9 .* — hạn 30\/11\/2026, quá 51 ngày — 135 xã, phường chưa hoàn thành; \/chitiet V\.9$/m,
    );
    expect(overdue).not.toMatch(/^Xã /m);
    const blocks = overdueBlocks(overdue);
    // As late as each other (30/06/2026): by name.
    expect(blocks[0]).toEqual({ agency: "Sở Nội vụ", items: [{ ref: "VI.6", days: 204 }] });
    expect(blocks[1]).toEqual({
      agency: "Văn phòng UBND tỉnh",
      items: [
        { ref: "II.4", days: 204 },
        { ref: "II.3", days: 81 },
      ],
    });
    expect(blocks.find((b) => b.agency === "Sở Y tế")?.items).toEqual([{ ref: "V.6", days: 20 }]);
    const worst = blocks.map((b) => Math.max(...b.items.map((i) => i.days)));
    expect(worst).toEqual([...worst].sort((a, b) => b - a));
    const total = Number(/^❗ (\d+)/.exec(overdue)?.[1]);
    expect(blocks.reduce((n, b) => n + b.items.length, 0) + 135).toBe(total);
    // Only lead tasks: Sở Y tế is a partner on II.4, and it is not listed there.
    expect(blocks.filter((b) => b.items.some((i) => i.ref === "II.4")).map((b) => b.agency)).toEqual([
      "Văn phòng UBND tỉnh",
    ]);

    // One agency by name; a task reported done leaves the list.
    const vp = await ask(t, coordinator, "/trehan văn phòng ubnd tỉnh");
    expect(overdueBlocks(vp).map((b) => b.agency)).toEqual(["Văn phòng UBND tỉnh"]);
    reportAll(t.core, "so-y-te", "2027-01", "done");
    expect(await ask(t, coordinator, "/trehan so y te")).toBe("Không có nhiệm vụ nào quá hạn.");

    reportAll(t.core, "van-phong-ubnd-tinh", "2026-11");
    const missing = await ask(t, coordinator, "/chuabaocao 2026-11");
    expect(missing).toMatch(
      /^Kỳ báo cáo tháng 11\/2026 \(hạn 10\/12\/2026\): \d+ đơn vị chưa báo cáo đầy đủ\./,
    );
    expect(missing).toMatch(/^• Sở Y tế: 0\/\d+$/m);
    expect(missing).toMatch(/^• Công an tỉnh: 0\/\d+$/m);
    expect(missing).not.toContain("Văn phòng UBND tỉnh");

    // Tasks every commune owes: one line each, the communes not named one by one.
    expect(missing).toMatch(/^• V\.9 .* — 135 xã, phường chưa báo cáo; \/chitiet V\.9$/m);
    expect(missing).toMatch(/^• IV\.1 .* — \d+ đơn vị chưa báo cáo; \/chitiet IV\.1$/m);
    expect(missing).not.toMatch(/^• (Xã|Phường) /m);
    expect(missing.split("\n").length).toBeLessThan(40);
    // The months that exist are the export's: from the plan's start to this month.
    expect(await ask(t, coordinator, "/chuabaocao 2030-01")).toContain("hoặc là tháng chưa đến");
    expect(await ask(t, coordinator, "/chuabaocao 2025-12")).toBe(
      "Kế hoạch bắt đầu từ tháng 01/2026: chưa có kỳ báo cáo 12/2025.",
    );
    expect(await ask(t, coordinator, "/chuabaocao 11/2026")).toBe(missing);
    expect(await ask(t, coordinator, "/chuabaocao thang-11")).toContain("không phải tháng hợp lệ");
    expect(await ask(t, coordinator, "/chuabaocao")).toMatch(
      /^Kỳ báo cáo tháng 01\/2027 \(hạn 10\/02\/2027\)/,
    );
    expectNoStackTrace(t);
  });

  it("refuses coordinator commands to a focal point", async () => {
    const t = await startTestApp({ now: "2027-01-20T09:00:00+07:00" });
    await linkContact(t, focal.user.id, "so-y-te", "focal");
    for (const command of ["/trehan", "/chuabaocao 2026-11", "/moi so y te", "/tinhhinh so y te"]) {
      const [answer] = await say(t, focal, command);
      expect(answer?.text).toBe("Lệnh này chỉ dành cho cán bộ điều phối Đề án 06 của Công an tỉnh.");
    }
    expect(sqliteOf(t.core).sqlite.prepare("select count(*) n from invites").get()).toEqual({ n: 0 });
    expectNoStackTrace(t);
  });
});
