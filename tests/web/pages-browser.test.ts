import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { linkContact, startTestApp } from "../helpers/app.ts";
import { reportAll } from "../helpers/engine.ts";
import { browser, context } from "./browser.ts";

const NOW = "2027-01-20T09:00:00+07:00";

/** The app with its console, a coordinator signed in, in a fresh browser page. */
async function signedIn(width = 1280) {
  const t = await startTestApp({ now: NOW });
  const web = t.app.http.web;
  if (!web) throw new Error("no console");
  const id = await linkContact(t, 2001, "cong-an-tinh", "coordinator", "PC06");
  const ctx = await context(await browser(), width);
  const page = await ctx.newPage();
  await page.goto((await web.links.issue(id)).url);
  await page.waitForURL(/\/web$/);
  return { t, ctx, page };
}

// A browser per test on a loaded two-core machine: slow, not a speed measure.
describe("console pages in Chromium", { timeout: 120_000 }, () => {
  it("filters the tasks with htmx, opens one, sets its date with a reason and sees the task change", async () => {
    const { t, ctx, page } = await signedIn();
    await page.click("header nav >> text=Nhiệm vụ");
    await page.waitForSelector("#task-list h2:has-text('62 nhiệm vụ')");
    await page.selectOption("select[name=agency]", "so-y-te");
    await page.waitForURL(/agency=so-y-te/);
    const rows = await page.locator("#task-list tbody tr").count();
    expect(rows).toBeGreaterThan(0);
    expect(rows).toBeLessThan(62);
    await page.locator("#task-list tbody tr a").first().click();
    await page.waitForSelector("#set-due");
    const ref = (await page.locator("h1").textContent())?.split(" — ")[0] ?? "";
    await page.fill("input[name=date]", "2027-04-30");
    await page.fill("input[name=reason]", "Theo Công văn 45/UBND-KGVX");
    await page.click("#set-due button[type=submit]");
    await page.waitForSelector("text=Đã lưu hạn mới");
    expect(await page.locator("#deadline").textContent()).toContain("30/04/2027");
    expect(await page.locator("#changes").textContent()).toContain("Lý do: Theo Công văn 45/UBND-KGVX");
    expect((await t.core.store.catalog.liveTask(ref))?.dueOverride).toBe("2027-04-30");
    expect(ctx.errors).toEqual([]);
  });

  it("downloads the month's workbook from Báo cáo and opens it; the pages fit 390 px", async () => {
    const { t, ctx, page } = await signedIn(390);
    const count = await reportAll(t.core, "so-y-te", "2026-12", "done");
    await page.goto(page.url().replace(/\/web$/, "/web/reports?month=2026-12"));
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.click("text=Tải Excel (.xlsx)"),
    ]);
    expect(download.suggestedFilename()).toBe("bao-cao-de-an-06-2026-12.xlsx");
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(await download.path());
    const sheet = book.getWorksheet("Tổng hợp");
    const row = sheet?.getRows(1, sheet.rowCount)?.find((r) => r.getCell(2).value === "Sở Y tế");
    expect(row?.getCell(6).value).toBe(count);
    for (const path of ["/web/reports", "/web/tasks", "/web/targets", "/web/messages", "/web/settings"]) {
      await page.goto(page.url().replace(/\/web\/.*$/, path));
      const wide = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(wide, path).toBeLessThanOrEqual(390);
    }
    expect(ctx.errors).toEqual([]);
  });
});
