import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { engines, type Seeded } from "./engines.ts";

const now = new Date("2026-12-01T03:00:00Z");

describe.each(engines())("store: reports ($name)", (engine) => {
  let o: Seeded;
  let contactId: number;
  beforeAll(async () => {
    o = await engine.seeded();
    await o.store.people.addContact(
      { agencyId: "so-y-te", role: "focal", chatId: "tg:42", lang: "vi" },
      now.toISOString(),
    );
    contactId = (await o.store.people.actor("tg:42"))?.contacts[0]?.id as number;
  });

  it("lists an agency's live assignments as the old query did, leads first, typed", async () => {
    const mine = await o.store.reports.assignmentsOf("so-y-te");
    expect(mine.length).toBeGreaterThan(10);
    const roles = mine.map((a) => a.role);
    expect(roles).toEqual([...roles].sort());
    if (o.sqlite) {
      const order = o.sqlite
        .prepare(
          `select a.id id from assignments a join tasks t on t.id = a.task_id
            where a.agency_id = ? and a.archived_at is null and t.archived_at is null
            order by case a.role when 'lead' then 0 else 1 end, t.position`,
        )
        .all("so-y-te") as { id: number }[];
      expect(mine.map((a) => a.assignmentId)).toEqual(order.map((r) => r.id));
    }
    expect(mine.every((a) => typeof a.indicative === "boolean")).toBe(true);
    expect(await o.store.reports.assignmentsOf("nobody")).toEqual([]);
  });

  it("finds one assignment only for its own agency", async () => {
    const [first] = await o.store.reports.assignmentsOf("so-y-te");
    const id = first?.assignmentId as number;
    expect(await o.store.reports.assignmentFor("so-y-te", id)).toEqual(first);
    expect(await o.store.reports.assignmentFor("cong-an-tinh", id)).toBeUndefined();
  });

  it("a second report of the month supersedes the first, keeps the history and ends the flow", async () => {
    const [a] = await o.store.reports.assignmentsOf("so-y-te");
    if (!a) throw new Error("no assignment");
    expect(await o.store.reports.lastReport(a.assignmentId)).toBeUndefined();
    const base = { assignmentId: a.assignmentId, taskId: a.taskId, agencyId: "so-y-te", period: "2026-11" };
    const who = { contactId, chatId: "tg:42", channel: "telegram" };
    await o.store.flows.start("tg:42", contactId, "report", "summary", {}, now);
    const first = await o.store.reports.save(
      { ...base, ...who, status: "in_progress", percent: 40, evidence: [] },
      now,
    );
    expect(await o.store.flows.get("tg:42", now)).toBeUndefined();
    const later = new Date(now.getTime() + 60_000);
    const evidence = [{ kind: "link", url: "https://example.org/a" }];
    const second = await o.store.reports.save(
      { ...base, ...who, status: "done", description: "xong", count: 3, evidence },
      later,
    );
    expect(second).toBeGreaterThan(first);
    expect(await o.store.reports.lastReport(a.assignmentId)).toEqual({
      period: "2026-11",
      status: "done",
      percent: null,
      count: 3,
      description: "xong",
      evidence,
    });
    const [now1] = (await o.store.reports.assignmentsOf("so-y-te")).filter(
      (x) => x.assignmentId === a.assignmentId,
    );
    expect(now1).toMatchObject({ status: "done", percent: null });
    const history = await o.store.reports.taskHistory(a.taskId);
    expect(history).toEqual([
      expect.objectContaining({ agency: "Sở Y tế", status: "done", superseded: null, role: a.role }),
      expect.objectContaining({ status: "in_progress", percent: 40, superseded: later.toISOString() }),
    ]);
    // Another month is another report, not a replacement.
    await o.store.reports.save({ ...base, ...who, period: "2026-12", status: "blocked" }, later);
    expect((await o.store.reports.taskHistory(a.taskId)).filter((h) => h.superseded === null)).toHaveLength(
      2,
    );
    // A typed 85,5% fits the integer column on both engines.
    await o.store.reports.save(
      { ...base, ...who, period: "2026-10", status: "in_progress", percent: 85.5 },
      later,
    );
    expect(await o.store.reports.lastReport(a.assignmentId)).toMatchObject({
      period: "2026-10",
      percent: 86,
    });
    // A task picked by button: the assignment and its last answers, as the two reads give them.
    expect(await o.store.reports.picked("so-y-te", a.assignmentId)).toEqual({
      assignment: await o.store.reports.assignmentFor("so-y-te", a.assignmentId),
      last: await o.store.reports.lastReport(a.assignmentId),
    });
    const [, never] = await o.store.reports.assignmentsOf("so-y-te");
    expect(await o.store.reports.picked("so-y-te", never?.assignmentId as number)).toEqual({
      assignment: never,
      last: undefined,
    });
    expect(await o.store.reports.picked("cong-an-tinh", a.assignmentId)).toBeUndefined();
  });

  it("finds the buttons of a sent message across its parts", async () => {
    const row = (key: string, messageId: string, choices: { label: string; data: string }[][] | null) => ({
      dedupeKey: key,
      chatId: "tg:42",
      kind: "reminder",
      text: "x",
      choices,
      sendAfter: now.toISOString(),
      createdAt: now.toISOString(),
      platformMessageId: messageId,
      state: "sent" as const,
    });
    await o.q.db
      .insert(o.q.t.outbox)
      .values([
        row("r:1#1", "m1", null),
        row("r:1#2", "m2", [[{ label: "Báo cáo", data: "rp:7" }]]),
        row("r:10#1", "m3", [[{ label: "Báo cáo", data: "rp:9" }]]),
      ]);
    expect(await o.store.reports.sentChoices("tg:42", "m1")).toEqual([
      [[{ label: "Báo cáo", data: "rp:7" }]],
    ]);
    expect(await o.store.reports.sentChoices("tg:42", "m9")).toBeUndefined();
    expect(await o.store.reports.sentChoices("tg:other", "m1")).toBeUndefined();
  });

  it("leaves one current report when several are saved for a month at once", async () => {
    const [, a] = await o.store.reports.assignmentsOf("so-y-te");
    if (!a) throw new Error("no second assignment");
    const base = { assignmentId: a.assignmentId, taskId: a.taskId, agencyId: "so-y-te", period: "2026-10" };
    const who = { contactId, chatId: "tg:42", channel: "telegram" };
    await Promise.all(
      ["in_progress", "done", "blocked", "in_progress"].map((status) =>
        o.store.reports.save({ ...base, ...who, status: status as "done" }, now),
      ),
    );
    const r = o.q.t.reports;
    const rows = await o.q.db
      .select({ superseded: r.supersededAt })
      .from(r)
      .where(and(eq(r.assignmentId, a.assignmentId), eq(r.period, "2026-10")));
    expect(rows).toHaveLength(4);
    expect(rows.filter((x) => x.superseded === null)).toHaveLength(1);
  });

  it("links a chat to one contact when the same person is added twice at once", async () => {
    const input = { agencyId: "so-y-te", role: "focal" as const, chatId: "tg:43", lang: "vi" as const };
    const added = await Promise.all([1, 2, 3].map(() => o.store.people.addContact(input, now.toISOString())));
    expect(new Set(added.map((x) => x.id)).size).toBe(1);
    expect(added.filter((x) => x.created)).toHaveLength(1);
  });
});

describe.each(engines())("store: targets ($name)", (engine) => {
  it("lists tracked targets as the plan orders them, stores values and ends the flow", async () => {
    const o = await engine.seeded();
    const own = await o.store.targets.trackedBy("cong-an-tinh");
    expect(own.length).toBeGreaterThanOrEqual(32);
    expect(new Set(own.map((t) => t.id)).size).toBe(own.length);
    if (o.sqlite) {
      const old = o.sqlite
        .prepare(
          `select distinct t.id id from targets t join target_trackers tt on tt.target_id = t.id
           where t.archived_at is null and (tt.agency_id = ? or tt.group_id in (select group_id from group_members where agency_id = ?))
           order by t.position`,
        )
        .all("cong-an-tinh", "cong-an-tinh") as { id: number }[];
      expect(own.map((t) => t.id)).toEqual(old.map((r) => r.id));
    }
    expect(Object.keys(own[0] ?? {}).sort()).toEqual([
      "id",
      "planId",
      "ref",
      "t2026",
      "t2030",
      "title",
      "unit",
      "v2026",
    ]);
    expect(await o.store.targets.trackedBy("nobody")).toEqual([]);
    const target = own[0]?.id as number;
    expect(await o.store.targets.lastReported(target, "cong-an-tinh")).toBeUndefined();
    await o.store.flows.start("tg:7", null, "kpi", "confirm", {}, now);
    const report = {
      targetId: target,
      agencyId: "cong-an-tinh",
      period: "2026-11",
      contactId: null,
      chatId: "tg:7",
    };
    await o.store.targets.save({ ...report, valueText: "50%", value: 50 }, now);
    expect(await o.store.flows.get("tg:7", now)).toBeUndefined();
    await o.store.targets.save({ ...report, valueText: "Đạt", value: null }, now);
    expect(await o.store.targets.lastReported(target, "cong-an-tinh")).toBe("Đạt");
    expect(await o.store.targets.lastReported(target, "so-y-te")).toBeUndefined();
    expect(await o.q.db.select().from(o.q.t.targetReports)).toHaveLength(2);
  });
});
