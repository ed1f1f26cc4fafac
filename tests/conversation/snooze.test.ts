import { describe, expect, it } from "vitest";
import { bindSnooze } from "../../src/choice-data.ts";
import { ConversationRouter, type RouterOptions } from "../../src/conversation/router.ts";
import { conversationDeps } from "../../src/core.ts";
import type { OutboxRow } from "../../src/engine/outbox.ts";
import { createLogger } from "../../src/logger.ts";
import { addContact } from "../../src/people/contacts.ts";
import { agreed } from "../helpers/consent.ts";
import { engineFixture, reportAll } from "../helpers/engine.ts";
import { jsonValue, rowsOf } from "../helpers/engine-choice.ts";
import { askV6 } from "../helpers/extension.ts";

const at = (local: string) => new Date(`${local}+07:00`);

/** The shipped plan's cast (Sở Y tế's focal point on tg:1001, its head on tg:1002) and a router. */
async function fixture() {
  const f = await engineFixture();
  let now = at("2026-12-07T09:00:00");
  const router = new ConversationRouter(
    conversationDeps(f.core, () => now),
    createLogger("silent"),
  );
  const rows = rowsOf(f.core);
  /** Delivers a written row as the worker does, and remembers its menu as text channels do. */
  const deliver = async (row: OutboxRow | undefined, messageId: string) => {
    if (!row) throw new Error("nothing to deliver");
    const claimed = await f.core.outbox.claim(row.chatId, row.sendAfter);
    expect(claimed?.id).toBe(row.id);
    await f.core.outbox.markSent(row.id, messageId, now.toISOString());
    const choices = bindSnooze(row.choices, row.id);
    if (choices) await router.flows.setMenu(row.chatId, choices.flat(), now);
    return row.id;
  };
  const say = async (
    chatId: string,
    input: { text?: string; choice?: string },
    options: RouterOptions = {},
  ) =>
    (
      await router.handle(
        { chatId, chatType: "private", userId: chatId, channel: "telegram", ...input },
        options,
      )
    )
      .map((r) => ({ text: r.text, choices: (r.choices ?? []).flat() }))
      .at(-1);
  const snoozed = () =>
    rows<{
      contact_id: number;
      assignment_id: number;
      from_outbox_id: number;
      outbox_id: number;
      option: string;
      until: string;
    }>("select contact_id, assignment_id, from_outbox_id, outbox_id, option, until from snoozes order by id");
  const outboxByKey = async (key: string) => {
    const [row] = await rows<{ id: number }>("select id from outbox where dedupe_key = ?", key);
    return row ? f.core.outbox.get(row.id) : undefined;
  };
  return {
    ...f,
    rows,
    router,
    deliver,
    say,
    snoozed,
    outboxByKey,
    setNow: (d: Date) => {
      now = d;
    },
  };
}

describe("snoozing a reminder", () => {
  it("offers only times before the nudge's deadline, writes the message again for the time chosen, once", async () => {
    const f = await fixture();
    const written = await f.tick("2026-12-07T07:30:00+07:00");
    const nudge = written.find((r) => r.kind === "cycle-nudge5" && r.chatId === "tg:1001");
    expect(nudge?.choices).toEqual([
      [
        { label: "📝 Báo cáo ngay", data: "rp" },
        { label: "⏰ Nhắc lại sau", data: "sz" },
      ],
    ]);
    expect(nudge?.guard?.deadline).toBe("2026-12-10");
    const id = await f.deliver(nudge, "m1");

    const offer = await f.say("tg:1001", { choice: `sz:${id}` });
    expect(offer?.text).toBe(
      "⏰ Nhắc lại vào lúc nào?\nCác thời điểm sau hạn 10/12/2026 không được đề xuất.",
    );
    // Monday the 14th is after the deadline of the 10th: not offered.
    expect(offer?.choices).toEqual([
      { label: "Sau 2 tiếng (lúc 11:00)", data: `sz:${id}:h2` },
      { label: "Sáng mai (thứ Ba 08/12)", data: `sz:${id}:am` },
    ]);

    const done = await f.say("tg:1001", { choice: `sz:${id}:am` });
    expect(done?.text).toBe("⏰ Đã hẹn: bot sẽ nhắc lại lúc 07:30 thứ Ba 08/12/2026.");
    const again = await f.outboxByKey(`snooze:${id}`);
    expect(again).toMatchObject({
      chatId: "tg:1001",
      contactId: nudge?.contactId,
      kind: "snooze",
      state: "pending",
      sendAfter: "2026-12-08T00:30:00.000Z",
      choices: nudge?.choices,
      guard: nudge?.guard,
    });
    expect(again?.text).toBe(`⏰ Nhắc lại theo hẹn:\n\n${nudge?.text}`);
    const assignments = nudge?.guard?.assignments ?? [];
    expect(assignments.length).toBeGreaterThan(1);
    expect(await f.snoozed()).toEqual(
      assignments.map((a) => ({
        contact_id: nudge?.contactId,
        assignment_id: a,
        from_outbox_id: id,
        outbox_id: again?.id,
        option: "am",
        until: "2026-12-08T00:30:00.000Z",
      })),
    );
    const [audit] = await f.rows<{
      action: string;
      actor_contact_id: number;
      target_id: string;
      after: unknown;
    }>("select action, actor_contact_id, target_id, after from audit where action = 'snooze.set'");
    expect(audit).toMatchObject({ actor_contact_id: nudge?.contactId, target_id: String(id) });
    expect(jsonValue(audit?.after)).toMatchObject({ option: "am", outboxId: again?.id });

    // The same choice again (a double tap) writes nothing more.
    expect((await f.say("tg:1001", { choice: `sz:${id}:am` }))?.text).toBe(
      "Tin nhắc này đã được hẹn nhắc lại rồi.",
    );
    expect(await f.snoozed()).toHaveLength(assignments.length);
  });

  it("refuses forged or stale data: another person's row, a row not yet sent, an option no longer open", async () => {
    const f = await fixture();
    const written = await f.tick("2026-12-07T07:30:00+07:00");
    const mine = written.find((r) => r.chatId === "tg:1001" && r.kind === "cycle-nudge5");
    const theirs = written.find((r) => r.chatId === "tg:3001" && r.kind === "cycle-nudge5");
    // Not delivered yet: nothing to snooze.
    expect((await f.say("tg:1001", { choice: `sz:${mine?.id}` }))?.text).toContain(
      "Không tìm thấy tin nhắc này",
    );
    const id = await f.deliver(theirs, "m9");
    expect((await f.say("tg:1001", { choice: `sz:${id}:h2` }))?.text).toContain(
      "Không tìm thấy tin nhắc này",
    );
    expect((await f.say("tg:1001", { choice: "sz:999999:h2" }))?.text).toContain(
      "Không tìm thấy tin nhắc này",
    );
    // In two hours is 17:40, after work: the option is gone, the others are offered again.
    await f.deliver(mine, "m1");
    f.setNow(at("2026-12-07T15:40:00"));
    const late = await f.say("tg:1001", { choice: `sz:${mine?.id}:h2` });
    expect(late?.text).toMatch(/^Thời điểm này không còn phù hợp\.\n⏰ Nhắc lại vào lúc nào\?/);
    expect(late?.choices.map((c) => c.data)).toEqual([`sz:${mine?.id}:am`]);
    expect(await f.snoozed()).toEqual([]);
    expect(await f.outboxByKey(`snooze:${mine?.id}`)).toBeUndefined();
  });

  it("says why when no time is left before the deadline", async () => {
    const f = await fixture();
    const written = await f.tick("2026-12-08T08:00:00+07:00");
    const nudge = written.find((r) => r.chatId === "tg:1001" && r.kind.startsWith("cycle-nudge"));
    const id = await f.deliver(nudge, "m2");
    f.setNow(at("2026-12-10T16:00:00"));
    const reply = await f.say("tg:1001", { choice: `sz:${id}` });
    expect(reply?.text).toBe(
      "Không thể hẹn nhắc lại: thời điểm gần nhất trong giờ làm việc đã sau hạn 10/12/2026. Đề nghị báo cáo trước khi hết hạn.",
    );
    expect(reply?.choices).toEqual([]);
  });

  it("is not offered, and its row is dropped at delivery, once the agency has reported", async () => {
    const f = await fixture();
    const nudge = (await f.tick("2026-12-07T07:30:00+07:00")).find(
      (r) => r.chatId === "tg:1001" && r.kind === "cycle-nudge5",
    );
    const id = await f.deliver(nudge, "m1");
    await f.say("tg:1001", { choice: `sz:${id}:h2` });
    const again = await f.outboxByKey(`snooze:${id}`);
    expect(again?.sendAfter).toBe("2026-12-07T04:00:00.000Z");
    expect(await f.core.store.engine.settledReason(again?.guard ?? null)).toBeNull();
    await reportAll(f.core, "so-y-te", "2026-11");
    // What delivery asks before sending: the snoozed reminder has nothing left to chase.
    expect(await f.core.store.engine.settledReason(again?.guard ?? null)).toMatch(/^settled/);
    expect((await f.say("tg:1001", { choice: `sz:${id}` }))?.text).toBe(
      "Việc trong tin nhắc này đã được báo cáo hoặc hoàn thành, không cần nhắc lại nữa.",
    );
  });
});

describe("snoozing by typing, on Zalo and the console", () => {
  it("reads 'nhac lai sau 2 tieng' and numbered answers about the latest reminder", async () => {
    const f = await fixture();
    const zalo = "zalo:yt-focal";
    await agreed(
      f.core.store,
      (await addContact(f.core.store, { agency: "so-y-te", role: "focal", chat: zalo })).id,
    );
    const written = await f.tick("2026-12-07T07:30:00+07:00");
    const nudge = written.find((r) => r.chatId === zalo);
    const bare = { bareCommands: true };
    expect((await f.say(zalo, { text: "nhac lai sau 2 tieng" }, bare))?.text).toBe(
      "Chưa có tin nhắc việc nào gần đây để hẹn nhắc lại.",
    );
    const id = await f.deliver(nudge, "z1");
    // The reminder's menu: 1 report, 2 remind me later; then the times, by number.
    const offer = await f.say(zalo, { text: "2" }, bare);
    expect(offer?.text).toContain("Nhắc lại vào lúc nào?");
    expect((await f.say(zalo, { text: "1" }, bare))?.text).toBe(
      "⏰ Đã hẹn: bot sẽ nhắc lại lúc 11:00 thứ Hai 07/12/2026.",
    );
    const first = await f.outboxByKey(`snooze:${id}`);
    expect(first?.sendAfter).toBe("2026-12-07T04:00:00.000Z");

    // The snoozed message goes out; typed "mai nhac lai" puts it off to the next morning.
    f.setNow(at("2026-12-07T11:00:00"));
    await f.deliver(first, "z2");
    expect((await f.say(zalo, { text: "Mai nhắc lại em nhé" }, bare))?.text).toBe(
      "⏰ Đã hẹn: bot sẽ nhắc lại lúc 07:30 thứ Ba 08/12/2026.\nNếu hẹn lại thêm lần nữa, lần nhắc lãnh đạo đơn vị tới sẽ nêu việc này.",
    );
    const second = await f.outboxByKey(`snooze:${first?.id}`);
    expect(second?.sendAfter).toBe("2026-12-08T00:30:00.000Z");
    // Written again from a snoozed message: one header, not two.
    expect(second?.text.match(/Nhắc lại theo hẹn/g)).toHaveLength(1);
    // "de thu hai": Monday the 14th is past the deadline, so the times left are offered instead.
    const monday = await f.say(zalo, { text: "de thu hai a" }, bare);
    expect(monday?.text).toContain("Thời điểm này không còn phù hợp");
  });
});

/** Sở Y tế's focal point puts December's first nudge (November's reports) off three times. */
async function snoozeNudgeThrice(f: Awaited<ReturnType<typeof fixture>>) {
  let nudge = (await f.tick("2026-12-07T07:30:00+07:00")).find(
    (r) => r.chatId === "tg:1001" && r.kind === "cycle-nudge5",
  );
  for (const time of ["09:00", "11:00", "13:00"]) {
    f.setNow(at(`2026-12-07T${time}:00`));
    const id = await f.deliver(nudge, `n-${time}`);
    await f.say("tg:1001", { choice: `sz:${id}:h2` });
    nudge = await f.outboxByKey(`snooze:${id}`);
  }
}

describe("the head hears of a third snooze", () => {
  it("names the person and the count in the next overdue step to the head", async () => {
    const f = await fixture();
    let due = (await f.tick("2026-12-17T08:00:00+07:00")).find(
      (r) => r.chatId === "tg:1001" && r.kind === "due",
    );
    expect(due?.guard?.deadline).toBe("2026-12-31");
    expect(due?.choices?.[0]?.map((c) => c.label)).toEqual(["📝 Báo cáo ngay", "⏰ Nhắc lại sau"]);
    const replies: string[] = [];
    for (const day of ["2026-12-17", "2026-12-18", "2026-12-21"]) {
      f.setNow(at(`${day}T09:00:00`));
      const id = await f.deliver(due, `d-${day}`);
      replies.push((await f.say("tg:1001", { choice: `sz:${id}:am` }))?.text ?? "");
      due = await f.outboxByKey(`snooze:${id}`);
    }
    expect(replies[2]).toContain(
      "Đây là lần thứ 3 hẹn lại nhiệm vụ này; lần nhắc lãnh đạo đơn vị tới sẽ nêu việc này.",
    );
    await f.tick("2027-01-06T09:00:00+07:00");
    const head = (await f.tick("2027-01-07T08:00:00+07:00")).find((r) => r.kind === "overdue-head");
    expect(head?.chatId).toBe("tg:1002");
    expect(head?.text).toContain("⏰ Đầu mối Y tế đã xin nhắc lại 3 lần (V.6).");
    // The head may put it off too, but has no report choice on this step.
    expect(head?.choices).toEqual([[{ label: "⏰ Nhắc lại sau", data: "sz" }]]);
  });

  it("names each person once in the cycle's escalation, with the tasks their snoozed nudge listed", async () => {
    const f = await fixture();
    await snoozeNudgeThrice(f);
    await f.tick("2026-12-10T09:00:00+07:00");
    const head = (await f.tick("2026-12-11T08:00:00+07:00")).find((r) => r.kind === "cycle-escalate-head");
    expect(head?.chatId).toBe("tg:1002");
    const lines = head?.text.split("\n").filter((l) => l.startsWith("⏰ ")) ?? [];
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^⏰ Đầu mối Y tế đã xin nhắc lại 3 lần \((\S+, )+\S+\)\.$/);
    expect(lines[0]).toContain("V.6");
  });

  it("counts each chase on its own: November's nudges are not held against December, nor a date's snoozes against another", async () => {
    const f = await fixture();
    await snoozeNudgeThrice(f);
    expect(
      (await f.rows<{ chase: string }>("select distinct chase from snoozes")).map((r) => r.chase),
    ).toEqual(["period:2026-11"]);
    const told = (rows: { kind: string; chatId: string; text: string }[], kind: string) =>
      rows
        .filter((r) => r.kind === kind && r.chatId === "tg:1002")
        .flatMap((r) => r.text.split("\n"))
        .filter((l) => l.startsWith("⏰ "));
    await f.tick("2026-12-10T09:00:00+07:00");
    expect(told(await f.tick("2026-12-11T08:00:00+07:00"), "cycle-escalate-head")).toHaveLength(1);
    // The overdue ladder chases V.6's date, which nobody put off.
    await f.tick("2027-01-06T09:00:00+07:00");
    const jan7 = await f.tick("2027-01-07T08:00:00+07:00");
    expect(jan7.some((r) => r.kind === "overdue-head" && r.chatId === "tg:1002")).toBe(true);
    expect(told(jan7, "overdue-head")).toEqual([]);
    // December's escalation chases December's reports: a new count.
    await f.tick("2027-01-10T09:00:00+07:00");
    const jan11 = await f.tick("2027-01-11T08:00:00+07:00");
    expect(jan11.some((r) => r.kind === "cycle-escalate-head" && r.chatId === "tg:1002")).toBe(true);
    expect(told(jan11, "cycle-escalate-head")).toEqual([]);
  });

  it("starts again when an extension moves the date: the next snooze is the first of the new chase", async () => {
    const f = await fixture();
    let due = (await f.tick("2026-12-17T08:00:00+07:00")).find(
      (r) => r.chatId === "tg:1001" && r.kind === "due",
    );
    for (const day of ["2026-12-17", "2026-12-18"]) {
      f.setNow(at(`${day}T09:00:00`));
      const id = await f.deliver(due, `d-${day}`);
      await f.say("tg:1001", { choice: `sz:${id}:am` });
      due = await f.outboxByKey(`snooze:${id}`);
    }
    const { id } = await askV6(f.core, f.people.ytFocal, "2027-01-20", "2026-12-18T03:00:00.000Z");
    await f.core.store.extensions.decide(id, {
      status: "approved",
      by: f.people.coordinator,
      at: "2026-12-18T04:00:00.000Z",
      due: "2027-01-20",
    });
    await f.tick("2027-01-05T09:00:00+07:00");
    const next = (await f.tick("2027-01-06T08:00:00+07:00")).find(
      (r) => r.chatId === "tg:1001" && r.kind === "due" && r.text.includes("V.6"),
    );
    expect(next?.text).toContain("hạn 20/01/2027");
    f.setNow(at("2027-01-06T09:00:00"));
    // Delivery goes through what waits for the chat, and drops the last snoozed copy, written for the old date.
    for (;;) {
      const row = await f.core.outbox.claim("tg:1001", "2027-01-06T00:59:59.000Z");
      if (!row) break;
      const reason = await f.core.store.engine.settledReason(row.guard);
      if (reason) await f.core.outbox.markSkipped(row.id, reason);
      else await f.core.outbox.markSent(row.id, `m${row.id}`, "2027-01-06T02:00:00.000Z");
    }
    expect(await f.core.outbox.get(due?.id ?? -1)).toMatchObject({
      state: "skipped",
      lastError: "stale: due date moved from 2026-12-31 to 2027-01-20",
    });
    const reply = await f.say("tg:1001", { choice: `sz:${await f.deliver(next, "d-jan6")}:am` });
    expect(reply?.text).toBe("⏰ Đã hẹn: bot sẽ nhắc lại lúc 07:30 thứ Năm 07/01/2027.");
    expect(await f.rows("select chase, count(*) n from snoozes group by chase order by chase")).toEqual([
      { chase: "due:2026-12-31", n: 2 },
      { chase: "due:2027-01-20", n: 1 },
    ]);
  });
});
