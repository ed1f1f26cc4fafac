import JSZip from "jszip";
import { extractText, getDocumentProxy } from "unpdf";
import { describe, expect, it } from "vitest";
import { csrfOf, form, webFixture } from "./fixture.ts";

type Fixture = Awaited<ReturnType<typeof webFixture>>;

const BOT = "nhacviec_gialai_bot";

async function signedIn(f: Fixture) {
  const { cookie } = await f.signIn(f.people.coordinator);
  const html = await (await f.request("/web/people/invites", { cookie })).text();
  return { cookie, csrf: csrfOf(html) };
}

const open = (f: Fixture) => f.core.store.directory.openInvites(f.now.toISOString());

/** The agencies of a group that take invites (external members do not). */
async function membersOf(f: Fixture, group: string) {
  const index = await f.core.store.directory.index();
  const ids = new Set(index.members.filter((m) => m.groupId === group).map((m) => m.agencyId));
  return index.agencies.filter((a) => ids.has(a.id) && a.kind !== "external");
}

describe("web console: invites", () => {
  it("creates one for an agency through /moi's code: saved, audited, shown with its code, Telegram link and QR", async () => {
    const f = await webFixture({ env: { TELEGRAM_BOT_USERNAME: BOT } });
    const { cookie, csrf } = await signedIn(f);
    const r = await f.request("/web/people/a/so-y-te/invites", {
      method: "POST",
      cookie,
      body: form({ _csrf: csrf, role: "focal", days: "14" }),
    });
    expect(r.status).toBe(303);
    const [invite, ...more] = await open(f);
    expect(more).toEqual([]);
    expect(invite).toMatchObject({ agencyId: "so-y-te", role: "focal" });
    expect(invite?.code).toMatch(/^[A-HJKMNP-Z2-9]{10}$/);
    // 14 days from the business clock: 03/02/2027 in Vietnam.
    expect(invite?.expiresAt).toBe(new Date(f.now.getTime() + 14 * 86_400_000).toISOString());
    const [row] = await f.core.store.audit.list({ action: "invite.create" });
    expect(row).toMatchObject({
      channel: "web",
      actorContactId: f.people.coordinator,
      targetId: invite?.code,
    });

    const page = await (await f.request(r.headers.get("location") ?? "", { cookie })).text();
    expect(page).toContain("Đã tạo mã mời.");
    const item = page.slice(page.indexOf(`data-code="${invite?.code}"`));
    expect(item).toMatch(/^data-code="\w+"><div class="qr" aria-hidden="true"><svg /);
    expect(item).toContain(`<p class="code">${invite?.code}</p>`);
    expect(item).toContain(`href="https://t.me/${BOT}?start=${invite?.code}"`);
    expect(item).toContain("cán bộ đầu mối — dùng được đến 03/02/2027 09:00");
    expect(page).toContain("Tạo mã mời · mã mời");

    const bad = await f.request("/web/people/a/so-y-te/invites", {
      method: "POST",
      cookie,
      body: form({ _csrf: csrf, role: "focal", days: "365" }),
    });
    expect(bad.status).toBe(422);
    expect(await bad.text()).toContain("Vai trò hoặc thời hạn không hợp lệ");
    expect(await open(f)).toHaveLength(1);
  });

  it("creates one per agency of a group at once, and none twice for an agency that has one open", async () => {
    const f = await webFixture({ env: { TELEGRAM_BOT_USERNAME: BOT } });
    const { cookie, csrf } = await signedIn(f);
    const members = await membersOf(f, "departments");
    expect(members.length).toBeGreaterThan(10);
    // One already has a code for the role: it keeps it.
    await f.request("/web/people/a/so-y-te/invites", {
      method: "POST",
      cookie,
      body: form({ _csrf: csrf, role: "focal", days: "7" }),
    });
    const made = await f.request("/web/people/invites", {
      method: "POST",
      cookie,
      body: form({ _csrf: csrf, group: "departments", role: "focal", days: "30" }),
    });
    expect(made.status).toBe(303);
    const invites = await open(f);
    expect(invites).toHaveLength(members.length);
    expect(new Set(invites.map((i) => i.agencyId))).toEqual(new Set(members.map((m) => m.id)));
    expect(invites.filter((i) => i.agencyId === "so-y-te")).toHaveLength(1);
    expect(await f.core.store.audit.list({ action: "invite.create", limit: 500 })).toHaveLength(
      members.length,
    );

    const page = await (await f.request(made.headers.get("location") ?? "", { cookie })).text();
    expect(page).toContain(`Đã tạo ${members.length - 1} mã mời; 1 đơn vị đã có mã mời còn hiệu lực`);
    expect([...page.matchAll(/<li class="invite"/g)]).toHaveLength(members.length);

    const again = await f.request("/web/people/invites", {
      method: "POST",
      cookie,
      body: form({ _csrf: csrf, group: "departments", role: "focal", days: "30" }),
    });
    expect(again.headers.get("location")).toContain(`made=0&skipped=${members.length}`);
    expect(await open(f)).toHaveLength(members.length);
    const unknown = await f.request("/web/people/invites", {
      method: "POST",
      cookie,
      body: form({ _csrf: csrf, group: "no-such-group", role: "focal", days: "30" }),
    });
    expect(unknown.status).toBe(422);
    expect(await open(f)).toHaveLength(members.length);
  });

  it("prints the invitations one page per agency, as a PDF and a Word file that open and name each agency and code", async () => {
    const f = await webFixture({ env: { TELEGRAM_BOT_USERNAME: BOT } });
    const { cookie, csrf } = await signedIn(f);
    const none = await f.request("/web/people/invites/sheet.pdf?group=departments", { cookie });
    expect(none.status).toBe(404);
    await f.request("/web/people/invites", {
      method: "POST",
      cookie,
      body: form({ _csrf: csrf, group: "departments", role: "focal", days: "14" }),
    });
    const invites = await open(f);

    const pdf = await f.request("/web/people/invites/sheet.pdf?group=departments", { cookie });
    expect(pdf.headers.get("content-type")).toBe("application/pdf");
    expect(pdf.headers.get("content-disposition")).toBe(
      'attachment; filename="giay-moi-nhac-viec-departments.pdf"',
    );
    const doc = await getDocumentProxy(new Uint8Array(await pdf.arrayBuffer()));
    const { totalPages, text } = await extractText(doc, { mergePages: false });
    expect(totalPages).toBe(invites.length);
    // Long lines wrap: compare with the line breaks and spaces taken out.
    const flat = (x: string) => x.replace(/\s+/g, "");
    for (const [n, i] of invites.entries()) {
      const page = flat(text[n] ?? "");
      expect(page).toContain(flat(i.agencyName));
      expect(page).toContain(`https://t.me/${BOT}?start=${i.code}`);
      expect(page).toContain(flat(`Zalo: tìm bot nhacviec, nhắn mã ${i.code}`));
    }

    const docx = await f.request("/web/people/invites/sheet.docx?agency=so-y-te", { cookie });
    expect(docx.headers.get("content-disposition")).toBe(
      'attachment; filename="giay-moi-nhac-viec-so-y-te.docx"',
    );
    const zip = await JSZip.loadAsync(await docx.arrayBuffer());
    const xml = (await zip.file("word/document.xml")?.async("string")) ?? "";
    const yt = invites.find((i) => i.agencyId === "so-y-te");
    expect(xml).toContain("Sở Y tế");
    expect(xml).toContain(`${yt?.code}`);
    expect(xml).not.toContain(invites.find((i) => i.agencyId !== "so-y-te")?.code ?? "none");
    expect(Object.keys(zip.files).filter((n) => n.startsWith("word/media/"))).toHaveLength(1);

    const all = await f.request("/web/people/invites/sheet.docx", { cookie });
    const whole =
      (await (await JSZip.loadAsync(await all.arrayBuffer())).file("word/document.xml")?.async("string")) ??
      "";
    // One section, so one page, per agency.
    expect([...whole.matchAll(/<w:sectPr/g)]).toHaveLength(invites.length);
    for (const i of invites) {
      expect(whole).toContain(i.agencyName.replace(/&/g, "&amp;"));
      expect(whole).toContain(i.code);
    }
  });
});
