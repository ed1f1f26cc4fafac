import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { FAIL_LIMIT, LINK_TTL_MS } from "../../src/web/links.ts";
import { csrfOf, form, webFixture } from "./fixture.ts";

const tokenOf = (url: string) => new URL(url).pathname.split("/").at(-1) ?? "";

describe("web console: sign-in by one-time link", () => {
  it("a signed-out visitor gets the page saying how to sign in, and nothing else", async () => {
    const f = await webFixture();
    const res = await f.request("/web");
    expect(res.status).toBe(401);
    const html = await res.text();
    expect(html).toContain("nhắn /quanly cho bot trong tin nhắn riêng");
    expect(html).not.toContain("Tỷ lệ báo cáo");
  });

  it("sends htmx to the whole sign-in page rather than into a fragment", async () => {
    const f = await webFixture();
    const res = await f.request("/web", { headers: { "hx-request": "true" } });
    expect(res.status).toBe(204);
    expect(res.headers.get("hx-redirect")).toBe("/web");
  });

  it("opening a link shows a form and uses nothing; posting it opens an 8-hour session once", async () => {
    const f = await webFixture();
    const { url, expiresAt } = await f.web.links.issue(f.people.coordinator);
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:8787\/web\/login\/[\w-]+\.[\da-z]+\.[\w-]+$/);
    expect(Date.parse(expiresAt) - Date.now()).toBeGreaterThan(LINK_TTL_MS - 60_000);
    const token = tokenOf(url);
    // A chat app's link preview fetches the page: the link still works afterwards.
    const preview = await f.request(`/web/login/${token}`);
    expect(await preview.text()).toContain(`name="token" value="${token}"`);

    const res = await f.request("/web/login", { method: "POST", body: form({ token }) });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/web");
    const setCookie = res.headers.get("set-cookie") ?? "";
    expect(setCookie).toMatch(/^nv_session=/);
    expect(setCookie).toContain("HttpOnly");
    expect(setCookie).toContain("SameSite=Lax");
    expect(setCookie).toContain("Max-Age=28800");
    expect(setCookie).toContain("Path=/web");
    expect(setCookie).not.toContain("Secure");
    const cookie = setCookie.split(";")[0];
    const page = await f.request("/web", { cookie });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("Tỷ lệ báo cáo");

    const trail = await f.core.store.audit.list({ action: "web.*" });
    expect(trail).toMatchObject([
      { action: "web.signin", actorKind: "contact", actorContactId: f.people.coordinator, channel: "web" },
    ]);

    const again = await f.request("/web/login", { method: "POST", body: form({ token }) });
    expect(again.status).toBe(410);
    expect(again.headers.get("set-cookie")).toBeNull();
    const text = await again.text();
    expect(text).toContain("Liên kết này đã được dùng");
    expect(text).toContain("nhắn /quanly cho bot");
  });

  it("an expired link is refused as expired, and a forged one as not valid", async () => {
    const f = await webFixture();
    const old = await f.web.links.issue(f.people.coordinator, new Date(Date.now() - LINK_TTL_MS - 1000));
    const res = await f.request("/web/login", { method: "POST", body: form({ token: tokenOf(old.url) }) });
    expect(res.status).toBe(410);
    expect(await res.text()).toContain("Liên kết này đã hết hạn");
    // The same nonce with a later expiry does not carry a valid signature.
    const [nonce, , mac] = tokenOf(old.url).split(".");
    const forged = `${nonce}.${(Date.now() + LINK_TTL_MS).toString(36)}.${mac}`;
    const bad = await f.request("/web/login", { method: "POST", body: form({ token: forged }) });
    expect(await bad.text()).toContain("Liên kết này không đúng");
  });

  it("limits failed links per address: past the limit even a good link waits, unused", async () => {
    const f = await webFixture();
    for (let i = 0; i < FAIL_LIMIT; i++)
      await f.request("/web/login", { method: "POST", body: form({ token: `x.y.z${i}` }) });
    const good = await f.web.links.issue(f.people.coordinator);
    const res = await f.request("/web/login", { method: "POST", body: form({ token: tokenOf(good.url) }) });
    expect(res.status).toBe(429);
    expect(await res.text()).toContain("đợi 15 phút");
    // Another instance on the same Redis agrees: same secret, same counters, and the link is still there.
    const other = f.make();
    const elsewhere = await other.web.links.redeem(tokenOf(good.url), "10.0.0.9");
    expect(elsewhere).toEqual({ ok: true, contactId: f.people.coordinator });
  });

  it("refuses a focal point's link, and a coordinator removed after signing in at the next request", async () => {
    const f = await webFixture();
    const focal = await f.signIn(f.people.ytFocal);
    expect(focal.res.status).toBe(403);
    expect(focal.cookie).toBeUndefined();
    expect(await focal.res.text()).toContain("không còn quyền mở trang quản lý");

    const { cookie } = await f.signIn(f.people.coordinator);
    expect((await f.request("/web", { cookie })).status).toBe(200);
    await f.core.store.people.removeContact(f.people.coordinator, new Date().toISOString());
    const after = await f.request("/web", { cookie });
    expect(after.status).toBe(403);
    expect(after.headers.get("set-cookie")).toMatch(/^nv_session=;/);
  });

  it("lets an agency head in, read-only", async () => {
    const f = await webFixture();
    const { cookie } = await f.signIn(f.people.ytHead);
    const html = await (await f.request("/web", { cookie })).text();
    expect(html).toContain("Giám đốc Y tế — lãnh đạo đơn vị, Sở Y tế");
    expect(html).toContain("Chỉ xem");
  });

  it("refuses a change without the session's CSRF token, and accepts it with", async () => {
    const f = await webFixture();
    const { cookie } = await f.signIn(f.people.coordinator);
    const csrf = csrfOf(await (await f.request("/web", { cookie })).text());
    const forged = await f.request("/web/logout", { method: "POST", cookie, body: form({ _csrf: "nope" }) });
    expect(forged.status).toBe(403);
    expect(await forged.text()).toContain("chưa có gì thay đổi");
    expect((await f.request("/web", { cookie })).status).toBe(200);
    const none = await f.request("/web/logout", { method: "POST", cookie });
    expect(none.status).toBe(403);
    expect((await f.core.store.audit.list({ action: "web.signout" })).length).toBe(0);
    // htmx sends it as a header.
    const ok = await f.request("/web/logout", { method: "POST", cookie, headers: { "x-csrf-token": csrf } });
    expect(ok.status).toBe(303);
    expect(ok.headers.get("set-cookie")).toMatch(/^nv_session=;/);
    expect(await f.core.store.audit.list({ action: "web.signout" })).toMatchObject([
      { actorContactId: f.people.coordinator, channel: "web" },
    ]);
  });

  it("marks the cookie Secure when PUBLIC_URL is https", async () => {
    const f = await webFixture({ env: { PUBLIC_URL: "https://quanly.example.vn" } });
    const { url } = await f.web.links.issue(f.people.coordinator);
    expect(url.startsWith("https://quanly.example.vn/web/login/")).toBe(true);
    const { res } = await f.signIn(f.people.coordinator);
    expect(res.headers.get("set-cookie")).toContain("Secure");
  });
});

describe("web console: language and static files", () => {
  it("switches to English by cookie, and only redirects back into the console", async () => {
    const f = await webFixture();
    const res = await f.request("/web/lang/en?back=%2Fweb");
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/web");
    const lang = res.headers.get("set-cookie")?.split(";")[0];
    expect(lang).toBe("nv_lang=en");
    const { cookie } = await f.signIn(f.people.coordinator);
    const html = await (await f.request("/web", { cookie: `${cookie}; ${lang}` })).text();
    expect(html).toContain('<html lang="en">');
    expect(html).toContain("Reporting rate");
    const away = await f.request("/web/lang/vi?back=https%3A%2F%2Fevil.example");
    expect(away.headers.get("location")).toBe("/web");
  });

  it("serves htmx from its npm package with a long cache, and no other file", async () => {
    const f = await webFixture();
    const res = await f.request("/web/static/htmx.min.js?v=2.0.11");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("javascript");
    expect(res.headers.get("cache-control")).toContain("max-age=31536000");
    const file = createRequire(import.meta.url).resolve("htmx.org/dist/htmx.min.js");
    expect(Buffer.from(await res.arrayBuffer()).equals(readFileSync(file))).toBe(true);
    expect((await f.request("/web/static/..%2F..%2Fpackage.json")).status).toBe(404);
    expect((await f.request("/web/static/secret.ts")).status).toBe(404);
  });
});
