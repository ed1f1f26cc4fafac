import { describe, expect, it } from "vitest";
import { consoleSession } from "../helpers/console.ts";
import { jsonValue, rowsOf } from "../helpers/engine-choice.ts";

const NOW = "2027-01-20T09:00:00+07:00";
const AS_COORDINATOR = "/as cong-an-tinh coordinator";

async function coordinator() {
  const s = await consoleSession({ now: NOW });
  const rows = rowsOf(s.core);
  const say = (...lines: string[]) => s.type(AS_COORDINATOR, ...lines);
  const due = async (ref: string) =>
    (await rows<{ d: string | null }>("select due_override d from tasks where ref = ?", ref))[0]?.d;
  const invites = () =>
    rows<{ code: string; agency: string; role: string }>("select code, agency_id agency, role from invites");
  /** The invites one command created (all made at the session's one instant: told apart by code). */
  const invited = async (line: string) => {
    const before = new Set((await invites()).map((i) => i.code));
    await say(line);
    return (await invites()).filter((i) => !before.has(i.code)).map(({ agency, role }) => ({ agency, role }));
  };
  return { ...s, due, invites, invited, say };
}

describe("/setdue (/dathan)", () => {
  it("takes the date as the bot prints it, and asks before setting one in the past", async () => {
    const { say, due } = await coordinator();
    expect(await say("/dathan v.1 31/03/2027")).toContain("Đã đặt hạn cho V.1: 31/03/2027.");
    expect(await due("V.1")).toBe("2027-03-31");
    expect(await say("/dathan V.1 2027-04-30")).toContain("Đã đặt hạn cho V.1: 30/04/2027.");
    expect(await due("V.1")).toBe("2027-04-30");
    // In the past: a question, and nothing changes until it is confirmed.
    const asked = await say("/dathan V.1 01/01/2027");
    expect(asked).toContain("Ngày 01/01/2027 đã qua (hôm nay là 20/01/2027)");
    expect(asked).toContain("/dathan V.1 01/01/2027 xac nhan");
    expect(await due("V.1")).toBe("2027-04-30");
    expect(await say("/dathan V.1 01/01/2027 xác nhận")).toContain("Đã đặt hạn cho V.1: 01/01/2027.");
    expect(await due("V.1")).toBe("2027-01-01");
    // Impossible dates and unknown tasks change nothing.
    expect(await say("/dathan V.1 30/02/2027")).toContain("“30/02/2027” không phải ngày hợp lệ");
    expect(await say("/dathan XX.9 31/03/2027")).toContain("Không có nhiệm vụ “XX.9”");
    expect(await due("V.1")).toBe("2027-01-01");
  });
});

describe("/invite (/moi)", () => {
  it("reads Vietnamese role words, with or without accents, before or after the agency", async () => {
    const { invited, invites } = await coordinator();
    expect(await invited("/moi so y te lanh dao")).toEqual([{ agency: "so-y-te", role: "head" }]);
    expect(await invited("/moi Sở Y tế đầu mối")).toEqual([{ agency: "so-y-te", role: "focal" }]);
    expect(await invited("/moi điều phối công an tỉnh")).toEqual([
      { agency: "cong-an-tinh", role: "coordinator" },
    ]);
    expect(await invited("/moi van phong ubnd tinh")).toEqual([
      { agency: "van-phong-ubnd-tinh", role: "focal" },
    ]);
    // A second invite for the same agency and role is a new one.
    expect(await invited("/moi so y te head")).toEqual([{ agency: "so-y-te", role: "head" }]);
    expect(await invites()).toHaveLength(5);
  });

  it("says which part it did not understand, and creates nothing", async () => {
    const { say, invites } = await coordinator();
    expect(await say("/moi so y te truong phong")).toContain(
      "Đã hiểu đơn vị là Sở Y tế, nhưng không hiểu “truong phong”",
    );
    expect(await say("/moi so khong co")).toContain("Không tìm thấy cơ quan “so khong co”");
    expect(await invites()).toEqual([]);
  });
});

describe("/task (/chitiet)", () => {
  it("names the lead, lists who has not finished, and marks replaced and partners' reports", async () => {
    const { say, core } = await coordinator();
    const rows = rowsOf(core);
    const assignment = async (agency: string) => {
      const [a] = await rows<{ id: number }>(
        "select a.id from assignments a join tasks k on k.id = a.task_id where k.ref = 'II.4' and a.agency_id = ?",
        agency,
      );
      if (!a) throw new Error(`fixture: ${agency} has II.4`);
      return a.id;
    };
    const insert = (...values: unknown[]) =>
      rows(
        `insert into reports (assignment_id, task_id, agency_id, period, status, percent, submitted_at, superseded_at)
         values (?, (select task_id from assignments where id = ?), ?, '2026-12', ?, ?, ?, ?)`,
        ...values,
      );
    const lead = await assignment("van-phong-ubnd-tinh");
    await insert(
      lead,
      lead,
      "van-phong-ubnd-tinh",
      "in_progress",
      40,
      "2027-01-05T02:00:00Z",
      "2027-01-06T02:00:00Z",
    );
    await insert(lead, lead, "van-phong-ubnd-tinh", "in_progress", 60, "2027-01-06T02:00:00Z", null);
    const partner = await assignment("so-y-te");
    await insert(partner, partner, "so-y-te", "done", 100, "2027-01-07T02:00:00Z", null);
    const detail = await say("/chitiet ii.4");
    expect(detail).toContain("Chủ trì: Văn phòng UBND tỉnh (1 đơn vị)");
    expect(detail).toContain("Chưa hoàn thành (1/1): Văn phòng UBND tỉnh");
    expect(detail).toMatch(/• Sở Y tế, kỳ 12\/2026: Hoàn thành 100% \(đơn vị phối hợp\)/);
    expect(detail).toMatch(/• Văn phòng UBND tỉnh, kỳ 12\/2026: Đang thực hiện 60%\n/);
    expect(detail).toMatch(/• Văn phòng UBND tỉnh, kỳ 12\/2026: Đang thực hiện 40% \(đã được thay thế\)/);
    // The detail behind "V.9 — 135 xã, phường": who has not finished it.
    const v9 = await say("/chitiet V.9");
    expect(v9).toContain("Chủ trì: UBND các xã, phường (135 đơn vị)");
    expect(v9).toMatch(/Chưa hoàn thành \(135\/135\): Phường [^\n]+, Xã /);
    expect(await say("/chitiet XX.1")).toContain("Không có nhiệm vụ “XX.1”");
    // Refs as typed on a phone: "v9" and "ii 4" are V.9 and II.4.
    expect(await say("/chitiet v9")).toContain("Chủ trì: UBND các xã, phường (135 đơn vị)");
    expect(await say("/chitiet ii 4")).toContain("Chủ trì: Văn phòng UBND tỉnh (1 đơn vị)");
  });
});

describe("/remind (/nhac)", () => {
  it("writes a nudge for each focal point of the agency to the outbox, now", async () => {
    const { say, core } = await coordinator();
    expect(await say("/nhac so y te")).toContain("Đã gửi nhắc nhở tới 1 cán bộ đầu mối của Sở Y tế.");
    const rows = (await core.outbox.list()).filter((r) => r.kind === "manual-remind");
    expect(rows.map((r) => [r.chatId, r.agencyId])).toEqual([["tg:1001", "so-y-te"]]);
    expect(rows[0]?.text).toBe(
      "🔔 Công an tỉnh nhắc Sở Y tế: đề nghị gửi báo cáo tiến độ kỳ tháng 01/2027 trước ngày 10/02/2027.",
    );
    expect(rows[0]?.sendAfter).toBe(new Date(NOW).toISOString());
    expect(await say("/nhac so tai chinh")).toContain("Sở Tài chính chưa có cán bộ đầu mối nào");
    expect((await core.outbox.list()).filter((r) => r.kind === "manual-remind")).toHaveLength(1);
  });
});

describe("/subscribe and /unsubscribe", () => {
  it("names the scope in words, and removes the subscription", async () => {
    const { say, core } = await coordinator();
    const sub = async () =>
      (
        await rowsOf(core)<{ scope: unknown }>(
          "select scope from subscriptions where chat_id = 'console:cong-an-tinh-coordinator'",
        )
      )[0];
    const reply = await say("/dangky I II");
    expect(reply).toContain("Đã đăng ký bản tin tuần (phạm vi lĩnh vực I, II)");
    expect(reply).not.toContain("{");
    expect(jsonValue((await sub())?.scope)).toEqual({ kind: "sections", sections: ["I", "II"] });
    expect(await say("/dangky so y te")).toContain("(phạm vi Sở Y tế)");
    expect(await say("/unsubscribe")).toContain("Đã hủy đăng ký bản tin tuần.");
    expect(await sub()).toBeUndefined();
    expect(await say("/unsubscribe")).toContain("Cuộc trò chuyện này chưa đăng ký bản tin tuần.");
  });
});

describe("/lang (/ngonngu)", () => {
  it("saves the language for the person, and the bot then speaks it", async () => {
    const s = await consoleSession({ now: NOW });
    const lang = async () =>
      (
        await rowsOf(s.core)<{ lang: string }>(
          "select lang from contacts where agency_id = 'so-y-te' and role = 'focal' order by id desc limit 1",
        )
      )[0];
    const printed = await s.type("/as so-y-te focal", "/ngonngu", "2", "/nhiemvu", "/lang", "tieng viet");
    expect(printed).toContain("Chọn ngôn ngữ / Choose your language:");
    expect(printed).toContain("2. English");
    expect(printed).toContain("Tasks of Sở Y tế");
    expect(printed).toContain("Đã chuyển sang tiếng Việt.");
    expect(await lang()).toEqual({ lang: "vi" });
    await s.type("/as so-y-te focal", "/lang", "english");
    expect(await lang()).toEqual({ lang: "en" });
  });
});

describe("/export and /missing agree on which months exist", () => {
  it("from the plan's first month to this one, written either way", async () => {
    const { say } = await coordinator();
    for (const command of ["/xuatbaocao", "/chuabaocao"]) {
      expect(await say(`${command} 2025-12`)).toContain(
        "Kế hoạch bắt đầu từ tháng 01/2026: chưa có kỳ báo cáo 12/2025.",
      );
      expect(await say(`${command} 2027-02`)).toContain("“2027-02” không phải tháng hợp lệ");
    }
    const written = await say("/xuatbaocao 11/2026 csv");
    expect(written).toContain("Báo cáo tổng hợp tháng 11/2026");
    expect(written).toMatch(/bao-cao-de-an-06-2026-11\.csv/);
    expect(await say("/chuabaocao 01/2027")).toContain("Kỳ báo cáo tháng 01/2027");
    // As people type a month in January 2027: without its year, the latest one not after now.
    expect(await say("/chuabaocao thang 12")).toContain("Kỳ báo cáo tháng 12/2026");
    expect(await say("/chuabaocao tháng 1")).toContain("Kỳ báo cáo tháng 01/2027");
    expect(await say("/chuabaocao T12/2026")).toContain("Kỳ báo cáo tháng 12/2026");
    expect(await say("/chuabaocao thang 11 nam 2026")).toContain("Kỳ báo cáo tháng 11/2026");
    expect(await say("/chuabaocao tháng trước")).toContain("Kỳ báo cáo tháng 12/2026");
    expect(await say("/xuatbaocao thang 12 csv")).toContain("Báo cáo tổng hợp tháng 12/2026");
    expect(await say("/chuabaocao thang 13")).toContain("“thang 13” không phải tháng hợp lệ");
  });

  it("answers a coordinator's question in words as the command would", async () => {
    const { say } = await coordinator();
    const missing = await say("Những đơn vị nào chưa báo cáo tháng 12 ạ?");
    expect(missing).toContain("Kỳ báo cáo tháng 12/2026");
    expect(missing).not.toContain("Gửi /baocao để báo cáo");
    expect(await say("ai chua bao cao thang truoc")).toContain("Kỳ báo cáo tháng 12/2026");
    expect(await say("don vi nao chua nop bao cao")).toContain("Kỳ báo cáo tháng");
    const overdue = await say("don vi nao tre han");
    expect(overdue).toMatch(/nhiệm vụ quá hạn tại \d+ đơn vị/);
    expect(overdue).toBe(await say("/trehan"));
    const status = await say("/tinhhinh so y te");
    expect(status).toContain("Sở Y tế — ");
    expect(await say("Sở Y tế đã báo cáo chưa?")).toBe(status);
  });
});

describe("/overdue (/trehan)", () => {
  it("orders equally late agencies by the share of this period's reports sent, then by name", async () => {
    const { say, core } = await coordinator();
    const order = async () =>
      [
        ...(await say("/trehan")).matchAll(
          /^(Sở (?:Văn hóa, Thể thao và Du lịch|Xây dựng|Y tế)) \(\d+\):$/gm,
        ),
      ].map((m) => m[1]);
    // Each is one task 20 days late and has reported nothing: by name.
    expect(await order()).toEqual(["Sở Văn hóa, Thể thao và Du lịch", "Sở Xây dựng", "Sở Y tế"]);
    // Sở Văn hóa reports one of its tasks for this period (01/2027): the other two come first.
    const rows = rowsOf(core);
    const [a] = await rows<{ id: number; task: number }>(
      `select a.id, a.task_id task from assignments a
        where a.agency_id = 'so-van-hoa-the-thao-va-du-lich' and a.role = 'lead' and a.archived_at is null
        order by a.id limit 1`,
    );
    if (!a) throw new Error("fixture: Sở Văn hóa leads a task");
    await rows(
      `insert into reports (assignment_id, task_id, agency_id, period, status, percent, channel, submitted_at)
       values (?, ?, 'so-van-hoa-the-thao-va-du-lich', '2027-01', 'in_progress', 50, 'console', ?)`,
      a.id,
      a.task,
      "2027-01-20T02:00:00.000Z",
    );
    expect(await order()).toEqual(["Sở Xây dựng", "Sở Y tế", "Sở Văn hóa, Thể thao và Du lịch"]);
  });
});
