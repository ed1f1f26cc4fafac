import { describe, expect, it } from "vitest";
import { addContact } from "../../src/people/contacts.ts";
import type { NewLeave } from "../../src/store/leave.ts";
import { agreed } from "../helpers/consent.ts";
import { engineFixture } from "../helpers/engine.ts";
import { rowsOf } from "../helpers/engine-choice.ts";

type Fixture = Awaited<ReturnType<typeof engineFixture>>;
type Row = Awaited<ReturnType<Fixture["tick"]>>[number];

const at = (r: Row) => `${r.kind}@${r.chatId}`;
const ofYt = (rows: Row[]) =>
  rows
    .filter((r) => r.agencyId === "so-y-te")
    .map(at)
    .sort();

async function onLeave(f: Fixture, from: string, to: string, extra: Partial<NewLeave> = {}) {
  const leave = { contactId: f.people.ytFocal, agencyId: "so-y-te", from, to, setById: null, ...extra };
  return (await f.core.store.leave.set(leave, new Date())).id;
}

async function colleague(f: Fixture, role: "focal" | "head", chat: string, name: string) {
  return agreed(f.core.store, (await addContact(f.core.store, { agency: "so-y-te", role, chat, name })).id);
}

describe("reminders while a focal point is on leave", () => {
  it("go to the head, with a line saying why, when the agency has nobody else", async () => {
    const f = await engineFixture();
    await onLeave(f, "2026-11-30", "2026-12-04");
    const rows = await f.tick("2026-12-01T08:00:00+07:00");
    // The opening and the day's due-date reminder alike.
    expect(ofYt(rows)).toEqual(["cycle-open@tg:1002", "due@tg:1002"]);
    const head = rows.find((r) => r.chatId === "tg:1002");
    expect(head?.text).toMatch(
      /^👤 Đầu mối Y tế nghỉ phép đến hết 04\/12\/2026 và đơn vị không có ai nhận thay, nên tin này gửi lãnh đạo đơn vị\.\n\n📋 Kỳ báo cáo tháng 11\/2026 — Sở Y tế/,
    );
    // Other agencies are untouched.
    expect(rows.map(at)).toContain("cycle-open@tg:3001");
  });

  it("go to the named deputy instead, with a line naming whom they stand in for", async () => {
    const f = await engineFixture();
    const deputy = await colleague(f, "head", "tg:1004", "Phó Giám đốc");
    await onLeave(f, "2026-11-30", "2026-12-04", { deputyId: deputy });
    const rows = await f.tick("2026-12-01T08:00:00+07:00");
    expect(ofYt(rows)).toEqual(["cycle-open@tg:1004", "due@tg:1004"]);
    expect(rows.find((r) => r.chatId === "tg:1004")?.text).toMatch(
      /^👤 Anh\/chị nhận tin này thay Đầu mối Y tế \(nghỉ phép đến hết 04\/12\/2026\)\./,
    );
    expect(rows.find((r) => r.chatId === "tg:1004")?.dedupeKey).toContain(`:contact-${deputy}:tg:1004`);
  });

  it("go to the head when the deputy is away too", async () => {
    const f = await engineFixture();
    const deputy = await colleague(f, "head", "tg:1004", "Phó Giám đốc");
    await onLeave(f, "2026-11-30", "2026-12-04", { deputyId: deputy });
    await f.core.store.leave.set(
      { contactId: deputy, agencyId: "so-y-te", from: "2026-12-01", to: "2026-12-01", setById: null },
      new Date(),
    );
    const rows = await f.tick("2026-12-01T08:00:00+07:00");
    // Both heads get the focal point's messages, each with the line saying why.
    expect(ofYt(rows)).toEqual(["cycle-open@tg:1002", "cycle-open@tg:1004", "due@tg:1002", "due@tg:1004"]);
    expect(rows.find((r) => r.chatId === "tg:1004")?.text).toMatch(/^👤 Đầu mối Y tế nghỉ phép đến hết/);
  });

  it("go to the agency's other focal points, as always, without a note", async () => {
    const f = await engineFixture();
    await colleague(f, "focal", "tg:1003", "Đầu mối 2");
    await onLeave(f, "2026-11-30", "2026-12-04");
    const rows = await f.tick("2026-12-01T08:00:00+07:00");
    expect(ofYt(rows)).toEqual(["cycle-open@tg:1003", "due@tg:1003"]);
    expect(rows.find((r) => r.chatId === "tg:1003")?.text).toMatch(/^📋 Kỳ báo cáo tháng 11\/2026 — Sở Y tế/);
  });

  it("come back to the person once the leave is over", async () => {
    const f = await engineFixture();
    await onLeave(f, "2026-11-01", "2026-11-30");
    // Back on Tuesday 1 December: reminders, and the welcome.
    expect(ofYt(await f.tick("2026-12-01T08:00:00+07:00"))).toEqual([
      "cycle-open@tg:1001",
      "due@tg:1001",
      "leave-welcome@tg:1001",
    ]);
  });

  it("route the due-date reminder and the nudge the same way", async () => {
    const f = await engineFixture();
    await f.tick("2026-12-06T17:00:00+07:00");
    await onLeave(f, "2026-12-07", "2026-12-31");
    const rows = await f.tick("2026-12-07T07:30:00+07:00");
    expect(ofYt(rows)).toEqual(["cycle-nudge5@tg:1002"]);
    expect(rows.find((r) => r.chatId === "tg:1002")?.text).toContain("nghỉ phép đến hết 31/12/2026");
    await f.tick("2026-12-23T17:00:00+07:00");
    const due = await f.tick("2026-12-24T08:00:00+07:00");
    expect(ofYt(due)).toEqual(["due@tg:1002"]);
  });
});

describe("the overdue ladder", () => {
  /** Y tế's overdue steps (V.6 was due 31/12/2026), by the day they were written. */
  async function ladder(f: Fixture, days: string[]) {
    const steps: string[] = [];
    for (const day of days)
      for (const r of await f.tick(`2027-01-${day}T08:00:00+07:00`))
        if (r.agencyId === "so-y-te" && r.kind.startsWith("overdue")) steps.push(`${day} ${at(r)}`);
    return steps;
  }
  const JANUARY = ["04", "05", "06", "07", "08", "11", "12", "13", "14", "15", "18"];

  it("climbs as usual when someone can answer", async () => {
    const f = await engineFixture();
    await f.tick("2026-12-31T09:00:00+07:00");
    expect(await ladder(f, JANUARY)).toEqual(["04 overdue-focal@tg:1001", "07 overdue-head@tg:1002"]);
  });

  it("does not count the days the agency had nobody to answer", async () => {
    const f = await engineFixture();
    await f.tick("2026-12-31T09:00:00+07:00");
    // Away 1–8 January with nobody standing in: the first day that counts is Saturday the 9th,
    // told on Monday the 11th; seven counted days fall on the 15th.
    await onLeave(f, "2027-01-01", "2027-01-08");
    expect(await ladder(f, JANUARY)).toEqual(["11 overdue-focal@tg:1001", "15 overdue-head@tg:1002"]);
  });

  it("keeps counting when a deputy answers meanwhile", async () => {
    const f = await engineFixture();
    await f.tick("2026-12-31T09:00:00+07:00");
    const deputy = await colleague(f, "focal", "tg:1003", "Đầu mối 2");
    await onLeave(f, "2027-01-01", "2027-01-08");
    // Another focal point is there: the agency could answer all along.
    const steps = await ladder(f, JANUARY);
    expect(steps).toEqual(["04 overdue-focal@tg:1003", "07 overdue-head@tg:1002"]);
    expect(deputy).toBeGreaterThan(0);
  });
});

describe("back from leave", () => {
  it("welcomes the person on the first working day after, with what happened meanwhile", async () => {
    const f = await engineFixture();
    const rows = rowsOf(f.core);
    await onLeave(f, "2026-12-01", "2026-12-04");
    const opened = await f.tick("2026-12-01T08:00:00+07:00");
    // The head's copy of the opening went out; a report was made for the agency meanwhile.
    const headCopy = opened.find((r) => r.chatId === "tg:1002");
    await rows(
      "update outbox set state = 'sent', sent_at = ? where id = ?",
      "2026-12-01T01:05:00.000Z",
      headCopy?.id,
    );
    const [a] = await rows<{ id: number; task_id: number }>(
      "select a.id, a.task_id from assignments a join tasks t on t.id = a.task_id where a.agency_id = 'so-y-te' and t.ref = 'V.6'",
    );
    await rows(
      `insert into reports (assignment_id, task_id, agency_id, period, status, percent, submitted_at)
       values (?, ?, 'so-y-te', '2026-11', 'in_progress', 40, '2026-12-02T03:00:00.000Z')`,
      a?.id,
      a?.task_id,
    );
    await f.tick("2026-12-06T17:00:00+07:00");
    const back = (await f.tick("2026-12-07T08:00:00+07:00")).filter((r) => r.kind === "leave-welcome");
    expect(back.map(at)).toEqual(["leave-welcome@tg:1001"]);
    const text = back[0]?.text ?? "";
    expect(text).toMatch(
      /^👋 Chào mừng anh\/chị trở lại sau kỳ nghỉ phép 01\/12\/2026 – 04\/12\/2026 \(Sở Y tế\)\./,
    );
    expect(text).toContain(
      "Trong thời gian nghỉ: 1 báo cáo của đơn vị đã gửi; 1 tin nhắc việc đã gửi tới đơn vị.",
    );
    expect(text).toMatch(/Nhiệm vụ quá hạn hoặc sắp đến hạn \(\d+\):\n• /);
    expect(await f.tick("2026-12-07T08:05:00+07:00")).toEqual([]);
  });

  it("does not welcome back someone who ended their leave early", async () => {
    const f = await engineFixture();
    const id = await onLeave(f, "2026-12-01", "2026-12-04");
    await f.core.store.leave.end(id, "2026-12-02", new Date());
    await f.tick("2026-12-06T17:00:00+07:00");
    expect((await f.tick("2026-12-07T08:00:00+07:00")).filter((r) => r.kind === "leave-welcome")).toEqual([]);
  });
});

describe("leave in storage", () => {
  it("replaces an overlapping leave, tells who is away on a day, and ends a leave", async () => {
    const f = await engineFixture();
    const { leave } = f.core.store;
    const deputy = await colleague(f, "head", "tg:1004", "Phó Giám đốc");
    const first = await onLeave(f, "2026-12-10", "2026-12-20", { deputyId: deputy });
    const again = await leave.set(
      {
        contactId: f.people.ytFocal,
        agencyId: "so-y-te",
        from: "2026-12-15",
        to: "2026-12-24",
        setById: null,
      },
      new Date(),
    );
    expect(again).toEqual({
      id: first,
      before: {
        id: first,
        contactId: f.people.ytFocal,
        agencyId: "so-y-te",
        from: "2026-12-10",
        to: "2026-12-20",
        deputyId: deputy,
      },
    });
    expect([...(await leave.current("2026-12-15"))]).toEqual([
      [f.people.ytFocal, { from: "2026-12-15", to: "2026-12-24", deputyId: deputy }],
    ]);
    expect((await leave.current("2026-12-12")).size).toBe(0);
    expect(await leave.standingInFor(deputy, "so-y-te", "2026-12-16")).toBe(f.people.ytFocal);
    expect(await leave.standingInFor(deputy, "so-y-te", "2026-12-25")).toBeUndefined();
    await leave.end(first, "2026-12-16", new Date());
    expect((await leave.current("2026-12-17")).size).toBe(0);
    expect((await leave.spans()).map((s) => [s.from, s.to])).toEqual([["2026-12-15", "2026-12-16"]]);
    // A leave called off before it began is no leave at all.
    const later = await onLeave(f, "2027-01-10", "2027-01-12");
    await leave.end(later, "2027-01-05", new Date());
    expect(await leave.spans()).toHaveLength(1);
    expect(await leave.ofContact(f.people.ytFocal, "2027-01-01")).toBeUndefined();
  });
});
