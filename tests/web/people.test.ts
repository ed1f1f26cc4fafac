import { describe, expect, it } from "vitest";
import { rowsOf } from "../helpers/engine-choice.ts";
import { csrfOf, form, webFixture } from "./fixture.ts";

type Fixture = Awaited<ReturnType<typeof webFixture>>;

const BOT = "nhacviec_gialai_bot";
const fixture = () => webFixture({ env: { TELEGRAM_BOT_USERNAME: BOT } });

/** The agencies the page lists: every one but those outside the province. */
async function listed(f: Fixture) {
  return (await f.core.store.catalog.agencies()).filter((a) => a.kind !== "external");
}

/** The count in the list's heading, as Vietnamese writes it ("5.604"). */
const countOf = (html: string) => Number(/([\d.]+) đơn vị<\/h2>/.exec(html)?.[1]?.replace(/\./g, ""));
const agenciesOn = (html: string) => [...html.matchAll(/data-agency="([^"]+)"/g)].map((m) => m[1]);

/** A coordinator's session, and the agency page's form token. */
async function coordinator(f: Fixture) {
  const { cookie } = await f.signIn(f.people.coordinator);
  const page = await (await f.request("/web/people/a/so-y-te", { cookie })).text();
  return { cookie, csrf: csrfOf(page) };
}

const post = (f: Fixture, path: string, cookie: string | undefined, fields: Record<string, string>) =>
  f.request(path, { method: "POST", cookie, body: form(fields) });

describe("web console: Đơn vị và cán bộ", () => {
  it("lists what the store has: agencies by page, their groups, people, channels, reachability and last report", async () => {
    const f = await fixture();
    const { cookie } = await f.signIn(f.people.coordinator);
    const all = await listed(f);
    const first = await (await f.request("/web/people", { cookie })).text();
    expect(countOf(first)).toBe(all.length);
    expect(agenciesOn(first)).toHaveLength(25);
    expect(first).toContain(`Trang 1/${Math.ceil(all.length / 25)}`);
    // Departments first: Sở Y tế is among them, with its group and people.
    const seen = new Set<string>();
    for (let p = 1; p <= Math.ceil(all.length / 25); p++) {
      const html = await (await f.request(`/web/people?page=${p}`, { cookie })).text();
      for (const id of agenciesOn(html)) seen.add(id as string);
    }
    expect(seen).toEqual(new Set(all.map((a) => a.id)));

    await rowsOf(f.core)(
      "update chats set unreachable_at = ? where id = ?",
      "2027-01-10T00:00:00Z",
      "tg:1002",
    );
    const yt = (await f.core.store.reports.assignmentsOf("so-y-te")).find((a) => a.role === "lead");
    if (!yt) throw new Error("Sở Y tế leads nothing in the seed");
    await f.core.store.reports.save(
      {
        ...yt,
        agencyId: "so-y-te",
        period: "2026-12",
        status: "done",
        contactId: f.people.ytFocal,
        chatId: "tg:1001",
        channel: "tg",
      },
      new Date("2027-01-05T20:00:00Z"), // 06/01 in Vietnam
    );
    // Typed without accents, as people type: one agency found.
    const found = await (await f.request("/web/people?q=so+y+te", { cookie })).text();
    expect(agenciesOn(found)).toEqual(["so-y-te"]);
    expect(found).toContain("Các sở, ban, ngành tỉnh");
    expect(found).toContain("báo cáo gần nhất ngày 06/01/2027");
    expect(found).toMatch(/Đầu mối Y tế<\/strong> — cán bộ đầu mối · <span[^>]*>Telegram \(liên lạc được\)/);
    expect(found).toMatch(
      /Giám đốc Y tế<\/strong> — lãnh đạo đơn vị · <span class="late"[^>]*>Telegram \(không liên lạc được\)/,
    );

    const nobody = await (await f.request("/web/people?staffed=no&kind=department", { cookie })).text();
    const staffed = new Set(["so-y-te", "van-phong-ubnd-tinh", "cong-an-tinh"]);
    const departments = all.filter((a) => a.kind === "department" && !staffed.has(a.id));
    expect(countOf(nobody)).toBe(departments.length);
    // A forged filter filters by nothing.
    const forged = await (await f.request("/web/people?kind=%3Cx%3E&group=nope&page=-3", { cookie })).text();
    expect(countOf(forged)).toBe(all.length);
  });

  it("adds, changes the role of and removes a contact: saved, audited with before and after, shown as recent changes", async () => {
    const f = await fixture();
    const { cookie, csrf } = await coordinator(f);
    const added = await post(f, "/web/people/a/so-y-te/contacts", cookie, {
      _csrf: csrf,
      chat: "tg:4001",
      name: "Nguyễn Thị Lan",
      role: "focal",
    });
    expect(added.status).toBe(303);
    expect(added.headers.get("location")).toBe("/web/people/a/so-y-te?done=contact-add");
    const rows = rowsOf(f.core);
    const [lan] = await rows<{ id: number; agency: string; role: string }>(
      `select c.id id, c.agency_id agency, c.role role from contacts c join contact_chats cc on cc.contact_id = c.id
        where cc.chat_id = ? and c.removed_at is null`,
      "tg:4001",
    );
    expect(lan).toMatchObject({ agency: "so-y-te", role: "focal" });
    const id = Number(lan?.id);

    const role = await post(f, `/web/people/a/so-y-te/contacts/${id}/role`, cookie, {
      _csrf: csrf,
      role: "head",
    });
    expect(role.status).toBe(303);
    expect((await f.core.store.people.contactById(id))?.role).toBe("head");
    const removed = await post(f, `/web/people/a/so-y-te/contacts/${id}/remove`, cookie, { _csrf: csrf });
    expect(removed.status).toBe(303);
    expect(await f.core.store.people.contactById(id)).toBeUndefined();

    const trail = await f.core.store.audit.list({ action: "contact.*", targetId: String(id) });
    expect(trail.map((r) => [r.action, r.channel, r.actorContactId, r.before, r.after])).toEqual([
      [
        "contact.remove",
        "web",
        f.people.coordinator,
        { agencyId: "so-y-te", role: "head" },
        { agencyId: "so-y-te", removed: true },
      ],
      [
        "contact.role",
        "web",
        f.people.coordinator,
        { agencyId: "so-y-te", role: "focal" },
        { agencyId: "so-y-te", role: "head" },
      ],
      [
        "contact.add",
        "web",
        f.people.coordinator,
        null,
        { agencyId: "so-y-te", role: "focal", lang: "vi", created: true },
      ],
    ]);
    const page = await (await f.request("/web/people/a/so-y-te?done=contact-remove", { cookie })).text();
    expect(page).toContain("Đã gỡ cán bộ.");
    const changes = page.slice(page.indexOf('id="changes"'));
    expect(changes).toContain("PC06 (Công an tỉnh) · Gỡ cán bộ");
    expect(changes).toContain(
      `Đổi vai trò cán bộ · cán bộ #${id} (vai trò: cán bộ đầu mối → lãnh đạo đơn vị)`,
    );
    expect(changes).toContain("Thêm cán bộ");
    expect(page).not.toContain(`data-contact="${id}"`);
  });

  it("refuses bad input politely and changes nothing: a chat id that is not one, another agency's contact, oneself, an admin's role", async () => {
    const f = await fixture();
    const { cookie, csrf } = await coordinator(f);
    const before = await rowsOf(f.core)<{ n: number }>(
      "select count(*) n from contacts where removed_at is null",
    );
    const bad = await post(f, "/web/people/a/so-y-te/contacts", cookie, {
      _csrf: csrf,
      chat: "0905123456",
      name: "Hoa",
      role: "focal",
    });
    expect(bad.status).toBe(422);
    const html = await bad.text();
    expect(html).toContain("“0905123456” không phải mã cuộc trò chuyện hợp lệ");
    expect(html).toContain('value="Hoa"');
    // Sở Y tế's page, Văn phòng's person: refused, still there.
    const other = await post(f, `/web/people/a/so-y-te/contacts/${f.people.vpFocal}/remove`, cookie, {
      _csrf: csrf,
    });
    expect(other.status).toBe(422);
    expect(await other.text()).toContain("Không tìm thấy cán bộ này trong đơn vị");
    const self = await post(f, `/web/people/a/cong-an-tinh/contacts/${f.people.coordinator}/role`, cookie, {
      _csrf: csrf,
      role: "focal",
    });
    expect(self.status).toBe(422);
    expect(await self.text()).toContain("Không tự đổi vai trò hoặc tự gỡ chính mình được");
    const admin = await post(f, `/web/people/a/so-y-te/contacts/${f.people.ytFocal}/role`, cookie, {
      _csrf: csrf,
      role: "admin",
    });
    expect(admin.status).toBe(422);
    expect(await admin.text()).toContain("Vai trò này không chọn được");
    const after = await rowsOf(f.core)<{ n: number }>(
      "select count(*) n from contacts where removed_at is null",
    );
    expect(Number(after[0]?.n)).toBe(Number(before[0]?.n));
    expect((await f.core.store.people.contactById(f.people.ytFocal))?.role).toBe("focal");
    expect(await f.core.store.audit.list({ action: "contact.*" })).toEqual([]);
  });

  it("refuses a change without the form token, and any change from an agency's head, who reads only", async () => {
    const f = await fixture();
    const { cookie } = await coordinator(f);
    const forged = await post(f, `/web/people/a/so-y-te/contacts/${f.people.ytFocal}/remove`, cookie, {});
    expect(forged.status).toBe(403);
    expect(await forged.text()).toContain("Biểu mẫu đã cũ hoặc không đến từ trang này");

    const head = await f.signIn(f.people.ytHead);
    const page = await (await f.request("/web/people/a/so-y-te", { cookie: head.cookie })).text();
    expect(page).toContain("Đầu mối Y tế");
    expect(page).not.toContain("Đổi vai trò");
    expect(page).not.toContain('id="invite-one"');
    expect(page).not.toContain('id="add-contact"');
    const token = csrfOf(page);
    for (const [path, fields] of [
      [`/web/people/a/so-y-te/contacts/${f.people.ytFocal}/remove`, {}],
      [`/web/people/a/so-y-te/contacts/${f.people.ytFocal}/role`, { role: "head" }],
      ["/web/people/a/so-y-te/contacts", { chat: "tg:4002", role: "focal" }],
      ["/web/people/a/so-y-te/invites", { role: "focal", days: "7" }],
      ["/web/people/invites", { group: "departments", role: "focal", days: "7" }],
    ] as const) {
      const r = await post(f, path, head.cookie, { _csrf: token, ...fields });
      expect(r.status, path).toBe(403);
      expect(await r.text()).toContain("Tài khoản chỉ xem không thay đổi được dữ liệu");
    }
    expect((await f.core.store.people.contactById(f.people.ytFocal))?.role).toBe("focal");
    expect(await f.core.store.directory.openInvites(f.now.toISOString())).toEqual([]);
    expect(await f.core.store.audit.list({ action: "contact.*" })).toEqual([]);
  });

  it("pages a national directory (~5,600 agencies) and finds one of them typed without accents", async () => {
    const f = await fixture();
    const { cookie } = await f.signIn(f.people.coordinator);
    const rows = rowsOf(f.core);
    // 34 provinces' worth of communes, in chunks of one statement each.
    const extra = Array.from({ length: 5_450 }, (_, i) => [`xa-thu-${i}`, `Xã Thử Nghiệm Số ${i}`]);
    for (let at = 0; at < extra.length; at += 500) {
      const chunk = extra.slice(at, at + 500);
      await rows(
        `insert into agencies (id, name, kind, needs_review) values ${chunk.map(() => "(?, ?, 'commune', false)").join(", ")}`,
        ...chunk.flat(),
      );
    }
    const total = (await listed(f)).length;
    expect(total).toBeGreaterThan(5_500);
    const pages = Math.ceil(total / 25);
    const first = await (await f.request("/web/people", { cookie })).text();
    expect(countOf(first)).toBe(total);
    expect(first).toContain(`Trang 1/${pages}`);
    const last = await (await f.request(`/web/people?page=${pages + 5}`, { cookie })).text();
    expect(last).toContain(`Trang ${pages}/${pages}`);
    expect(agenciesOn(last).length).toBe(total - 25 * (pages - 1));
    const one = await (await f.request("/web/people?q=xa+thu+nghiem+so+4321", { cookie })).text();
    expect(agenciesOn(one)).toEqual(["xa-thu-4321"]);
  });

  it("shows who is on leave today, with the deputy named, and not before or after", async () => {
    const f = await fixture();
    const { cookie } = await f.signIn(f.people.coordinator);
    const page = async () => (await f.request("/web/people/a/so-y-te", { cookie })).text();
    expect(await page()).not.toContain("data-leave");
    // The fixture's day is 20/01/2027: a leave that ended the day before shows nothing.
    const base = { contactId: f.people.ytFocal, agencyId: "so-y-te", setById: f.people.coordinator };
    await f.core.store.leave.set({ ...base, from: "2027-01-10", to: "2027-01-19" }, f.now);
    expect(await page()).not.toContain("data-leave");
    await f.core.store.leave.set(
      { ...base, from: "2027-01-18", to: "2027-01-25", deputyId: f.people.ytHead },
      f.now,
    );
    const html = await page();
    expect(html).toContain('data-leave="2027-01-25"');
    expect(html).toContain("Nghỉ phép 18/01/2027 – 25/01/2027, ủy quyền: Giám đốc Y tế");
  });
});
