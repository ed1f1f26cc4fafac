import { describe, expect, it } from "vitest";
import { person, say, textOf } from "../e2e/telegram/support.ts";
import { linkContact, startTestApp } from "../helpers/app.ts";
import { rowsOf } from "../helpers/engine-choice.ts";
import { browser, context } from "./browser.ts";

const NOW = "2027-01-20T09:00:00+07:00";
const lan = person(1201, "Lan");

/** The page is no wider than the phone: nothing to scroll sideways. */
const overflow = (page: import("playwright-core").Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

// A browser per test on a loaded two-core machine: slow, not a speed measure.
describe("Đơn vị và cán bộ in Chromium", { timeout: 120_000 }, () => {
  it("finds an agency on a phone, creates an invite with its link and QR, and a new person joins with it on Telegram", async () => {
    const t = await startTestApp({ now: NOW });
    const web = t.app.http.web;
    if (!web) throw new Error("no console");
    const id = await linkContact(t, 2001, "cong-an-tinh", "coordinator", "PC06");
    const ctx = await context(await browser(), 390);
    const page = await ctx.newPage();
    await page.goto((await web.links.issue(id)).url);
    await page.waitForURL(/\/web$/);

    await page.click("header nav >> text=Đơn vị và cán bộ");
    await page.waitForSelector("#agencies h2");
    expect(await overflow(page), "/web/people").toBeLessThanOrEqual(0);
    await page.fill("input[name=q]", "so y te");
    await page.click("form.filters button[type=submit]");
    await page.waitForURL(/q=so\+y\+te/);
    expect(await page.locator("#agencies article").count()).toBe(1);
    await page.click("#agencies article h3 a");
    await page.waitForSelector("h1:has-text('Sở Y tế')");

    await page.selectOption("#invite-one select[name=days]", "7");
    await page.click("#invite-one button[type=submit]");
    await page.waitForSelector("text=Đã tạo mã mời.");
    expect(await overflow(page), "agency page").toBeLessThanOrEqual(0);
    const code = (await page.locator("#invites .code").textContent()) ?? "";
    expect(code).toMatch(/^[A-HJKMNP-Z2-9]{10}$/);
    const link = `https://t.me/nhacviec_test_bot?start=${code}`;
    expect(await page.locator(`#invites a[href="${link}"]`).count()).toBe(1);
    const qr = await page.locator("#invites .qr svg").boundingBox();
    expect(qr?.width).toBeGreaterThan(100);
    expect(qr?.width).toBeLessThan(390);

    // The person opens the link: Telegram sends /start CODE; they agree to the notice as typed.
    const [notice] = await say(t, lan, `/start ${code}`);
    expect(notice?.text).toContain("Bạn có đồng ý để nhacviec xử lý dữ liệu cá nhân");
    expect(textOf(await say(t, lan, "dong y"))).toContain(
      "Chào mừng! Bạn đã được liên kết với Sở Y tế với vai trò cán bộ đầu mối.",
    );
    expect(
      await rowsOf(t.core)(
        `select c.agency_id agency, c.role role, i.used_by_chat used from contacts c
          join contact_chats cc on cc.contact_id = c.id join invites i on i.code = ?
          where cc.chat_id = ? and c.removed_at is null`,
        code,
        "tg:1201",
      ),
    ).toEqual([{ agency: "so-y-te", role: "focal", used: "tg:1201" }]);

    await page.reload();
    expect(await page.locator("#contacts").textContent()).toContain("Lan");
    expect(await page.locator("#invites").textContent()).not.toContain(code);
    expect(await page.locator("#changes").textContent()).toContain("Dùng mã mời");

    await page.goto(page.url().replace(/\/web\/.*$/, "/web/people/invites"));
    await page.waitForSelector("#invite-group");
    expect(await overflow(page), "invites page").toBeLessThanOrEqual(0);
    expect(ctx.errors).toEqual([]);
  });
});
