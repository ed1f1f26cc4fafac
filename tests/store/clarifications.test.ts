import { beforeAll, describe, expect, it } from "vitest";
import { engines, person, type Seeded } from "./engines.ts";

const at = (day: number) => new Date(Date.UTC(2026, 11, day, 3));

describe.each(engines())("store: questions to agencies ($name)", (engine) => {
  let o: Seeded;
  let focal: number;
  let coordinator: number;
  beforeAll(async () => {
    o = await engine.seeded();
    focal = await person(o.q, { agency: "so-y-te", role: "focal", chat: "tg:81", name: "Hoa" });
    coordinator = await person(o.q, {
      agency: "cong-an-tinh",
      role: "coordinator",
      chat: "tg:82",
      name: "PC06",
    });
  });

  it("keeps a question with its assignment, closes it with the first answer only, and lists a task's threads", async () => {
    const [a, b] = (await o.store.reports.assignmentsOf("so-y-te")).filter((x) => x.role === "lead");
    if (!a || !b) throw new Error("Sở Y tế leads fewer than two tasks in the seed");
    const ask = (assignmentId: number, question: string, day: number) =>
      o.store.clarifications.add({
        assignmentId,
        agencyId: "so-y-te",
        question,
        askedBy: coordinator,
        askedVia: "tg",
        at: at(day),
      });
    const first = await ask(a.assignmentId, "Đã triển khai ở bao nhiêu xã?", 3);
    const second = await ask(a.assignmentId, "Có văn bản chỉ đạo chưa?", 4);
    await ask(b.assignmentId, "Câu hỏi về nhiệm vụ khác", 4);

    const report = await o.store.reports.save(
      {
        assignmentId: a.assignmentId,
        taskId: a.taskId,
        agencyId: "so-y-te",
        period: "2026-11",
        status: "in_progress",
        percent: 70,
        contactId: focal,
        chatId: "tg:81",
        channel: "tg",
      },
      at(5),
    );
    expect(
      await o.store.clarifications.answer({
        id: first,
        contactId: focal,
        text: "Đã xong 12 xã",
        reportId: report,
        at: at(5),
      }),
    ).toBe(true);
    // The first answer stands.
    expect(
      await o.store.clarifications.answer({ id: first, contactId: focal, text: "khác", at: at(6) }),
    ).toBe(false);
    expect(await o.store.clarifications.answer({ id: 999_999, contactId: focal, text: "x", at: at(6) })).toBe(
      false,
    );

    const threads = await o.store.clarifications.ofTask(a.taskId);
    expect(threads.map((t) => t.id)).toEqual([first, second]);
    expect(threads[0]).toMatchObject({
      assignmentId: a.assignmentId,
      agencyName: "Sở Y tế",
      ref: a.ref,
      question: "Đã triển khai ở bao nhiêu xã?",
      askerName: "PC06",
      askedVia: "tg",
      askedAt: at(3).toISOString(),
      answer: "Đã xong 12 xã",
      answererName: "Hoa",
      answeredAt: at(5).toISOString(),
      answerReportId: report,
      reportStatus: "in_progress",
      reportPercent: 70,
    });
    expect(threads[1]).toMatchObject({
      answer: null,
      answeredBy: null,
      answererName: null,
      reportStatus: null,
    });
    expect((await o.store.clarifications.get(second))?.question).toBe("Có văn bản chỉ đạo chưa?");
    expect(await o.store.clarifications.get(999_999)).toBeUndefined();
  });

  it("finds where an answer goes: the asker's reachable private chats (no group, no chat gone), and who a task's question can go to", async () => {
    await o.q.db.insert(o.q.t.chats).values({ id: "tg:-84", type: "group", createdAt: at(1).toISOString() });
    await o.q.db.insert(o.q.t.contactChats).values({ contactId: coordinator, chatId: "tg:-84" });
    // A chat the platform reported gone: an answer is not written there.
    const gone = at(2).toISOString();
    await o.q.db.insert(o.q.t.chats).values({ id: "tg:85", createdAt: gone, unreachableAt: gone });
    await o.q.db.insert(o.q.t.contactChats).values({ contactId: coordinator, chatId: "tg:85" });
    expect(await o.store.clarifications.chatsOf(coordinator)).toEqual([{ chat: "tg:82", lang: "vi" }]);
    const [a] = await o.store.reports.assignmentsOf("so-y-te");
    const askable = await o.store.clarifications.askable(a?.taskId as number);
    expect(askable.some((x) => x.agencyId === "so-y-te" && x.assignmentId === a?.assignmentId)).toBe(true);
    expect(askable[0]?.role).toBe("lead");
  });
});
