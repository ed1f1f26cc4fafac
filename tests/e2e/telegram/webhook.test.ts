import { request } from "node:http";
import { describe, expect, it } from "vitest";
import { linkContact, startTestApp } from "../../helpers/app.ts";
import { expectNoStackTrace, person, say, sentBefore, textOf } from "./support.ts";

const focal = person(1001, "Đầu mối Y tế");
const SECRET = "s3cret_hook-token";

/** A POST to the bot's webhook as anyone on the network could send it. */
function post(url: string, body: object, secret?: string): Promise<number> {
  const payload = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "content-length": Buffer.byteLength(payload),
          ...(secret === undefined ? {} : { "X-Telegram-Bot-Api-Secret-Token": secret }),
        },
      },
      (res) => {
        res.resume();
        res.on("end", () => resolve(res.statusCode ?? 0));
      },
    );
    req.on("error", reject);
    req.end(payload);
  });
}

/** A POST whose body is streamed without a Content-Length (chunked), as a client could. */
function postChunked(url: string, chunks: string[], secret: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: "POST",
        headers: { "content-type": "application/json", "X-Telegram-Bot-Api-Secret-Token": secret },
      },
      (res) => {
        res.resume();
        res.on("end", () => resolve(res.statusCode ?? 0));
      },
    );
    // The server may answer and close before the whole body is written.
    req.on("error", (e) =>
      String(e).includes("EPIPE") || String(e).includes("ECONNRESET") ? undefined : reject(e),
    );
    for (const c of chunks) req.write(c);
    req.end();
  });
}

describe("webhook mode", () => {
  it("registers the webhook with its secret, answers the emulator's posts, and refuses posts without the secret", async () => {
    const t = await startTestApp({ webhook: { secret: SECRET } });
    await linkContact(t, focal.user.id, "so-y-te", "focal");
    const url = t.config.WEBHOOK_URL ?? "";
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/tg-hook$/);
    const [registered] = t.emulator.calls("setWebhook");
    expect(registered?.params).toMatchObject({ url, secret_token: SECRET });
    expect(t.emulator.calls("getUpdates")).toEqual([]);

    const [hint] = await say(t, focal, "xin chào");
    expect(hint?.text).toContain("Gửi /baocao để báo cáo tiến độ");
    const [list] = await say(t, focal, "/baocao");
    expect(list?.text).toMatch(/^Chọn nhiệm vụ cần báo cáo/);
    await t.emulator.flushWebhook();
    expect(t.emulator.webhookDeliveries.length).toBeGreaterThanOrEqual(2);
    expect(t.emulator.webhookDeliveries.every((d) => d.status === 200 && d.url === url)).toBe(true);

    const forged = {
      update_id: 999_001,
      message: {
        message_id: 77,
        date: Math.floor(Date.now() / 1000),
        chat: { id: focal.chat.id, type: "private", first_name: "Đầu mối Y tế" },
        from: { id: focal.user.id, is_bot: false, first_name: "Đầu mối Y tế" },
        text: "/nhiemvu",
        entities: [{ type: "bot_command", offset: 0, length: 8 }],
      },
    };
    const sent = await sentBefore(t, focal.chat, focal, async () => {
      expect(await post(url, forged)).toBe(401);
      expect(await post(url, { ...forged, update_id: 999_002 }, "wrong-secret")).toBe(401);
      expect(await post(url.replace("/tg-hook", "/other"), forged, SECRET)).toBe(404);
    });
    expect(sent).toEqual([]);
    // The same update with the right secret is answered: the 401s were about the secret alone.
    const answered = await sentBefore(t, focal.chat, focal, async () => {
      expect(await post(url, { ...forged, update_id: 999_003 }, SECRET)).toBe(200);
    });
    expect(answered[0]?.text).toMatch(/^Nhiệm vụ của Sở Y tế\n/);
    expectNoStackTrace(t);
  });
});

describe("the webhook's guards", () => {
  it("refuses bodies over 1 MB with 413 and secrets that differ in length or in one character with 401", async () => {
    const t = await startTestApp({ webhook: { secret: SECRET } });
    await linkContact(t, focal.user.id, "so-y-te", "focal");
    const url = t.config.WEBHOOK_URL ?? "";
    const update = (id: number, text: string) => ({
      update_id: id,
      message: {
        message_id: id,
        date: Math.floor(Date.now() / 1000),
        chat: { id: focal.chat.id, type: "private", first_name: "Đầu mối Y tế" },
        from: { id: focal.user.id, is_bot: false, first_name: "Đầu mối Y tế" },
        text,
      },
    });
    const sent = await sentBefore(t, focal.chat, focal, async () => {
      expect(await post(url, update(900_001, "x".repeat(1_100_000)), SECRET)).toBe(413);
      const big = JSON.stringify(update(900_002, "y".repeat(1_100_000)));
      expect(await postChunked(url, [big.slice(0, 600_000), big.slice(600_000)], SECRET)).toBe(413);
      for (const wrong of [SECRET.slice(0, -1), `${SECRET}x`, `${SECRET.slice(0, -1)}X`, ""]) {
        expect(await post(url, update(900_003, "/nhiemvu"), wrong)).toBe(401);
      }
      expect(await post(url, { not: "an update" }, SECRET)).toBe(400);
    });
    expect(sent).toEqual([]);
    // Just under the limit and with the right secret, an update is taken (and its long text refused politely).
    const answered = await sentBefore(t, focal.chat, focal, async () => {
      expect(await post(url, update(900_004, "z".repeat(900_000)), SECRET)).toBe(200);
    });
    expect(textOf(answered)).toContain("Tin nhắn quá dài");
    expectNoStackTrace(t);
  });
});
