import { describe, expect, it } from "vitest";
import { LINK_TTL_MS } from "../../src/web/links.ts";
import { type Person, person, sentBefore, textOf } from "../e2e/telegram/support.ts";
import { linkContact, startTestApp, type TestApp } from "../helpers/app.ts";
import { cli } from "../helpers/cli.ts";
import { reportAll } from "../helpers/engine.ts";
import { databaseEnv } from "../helpers/engine-choice.ts";
import { browser, context } from "./browser.ts";

const NOW = "2027-01-20T09:00:00+07:00";
const coordinator = person(2001, "PC06");

async function ask(t: TestApp, who: Person, text: string): Promise<string> {
  return textOf(await sentBefore(t, who.chat, who, () => t.emulator.sendText(who.user, who.chat, text)));
}

/** `npm run cli -- web link --contact ID --json`, as the operator runs it beside the bot. */
function cliLink(t: TestApp, contactId: number): { url: string; expiresAt: string } {
  const base = `http://127.0.0.1:${t.app.http.port}`;
  const r = cli(["web", "link", "--contact", String(contactId), "--json"], {
    ...databaseEnv(t.core),
    QUEUE_PREFIX: t.config.QUEUE_PREFIX,
    PUBLIC_URL: base,
  });
  expect(r.stderr).toBe("");
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout);
}

// A CLI process and a browser per test: slow on a loaded two-core machine, not a speed measure.
describe("web console in Chromium", { timeout: 120_000 }, () => {
  it("signs in from a CLI link; the overview says what /chuabaocao and the export say; the link works once", async () => {
    const t = await startTestApp({ now: NOW });
    const id = await linkContact(t, coordinator.user.id, "cong-an-tinh", "coordinator", "PC06");
    await reportAll(t.core, "van-phong-ubnd-tinh", "2027-01");
    await reportAll(t.core, "so-y-te", "2027-01", "done");
    const { url, expiresAt } = cliLink(t, id);
    expect(Date.parse(expiresAt) - Date.now()).toBeGreaterThan(LINK_TTL_MS - 60_000);
    expect(await t.core.store.audit.list({ action: "web.*" })).toMatchObject([
      { action: "web.link", actorKind: "operator", channel: "cli", targetId: String(id) },
    ]);

    const b = await browser();
    const ctx = await context(b);
    const page = await ctx.newPage();
    await page.goto(url);
    await page.waitForURL(/\/web$/);
    expect(await page.locator("h1").textContent()).toBe("Tổng quan");
    expect(await page.locator("header").textContent()).toContain("PC06 — cán bộ điều phối, Công an tỉnh");
    expect(await page.evaluate(() => typeof (window as { htmx?: unknown }).htmx)).toBe("object");

    const chat = await ask(t, coordinator, "/chuabaocao");
    const [head = "", ...lines] = chat.split("\n");
    const count = Number(/: (\d+) đơn vị chưa báo cáo đầy đủ/.exec(head)?.[1]);
    expect(count).toBeGreaterThan(0);
    expect(await page.locator("#missing h2").textContent()).toBe(`Chưa báo cáo đầy đủ (${count})`);
    const items = await page.locator("#missing li").allTextContents();
    expect(items).toEqual(lines.map((l) => l.replace(/^• /, "")));
    expect(items).not.toContainEqual(expect.stringMatching(/^Văn phòng UBND tỉnh/));
    const { model } = await t.app.deps.exportSynthesis({
      period: "2027-01",
      now: t.clock.now(),
      format: "csv",
    });
    expect(model.missing.length).toBe(count);
    const rate = await page.locator("#rate").textContent();
    expect(rate).toContain(`đơn vị đã báo cáo đầy đủ`);
    const [reported, required] = (/(\d+)\/(\d+) đơn vị/.exec(rate ?? "") ?? []).slice(1).map(Number);
    expect((required ?? 0) - (reported ?? 0)).toBe(count);
    expect(await page.locator("#period, .period").textContent()).toBe(
      "Kỳ báo cáo tháng 01/2027, hạn 10/02/2027",
    );
    const late = /^❗ (\d+) nhiệm vụ quá hạn tại (\d+) đơn vị/.exec(await ask(t, coordinator, "/trehan"));
    expect(await page.locator("#overdue h2").textContent()).toBe(
      `Quá hạn: ${late?.[1]} nhiệm vụ tại ${late?.[2]} đơn vị`,
    );
    expect(await page.locator("#chart img").count()).toBe(1);
    expect(ctx.errors).toEqual([]);

    // The same link again, in another browser profile: refused, with the way to a new one.
    const other = await (await context(b)).newPage();
    await other.goto(url);
    await other.waitForSelector("text=Liên kết này đã được dùng");
    expect(await other.textContent("main")).toContain("nhắn /quanly cho bot");
    expect(other.url()).toMatch(/\/web\/login$/);
  });

  it("refuses an expired link, a focal point's link, and a coordinator removed while signed in", async () => {
    const t = await startTestApp({ now: NOW });
    const web = t.app.http.web;
    if (!web) throw new Error("no console");
    const id = await linkContact(t, coordinator.user.id, "cong-an-tinh", "coordinator", "PC06");
    const focal = await linkContact(t, 1001, "so-y-te", "focal");
    const b = await browser();
    const page = await (await context(b)).newPage();

    await page.goto((await web.links.issue(id, new Date(Date.now() - LINK_TTL_MS - 1000))).url);
    await page.waitForSelector("text=Liên kết này đã hết hạn");

    await page.goto((await web.links.issue(focal)).url);
    await page.waitForSelector("text=không còn quyền mở trang quản lý");
    const refused = cli(["web", "link", "--contact", String(focal)], {
      ...databaseEnv(t.core),
      QUEUE_PREFIX: t.config.QUEUE_PREFIX,
    });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("chỉ cán bộ điều phối, quản trị và lãnh đạo đơn vị");

    await page.goto((await web.links.issue(id)).url);
    await page.waitForURL(/\/web$/);
    await t.core.store.people.removeContact(id, new Date().toISOString());
    await page.reload();
    await page.waitForSelector("text=không còn quyền mở trang quản lý");
    expect((await page.context().cookies()).filter((c) => c.name === "nv_session")).toEqual([]);
  });

  it("refuses a post without the CSRF token and takes it with; the page fits 390 px without scrolling sideways", async () => {
    const t = await startTestApp({ now: NOW });
    const web = t.app.http.web;
    if (!web) throw new Error("no console");
    const id = await linkContact(
      t,
      coordinator.user.id,
      "cong-an-tinh",
      "coordinator",
      "Cán bộ điều phối PC06",
    );
    const ctx = await context(await browser(), 390);
    const page = await ctx.newPage();
    await page.goto((await web.links.issue(id)).url);
    await page.waitForURL(/\/web$/);
    const wide = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(wide).toBeLessThanOrEqual(0);
    expect(
      await page.locator("#chart img").evaluate((img) => img.getBoundingClientRect().width),
    ).toBeLessThan(390);

    const status = (withToken: boolean) =>
      page.evaluate(async (withToken) => {
        const token = JSON.parse(document.body.getAttribute("hx-headers") ?? "{}")["X-CSRF-Token"];
        const res = await fetch("/web/logout", {
          method: "POST",
          headers: withToken ? { "x-csrf-token": token } : {},
          redirect: "manual",
        });
        return res.status;
      }, withToken);
    expect(await status(false)).toBe(403);
    await page.reload();
    expect(await page.locator("h1").textContent()).toBe("Tổng quan");
    // htmx sends the token from <body hx-headers>: its post signs out.
    // Not awaited in the page: the redirect can destroy the page's context before htmx's
    // promise settles, and the evaluate would fail on a sign-out that worked.
    await page.evaluate(() => {
      void (
        window as unknown as { htmx: { ajax(m: string, u: string, o: object): Promise<void> } }
      ).htmx.ajax("POST", "/web/logout", { target: "main", swap: "innerHTML" });
    });
    // The reply's HX-Redirect sends the page to the signed-out console: wait for it, or it cuts
    // off the next navigation.
    await page.waitForSelector("text=Trang quản lý không dùng mật khẩu");
    expect(await t.core.store.audit.list({ action: "web.signout" })).toHaveLength(1);
    await page.goto((await web.links.issue(id)).url);
    await page.waitForURL(/\/web$/);
    // The sign-out button posts the form's token: signed out, the console asks how to sign in.
    await page.getByRole("button", { name: "Đăng xuất" }).click();
    await page.waitForSelector("text=Trang quản lý không dùng mật khẩu");
    expect(ctx.errors).toEqual([]);
  });
});
