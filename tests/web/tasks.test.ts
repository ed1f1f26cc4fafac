import { describe, expect, it } from "vitest";
import { askV6 } from "../helpers/extension.ts";
import { csrfOf, form, webFixture } from "./fixture.ts";

/** A task Sở Y tế leads, and its ref. */
async function ytTask(f: Awaited<ReturnType<typeof webFixture>>) {
  const mine = await f.core.store.reports.assignmentsOf("so-y-te");
  const lead = mine.find((a) => a.role === "lead");
  if (!lead) throw new Error("Sở Y tế leads nothing in the seed");
  return lead;
}

const saved = async (f: Awaited<ReturnType<typeof webFixture>>, ref: string) =>
  (await f.core.store.catalog.liveTask(ref))?.dueOverride ?? null;

describe("web console: the task list", () => {
  it("lists the plan's tasks and filters them by agency, status and section, htmx getting the list alone", async () => {
    const f = await webFixture();
    const { cookie } = await f.signIn(f.people.coordinator);
    const all = await (await f.request("/web/tasks", { cookie })).text();
    const count = (html: string) => Number(/(\d+) nhiệm vụ<\/h2>/.exec(html)?.[1]);
    expect(count(all)).toBe(62);
    expect(all).toContain('<form class="filters card" method="get" action="/web/tasks"');

    const lead = await ytTask(f);
    const mine = await (await f.request("/web/tasks?agency=so-y-te", { cookie })).text();
    const leads = (await f.core.store.reports.assignmentsOf("so-y-te")).filter((a) => a.role === "lead");
    expect(count(mine)).toBe(new Set(leads.map((a) => a.taskId)).size);
    expect(mine).toContain(`data-ref="${lead.ref}"`);
    expect(mine).toContain('<option value="so-y-te" selected="">');

    await f.core.store.reports.save(
      {
        ...lead,
        agencyId: "so-y-te",
        period: "2026-12",
        status: "blocked",
        contactId: f.people.ytFocal,
        chatId: "tg:1001",
        channel: "tg",
      },
      new Date("2027-01-05T03:00:00Z"),
    );
    const blocked = await f.request("/web/tasks?agency=so-y-te&status=blocked", {
      cookie,
      headers: { "hx-request": "true" },
    });
    const fragment = await blocked.text();
    expect(fragment.startsWith('<section id="task-list"')).toBe(true);
    expect(count(fragment)).toBe(1);
    expect(fragment).toContain(`Sở Y tế: Vướng mắc`);

    // An unknown value filters by nothing rather than failing.
    const forged = await (await f.request("/web/tasks?status=%3Cscript%3E&section=XI", { cookie })).text();
    expect(count(forged)).toBe(62);
    const section = await (await f.request("/web/tasks?section=I", { cookie })).text();
    expect(count(section)).toBeGreaterThan(0);
    expect(count(section)).toBeLessThan(62);
  });
});

describe("web console: a task's page and its due date", () => {
  it("shows leads, partners, the deadline and every report with its evidence, linking only web addresses", async () => {
    const f = await webFixture();
    const lead = await ytTask(f);
    const who = { agencyId: "so-y-te", contactId: f.people.ytFocal, chatId: "tg:1001", channel: "tg" };
    const evidence = [
      { kind: "link", url: "https://syt.example.vn/ke-hoach.pdf" },
      { kind: "link", url: "javascript:alert(1)" },
    ];
    await f.core.store.reports.save(
      { ...lead, ...who, period: "2026-11", status: "in_progress", percent: 40 },
      new Date("2026-12-03T02:00:00Z"),
    );
    await f.core.store.reports.save(
      {
        ...lead,
        ...who,
        period: "2026-11",
        status: "in_progress",
        percent: 60,
        description: "Đã ban hành kế hoạch",
        evidence,
      },
      new Date("2026-12-04T02:00:00Z"),
    );
    const { cookie } = await f.signIn(f.people.coordinator);
    const res = await f.request(`/web/tasks/${lead.taskId}`, { cookie });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("Sở Y tế");
    expect(html).toContain("Các lần báo cáo (2)");
    expect(html).toContain("Đã ban hành kế hoạch");
    expect(html).toContain(
      '<a href="https://syt.example.vn/ke-hoach.pdf" rel="noopener noreferrer nofollow"',
    );
    expect(html).not.toContain('href="javascript:');
    expect(html).toContain("Đầu mối Y tế gửi lúc 04/12/2026 09:00");
    expect(html).toContain("đã được thay bằng báo cáo lúc 04/12/2026 09:00");
    expect((await f.request("/web/tasks/999999", { cookie })).status).toBe(404);
    expect((await f.request("/web/tasks/abc", { cookie })).status).toBe(404);
  });

  it("a coordinator sets a date with a reason: saved, audited with before and after, shown on the page", async () => {
    const f = await webFixture();
    const lead = await ytTask(f);
    const { cookie } = await f.signIn(f.people.coordinator);
    const page = await (await f.request(`/web/tasks/${lead.taskId}`, { cookie })).text();
    const _csrf = csrfOf(page);
    const before = await f.core.store.catalog.liveTask(lead.ref);
    const post = (fields: Record<string, string>) =>
      f.request(`/web/tasks/${lead.taskId}/due`, {
        method: "POST",
        cookie,
        body: form({ _csrf, ...fields }),
      });

    const noReason = await post({ date: "2027-03-31", reason: "  " });
    expect(noReason.status).toBe(422);
    expect(await noReason.text()).toContain("Hãy ghi lý do đổi hạn");
    const bad = await post({ date: "31/02/2027", reason: "x" });
    expect(bad.status).toBe(422);
    expect(await saved(f, lead.ref)).toBe(before?.dueOverride ?? null);

    const ok = await post({ date: "31/03/2027", reason: "Theo Công văn 123/UBND" });
    expect(ok.status).toBe(303);
    expect(ok.headers.get("location")).toBe(`/web/tasks/${lead.taskId}?done=due`);
    expect(await saved(f, lead.ref)).toBe("2027-03-31");
    const [row] = await f.core.store.audit.list({ action: "due.set" });
    expect(row).toMatchObject({
      actorContactId: f.people.coordinator,
      channel: "web",
      targetKind: "task",
      targetId: lead.ref,
      before: { due: before?.dueOverride ?? before?.dueDate ?? null },
      after: { due: "2027-03-31", reason: "Theo Công văn 123/UBND" },
    });
    const after = await (await f.request(`/web/tasks/${lead.taskId}?done=due`, { cookie })).text();
    expect(after).toContain("Đã lưu hạn mới");
    expect(after).toContain("31/03/2027");
    expect(after).toContain("PC06 đổi hạn từ");
    expect(after).toContain("Lý do: Theo Công văn 123/UBND");
  });

  it("names the leads an approved extension gave their own date, as /task does", async () => {
    const f = await webFixture();
    const { id, assignmentId } = await askV6(
      f.core,
      f.people.ytFocal,
      "2027-01-20",
      "2026-12-10T02:00:00.000Z",
    );
    const { cookie } = await f.signIn(f.people.coordinator);
    const [v6] = await f.core.store.reports
      .assignmentsOf("so-y-te")
      .then((all) => all.filter((a) => a.assignmentId === assignmentId));
    if (!v6) throw new Error("no V.6 for Sở Y tế");
    const page = async () => (await f.request(`/web/tasks/${v6.taskId}`, { cookie })).text();
    // Asked, not yet answered: still the task's date for everyone.
    expect(await page()).not.toContain('id="extended"');
    await f.core.store.extensions.decide(id, {
      status: "approved",
      by: f.people.coordinator,
      at: "2026-12-11T02:00:00.000Z",
      due: "2027-01-20",
    });
    const html = await page();
    expect(/<dd id="extended">([^<]*)<\/dd>/.exec(html)?.[1]).toBe("Sở Y tế 20/01/2027");
    expect(/<dd id="deadline">([^<]*)/.exec(html)?.[1]).toContain("31/12/2026");
  });

  it("a past date is set only once confirmed, as /setdue asks", async () => {
    const f = await webFixture();
    const lead = await ytTask(f);
    const { cookie } = await f.signIn(f.people.coordinator);
    const _csrf = csrfOf(await (await f.request(`/web/tasks/${lead.taskId}`, { cookie })).text());
    const body = { _csrf, date: "2027-01-10", reason: "hạn cũ theo kế hoạch" };
    const refused = await f.request(`/web/tasks/${lead.taskId}/due`, {
      method: "POST",
      cookie,
      body: form(body),
    });
    expect(refused.status).toBe(422);
    const html = await refused.text();
    expect(html).toContain("Ngày 10/01/2027 đã qua (hôm nay là 20/01/2027)");
    expect(html).toContain('name="confirm"');
    expect(await saved(f, lead.ref)).not.toBe("2027-01-10");
    const confirmed = await f.request(`/web/tasks/${lead.taskId}/due`, {
      method: "POST",
      cookie,
      body: form({ ...body, confirm: "yes" }),
    });
    expect(confirmed.status).toBe(303);
    expect(await saved(f, lead.ref)).toBe("2027-01-10");
  });

  it("an agency head sees no form, and a post forged with their own token is refused and changes nothing", async () => {
    const f = await webFixture();
    const lead = await ytTask(f);
    const { cookie } = await f.signIn(f.people.ytHead);
    const page = await (await f.request(`/web/tasks/${lead.taskId}`, { cookie })).text();
    expect(page).not.toContain('id="set-due"');
    const _csrf = csrfOf(page);
    const forged = await f.request(`/web/tasks/${lead.taskId}/due`, {
      method: "POST",
      cookie,
      body: form({ _csrf, date: "2027-06-30", reason: "thử" }),
    });
    expect(forged.status).toBe(403);
    expect(await forged.text()).toContain("Tài khoản chỉ xem không thay đổi được dữ liệu");
    expect(await saved(f, lead.ref)).not.toBe("2027-06-30");
    expect(await f.core.store.audit.list({ action: "due.set" })).toEqual([]);
    // A coordinator's post without the session's token is refused too.
    const coordinator = await f.signIn(f.people.coordinator);
    const noToken = await f.request(`/web/tasks/${lead.taskId}/due`, {
      method: "POST",
      cookie: coordinator.cookie,
      body: form({ date: "2027-06-30", reason: "thử" }),
    });
    expect(noToken.status).toBe(403);
    expect(await saved(f, lead.ref)).not.toBe("2027-06-30");
  });
});
