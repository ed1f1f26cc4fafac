import { spawn } from "node:child_process";
import { describe, expect, it } from "vitest";
import { addContact } from "../../src/people/contacts.ts";
import { engineFixture, reportAll } from "../helpers/engine.ts";
import { databaseEnv, rowsOf } from "../helpers/engine-choice.ts";

const kinds = (rows: { kind: string; chatId: string }[]) => rows.map((r) => `${r.kind}@${r.chatId}`).sort();

describe("the monthly reporting cycle", () => {
  it("opens on the 1st for each agency's focal points, in their language", async () => {
    const { tick } = await engineFixture();
    const rows = await tick("2026-12-01T08:00:00+07:00");
    expect(kinds(rows.filter((r) => r.kind === "cycle-open"))).toEqual([
      "cycle-open@tg:1001",
      "cycle-open@tg:3001",
    ]);
    const yt = rows.find((r) => r.chatId === "tg:1001" && r.kind === "cycle-open");
    expect(yt?.dedupeKey).toBe("cycle:2026-11:open:gia-lai-de-an-06-2026:so-y-te:contact-1:tg:1001");
    expect(yt?.text).toContain("Kỳ báo cáo tháng 11/2026 — Sở Y tế");
    expect(yt?.text).toContain("trước ngày 10/12/2026");
    expect(yt?.text).toContain("• IV.2 Triển khai các khóa đào tạo công dân số");
    expect(yt?.choices?.[0]?.[0]?.label).toBe("📝 Báo cáo ngay");
    expect(yt?.sendAfter).toBe("2026-12-01T01:00:00.000Z");
    const vp = rows.find((r) => r.chatId === "tg:3001" && r.kind === "cycle-open");
    expect(vp?.text).toContain("Reporting period 11/2026 — Văn phòng UBND tỉnh");
    // Overdue items are listed at every opening until done: II.4 was due 30/06/2026.
    expect(vp?.text).toMatch(/II\.4 .* due 30\/06\/2026, 154 days late/);
  });

  it("nudges only agencies whose report is incomplete, working out a Saturday nudge on Monday morning", async () => {
    const { tick, core } = await engineFixture();
    await tick("2026-12-01T08:00:00+07:00");
    expect(await reportAll(core, "van-phong-ubnd-tinh", "2026-11")).toBeGreaterThan(3);
    // Saturday the 5th: nothing yet, since nothing could go out before Monday 07:30.
    expect(await tick("2026-12-05T08:00:00+07:00")).toEqual([]);
    await tick("2026-12-06T17:00:00+07:00");
    const rows = await tick("2026-12-07T07:30:00+07:00");
    expect(kinds(rows)).toEqual(["cycle-nudge5@tg:1001"]);
    expect(rows[0]?.text).toMatch(
      /^⏰ Nhắc báo cáo tháng 11\/2026 \(lần 1\) — Sở Y tế: đã báo cáo 0\/\d+ nhiệm vụ/,
    );
    expect(rows[0]?.sendAfter).toBe("2026-12-07T00:30:00.000Z");
    expect(await tick("2026-12-07T07:35:00+07:00")).toEqual([]);
  });

  it("does not nudge on Monday an agency that reported over the weekend", async () => {
    const { tick, core } = await engineFixture();
    await tick("2026-12-05T08:00:00+07:00");
    await reportAll(core, "so-y-te", "2026-11"); // Sunday
    expect(kinds(await tick("2026-12-07T08:00:00+07:00"))).toEqual([
      "cycle-nudge5@tg:3001",
      "digest@tg:-500",
    ]);
  });

  it("numbers the period's nudges 1 and 2 and never sends one after the deadline (Tết 2027)", async () => {
    const { tick } = await engineFixture();
    await tick("2026-12-01T08:00:00+07:00");
    const dec = [];
    for (const at of ["2026-12-07T07:30:00+07:00", "2026-12-08T08:00:00+07:00"])
      dec.push(...(await tick(at)).filter((r) => r.chatId === "tg:1001" && r.kind.startsWith("cycle-nudge")));
    expect(dec.map((r) => r.text.match(/\(lần \d\)/)?.[0])).toEqual(["(lần 1)", "(lần 2)"]);
    // February 2027: the break runs 4–10 February. The 8th moves back to Wednesday the 3rd; the
    // 5th could only go out on the 11th, after the deadline of the 10th, so it is dropped.
    const nudges: { kind: string; text: string; sendAfter: string }[] = [];
    for (const day of ["01", "02", "03", "04", "05", "08", "10", "11", "12"])
      nudges.push(
        ...(await tick(`2027-02-${day}T08:00:00+07:00`)).filter((r) => r.kind.startsWith("cycle-nudge")),
      );
    const yt = nudges.filter((r) => r.text.includes("Sở Y tế"));
    expect(yt.map((r) => [r.kind, r.sendAfter])).toEqual([["cycle-nudge8", "2027-02-03T01:00:00.000Z"]]);
    expect(yt[0]?.text).toContain("(lần 1)");
    expect(yt[0]?.text).toContain("Hạn: trước ngày 10/02/2027");
  });

  it("escalates to heads on the 11th and lists the missing agencies to coordinators on the 12th", async () => {
    const { tick, core } = await engineFixture();
    await reportAll(core, "van-phong-ubnd-tinh", "2026-11");
    await tick("2026-12-10T09:00:00+07:00");
    const day11 = await tick("2026-12-11T08:00:00+07:00");
    expect(kinds(day11)).toEqual(["cycle-escalate-head@tg:1002"]);
    expect(day11[0]?.text).toContain("Kính gửi lãnh đạo Sở Y tế");
    // The 12th is a Saturday: the list is drawn up on Monday at 07:30, as it then stands.
    expect(await tick("2026-12-12T08:00:00+07:00")).toEqual([]);
    const monday = await tick("2026-12-14T07:30:00+07:00");
    const day12 = monday.filter((r) => r.kind === "cycle-missing");
    expect(kinds(day12)).toEqual(["cycle-missing@tg:2001"]);
    expect(day12[0]?.text).toContain("Báo cáo tháng 11/2026 (hạn 10/12/2026)");
    expect(day12[0]?.text).toContain("• Sở Y tế: 0/");
    expect(day12[0]?.text).not.toContain("Văn phòng UBND tỉnh");
    expect(day12[0]?.sendAfter).toBe("2026-12-14T00:30:00.000Z");
  });
});

describe("due dates and the overdue ladder", () => {
  it("reminds the lead agency before the due date, saying whether the date is firm", async () => {
    const { tick, core } = await engineFixture();
    await addContact(core.store, { agency: "cong-an-tinh", role: "focal", chat: "tg:4001" });
    await tick("2026-12-16T09:00:00+07:00");
    const rows = await tick("2026-12-17T08:00:00+07:00");
    const due = rows.filter((r) => r.kind === "due");
    expect(kinds(due)).toEqual(["due@tg:1001", "due@tg:4001"]);
    expect(due.find((r) => r.chatId === "tg:1001")?.text).toMatch(/V\.6 .* — hạn 31\/12\/2026, còn 14 ngày/);
    expect(due.find((r) => r.chatId === "tg:4001")?.text).toMatch(
      /VIII\.1 .* — hạn 31\/12\/2026 \(dự kiến\), còn 14 ngày/,
    );
    expect(due.find((r) => r.chatId === "tg:1001")?.choices?.[0]?.[0]?.data).toMatch(/^rp:\d+$/);
  });

  it("tells Sunday's reminder for a Monday date on Monday, once, as due today", async () => {
    const { tick, core } = await engineFixture();
    await rowsOf(core)("update tasks set due_override = '2026-12-14' where ref = 'V.6'");
    await tick("2026-12-12T09:00:00+07:00");
    expect((await tick("2026-12-13T09:00:00+07:00")).filter((r) => r.kind === "due")).toEqual([]);
    const monday = (await tick("2026-12-14T07:30:00+07:00")).filter((r) => r.kind === "due");
    expect(kinds(monday)).toEqual(["due@tg:1001"]);
    expect(monday[0]?.text).toMatch(/V\.6 .* — hạn 14\/12\/2026, hôm nay là hạn cuối/);
    // Monday's own reminder (the day itself) is the same message: nothing more at 08:00.
    expect((await tick("2026-12-14T08:00:00+07:00")).filter((r) => r.kind === "due")).toEqual([]);
  });

  it("climbs the ladder: focal after a day, head after a week, coordinators after two", async () => {
    const { tick } = await engineFixture();
    await tick("2026-12-31T09:00:00+07:00");
    // 1 January is a public holiday: the step is told on the first working morning, Monday the
    // 4th, counting the days late from then.
    expect((await tick("2027-01-01T08:00:00+07:00")).filter((r) => r.kind.startsWith("overdue"))).toEqual([]);
    await tick("2027-01-03T20:00:00+07:00");
    const jan4 = (await tick("2027-01-04T07:30:00+07:00")).filter((r) => r.kind.startsWith("overdue"));
    expect(kinds(jan4)).toContain("overdue-focal@tg:1001");
    expect(jan4[0]?.sendAfter).toBe("2027-01-04T00:30:00.000Z");
    expect(jan4[0]?.dedupeKey).toMatch(/^overdue-focal:2027-01-04:/);
    expect(jan4.find((r) => r.chatId === "tg:1001")?.text).toContain("hạn 31/12/2026, quá 4 ngày");
    await tick("2027-01-06T09:00:00+07:00");
    expect(
      kinds((await tick("2027-01-07T08:00:00+07:00")).filter((r) => r.kind.startsWith("overdue"))),
    ).toContain("overdue-head@tg:1002");
    await tick("2027-01-13T09:00:00+07:00");
    const jan14 = (await tick("2027-01-14T08:00:00+07:00")).filter((r) => r.kind.startsWith("overdue"));
    expect(kinds(jan14)).toContain("overdue-coordinator@tg:2001");
    expect(jan14.find((r) => r.kind === "overdue-coordinator")?.text).toMatch(/Sở Y tế \(\d+\):\n• V\.6 /);
  });
});

describe("ticks", () => {
  it("send nothing new when run twice", async () => {
    const { tick, core } = await engineFixture();
    const first = await tick("2026-12-01T08:00:00+07:00");
    expect(first.length).toBeGreaterThan(2);
    expect(await tick("2026-12-01T08:00:00+07:00")).toEqual([]);
    expect(await tick("2026-12-01T08:05:00+07:00")).toEqual([]);
    expect(await core.outbox.list()).toHaveLength(first.length);
  });

  it("catch up on a weekend the server was down, and post the Monday digest", async () => {
    const { tick } = await engineFixture();
    await tick("2026-12-04T17:00:00+07:00");
    const monday = await tick("2026-12-07T08:00:00+07:00");
    expect(kinds(monday)).toEqual(["cycle-nudge5@tg:1001", "cycle-nudge5@tg:3001", "digest@tg:-500"]);
    const digest = monday.find((r) => r.kind === "digest");
    expect(digest?.text).toContain("Bản tin tuần 07/12/2026 — toàn kế hoạch");
    expect(digest?.text).toMatch(/Báo cáo tháng 11\/2026 \(hạn 10\/12\/2026\): 0\/\d+ đơn vị/);
    expect(digest?.text).toContain("Quá hạn theo đơn vị (nặng nhất trước):");
  });

  it("do not flood a first start with stale reminders, and catch up at most 7 days", async () => {
    const fresh = await engineFixture();
    // Today's only: the digest, and Saturday's nudge, which could not go out before this morning.
    expect((await fresh.tick("2026-12-07T08:00:00+07:00")).map((r) => r.kind)).toEqual([
      "cycle-nudge5",
      "cycle-nudge5",
      "digest",
    ]);
    expect((await fresh.tick("2026-12-07T09:00:00+07:00")).map((r) => r.kind)).toEqual([]);
    const late = await engineFixture();
    await late.tick("2026-12-01T09:00:00+07:00");
    const rows = await late.tick("2026-12-20T09:00:00+07:00");
    // 11, 8 and 5 December are more than 7 days back (the coordinators are told); the 12th's
    // missing list (a Saturday, so drawn up on Monday the 14th), the 14th's digest and
    // coordinators' overdue list (V.9, due 30/11, every commune) and the 17th's reminders are
    // not, and are told as of Monday the 21st, when they can go out.
    expect([...new Set(rows.map((r) => r.kind))].sort()).toEqual([
      "cycle-missing",
      "digest",
      "due",
      "missed-work",
      "overdue-coordinator",
    ]);
    // V.9 is late at all 135 communes: one line pointing at its detail, not 135 blocks.
    const list = rows.filter((r) => r.kind === "overdue-coordinator");
    expect(list.map((r) => r.dedupeKey)).toEqual([
      "overdue-coordinator:2026-12-21:gia-lai-de-an-06-2026:contact-4:tg:2001",
    ]);
    expect(list[0]?.text).toMatch(
      /^• V\.9 .* — hạn 30\/11\/2026, quá 21 ngày — 135 xã, phường chưa hoàn thành; \/chitiet V\.9$/m,
    );
    expect(list[0]?.text).not.toContain("Xã ");
    // The day-12 list, too: the communes owe the same tasks, one line per task.
    const missing = rows.find((r) => r.kind === "cycle-missing")?.text ?? "";
    expect(missing).toMatch(/^• V\.9 .* — 135 xã, phường chưa báo cáo; \/chitiet V\.9$/m);
    expect(missing.split("\n").length).toBeLessThan(40);
  });

  it("write each message once when two processes tick at the same instant", {
    timeout: 120_000,
  }, async () => {
    const { core } = await engineFixture();
    const run = () =>
      new Promise<number>((resolve) => {
        const child = spawn(
          process.execPath,
          ["--import", "tsx", "src/cli/index.ts", "tick", "--at", "2026-12-01T08:00:00+07:00"],
          {
            env: {
              ...process.env,
              ...databaseEnv(core),
              REDIS_URL: "redis://127.0.0.1:1",
              LOG_LEVEL: "silent",
            },
            stdio: "ignore",
          },
        );
        child.on("exit", (code) => resolve(code ?? -1));
      });
    const codes = await Promise.all([run(), run()]);
    expect(codes).toEqual([0, 0]);
    const rows = await core.outbox.list();
    expect(rows.length).toBe(3);
    expect(new Set(rows.map((r) => r.dedupeKey)).size).toBe(rows.length);
  });
});
