import { describe, expect, it } from "vitest";
import { addContact } from "../../src/people/contacts.ts";
import type { NewLeave } from "../../src/store/leave.ts";
import { agreed } from "../helpers/consent.ts";
import { engineFixture } from "../helpers/engine.ts";

type Fixture = Awaited<ReturnType<typeof engineFixture>>;
type Row = Awaited<ReturnType<Fixture["tick"]>>[number];

const HEAD_AWAY =
  "🏖 Lãnh đạo Sở Y tế (Giám đốc Y tế) nghỉ phép đến hết 15/01/2027 và không ủy quyền ai: tin gửi lãnh đạo chưa có người đọc, anh/chị nên liên hệ người khác của đơn vị.";

async function away(f: Fixture, contactId: number, from: string, to: string, extra: Partial<NewLeave> = {}) {
  const leave = { contactId, agencyId: "so-y-te", from, to, setById: null, ...extra };
  return (await f.core.store.leave.set(leave, new Date())).id;
}

async function colleague(f: Fixture, role: "focal" | "head", chat: string, name: string) {
  return agreed(f.core.store, (await addContact(f.core.store, { agency: "so-y-te", role, chat, name })).id);
}

/**
 * January 2027 from the 4th to the 14th, one tick a morning: the overdue ladder's head step
 * (V.6 was due 31/12/2026) on the 7th, the escalation on the 11th, the coordinators' missing
 * list on the 12th and their overdue step on the 14th.
 */
async function january(f: Fixture): Promise<Row[]> {
  await f.tick("2026-12-31T09:00:00+07:00");
  const rows: Row[] = [];
  for (const day of ["04", "05", "06", "07", "08", "11", "12", "13", "14"])
    rows.push(...(await f.tick(`2027-01-${day}T08:00:00+07:00`)));
  return rows;
}

const headKinds = (rows: Row[]) =>
  rows
    .filter((r) => r.kind === "overdue-head" || r.kind === "cycle-escalate-head")
    .map((r) => `${r.kind}@${r.chatId}`)
    .sort();
const toCoordinators = (rows: Row[]) =>
  rows.filter((r) => r.chatId === "tg:2001" && ["cycle-missing", "overdue-coordinator"].includes(r.kind));

describe("messages to a head on leave", () => {
  it("go to the deputy the head named, with a line naming whom they stand in for", async () => {
    const f = await engineFixture();
    const deputy = await colleague(f, "focal", "tg:1003", "Chánh Văn phòng");
    await away(f, f.people.ytHead, "2027-01-04", "2027-01-15", { deputyId: deputy });
    const rows = await january(f);
    expect(headKinds(rows)).toEqual(["cycle-escalate-head@tg:1003", "overdue-head@tg:1003"]);
    for (const r of rows.filter((x) => x.kind === "overdue-head" || x.kind === "cycle-escalate-head")) {
      expect(r.text).toMatch(
        /^👤 Anh\/chị nhận tin này thay Giám đốc Y tế \(nghỉ phép đến hết 15\/01\/2027\)\.\n\n/,
      );
      expect(r.dedupeKey).toContain(`:contact-${deputy}:tg:1003`);
    }
    // The deputy reads the head's messages: the coordinators need not phone anyone.
    const told = toCoordinators(rows);
    expect(told.map((r) => r.kind).sort()).toEqual(["cycle-missing", "overdue-coordinator"]);
    for (const r of told) expect(r.text).not.toContain("🏖");
  });

  it("still go to the head when nobody stands in, and the coordinators are told the head is away", async () => {
    const f = await engineFixture();
    await away(f, f.people.ytHead, "2027-01-04", "2027-01-15");
    const rows = await january(f);
    expect(headKinds(rows)).toEqual(["cycle-escalate-head@tg:1002", "overdue-head@tg:1002"]);
    expect(rows.find((r) => r.kind === "overdue-head")?.text).not.toMatch(/^👤/);
    const told = toCoordinators(rows);
    expect(told.map((r) => r.kind).sort()).toEqual(["cycle-missing", "overdue-coordinator"]);
    for (const r of told) expect(r.text).toContain(HEAD_AWAY);
    // Only the agency whose head is away is named.
    for (const r of told) expect(r.text.match(/🏖/g)).toHaveLength(1);
  });

  it("go to the head when the deputy is away too, and the coordinators are told", async () => {
    const f = await engineFixture();
    const deputy = await colleague(f, "focal", "tg:1003", "Chánh Văn phòng");
    await away(f, f.people.ytHead, "2027-01-04", "2027-01-15", { deputyId: deputy });
    await away(f, deputy, "2027-01-06", "2027-01-13");
    const rows = await january(f);
    // The 7th and the 11th fall in the deputy's leave.
    expect(headKinds(rows)).toEqual(["cycle-escalate-head@tg:1002", "overdue-head@tg:1002"]);
    const missing = toCoordinators(rows).find((r) => r.kind === "cycle-missing");
    expect(missing?.text).toContain(HEAD_AWAY);
    // On the 14th the deputy is back and reads them: nothing to tell.
    const overdue = toCoordinators(rows).find((r) => r.kind === "overdue-coordinator");
    expect(overdue?.text).not.toContain("🏖");
  });

  it("are not rerouted when another head is there", async () => {
    const f = await engineFixture();
    await colleague(f, "head", "tg:1004", "Phó Giám đốc");
    await away(f, f.people.ytHead, "2027-01-04", "2027-01-15");
    const rows = await january(f);
    expect(headKinds(rows)).toEqual([
      "cycle-escalate-head@tg:1002",
      "cycle-escalate-head@tg:1004",
      "overdue-head@tg:1002",
      "overdue-head@tg:1004",
    ]);
    for (const r of toCoordinators(rows)) expect(r.text).not.toContain("🏖");
  });

  it("welcome the head back on the first working day after", async () => {
    const f = await engineFixture();
    await away(f, f.people.ytHead, "2027-01-04", "2027-01-08");
    await f.tick("2027-01-08T09:00:00+07:00");
    await f.tick("2027-01-10T17:00:00+07:00");
    const back = (await f.tick("2027-01-11T08:00:00+07:00")).filter((r) => r.kind === "leave-welcome");
    expect(back.map((r) => r.chatId)).toEqual(["tg:1002"]);
    expect(back[0]?.text).toMatch(
      /^👋 Chào mừng anh\/chị trở lại sau kỳ nghỉ phép 04\/01\/2027 – 08\/01\/2027 \(Sở Y tế\)\./,
    );
  });
});

describe("a focal point away with nobody standing in, and a head away with a deputy", () => {
  it("sends the focal point's reminders to the head's deputy, with both lines", async () => {
    const f = await engineFixture();
    const clerk = await agreed(
      f.core.store,
      (await addContact(f.core.store, { agency: "so-y-te", role: "admin", chat: "tg:1005", name: "Thư ký" }))
        .id,
    );
    await away(f, f.people.ytFocal, "2026-11-30", "2026-12-04");
    await away(f, f.people.ytHead, "2026-11-30", "2026-12-02", { deputyId: clerk });
    const rows = (await f.tick("2026-12-01T08:00:00+07:00")).filter((r) => r.agencyId === "so-y-te");
    expect(rows.map((r) => `${r.kind}@${r.chatId}`).sort()).toEqual(["cycle-open@tg:1005", "due@tg:1005"]);
    expect(rows[0]?.text).toMatch(
      /^👤 Đầu mối Y tế nghỉ phép đến hết 04\/12\/2026 và đơn vị không có ai nhận thay, nên tin này gửi lãnh đạo đơn vị\.\n👤 Anh\/chị nhận tin này thay Giám đốc Y tế \(nghỉ phép đến hết 02\/12\/2026\)\.\n\n/,
    );
  });
});
