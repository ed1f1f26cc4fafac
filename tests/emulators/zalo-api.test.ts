import { describe, expect, it } from "vitest";
import { ann, zaloHarness } from "../helpers/zalo.ts";
import { BLOCKED_DESCRIPTION, type ZaloEmulator } from "./zalo-api.ts";

const zalo = zaloHarness();
const start = zalo.start;

/** Straight over HTTP, as Zalo's docs show it, without the project's client. */
async function call(
  emu: ZaloEmulator,
  method: string,
  body: unknown = {},
  token = emu.token,
): Promise<{ status: number; json: Record<string, unknown> }> {
  const res = await fetch(`${emu.apiRoot}/bot${token}/${method}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

describe("ZaloEmulator over HTTP", () => {
  it("answers getMe with the bot id from the token, and 401 for another token", async () => {
    const emu = await start({ token: "777:secret-part" });
    expect(await call(emu, "getMe")).toEqual({
      status: 200,
      json: {
        ok: true,
        result: { id: "777", account_name: "Bot Nhắc việc", account_type: "BASIC", can_join_groups: false },
      },
    });
    expect(await call(emu, "getMe", {}, "777:wrong")).toEqual({
      status: 401,
      json: { ok: false, error_code: 401, description: "Unauthorized" },
    });
  });

  it("treats method names as case-sensitive and can answer errors with HTTP 200", async () => {
    const emu = await start({ errorHttpStatus: "200" });
    const res = await call(emu, "getme");
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ ok: false, error_code: 404 });
  });

  it("accepts 2000-character texts and rejects empty or longer ones with 400", async () => {
    const emu = await start();
    const ok = await call(emu, "sendMessage", { chat_id: ann.id, text: "x".repeat(2000) });
    expect(ok.json.ok).toBe(true);
    expect((ok.json.result as { message_id: string }).message_id).toMatch(/^[0-9a-f]{20}$/);
    expect((await call(emu, "sendMessage", { chat_id: ann.id, text: "x".repeat(2001) })).status).toBe(400);
    expect((await call(emu, "sendMessage", { chat_id: ann.id, text: "" })).status).toBe(400);
    expect((await call(emu, "sendMessage", { text: "no chat" })).status).toBe(400);
    expect(emu.messages(ann.id)).toHaveLength(1);
  });

  it("records photos, stickers and chat actions; rejects a photo that is not a URL", async () => {
    const emu = await start();
    await call(emu, "sendPhoto", { chat_id: ann.id, photo: "https://example.org/a.png", caption: "Biểu đồ" });
    await call(emu, "sendSticker", { chat_id: ann.id, sticker: "d063f44dc80821567819" });
    expect(await call(emu, "sendChatAction", { chat_id: ann.id, action: "typing" })).toEqual({
      status: 200,
      json: { ok: true },
    });
    expect((await call(emu, "sendChatAction", { chat_id: ann.id, action: "dancing" })).status).toBe(400);
    expect((await call(emu, "sendPhoto", { chat_id: ann.id, photo: "/tmp/a.png" })).status).toBe(400);
    expect(emu.messages(ann.id).map((m) => [m.method, m.photo ?? m.sticker, m.caption])).toEqual([
      ["sendPhoto", "https://example.org/a.png", "Biểu đồ"],
      ["sendSticker", "d063f44dc80821567819", undefined],
    ]);
  });

  it("holds an idle getUpdates for its timeout, then answers 408", async () => {
    const emu = await start();
    const started = Date.now();
    const res = await call(emu, "getUpdates", { timeout: "1" });
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(res).toEqual({
      status: 408,
      json: { ok: false, error_code: 408, description: "Request timeout" },
    });
  });

  it("releases a waiting poll with one update, not an array, as soon as a user writes", async () => {
    const emu = await start();
    const poll = call(emu, "getUpdates", { timeout: "10" });
    await new Promise((r) => setTimeout(r, 100));
    const started = Date.now();
    emu.sendText(ann, "Xin chào");
    emu.sendText(ann, "thứ hai");
    const res = await poll;
    expect(Date.now() - started).toBeLessThan(1000);
    expect(res.json.result).toMatchObject({
      event_name: "message.text.received",
      message: {
        text: "Xin chào",
        chat: { id: ann.id, chat_type: "PRIVATE" },
        from: { id: ann.id, display_name: ann.display_name, is_bot: false },
      },
    });
    expect((await call(emu, "getUpdates", { timeout: "1" })).json.result).toMatchObject({
      message: { text: "thứ hai" },
    });
  });

  it("puts image, sticker and unsupported messages in the shapes it documents", async () => {
    const emu = await start({ imageField: "photo" });
    emu.sendImage(ann, "https://example.org/p.jpg", "ảnh");
    emu.sendSticker(ann);
    emu.sendUnsupported(ann, { id: "group-1", chat_type: "GROUP" });
    const image = (await call(emu, "getUpdates", { timeout: "1" })).json.result as Record<string, unknown>;
    expect(image).toMatchObject({
      event_name: "message.image.received",
      message: { photo: "https://example.org/p.jpg", caption: "ảnh" },
    });
    const sticker = (await call(emu, "getUpdates", { timeout: "1" })).json.result as { message: object };
    expect(sticker.message).toHaveProperty("sticker");
    expect(sticker.message).toHaveProperty("url");
    const unsupported = (await call(emu, "getUpdates", { timeout: "1" })).json.result;
    expect(unsupported).toMatchObject({
      event_name: "message.unsupported.received",
      message: { chat: { id: "group-1", chat_type: "GROUP" } },
    });
    expect(unsupported).not.toHaveProperty("message.text");
  });

  it("posts to the webhook with the secret header, wrapped by default or bare", async () => {
    for (const style of ["wrapped", "bare"] as const) {
      const emu = await start({ webhookBodyStyle: style });
      const hook = await zalo.receiver("/zalo");
      expect((await call(emu, "setWebhook", { url: hook.url, secret_token: "short" })).status).toBe(400);
      const set = await call(emu, "setWebhook", { url: hook.url, secret_token: "s3cret-token" });
      expect(set.json.result).toMatchObject({ url: hook.url });
      expect((await call(emu, "getWebhookInfo")).json.result).toMatchObject({ url: hook.url });
      expect((await call(emu, "getUpdates", { timeout: "1" })).status).toBe(409);
      const update = emu.sendText(ann, "qua webhook");
      await emu.flushWebhook();
      expect(hook.got).toHaveLength(1);
      expect(hook.got[0]?.headers["x-bot-api-secret-token"]).toBe("s3cret-token");
      expect(JSON.parse(hook.got[0]?.body ?? "null")).toEqual(
        style === "bare" ? update : { ok: true, result: update },
      );
      expect(emu.webhookDeliveries).toMatchObject([{ status: 200, secretToken: "s3cret-token" }]);
      expect((await call(emu, "deleteWebhook")).json.result).toMatchObject({ url: "" });
    }
  });

  it("echoes bot messages back as updates from the bot when asked", async () => {
    const emu = await start({ echoBotMessages: true });
    const sent = await call(emu, "sendMessage", { chat_id: ann.id, text: "Nhắc việc" });
    const echo = await call(emu, "getUpdates", { timeout: "1" });
    expect(echo.json.result).toEqual({
      event_name: "message.text.received",
      message: {
        message_id: (sent.json.result as { message_id: string }).message_id,
        chat: { id: ann.id, chat_type: "PRIVATE" },
        from: { id: emu.botId, display_name: emu.botName, is_bot: true },
        date: expect.any(Number),
        text: "Nhắc việc",
      },
    });
    const quiet = await start();
    await call(quiet, "sendMessage", { chat_id: ann.id, text: "Nhắc việc" });
    expect((await call(quiet, "getUpdates", { timeout: "1" })).status).toBe(408);
  });

  it("injects 429s, failures, blocked users and a per-second quota", async () => {
    const emu = await start({ quotaPerSecond: 3 });
    emu.rateLimitNext(1);
    emu.failNext(1, 502, "Bad Gateway");
    const send = (chat = ann.id) => call(emu, "sendMessage", { chat_id: chat, text: "x" });
    expect((await send()).json).toEqual({ ok: false, error_code: 429, description: "Too Many Requests" });
    expect((await send()).status).toBe(502);
    emu.blockUser("blocker");
    expect((await send("blocker")).json).toEqual({
      ok: false,
      error_code: 403,
      description: BLOCKED_DESCRIPTION,
    });
    expect((await Promise.all([send(), send(), send(), send()])).map((r) => r.status).sort()).toEqual([
      200, 200, 200, 429,
    ]);
    expect(emu.stats()).toMatchObject({ sends: 3, rejected429: 2, failed: 2 });
    expect(emu.stats().byChat.blocker).toEqual({ sends: 0, rejected429: 0, failed: 1 });
    expect(emu.sendTimes(ann.id)).toHaveLength(3);
  });

  it("waitForMessages resolves on arrival and explains a timeout", async () => {
    const emu = await start();
    const waiting = emu.waitForMessages(ann.id, 2, 2000);
    await call(emu, "sendMessage", { chat_id: ann.id, text: "một" });
    await call(emu, "sendMessage", { chat_id: ann.id, text: "hai" });
    expect((await waiting).map((m) => m.text)).toEqual(["một", "hai"]);
    emu.blockUser("b");
    await call(emu, "sendMessage", { chat_id: "b", text: "x" });
    await expect(emu.waitForMessages("b", 1, 50)).rejects.toThrow(/got 0\/1.*sendMessage→403/);
  });
});
