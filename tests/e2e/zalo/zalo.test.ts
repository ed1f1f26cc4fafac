import { describe, expect, it } from "vitest";
import { createInvite } from "../../../src/conversation/invites.ts";
import { until } from "../../helpers/redis.ts";
import { an, coord, freePort, link, NOW, say, start } from "./support.ts";

describe("the Zalo channel", () => {
  it("links a person by a plain code or /start CODE, each code once", async () => {
    const { emulator, app, rows } = await start();
    const code = (await createInvite(app.core.store, { agency: "so-y-te", role: "focal" }, NOW)).code;
    // The privacy notice comes first, its answers numbered; nothing is linked until agreed.
    const notice = await say(emulator, an, code);
    expect(notice).toContain("THÔNG BÁO VỀ XỬ LÝ DỮ LIỆU CÁ NHÂN");
    expect(notice).toMatch(/\n1\. Đồng ý\n2\. Không đồng ý/);
    expect(await rows("select count(*) n from contacts")).toEqual([{ n: 0 }]);
    expect(await say(emulator, an, "dong y")).toContain("Bạn đã được liên kết với Sở Y tế");
    const other = { id: "u-binh", display_name: "Bình" };
    expect(await say(emulator, other, `/start ${code}`)).toContain("Mã mời này không dùng được");
    const second = (await createInvite(app.core.store, { agency: "so-tu-phap", role: "focal" }, NOW)).code;
    expect(await say(emulator, other, `/start ${second}`)).toContain("Bạn có đồng ý");
    expect(await say(emulator, other, "1")).toContain("Sở Tư pháp");
    expect(await rows("select count(*) n from contact_chats where chat_id like 'zalo:%'")).toEqual([
      { n: 2 },
    ]);
  });

  it("delivers a reminder after a tick and takes a whole report by numbered, label and accent-less replies", async () => {
    const { emulator, app, store, rows } = await start();
    await link(store, { agency: "so-y-te", role: "focal", chat: `zalo:${an.id}` });
    await app.runner.tick(new Date("2026-12-01T08:00:00+07:00"));
    // The tick writes more than the opening (a due reminder too), paced a second apart: every one
    // must be out before the conversation starts, or a late one is read as the bot's answer.
    await until(async () => {
      const [left] = await rows("select count(*) n from outbox where state in ('pending', 'sending')");
      return Number(left?.n) === 0;
    }, "the tick's messages delivered");
    await emulator.waitForMessages(an.id, 1, 8000);
    const reminder = emulator.messages(an.id)[0]?.text ?? "";
    expect(reminder).toContain("Kỳ báo cáo tháng 11/2026 — Sở Y tế");
    expect(reminder).toMatch(/\n1\. 📝 Báo cáo ngay\nTrả lời 1\.$/);
    // The due reminder came after it, its own choices numbered: the latest menu is the one "1" answers.
    const due = emulator.messages(an.id)[1]?.text ?? "";
    expect(due).toContain("V.6");
    expect(due).toMatch(/\n1\. 📝 Báo cáo ngay\n2\. ⏰ Nhắc lại sau\n3\. 📅 Xin gia hạn\n/);

    expect(await say(emulator, an, "/baocao")).toMatch(/Chọn nhiệm vụ cần báo cáo[\s\S]*\n1\. II\.10 · /);
    expect(await say(emulator, an, "2")).toContain("IV.1 Khẩn trương tích hợp");
    expect(await say(emulator, an, "dang thuc hien")).toContain("Tỷ lệ hoàn thành?");
    // IV.1 asks each unit for at least one learning material a year: the flow asks how many.
    expect(await say(emulator, an, "60")).toContain(
      "Năm 2026, đơn vị đã thực hiện được bao nhiêu tài liệu (học liệu)?",
    );
    expect(await say(emulator, an, "2")).toContain("Mô tả ngắn kết quả");
    expect(await say(emulator, an, "Đã tích hợp 3 học liệu")).toContain("minh chứng");
    expect(await say(emulator, an, "bo qua")).toMatch(/Tình trạng: Đang thực hiện\n• Tỷ lệ hoàn thành: 60%/);
    expect(await say(emulator, an, "Gửi báo cáo")).toContain("Đã lưu báo cáo IV.1 cho kỳ tháng 11/2026");
    expect(await rows("select status, percent, description, channel, chat_id from reports")).toEqual([
      {
        status: "in_progress",
        percent: 60,
        description: "Đã tích hợp 3 học liệu",
        channel: "zalo",
        chat_id: `zalo:${an.id}`,
      },
    ]);
    expect(await rows("select count from reports")).toEqual([{ count: 2 }]);
  });

  it("answers a coordinator's overdue command typed without the slash", async () => {
    const { emulator, store } = await start({ now: new Date("2027-01-20T09:00:00+07:00") });
    await link(store, { agency: "cong-an-tinh", role: "coordinator", chat: `zalo:${coord.id}` });
    const answer = await say(emulator, coord, "trễ hạn");
    expect(answer).toMatch(/❗ \d+ nhiệm vụ quá hạn/);
    expect(answer).toContain("Văn phòng UBND tỉnh");
    expect(answer.length).toBeLessThanOrEqual(2000);
    await link(store, { agency: "so-y-te", role: "focal", chat: `zalo:${an.id}` });
    expect(await say(emulator, an, "/trehan")).toContain("chỉ dành cho cán bộ điều phối");
  });

  it("sends the weekly digest to a coordinator's subscribed private chat", async () => {
    const { emulator, app, store } = await start();
    await link(store, { agency: "cong-an-tinh", role: "coordinator", chat: `zalo:${coord.id}` });
    expect(await say(emulator, coord, "/subscribe")).toContain("Đã đăng ký bản tin tuần");
    const before = emulator.messages(coord.id).length;
    await app.runner.tick(new Date("2026-12-07T08:00:00+07:00"));
    const msgs = await emulator.waitForMessages(coord.id, before + 1, 8000);
    expect(msgs.map((m) => m.text).join("\n")).toContain("Bản tin tuần 07/12/2026");
  });

  it("keeps long-polling through idle 408s and ignores the bot's own echoed messages", async () => {
    const { emulator, store } = await start({ emulator: { echoBotMessages: true } });
    await link(store, { agency: "so-y-te", role: "focal", chat: `zalo:${an.id}` });
    await new Promise((r) => setTimeout(r, 2500));
    expect(emulator.calls("getUpdates").filter((c) => c.errorCode === 408).length).toBeGreaterThanOrEqual(1);
    expect(await say(emulator, an, "nhiem vu")).toContain("Nhiệm vụ của Sở Y tế");
    await new Promise((r) => setTimeout(r, 1000));
    const answered = emulator.messages(an.id).length; // the list runs to several 2,000-character parts
    expect(emulator.messages(an.id).every((m) => (m.text ?? "").length <= 2000)).toBe(true);
    await new Promise((r) => setTimeout(r, 1500));
    // Each part came back as an update from the bot; answering any of them would send more.
    expect(emulator.messages(an.id)).toHaveLength(answered);
  });

  it("takes webhook calls only with the right secret", async () => {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}/zalo-hook`;
    const { emulator, store } = await start({
      env: { ZALO_WEBHOOK_URL: url, ZALO_WEBHOOK_SECRET: "s3cret-value", HTTP_PORT: port },
    });
    await link(store, { agency: "so-y-te", role: "focal", chat: `zalo:${an.id}` });
    expect(await say(emulator, an, "/nhiemvu")).toContain("Nhiệm vụ của Sở Y tế");
    const body = JSON.stringify({
      ok: true,
      result: {
        event_name: "message.text.received",
        message: {
          message_id: "m-x",
          chat: { id: an.id, chat_type: "PRIVATE" },
          from: { id: an.id, display_name: "x" },
          date: Date.now(),
          text: "/nhiemvu",
        },
      },
    });
    const post = (headers: Record<string, string>) =>
      fetch(url, { method: "POST", headers: { "content-type": "application/json", ...headers }, body }).then(
        (r) => r.status,
      );
    expect(await post({})).toBe(401);
    expect(await post({ "X-Bot-Api-Secret-Token": "wrong-secret" })).toBe(401);
    expect(await post({ "X-Bot-Api-Secret-Token": "s3cret-valu" })).toBe(401);
    const huge = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", "X-Bot-Api-Secret-Token": "s3cret-value" },
      body: JSON.stringify({ pad: "x".repeat(1_100_000) }),
    });
    expect(huge.status).toBe(413);
    await new Promise((r) => setTimeout(r, 500));
    const once = emulator.messages(an.id).length;
    expect(await post({ "X-Bot-Api-Secret-Token": "s3cret-value" })).toBe(200);
    await emulator.waitForMessages(an.id, once * 2, 8000);
    expect(await post({ "X-Bot-Api-Secret-Token": "s3cret-value" })).toBe(200); // the same update again: deduplicated
    await new Promise((r) => setTimeout(r, 500));
    expect(emulator.messages(an.id)).toHaveLength(once * 2);
  });

  it("backs off on a 429 during a broadcast and still delivers every reminder", async () => {
    const { emulator, app, store } = await start();
    const people = Array.from({ length: 5 }, (_, i) => ({ id: `u-${i}`, display_name: `P${i}` }));
    const agencies = ["so-y-te", "so-tu-phap", "so-noi-vu", "so-tai-chinh", "so-xay-dung"];
    for (const [i, p] of people.entries()) {
      await link(store, { agency: agencies[i] ?? "so-y-te", role: "focal", chat: `zalo:${p.id}` });
    }
    emulator.rateLimitNext(3);
    await app.runner.tick(new Date("2026-12-01T08:00:00+07:00"));
    await until(
      () => people.every((p) => emulator.messages(p.id).length >= 1),
      "every reminder delivered",
      25_000,
    );
    expect(emulator.stats().rejected429).toBe(3);
    // The platform has the messages a moment before the worker records them as sent.
    await until(
      async () =>
        (await app.deps.outbox.list())
          .filter((m) => m.chatId.startsWith("zalo:"))
          .every((m) => m.state === "sent"),
      "every reminder recorded as sent",
    );
  });
});
