import { describe, expect, it } from "vitest";
import { rowsOf } from "../helpers/engine-choice.ts";
import { type ChannelName, channelHarness, type Harness } from "./harness.ts";

interface LeaveRow {
  contact_id: number;
  from_day: string;
  to_day: string;
  deputy_contact_id: number | null;
  set_by_contact_id: number | null;
}

/** The leaves saved, oldest first, and the contact id of each chat. */
function saved(h: Harness) {
  const rows = rowsOf(h.core);
  return {
    leaves: () =>
      rows<LeaveRow>(
        "select contact_id, from_day, to_day, deputy_contact_id, set_by_contact_id from leaves order by id",
      ),
    contactOf: async (chat: string) =>
      (
        await rows<{ id: number }>(
          "select contact_id id from contact_chats where chat_id = ? order by contact_id limit 1",
          chat,
        )
      )[0]?.id,
    audit: () =>
      rows<{ action: string; target_id: string }>("select action, target_id from audit order by id"),
    told: (kind: string) =>
      rows<{ chat_id: string; text: string }>(
        "select chat_id, text from outbox where kind = ? order by id",
        kind,
      ),
  };
}

describe.each<ChannelName>(["telegram", "zalo", "console"])("leave on %s", (channel) => {
  it("takes a whole sentence typed without accents, and saves the dates", async () => {
    const h = await channelHarness(channel);
    const db = saved(h);
    const me = await db.contactOf(h.chat);
    const reply = await h.send("em nghi phep tu 10/12 den 20/12 a");
    expect(reply).toContain("Đã ghi nghỉ phép của cán bộ đầu mối Sở Y tế từ 10/12/2026 đến hết 20/12/2026.");
    // Sở Y tế has another focal point (Đầu mối Y tế): the reminders go there meanwhile.
    expect(reply).toContain("nhắc việc gửi cho các đầu mối khác");
    expect(await db.leaves()).toEqual([
      {
        contact_id: me,
        from_day: "2026-12-10",
        to_day: "2026-12-20",
        deputy_contact_id: null,
        set_by_contact_id: me,
      },
    ]);
    expect(await db.audit()).toEqual([{ action: "leave.set", target_id: String(me) }]);
  });

  it("offers today, this week or dates when sent bare", async () => {
    const h = await channelHarness(channel);
    const db = saved(h);
    const menu = await h.send(channel === "telegram" ? "/nghiphep" : "nghiphep");
    expect(menu).toContain("Nghỉ phép cho cán bộ đầu mối Sở Y tế: chọn thời gian.");
    // Thursday 3 December: this week is to Friday the 4th.
    if (channel === "telegram") await h.press("week");
    else await h.send("2");
    expect((await db.leaves()).map((l) => [l.from_day, l.to_day])).toEqual([["2026-12-03", "2026-12-04"]]);
    expect(await h.flow()).toBeUndefined();

    await h.send("/nghiphep");
    if (channel === "telegram") await h.press("dates");
    else await h.send("chon ngay");
    expect(await h.send("khong biet")).toContain("Gõ ngày bắt đầu và ngày kết thúc");
    expect(await h.send("15/12 den 16/12")).toContain("từ 15/12/2026 đến hết 16/12/2026");
    expect((await db.leaves()).map((l) => [l.from_day, l.to_day])).toEqual([
      ["2026-12-03", "2026-12-04"],
      ["2026-12-15", "2026-12-16"],
    ]);
  });

  it("answers bad dates politely and changes nothing", async () => {
    const h = await channelHarness(channel);
    const db = saved(h);
    expect(await h.send("/nghiphep 20/12 10/12")).toBe(
      "Ngày kết thúc (10/12/2026) đang trước ngày bắt đầu (20/12/2026). Vui lòng gõ lại, ví dụ: /nghiphep 10/12 20/12",
    );
    expect(await h.send("/nghiphep 31/02 05/03")).toContain("Ngày chưa đúng.");
    expect(await h.send("/nghiphep 01/11 05/11/2026")).toContain("đã qua");
    expect(await db.leaves()).toEqual([]);
    expect(await db.audit()).toEqual([]);
  });
});

describe("leave for someone else, deputies, and ending early", () => {
  it("lets the head set a focal point's leave by name, and no focal point set the head's", async () => {
    const h = await channelHarness("console");
    const db = saved(h);
    const focal = await db.contactOf("tg:1001");
    const head = await db.contactOf("tg:1002");
    expect(await h.send("/nghiphep dau moi y te 10/12 20/12", "tg:1002")).toContain(
      "Đã ghi nghỉ phép của Đầu mối Y tế",
    );
    expect(await h.send("/nghiphep giam doc y te 10/12 20/12")).toBe(
      "Chỉ lãnh đạo đơn vị hoặc cán bộ điều phối mới ghi nghỉ phép cho người khác.",
    );
    expect(await h.send("/nghiphep Nguyen Van Khong Co 10/12 20/12", "tg:1002")).toContain(
      'Không tìm thấy ai tên "Nguyen Van Khong Co"',
    );
    // The person hears of it from the outbox, in their own chat.
    expect(await db.told("leave-told")).toEqual([
      {
        chat_id: "tg:1001",
        text: "📅 lãnh đạo đơn vị Sở Y tế đã ghi nghỉ phép cho anh/chị từ 10/12/2026 đến hết 20/12/2026. Gõ /nghiphep huy nếu anh/chị đi làm lại sớm.",
      },
    ]);
    expect(await db.leaves()).toEqual([
      {
        contact_id: focal,
        from_day: "2026-12-10",
        to_day: "2026-12-20",
        deputy_contact_id: null,
        set_by_contact_id: head,
      },
    ]);
  });

  it("names a deputy, whose reports then say for whom they were made", async () => {
    const h = await channelHarness("console");
    const db = saved(h);
    const focal = await db.contactOf("tg:1001");
    const head = await db.contactOf("tg:1002");
    expect(await h.send("em uy quyen cho anh giam doc y te tu 10/12 den 20/12 a", "tg:1001")).toContain(
      "Giám đốc Y tế sẽ nhận nhắc việc thay anh/chị từ 10/12/2026 đến hết 20/12/2026.",
    );
    expect((await db.leaves())[0]).toMatchObject({ contact_id: focal, deputy_contact_id: head });
    expect(await db.told("deputy-told")).toEqual([
      {
        chat_id: "tg:1002",
        text: "👤 Anh/chị được ủy quyền nhận nhắc việc thay Đầu mối Y tế từ 10/12/2026 đến hết 20/12/2026.",
      },
    ]);
    expect(await db.told("leave-told")).toEqual([]);

    h.setNow(new Date("2026-12-12T09:00:00+07:00"));
    for (const typed of ["/baocao", "II.10", "hoan thanh", "bo qua", "bo qua", "gửi báo cáo"])
      await h.send(typed, "tg:1002");
    const proxied = await rowsOf(h.core)<{ contact_id: number; on_behalf_of_contact_id: number }>(
      "select r.contact_id, b.on_behalf_of_contact_id from reports r join report_on_behalf b on b.report_id = r.id",
    );
    expect(proxied).toEqual([{ contact_id: head, on_behalf_of_contact_id: focal }]);
    expect(await h.send("/chitiet II.10", "tg:2001")).toContain("(Giám đốc Y tế báo cáo thay Đầu mối Y tế)");

    // After the leave the head's reports are their own again.
    h.setNow(new Date("2026-12-22T09:00:00+07:00"));
    for (const typed of ["/baocao", "II.10", "hoan thanh", "bo qua", "bo qua", "gửi báo cáo"])
      await h.send(typed, "tg:1002");
    expect(await rowsOf(h.core)("select report_id from report_on_behalf")).toHaveLength(1);
  });

  it("names a deputy in a sentence that ends politely, for the leave already set", async () => {
    const h = await channelHarness("console");
    const db = saved(h);
    const head = await db.contactOf("tg:1002");
    await h.send("/nghiphep 10/12 20/12", "tg:1001");
    expect(await h.send("em uy quyen cho anh giam doc y te a", "tg:1001")).toContain("Giám đốc Y tế");
    expect((await db.leaves())[0]).toMatchObject({ from_day: "2026-12-10", deputy_contact_id: head });
  });

  it("takes the deputy off, and ends a leave early with /nghiphep huy", async () => {
    const h = await channelHarness("console");
    const db = saved(h);
    await h.send("/uyquyen giam doc y te 01/12 20/12", "tg:1001");
    expect(await h.send("/uyquyen huy", "tg:1001")).toContain("Đã bỏ ủy quyền");
    expect((await db.leaves())[0]?.deputy_contact_id).toBeNull();
    expect(await h.send("/nghiphep huy", "tg:1001")).toContain("Đã kết thúc nghỉ phép của Đầu mối Y tế");
    // Back from today, Thursday the 3rd: the leave ran to yesterday.
    expect((await db.leaves())[0]).toMatchObject({ from_day: "2026-12-01", to_day: "2026-12-02" });
    expect(await h.send("/nghiphep huy", "tg:1001")).toBe("Đầu mối Y tế hiện không có lịch nghỉ phép nào.");
    expect((await db.audit()).map((a) => a.action)).toEqual(["leave.set", "leave.deputy", "leave.end"]);
  });
});

describe("a deputy named for someone else", () => {
  it("a coordinator names one in a sentence: saved on that person's leave, both told", async () => {
    const h = await channelHarness("console");
    const db = saved(h);
    const [focal, head, coordinator] = [
      await db.contactOf("tg:1001"),
      await db.contactOf("tg:1002"),
      await db.contactOf("tg:2001"),
    ];
    expect(
      await h.send("uy quyen cho giam doc y te thay dau moi y te tu 10/12 den 20/12 nhe", "tg:2001"),
    ).toBe("✅ Giám đốc Y tế sẽ nhận nhắc việc thay Đầu mối Y tế từ 10/12/2026 đến hết 20/12/2026.");
    expect(await db.leaves()).toEqual([
      {
        contact_id: focal,
        from_day: "2026-12-10",
        to_day: "2026-12-20",
        deputy_contact_id: head,
        set_by_contact_id: coordinator,
      },
    ]);
    expect((await db.told("deputy-told")).map((m) => m.chat_id)).toEqual(["tg:1002"]);
    expect((await db.told("deputy-told"))[0]?.text).toContain("thay Đầu mối Y tế");
    expect((await db.told("leave-told")).map((m) => m.chat_id)).toEqual(["tg:1001"]);
  });

  it("the head takes it off, then stands in themself, on the leave already set", async () => {
    const h = await channelHarness("console");
    const db = saved(h);
    const head = await db.contactOf("tg:1002");
    await h.send("/uyquyen giam doc y te 01/12 20/12", "tg:1001");
    expect(await h.send("/uyquyen huy thay dau moi y te", "tg:1002")).toContain("Đã bỏ ủy quyền");
    expect((await db.leaves())[0]?.deputy_contact_id).toBeNull();
    expect(await h.send("/uyquyen toi thay dau moi y te a", "tg:1002")).toBe(
      "✅ Giám đốc Y tế sẽ nhận nhắc việc thay Đầu mối Y tế từ 01/12/2026 đến hết 20/12/2026.",
    );
    expect((await db.leaves())[0]?.deputy_contact_id).toBe(head);
    expect(await db.leaves()).toHaveLength(1);
  });

  it("refuses a focal point naming one for their head, and a name nobody has: nothing saved", async () => {
    const h = await channelHarness("console");
    const db = saved(h);
    await h.send("/nghiphep giam doc y te 10/12 20/12", "tg:2001");
    const before = await db.leaves();
    expect(await h.send("/uyquyen dau moi y te thay giam doc y te", "tg:1001")).toBe(
      "Chỉ lãnh đạo đơn vị hoặc cán bộ điều phối mới ghi nghỉ phép cho người khác.",
    );
    // The name is quoted as it was typed, accents and capitals kept.
    expect(await h.send("/uyquyen dau moi y te thay Nguyễn Văn Không", "tg:2001")).toContain(
      'Không tìm thấy ai tên "Nguyễn Văn Không"',
    );
    expect(await h.send("/uyquyen Trần Thị Vắng thay dau moi y te", "tg:2001")).toContain('"Trần Thị Vắng"');
    expect(await db.leaves()).toEqual(before);
    expect(await db.told("deputy-told")).toEqual([]);
  });
});
