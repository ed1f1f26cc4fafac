import { describe, expect, it } from "vitest";
import { csrfOf, form, webFixture } from "./fixture.ts";

type Fixture = Awaited<ReturnType<typeof webFixture>>;

/** A task Sở Y tế leads alone (a small form per lead agency), and its assignment. */
async function ytTask(f: Fixture) {
  for (const a of await f.core.store.reports.assignmentsOf("so-y-te")) {
    if (a.role !== "lead") continue;
    const leads = (await f.core.store.clarifications.askable(a.taskId)).filter((x) => x.role === "lead");
    if (leads.length === 1) return a;
  }
  throw new Error("Sở Y tế leads no task alone in the seed");
}

const questions = (f: Fixture) =>
  f.core.store.outbox.list({}).then((rows) => rows.filter((r) => r.kind === "question"));

describe("web console: asking an agency for more detail", () => {
  it("a coordinator asks from the task page: saved, sent to the focal point with the edit choice, audited, shown", async () => {
    const f = await webFixture();
    const lead = await ytTask(f);
    const { cookie } = await f.signIn(f.people.coordinator);
    const page = await (await f.request(`/web/tasks/${lead.taskId}`, { cookie })).text();
    expect(page).toContain('id="ask"');
    expect(page).toContain(`name="assignment" value="${lead.assignmentId}"`);
    const _csrf = csrfOf(page);
    const post = (fields: Record<string, string>) =>
      f.request(`/web/tasks/${lead.taskId}/ask`, {
        method: "POST",
        cookie,
        body: form({ _csrf, ...fields }),
      });

    const empty = await post({ assignment: String(lead.assignmentId), question: "   " });
    expect(empty.status).toBe(422);
    expect(await empty.text()).toContain("Nội dung đang để trống");
    // An assignment of another task (or agency) in the form is refused, whatever it names.
    const other = (await f.core.store.reports.assignmentsOf("van-phong-ubnd-tinh"))[0];
    const forged = await post({ assignment: String(other?.assignmentId), question: "Đã xong chưa?" });
    expect(forged.status).toBe(422);
    expect(await forged.text()).toContain("Đơn vị này không được giao nhiệm vụ này.");
    expect(await f.core.store.clarifications.ofTask(lead.taskId)).toEqual([]);
    expect(await questions(f)).toEqual([]);

    const ok = await post({
      assignment: String(lead.assignmentId),
      question: "Đề nghị gửi kèm văn bản triển khai",
    });
    expect(ok.status).toBe(303);
    expect(ok.headers.get("location")).toBe(`/web/tasks/${lead.taskId}?done=ask#clarifications`);
    const [thread] = await f.core.store.clarifications.ofTask(lead.taskId);
    expect(thread).toMatchObject({
      assignmentId: lead.assignmentId,
      agencyId: "so-y-te",
      question: "Đề nghị gửi kèm văn bản triển khai",
      askedBy: f.people.coordinator,
      askedVia: "web",
      answeredAt: null,
    });
    const [sent] = await questions(f);
    expect(sent).toMatchObject({ chatId: "tg:1001", contactId: f.people.ytFocal, agencyId: "so-y-te" });
    expect(sent?.text).toContain("“Đề nghị gửi kèm văn bản triển khai”");
    expect(sent?.choices?.flat().map((c) => c.data)).toEqual([`cq:${thread?.id}:e`, `cq:${thread?.id}:r`]);
    const [audit] = await f.core.store.audit.list({ action: "clarify.ask" });
    expect(audit).toMatchObject({
      actorContactId: f.people.coordinator,
      channel: "web",
      targetKind: "clarification",
      targetId: String(thread?.id),
      after: { ref: lead.ref, agency: "so-y-te", assignment: lead.assignmentId },
    });

    // The answer shows on the page with the thread.
    await f.core.store.clarifications.answer({
      id: thread?.id as number,
      contactId: f.people.ytFocal,
      text: "Đã gửi Kế hoạch 45/KH-SYT",
      at: new Date("2027-01-20T04:00:00Z"),
    });
    const after = await (await f.request(`/web/tasks/${lead.taskId}?done=ask`, { cookie })).text();
    expect(after).toContain("Đã gửi câu hỏi tới đơn vị.");
    expect(after).toContain("Hỏi lại (1)");
    expect(after).toContain("PC06 hỏi Sở Y tế lúc 20/01/2027 09:00:");
    expect(after).toContain("Đầu mối Y tế trả lời lúc 20/01/2027 11:00:");
    expect(after).toContain("Đã gửi Kế hoạch 45/KH-SYT");
  });

  it("a commune-wide task gets one form with the list of its lead agencies, not 135 forms", async () => {
    const f = await webFixture();
    const task = await f.core.store.catalog.liveTask("V.9");
    const leads = (await f.core.store.clarifications.askable(task?.id as number)).filter(
      (a) => a.role === "lead",
    );
    expect(leads.length).toBeGreaterThan(5);
    const { cookie } = await f.signIn(f.people.coordinator);
    const page = await (await f.request(`/web/tasks/${task?.id}`, { cookie })).text();
    const ask = page.slice(page.indexOf('id="ask"'), page.indexOf("</section>", page.indexOf('id="ask"')));
    expect(ask.match(/<form /g)).toHaveLength(1);
    expect(ask.match(/<option /g)).toHaveLength(leads.length);
  });

  it("refuses an agency head (no form, forged post 403) and a post without the CSRF token, changing nothing", async () => {
    const f = await webFixture();
    const lead = await ytTask(f);
    const head = await f.signIn(f.people.ytHead);
    const page = await (await f.request(`/web/tasks/${lead.taskId}`, { cookie: head.cookie })).text();
    expect(page).not.toContain('id="ask"');
    const body = { assignment: String(lead.assignmentId), question: "thử" };
    const forged = await f.request(`/web/tasks/${lead.taskId}/ask`, {
      method: "POST",
      cookie: head.cookie,
      body: form({ _csrf: csrfOf(page), ...body }),
    });
    expect(forged.status).toBe(403);
    const coordinator = await f.signIn(f.people.coordinator);
    const noToken = await f.request(`/web/tasks/${lead.taskId}/ask`, {
      method: "POST",
      cookie: coordinator.cookie,
      body: form(body),
    });
    expect(noToken.status).toBe(403);
    expect(await f.core.store.clarifications.ofTask(lead.taskId)).toEqual([]);
    expect(await questions(f)).toEqual([]);
    expect(await f.core.store.audit.list({ action: "clarify.ask" })).toEqual([]);
  });
});
