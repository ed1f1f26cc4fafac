import { describe, expect, it } from "vitest";
import { parseWebhookBody, updateKey, ZaloApiError, ZaloClient } from "../../src/channels/zalo/client.ts";
import type { ZaloEmulator, ZaloEmulatorOptions } from "../emulators/zalo-api.ts";
import { ann, zaloHarness } from "../helpers/zalo.ts";

const zalo = zaloHarness();

async function setup(opts: ZaloEmulatorOptions = {}): Promise<{ emu: ZaloEmulator; client: ZaloClient }> {
  const emu = await zalo.start(opts);
  return { emu, client: new ZaloClient({ token: emu.token, apiRoot: emu.apiRoot }) };
}

async function caught(promise: Promise<unknown>): Promise<ZaloApiError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ZaloApiError);
  return error as ZaloApiError;
}

function expectNoToken(error: ZaloApiError, token: string): void {
  const secret = token.split(":")[1] ?? token;
  for (const text of [
    error.message,
    error.stack ?? "",
    String(error),
    JSON.stringify(error),
    error.description,
  ]) {
    expect(text).not.toContain(secret);
  }
}

describe("ZaloClient against the emulator", () => {
  it("sends a message and returns Zalo's message id", async () => {
    const { emu, client } = await setup();
    const sent = await client.sendMessage(ann.id, "Hạn nộp báo cáo: 25/6");
    expect(sent.message_id).toMatch(/^[0-9a-f]{20}$/);
    expect(emu.messages(ann.id)).toMatchObject([
      { messageId: sent.message_id, text: "Hạn nộp báo cáo: 25/6" },
    ]);
  });

  it("sends photos and chat actions and reads the bot's identity", async () => {
    const { emu, client } = await setup({ token: "4242:abc-secret" });
    await client.sendPhoto(ann.id, "https://example.org/chart.png", "Tiến độ");
    await client.sendPhoto(ann.id, "https://example.org/plain.png");
    await client.sendChatAction(ann.id, "typing");
    expect(emu.messages(ann.id).map((m) => m.caption)).toEqual(["Tiến độ", undefined]);
    expect(await client.getMe()).toMatchObject({ id: "4242" });
  });

  it("turns a bad token into a ZaloApiError that never shows the token", async () => {
    const { emu } = await setup({ token: "99:very-secret-token-part" });
    const client = new ZaloClient({ token: "99:another-secret-token", apiRoot: emu.apiRoot });
    const error = await caught(client.sendMessage(ann.id, "x"));
    expect(error).toMatchObject({ errorCode: 401, description: "Unauthorized", method: "sendMessage" });
    expectNoToken(error, "99:another-secret-token");
  });

  it("reads the error from the body when Zalo answers HTTP 200 with ok:false", async () => {
    const { emu } = await setup({ errorHttpStatus: "200" });
    const client = new ZaloClient({ token: "1:wrong-token-here", apiRoot: emu.apiRoot });
    expect(await caught(client.getMe())).toMatchObject({ errorCode: 401, httpStatus: 200 });
  });

  it("reports an unreachable API as errorCode 0 without the URL", async () => {
    const { emu } = await setup();
    const apiRoot = emu.apiRoot;
    await emu.close();
    const client = new ZaloClient({ token: "5:unreachable-secret", apiRoot });
    const error = await caught(client.sendMessage(ann.id, "x"));
    expect(error.errorCode).toBe(0);
    expect(error.message).not.toContain(apiRoot);
    expectNoToken(error, "5:unreachable-secret");
  });

  it("gives up on a silent API after timeoutMs", async () => {
    const client = new ZaloClient({
      token: "6:slow-secret",
      apiRoot: await zalo.silent(),
      timeoutMs: 200,
    });
    const error = await caught(client.getMe());
    expect(error).toMatchObject({ errorCode: 0, description: "no answer within 200 ms" });
  });

  it("returns null for an idle poll (408)", async () => {
    const { client } = await setup();
    expect(await client.getUpdates(1)).toBeNull();
  });

  it("returns one update per poll, in the order users wrote", async () => {
    const { emu, client } = await setup();
    const first = emu.sendText(ann, "một");
    emu.sendImage(ann, "https://example.org/p.jpg", "hai");
    emu.sendText(ann, "ba");
    const got = [await client.getUpdates(1), await client.getUpdates(1), await client.getUpdates(1)];
    expect(got.map((u) => u?.message.text ?? u?.message.caption)).toEqual(["một", "hai", "ba"]);
    expect(got[1]?.message.photo_url).toBe("https://example.org/p.jpg");
    expect(got[0]).toEqual(first);
    expect(updateKey(got[0] as NonNullable<(typeof got)[0]>)).toBe(
      `message.text.received:${first.message.message_id}`,
    );
    expect(await client.getUpdates(1)).toBeNull();
  });

  it("stops a poll when the caller aborts, and the next poll still gets the next update", async () => {
    const { emu, client } = await setup();
    const controller = new AbortController();
    const poll = client.getUpdates(10, controller.signal);
    setTimeout(() => controller.abort(), 100);
    expect(await caught(poll)).toMatchObject({ errorCode: 0, description: "aborted by the caller" });
    await new Promise((r) => setTimeout(r, 50));
    emu.sendText(ann, "sau khi huỷ");
    expect((await client.getUpdates(1))?.message.text).toBe("sau khi huỷ");
  });

  it("skips a malformed update instead of failing the poll", async () => {
    const { emu, client } = await setup();
    emu.injectUpdate({ event_name: "message.text.received", message: { text: "no ids" } });
    expect(await client.getUpdates(1)).toBeNull();
  });

  it("surfaces 429 and a blocked user as errors, and later sends succeed", async () => {
    const { emu, client } = await setup();
    emu.rateLimitNext(1);
    expect((await caught(client.sendMessage(ann.id, "x"))).errorCode).toBe(429);
    emu.blockUser("blocked-user");
    expect((await caught(client.sendMessage("blocked-user", "x"))).errorCode).toBe(403);
    expect(await client.sendMessage(ann.id, "x")).toHaveProperty("message_id");
  });

  it("rejects a text over 2000 characters with 400", async () => {
    const { client } = await setup();
    expect((await caught(client.sendMessage(ann.id, "x".repeat(2001)))).errorCode).toBe(400);
  });

  it("sets, reads and deletes the webhook; parses bodies of both styles", async () => {
    for (const style of ["wrapped", "bare"] as const) {
      const { emu, client } = await setup({ webhookBodyStyle: style });
      const { url, got: bodies } = await zalo.receiver("/hook");
      expect(await client.setWebhook(url, "hook-secret-1")).toMatchObject({ url });
      expect((await client.getWebhookInfo()).url).toBe(url);
      const update = emu.sendText(ann, `kiểu ${style}`);
      await emu.flushWebhook();
      expect(bodies[0]?.headers["x-bot-api-secret-token"]).toBe("hook-secret-1");
      expect(parseWebhookBody(JSON.parse(bodies[0]?.body ?? "null"))).toEqual(update);
      expect(parseWebhookBody(bodies[0]?.body)).toEqual(update);
      expect((await client.deleteWebhook()).url).toBe("");
    }
  });
});

describe("parseWebhookBody", () => {
  const message = { message_id: "m1", chat: { id: "c1", chat_type: "PRIVATE" }, from: { id: "c1" }, date: 5 };

  it("rejects malformed bodies", () => {
    for (const body of [
      null,
      "not json",
      [],
      {},
      { ok: true, result: null },
      { ok: false, error_code: 500 },
      { ok: false, result: { event_name: "message.text.received", message } },
      { ok: true, result: { event_name: "message.text.received" } },
      { event_name: "", message },
      { event_name: "message.text.received", message: { ...message, message_id: "" } },
      { event_name: "message.text.received", message: { ...message, chat: {} } },
      {
        event_name: "message.text.received",
        message: { ...message, chat: { id: "g", chat_type: "GROUP" }, from: {} },
      },
    ]) {
      expect(parseWebhookBody(body), JSON.stringify(body)).toBeNull();
    }
  });

  it("keeps known fields, coerces numeric ids and drops unknown ones", () => {
    const update = parseWebhookBody({
      event_name: "message.image.received",
      message: { ...message, message_id: 17, photo: "https://x/p.jpg", extra: { deep: 1 } },
    });
    expect(update).toEqual({
      event_name: "message.image.received",
      message: { ...message, message_id: "17", photo: "https://x/p.jpg" },
    });
  });
});
