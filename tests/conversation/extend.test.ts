import { describe, expect, it } from "vitest";
import { addContact } from "../../src/people/contacts.ts";
import { agreed } from "../helpers/consent.ts";
import { jsonValue, rowsOf } from "../helpers/engine-choice.ts";
import { channelHarness } from "./harness.ts";

const COORD = "tg:coord";

interface RequestRow {
  id: number;
  assignment_id: number;
  status: string;
  old_due: string | null;
  new_due: string;
  reason: string;
  late: number | boolean;
  requested_by: number | null;
  decided_by: number | null;
  decided_due: string | null;
}

/** The router with a Sở Y tế focal point (V.6 due 31/12/2026), another agency's, and a coordinator. */
async function extensions() {
  const h = await channelHarness("telegram");
  const rows = rowsOf(h.core);
  const coordinator = await agreed(
    h.core.store,
    (await addContact(h.core.store, { agency: "cong-an-tinh", role: "coordinator", chat: COORD })).id,
  );
  const [focal] = await rows<{ id: number }>(
    "select contact_id id from contact_chats where chat_id = ?",
    h.chat,
  );
  return {
    ...h,
    rows,
    coordinator,
    focal: focal?.id ?? -1,
    requests: () => rows<RequestRow>("select * from extension_requests order by id"),
    override: async (ref: string, agency = "so-y-te") =>
      (
        await rows<{ d: string | null }>(
          "select a.due_override d from assignments a join tasks t on t.id = a.task_id where t.ref = ? and a.agency_id = ?",
          ref,
          agency,
        )
      )[0]?.d,
    changes: () =>
      rows<Record<string, unknown>>(
        "select assignment_id, task_id, old_due, new_due, source, requested_by, approved_by, reason from due_changes order by id",
      ),
    outbox: (kind: string) =>
      rows<{ chat_id: string; text: string; choices: unknown }>(
        "select chat_id, text, choices from outbox where kind = ? order by id",
        kind,
      ),
    audit: (action: string) =>
      rows<{ actor_contact_id: number; target_id: string; before: unknown; after: unknown }>(
        "select actor_contact_id, target_id, before, after from audit where action = ? order by id",
        action,
      ),
    /** A coordinator's answer, as the button (or the numbered line) sends it. */
    answer: async (data: string, who = COORD) => {
      const replies = await h.router.handle({
        chatId: who,
        chatType: "private",
        userId: who,
        channel: "telegram",
        choice: data,
      });
      return replies.map((r) => r.text).join("\n");
    },
  };
}

describe("asking for an extension", () => {
  it("reads one accentless sentence, saves the request and sends it to the coordinators", async () => {
    const x = await extensions();
    const reply = await x.send("xin gia han V.6 den 20/01/2027 vi cho huong dan cua Bo a");
    expect(reply).toContain("Đã gửi đề nghị gia hạn V.6 từ 31/12/2026 đến 20/01/2027 tới cán bộ điều phối");
    const [r] = await x.requests();
    expect(r).toMatchObject({
      status: "open",
      old_due: "2026-12-31",
      new_due: "2027-01-20",
      reason: "cho huong dan cua Bo",
      requested_by: x.focal,
      assignment_id: await x.assignment("V.6"),
    });
    expect(Boolean(r?.late)).toBe(false);
    // Every coordinator (the fixture has one more, on tg:2001), and nobody else.
    const asked = await x.outbox("extension-asked");
    expect(asked.map((m) => m.chat_id).sort()).toEqual(["tg:2001", COORD]);
    const sent = asked.find((m) => m.chat_id === COORD);
    expect(sent?.text).toContain("Đề nghị gia hạn — Sở Y tế");
    expect(sent?.text).toContain("Hạn hiện tại: 31/12/2026 → xin đến: 20/01/2027");
    expect(sent?.text).toContain("Lý do: cho huong dan cua Bo");
    const labels = jsonValue<{ label: string; data: string }[][]>(sent?.choices).flat();
    expect(labels.map((c) => c.label)).toEqual(["✅ Đồng ý", "❌ Từ chối", "📆 Đề xuất ngày khác"]);
    expect(labels.map((c) => c.data)).toEqual([`xd:${r?.id}:a`, `xd:${r?.id}:r`, `xd:${r?.id}:p`]);
    const [audit] = await x.audit("extension.request");
    expect(audit?.actor_contact_id).toBe(x.focal);
    // Nothing moves before a coordinator agrees.
    expect(await x.override("V.6")).toBeNull();
  });

  it("keeps one open request per task and says so; a second one changes nothing", async () => {
    const x = await extensions();
    await x.send("/giahan V.6 20/01/2027 cho kinh phi");
    const again = await x.send("/giahan v.6 25/01/2027 vi van cho kinh phi");
    expect(again).toContain("V.6 đã có một đề nghị gia hạn đến 20/01/2027 (gửi ngày 03/12/2026)");
    expect((await x.requests()).map((r) => r.new_due)).toEqual(["2027-01-20"]);
    expect(await x.flow()).toBeUndefined();
    // The database has the last word, whatever the conversation checked before.
    const [r] = await x.requests();
    const second = await x.core.store.extensions.request({
      assignmentId: r?.assignment_id ?? 0,
      taskId: (await x.rows<{ id: number }>("select id from tasks where ref = 'V.6'"))[0]?.id ?? 0,
      agencyId: "so-y-te",
      requestedBy: x.focal,
      requestedAt: new Date().toISOString(),
      oldDue: "2026-12-31",
      newDue: "2027-02-01",
      reason: "race",
      late: false,
    });
    expect(second).toBeUndefined();
    expect(await x.requests()).toHaveLength(1);
  });

  it("asks for what is missing: the task from a list, then the reason", async () => {
    const x = await extensions();
    const list = await x.send("em xin gia han den 20/01 a");
    expect(list).toContain("Xin gia hạn nhiệm vụ nào?");
    expect(await x.requests()).toEqual([]);
    const asked = await x.press(`a${await x.assignment("V.6")}`);
    expect(asked).toContain("Lý do xin gia hạn?");
    expect(await x.send("cho so lieu tu cac xa")).toContain("Đã gửi đề nghị gia hạn V.6");
    expect((await x.requests()).map((r) => [r.new_due, r.reason])).toEqual([
      ["2027-01-20", "cho so lieu tu cac xa"],
    ]);
  });

  it("refuses bad dates, other agencies' tasks and people who are not the agency's, saving nothing", async () => {
    const x = await extensions();
    expect(await x.send("/giahan V.6 31/02/2027 vi x")).toContain("“31/02/2027” không phải ngày hợp lệ");
    expect(await x.flow()).toBeUndefined();
    const early = await x.send("/giahan V.6 20/12/2026 vi cho kinh phi");
    expect(early).toContain("Ngày 20/12/2026 không sau hạn hiện tại (31/12/2026)");
    expect(early).toContain("Xin gia hạn đến ngày nào?");
    expect(await x.send("mai")).toContain("“mai” không phải ngày hợp lệ");
    await x.send("/huy");
    expect(await x.send("/giahan V.6 20/01/2027 vi x", x.khcn)).toContain("“V.6” không phải nhiệm vụ có hạn");
    expect(await x.send("/giahan V.6 20/01/2027 vi x", COORD)).toContain("Chỉ đầu mối hoặc lãnh đạo");
    expect(await x.requests()).toEqual([]);
  });

  it("marks a request made after the deadline as late", async () => {
    const x = await extensions();
    x.setNow(new Date("2027-01-05T09:00:00+07:00"));
    const reply = await x.send("xin gia han V.6 den 31/01/2027 vi thieu nhan luc");
    expect(reply).toContain("được ghi nhận là gửi muộn");
    expect(Boolean((await x.requests())[0]?.late)).toBe(true);
    expect((await x.outbox("extension-asked"))[0]?.text).toContain("Gửi sau hạn (muộn)");
  });
});

describe("a coordinator's answer", () => {
  async function asked() {
    const x = await extensions();
    await x.send("xin gia han V.6 den 20/01/2027 vi cho huong dan");
    const [r] = await x.requests();
    return { ...x, id: r?.id ?? -1 };
  }

  it("agrees: that agency's date moves, the history and the trail keep who and why, the agency hears", async () => {
    const x = await asked();
    expect(await x.answer(`xd:${x.id}:a`, x.chat)).toContain("chỉ dành cho cán bộ điều phối");
    expect(await x.answer(`xd:${x.id}:a`)).toContain("Đã đồng ý gia hạn V.6 cho Sở Y tế đến 20/01/2027");
    expect(await x.override("V.6")).toBe("2027-01-20");
    expect(await x.override("V.6", "cong-an-tinh")).toBeFalsy();
    expect(await x.changes()).toEqual([
      {
        assignment_id: await x.assignment("V.6"),
        task_id: expect.any(Number),
        old_due: "2026-12-31",
        new_due: "2027-01-20",
        source: "extension",
        requested_by: x.focal,
        approved_by: x.coordinator,
        reason: "cho huong dan",
      },
    ]);
    expect((await x.requests())[0]).toMatchObject({ status: "approved", decided_by: x.coordinator });
    expect((await x.audit("extension.approve"))[0]?.actor_contact_id).toBe(x.coordinator);
    // The agency's focal points and its head (the fixture's tg:1001 and tg:1002), the asker among them.
    const agency = await x.outbox("extension-approved");
    expect(agency.map((m) => m.chat_id).sort()).toEqual(["tg:1001", "tg:1002", x.chat].sort());
    const told = agency.find((m) => m.chat_id === x.chat);
    expect(told?.text).toContain("đồng ý gia hạn V.6");
    expect(await x.send("/chitiet V.6", COORD)).toContain("Đã gia hạn: Sở Y tế 20/01/2027");
    // The trail in words: what was asked, and what was agreed, on which task of which agency.
    const trail = await x.send("/nhatky", COORD);
    expect(trail).toContain("(Sở Y tế) · Xin gia hạn · V.6 của Sở Y tế (hạn 31/12/2026, xin đến 20/01/2027;");
    expect(trail).toContain(
      "(Công an tỉnh) · Đồng ý gia hạn · V.6 của Sở Y tế (hạn 31/12/2026 → 20/01/2027)",
    );
    // The agency's own list shows the new date.
    expect(await x.send("/nhiemvu")).toMatch(/V\.6 .*20\/01\/2027/);
    // A second answer (another coordinator, an old button) changes nothing.
    expect(await x.answer(`xd:${x.id}:r`)).toContain("đã được trả lời: đồng ý, hạn mới 20/01/2027");
    expect(await x.changes()).toHaveLength(1);
    expect(await x.answer("xd:999999:a")).toContain("không còn hiệu lực");
  });

  it("refuses: nothing moves, the agency hears the date stays", async () => {
    const x = await asked();
    expect(await x.answer(`xd:${x.id}:r`)).toContain("Đã từ chối gia hạn V.6");
    expect(await x.override("V.6")).toBeNull();
    expect(await x.changes()).toEqual([]);
    expect((await x.requests())[0]?.status).toBe("rejected");
    expect((await x.outbox("extension-rejected"))[0]?.text).toContain("Hạn vẫn là 31/12/2026");
    expect(await x.audit("extension.reject")).toHaveLength(1);
    // Closed, so the agency may ask again.
    expect(await x.send("/giahan V.6 10/01/2027 vi cho kinh phi")).toContain("Đã gửi đề nghị");
  });

  it("reaches the agency around leave: a focal point away is not written to, the deputy is, saying for whom", async () => {
    const x = await asked();
    const idOf = async (chat: string) =>
      (await x.rows<{ id: number }>("select contact_id id from contact_chats where chat_id = ?", chat))[0]
        ?.id ?? -1;
    const [away, head] = [await idOf("tg:1001"), await idOf("tg:1002")];
    await x.core.store.leave.set(
      {
        contactId: away,
        agencyId: "so-y-te",
        from: "2026-12-01",
        to: "2026-12-15",
        deputyId: head,
        setById: null,
      },
      new Date("2026-12-01T02:00:00Z"),
    );
    expect(await x.answer(`xd:${x.id}:a`)).toContain("Đã đồng ý gia hạn V.6");
    const told = await x.outbox("extension-approved");
    expect(told.map((m) => m.chat_id).sort()).toEqual(["tg:1002", x.chat].sort());
    const deputy = told.find((m) => m.chat_id === "tg:1002")?.text ?? "";
    expect(deputy).toMatch(/^👤 Anh\/chị nhận tin này thay .+ \(nghỉ phép đến hết 15\/12\/2026\)\./);
    expect(deputy).toContain("đồng ý gia hạn V.6");
    expect(told.find((m) => m.chat_id === x.chat)?.text).not.toContain("👤");
  });

  it("proposes another date: typed as people type it, it becomes the agency's new date", async () => {
    const x = await asked();
    expect(await x.answer(`xd:${x.id}:p`)).toContain("Gia hạn V.6 cho Sở Y tế đến ngày nào?");
    expect(await x.send("den 25/12", COORD)).toContain("phải sau hạn hiện tại (31/12/2026)");
    expect(await x.send("15/1/2027", COORD)).toContain("Đã đồng ý gia hạn V.6 cho Sở Y tế đến 15/01/2027");
    expect(await x.override("V.6")).toBe("2027-01-15");
    expect((await x.requests())[0]).toMatchObject({ status: "approved", decided_due: "2027-01-15" });
    expect((await x.outbox("extension-approved"))[0]?.text).toContain(
      "đến 15/01/2027 (đơn vị xin đến 20/01/2027; hạn cũ 31/12/2026)",
    );
  });
});

describe("/dathan and the deadline history", () => {
  it("keeps a task-wide row for a coordinator's date, and an extension still wins for its agency", async () => {
    const x = await extensions();
    await x.send("xin gia han V.6 den 20/01/2027 vi cho huong dan");
    await x.answer(`xd:${(await x.requests())[0]?.id}:a`);
    expect(await x.send("/dathan V.6 10/01/2027 theo chi dao moi", COORD)).toContain("Đã đặt hạn cho V.6");
    const rows = await x.changes();
    expect(rows[1]).toMatchObject({
      assignment_id: null,
      old_due: "2026-12-31",
      new_due: "2027-01-10",
      source: "setdue",
      approved_by: x.coordinator,
      reason: "theo chi dao moi",
    });
    expect(await x.send("/nhiemvu")).toMatch(/V\.6 .*20\/01\/2027/);
  });
});

describe("on Zalo, where choices are numbered lines", () => {
  it("takes the bare command and numbers: the agency picks its task, the coordinator answers 3 and a date", async () => {
    const h = await channelHarness("zalo");
    const rows = rowsOf(h.core);
    const coord = "zalo:coord";
    await agreed(
      h.core.store,
      (await addContact(h.core.store, { agency: "cong-an-tinh", role: "coordinator", chat: coord })).id,
    );
    expect(await h.send("xin gia han den 20/01/2027 vi cho kinh phi")).toContain("Xin gia hạn nhiệm vụ nào?");
    // The adapter numbers the question's choices; "1" is the first of them.
    const first = (await h.flow())?.choices?.[0]?.label.split(" · ")[0];
    expect(first).toMatch(/^[IVX]+\.\d+$/);
    expect(await h.send("1")).toContain(`Đã gửi đề nghị gia hạn ${first}`);
    const [request] = await rows<{ id: number; new_due: string }>(
      "select id, new_due from extension_requests",
    );
    expect(request?.new_due).toBe("2027-01-20");
    // Delivery makes a message's choices the chat's numbered menu (app.ts); do what it does.
    const [asked] = await rows<{ choices: unknown }>(
      "select choices from outbox where kind = 'extension-asked' and chat_id = ?",
      coord,
    );
    const choices = jsonValue<{ label: string; data: string }[][]>(asked?.choices).flat();
    await h.router.flows.setMenu(coord, choices, new Date());
    expect(await h.send("3", coord)).toContain(`Gia hạn ${first} cho Sở Y tế đến ngày nào?`);
    expect(await h.send("ngay 15/01/2027", coord)).toContain("Đã đồng ý gia hạn");
    const [saved] = await rows<{ status: string; decided_due: string }>(
      "select status, decided_due from extension_requests",
    );
    expect(saved).toEqual({ status: "approved", decided_due: "2027-01-15" });
  });

  it("reads 'gia han' typed as two words as the command", async () => {
    const h = await channelHarness("zalo");
    expect(await h.send("gia han V.6 den 20/01/2027 vi cho huong dan")).toContain(
      "Đã gửi đề nghị gia hạn V.6",
    );
  });
});
