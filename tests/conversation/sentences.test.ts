import { describe, expect, it } from "vitest";
import { rowsOf } from "../helpers/engine-choice.ts";
import { type ChannelName, channelHarness, type Harness, NOW } from "./harness.ts";

/** What a sentence may have started or saved: nothing else is written by these four. */
async function written(h: Harness) {
  const rows = rowsOf(h.core);
  const count = async (table: string) => (await rows<{ n: number }>(`select count(*) n from ${table}`))[0]?.n;
  return {
    leaves: await count("leaves"),
    extensions: await count("extension_requests"),
    flow: (await h.flow())?.kind,
  };
}

/**
 * Whole sentences typed on a phone without accents, each of which one recogniser takes, and
 * ordinary report words none may take: the order the router tries them in must not change that.
 */
describe.each<ChannelName>(["telegram", "zalo"])("sentences on %s", (channel) => {
  it("asks for an extension in one sentence", async () => {
    const h = await channelHarness(channel);
    // V.9 is not Sở Y tế's to lead: the request is still read, and asks which task.
    expect(await h.send("em xin gia han V.9 den 20/12 vi cho huong dan a")).toContain(
      "Xin gia hạn nhiệm vụ nào?",
    );
    expect(await written(h)).toEqual({ leaves: 0, extensions: 0, flow: "extend" });
    await h.reset();
    expect(await h.send("em xin gia han V.6 den 20/01/2027 vi cho huong dan a")).toContain(
      "Đã gửi đề nghị gia hạn V.6",
    );
    expect(await written(h)).toEqual({ leaves: 0, extensions: 1, flow: undefined });
  });

  it("takes leave in one sentence", async () => {
    const h = await channelHarness(channel);
    const reply = await h.send("em nghi phep tu 10/12 den 20/12 a");
    expect(reply).toContain("Đã ghi nghỉ phép");
    expect(await written(h)).toEqual({ leaves: 1, extensions: 0, flow: undefined });
    await h.reset();
    for (const text of [
      "cho em xin nghi phep tu 21/12 den 22/12 nhe",
      "Toi se nghi phep tu 28/12 den 29/12.",
      "I'm on leave from 30/12 to 31/12",
    ])
      expect(await h.send(text)).toContain("Đã ghi nghỉ phép");
  });

  it("reads 'remind me later' before any command word, even with no reminder to put off", async () => {
    const h = await channelHarness(channel);
    expect(await h.send("nhac lai sau 2 tieng")).toBe("Chưa có tin nhắc việc nào gần đây để hẹn nhắc lại.");
    expect(await written(h)).toEqual({ leaves: 0, extensions: 0, flow: undefined });
  });

  it("starts a report on the task a sentence names, and saves it on that task", async () => {
    const h = await channelHarness(channel);
    expect(await h.send("em muon bao cao nhiem vu ii10 a")).toContain("Tình trạng thực hiện?");
    expect((await h.flow())?.data).toMatchObject({ assignmentId: await h.assignment("II.10") });
    await h.send("dang thuc hien");
    await h.send("60");
    await h.send("da trien khai tai 20 xa, con 5 xa dang lam");
    await h.send("bo qua");
    expect(await h.send("gui bao cao")).toContain("Đã lưu báo cáo II.10");
    expect(await h.reports()).toMatchObject([
      {
        ref: "II.10",
        status: "in_progress",
        percent: 60,
        description: "da trien khai tai 20 xa, con 5 xa dang lam",
      },
    ]);
  });

  it("answers 'have we reported?' with the agency's own tasks and their status", async () => {
    const h = await channelHarness(channel);
    const tasks = await h.send("/nhiemvu");
    expect(tasks).toContain("Nhiệm vụ của Sở Y tế");
    expect(await h.send("em da bao cao chua a")).toBe(tasks);
    // A focal point naming their own agency, or another, gets their own list: /tinhhinh is the coordinators'.
    expect(await h.send("So Y te da nop bao cao chua?")).toBe(tasks);
    expect(await written(h)).toEqual({ leaves: 0, extensions: 0, flow: undefined });
  });

  it("starts a report in English on the task named", async () => {
    const h = await channelHarness(channel);
    expect(await h.send("I want to report on II.10")).toContain("Tình trạng thực hiện?");
    expect((await h.flow())?.data).toMatchObject({ assignmentId: await h.assignment("II.10") });
  });

  it("asks which task when a sentence names none, or one the agency does not report on", async () => {
    const h = await channelHarness(channel);
    expect(await h.send("em xin gui bao cao tien do thang 12 a")).toContain("Chọn nhiệm vụ cần báo cáo");
    expect(await h.flow()).toMatchObject({ kind: "report", step: "task" });
    await h.reset();
    const reply = await h.send("Tôi xin báo cáo nhiệm vụ IX.1");
    expect(reply).toContain("Nhiệm vụ IX.1 không có trong danh sách cần báo cáo của đơn vị.");
    expect(reply).toContain("Chọn nhiệm vụ cần báo cáo");
    expect((await h.flow())?.data).not.toHaveProperty("assignmentId");
    expect(await h.reports()).toEqual([]);
  });

  it("takes ordinary report words for no command", async () => {
    const h = await channelHarness(channel);
    for (const text of [
      "V.6 em da hoan thanh 80% roi a, tuan sau gui ban cuoi",
      "V.9 dang cho huong dan, neu cham em se xin gia han sau",
      // Words about someone else's leave, with dates, are news, not a request for the speaker.
      "V.6 cham vi can bo phu trach nghi phep tu 1/12 den 5/12",
      "II.10 chua xong do anh Nam nghi phep, da uy quyen cho chi Lan theo doi",
    ]) {
      expect(await h.send(text)).toContain("/baocao");
      expect(await written(h)).toEqual({ leaves: 0, extensions: 0, flow: undefined });
    }
  });
});

describe("sentences sent as a reply to a reminder", () => {
  it("mean what they say; other words start a report on the reminded task", async () => {
    const h = await channelHarness("telegram");
    const sent = await h.tick("2026-12-01T08:00:00+07:00");
    const due = sent.find((r) => r.kind === "due" && r.chatId === h.chat);
    if (!due) throw new Error("no due reminder for the focal point");
    // Delivered as the worker does, the chat's rows in turn, each with its platform id.
    for (let row = await h.core.outbox.claim(h.chat, due.sendAfter); row; ) {
      await h.core.outbox.markSent(row.id, `m-${row.id}`, NOW.toISOString());
      row = await h.core.outbox.claim(h.chat, due.sendAfter);
    }
    const reply = async (text: string) =>
      (
        await h.router.handle({
          chatId: h.chat,
          chatType: "private",
          userId: h.chat,
          channel: "telegram",
          text,
          replyTo: `m-${due.id}`,
        })
      )
        .map((r) => r.text)
        .join("\n");

    expect(await reply("em nghi phep tu 10/12 den 20/12 a")).toContain("Đã ghi nghỉ phép");
    expect(await written(h)).toEqual({ leaves: 1, extensions: 0, flow: undefined });
    expect(await reply("xin gia han V.6 den 20/01/2027 vi cho huong dan")).toContain(
      "Đã gửi đề nghị gia hạn V.6",
    );
    expect(await written(h)).toEqual({ leaves: 1, extensions: 1, flow: undefined });
    expect(await reply("em bao cao a")).toMatch(/^V\.6 .*\nTình trạng thực hiện\?/);
    expect(await written(h)).toEqual({ leaves: 1, extensions: 1, flow: "report" });
    // Naming another task, the words win over the reminder they answer.
    await h.reset();
    expect(await reply("em bao cao nhiem vu ii10 a")).toMatch(/^II\.10 .*\nTình trạng thực hiện\?/);
    expect((await h.flow())?.data).toMatchObject({ assignmentId: await h.assignment("II.10") });
  });
});
