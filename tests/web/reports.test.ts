import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { conversationDeps } from "../../src/core.ts";
import { reportAll } from "../helpers/engine.ts";
import { webFixture } from "./fixture.ts";

describe("web console: targets and reports", () => {
  it("shows the targets with their 2026/2030 values and the latest value reported, and who reported it", async () => {
    const f = await webFixture();
    const [target] = await f.core.store.targets.trackedBy("so-y-te");
    if (!target) throw new Error("Sở Y tế tracks no target in the seed");
    await f.core.store.targets.save(
      {
        targetId: target.id,
        agencyId: "so-y-te",
        period: "2026-12",
        valueText: "87,5%",
        value: 87.5,
        contactId: f.people.ytFocal,
        chatId: "tg:1001",
      },
      new Date("2027-01-05T02:30:00Z"),
    );
    const { cookie } = await f.signIn(f.people.ytHead);
    const html = await (await f.request("/web/targets", { cookie })).text();
    expect(html).toMatch(/(\d+) chỉ tiêu, 1 đã có số liệu báo cáo/);
    const row =
      new RegExp(`<tr data-ref="${target.ref.replace(/\./g, "\\.")}">.*?</tr>`).exec(html)?.[0] ?? "";
    expect(row).toContain("<strong>87,5%</strong>");
    expect(row).toContain("Sở Y tế, lúc 05/01/2027 09:30");
  });

  it("offers the month's files, serves the workbook /export makes, and lists who reported late or not at all", async () => {
    const f = await webFixture();
    await reportAll(f.core, "van-phong-ubnd-tinh", "2026-12");
    // Sở Y tế reports December on 15 January, after the 10 January deadline.
    const [a] = (await f.core.store.reports.assignmentsOf("so-y-te")).filter((x) => x.role === "lead");
    if (!a) throw new Error("no assignment");
    await f.core.store.reports.save(
      {
        ...a,
        agencyId: "so-y-te",
        period: "2026-12",
        status: "done",
        contactId: f.people.ytFocal,
        chatId: "tg:1001",
        channel: "tg",
      },
      new Date("2027-01-15T03:00:00Z"),
    );
    const { cookie } = await f.signIn(f.people.coordinator);
    const html = await (await f.request("/web/reports?month=2026-12", { cookie })).text();
    expect(html).toContain('<option value="2026-12" selected="">12/2026</option>');
    expect(html).toContain('href="/web/reports/file?month=2026-12&amp;format=xlsx"');
    expect(html).toContain("Báo cáo trễ hạn (1)");
    expect(html).toContain("Sở Y tế — báo cáo lần cuối ngày 15/01/2027");
    const exported = conversationDeps(f.core).exportSynthesis;
    const { model } = await exported({ period: "2026-12", now: f.now, format: "csv" });
    expect(html).toContain(`Chưa báo cáo đầy đủ (${model.missing.length})`);

    const res = await f.request("/web/reports/file?month=2026-12&format=xlsx", { cookie });
    expect(res.headers.get("content-disposition")).toBe(
      'attachment; filename="bao-cao-de-an-06-2026-12.xlsx"',
    );
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await res.arrayBuffer());
    expect(book.getWorksheet("Tổng hợp")).toBeDefined();
    expect((await f.core.store.audit.list({ action: "export.create" }))[0]).toMatchObject({
      channel: "web",
      targetId: "2026-12",
      after: { format: "xlsx" },
    });
    // A month that is not offered falls back to the current one; a format that does not exist is not found.
    const future = await (await f.request("/web/reports?month=2031-01", { cookie })).text();
    expect(future).toContain('<option value="2027-01" selected="">');
    expect((await f.request("/web/reports/file?month=2026-12&format=exe", { cookie })).status).toBe(404);
  });
});
