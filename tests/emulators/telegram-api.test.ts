import { createServer, type IncomingHttpHeaders } from "node:http";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { TelegramEmulator, type TgUpdate } from "./telegram-api.ts";

// grammY is not a dependency of this repo yet, so these tests speak the wire protocol with fetch and
// reproduce grammY's own multipart encoding byte for byte.

const TOKEN = "4242:emulator-test";
const alice = { id: 501, first_name: "Lan", username: "lan_ubnd", language_code: "vi" };
const aliceChat = { id: 501, type: "private" as const };
const group = { id: -100123, type: "group" as const, title: "Tổ công tác Đề án 06" };

interface ApiBody<T> {
  ok: boolean;
  result: T;
  error_code?: number;
  description?: string;
  parameters?: { retry_after?: number };
}

interface Msg {
  message_id: number;
  text?: string;
  reply_markup?: unknown;
  document?: { file_name?: string; mime_type?: string; file_size?: number };
}

let emu: TelegramEmulator;

async function call<T = unknown>(method: string, params: Record<string, unknown> = {}, token = TOKEN) {
  const res = await fetch(`${emu.apiRoot}/bot${token}/${method}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(params),
  });
  return { status: res.status, body: (await res.json()) as ApiBody<T> };
}

/** The exact framing grammY 1.x writes: see payloadToMultipartItr in grammY's core/payload.ts. */
function grammyMultipart(fields: Record<string, string>, field: string, filename: string, bytes: Uint8Array) {
  const boundary = "----------k3x9q0w8e7r6t5y4u3i2o1p0a9s8d7f6";
  const id = "a1b2c3d4e5f6g7h8";
  const enc = new TextEncoder();
  const parts: Uint8Array[] = [enc.encode(`--${boundary}\r\n`)];
  Object.entries({ ...fields, [field]: `attach://${id}` }).forEach(([key, value], i) => {
    if (i > 0) parts.push(enc.encode(`\r\n--${boundary}\r\n`));
    parts.push(enc.encode(`content-disposition:form-data;name="${key}"\r\n\r\n${value}`));
  });
  parts.push(enc.encode(`\r\n--${boundary}\r\n`));
  parts.push(enc.encode(`content-disposition:form-data;name="${id}";filename=${filename}\r\n\r\n`));
  parts.push(bytes, enc.encode(`\r\n--${boundary}--`));
  return { body: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

describe("TelegramEmulator", () => {
  beforeEach(async () => {
    emu = await TelegramEmulator.start({ token: TOKEN, botUsername: "nhacviec_bot" });
  });
  afterEach(async () => {
    await emu.close();
  });

  it("sends messages, numbers them per chat and records them", async () => {
    const me = await call<{ id: number; username: string; is_bot: boolean }>("getMe");
    expect(me.body.result).toMatchObject({ id: 4242, username: "nhacviec_bot", is_bot: true });

    const markup = { inline_keyboard: [[{ text: "Xong", callback_data: "done:7" }]] };
    const first = await call<Msg>("sendMessage", { chat_id: 501, text: "Chào Lan", reply_markup: markup });
    const second = await call<Msg>("sendMessage", { chat_id: 501, text: "Hạn chót 15/5" });
    const other = await call<Msg>("sendMessage", { chat_id: -100123, text: "Nhóm" });
    expect(first.status).toBe(200);
    expect([
      first.body.result.message_id,
      second.body.result.message_id,
      other.body.result.message_id,
    ]).toEqual([1, 2, 1]);
    expect(first.body.result.reply_markup).toEqual(markup);

    const sent = emu.messages(501);
    expect(sent.map((m) => m.text)).toEqual(["Chào Lan", "Hạn chót 15/5"]);
    expect(sent[0]).toMatchObject({ chatId: 501, messageId: 1, method: "sendMessage", replyMarkup: markup });
    expect(emu.messages()).toHaveLength(3);
    expect(emu.stats()).toMatchObject({ sends: 3, rejected429: 0, violations: 0 });
  });

  it("accepts GET with query parameters", async () => {
    const res = await fetch(`${emu.apiRoot}/bot${TOKEN}/sendMessage?chat_id=77&text=ping`);
    expect(res.status).toBe(200);
    expect(emu.messages(77).map((m) => m.text)).toEqual(["ping"]);
  });

  it("answers 401 for a wrong token and 404 for an unknown method", async () => {
    const bad = await call("getMe", {}, "1:wrong");
    expect(bad.status).toBe(401);
    expect(bad.body).toEqual({ ok: false, error_code: 401, description: "Unauthorized" });
    const unknown = await call("sendSticker", { chat_id: 1 });
    expect(unknown.status).toBe(404);
    expect(unknown.body.description).toBe("Not Found: method not found");
  });

  it("rejects what Telegram rejects", async () => {
    const empty = await call("sendMessage", { chat_id: 1, text: "  " });
    expect([empty.status, empty.body.description]).toEqual([400, "Bad Request: message text is empty"]);
    const long = await call("sendMessage", { chat_id: 1, text: "x".repeat(4097) });
    expect(long.body.description).toBe("Bad Request: message is too long");
    const html = await call("sendMessage", { chat_id: 1, text: "<b>hạn", parse_mode: "HTML" });
    expect(html.body.description).toMatch(/^Bad Request: can't parse entities/);
    const data = await call("sendMessage", {
      chat_id: 1,
      text: "x",
      reply_markup: { inline_keyboard: [[{ text: "a", callback_data: "d".repeat(65) }]] },
    });
    expect(data.body.description).toBe("Bad Request: BUTTON_DATA_INVALID");
    // 4096 visible characters fit even when the HTML markup makes the request longer.
    const fits = await call("sendMessage", {
      chat_id: 1,
      text: `<b>${"y".repeat(4096)}</b>`,
      parse_mode: "HTML",
    });
    expect(fits.status).toBe(200);
    expect(emu.stats().sends).toBe(1);
  });

  it("simulates blocked, removed and kicked chats", async () => {
    emu.blockChat(501);
    emu.removeChat(502);
    const blocked = await call("sendMessage", { chat_id: 501, text: "hi" });
    expect([blocked.status, blocked.body.description]).toEqual([
      403,
      "Forbidden: bot was blocked by the user",
    ]);
    const removed = await call("sendMessage", { chat_id: 502, text: "hi" });
    expect([removed.status, removed.body.description]).toEqual([400, "Bad Request: chat not found"]);
    const update = emu.removedFromGroup(group, alice);
    expect(update.my_chat_member).toMatchObject({ new_chat_member: { status: "kicked" } });
    const kicked = await call("sendMessage", { chat_id: group.id, text: "hi" });
    expect([kicked.status, kicked.body.description]).toEqual([
      403,
      "Forbidden: bot was kicked from the group chat",
    ]);
    expect(emu.messages()).toEqual([]);
  });

  it("enforces a global limit with 429 and retry_after, without counting rejects as sends", async () => {
    await emu.close();
    emu = await TelegramEmulator.start({ token: TOKEN, globalLimitPerSecond: 5 });
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) => call("sendMessage", { chat_id: 1000 + i, text: `#${i}` })),
    );
    const rejected = results.filter((r) => r.status === 429);
    expect(results.filter((r) => r.status === 200)).toHaveLength(5);
    expect(rejected).toHaveLength(5);
    for (const r of rejected) {
      expect(r.body).toEqual({
        ok: false,
        error_code: 429,
        description: "Too Many Requests: retry after 1",
        parameters: { retry_after: 1 },
      });
    }
    expect(emu.stats()).toMatchObject({ sends: 5, rejected429: 5, violations: 0 });
    expect(emu.sendTimes()).toHaveLength(5);
  });

  it("counts violations instead of rejecting when enforcement is off", async () => {
    await emu.close();
    emu = await TelegramEmulator.start({ token: TOKEN, perChatLimitPerSecond: 2, enforceLimits: false });
    for (let i = 0; i < 5; i++)
      expect((await call("sendMessage", { chat_id: 9, text: `${i}` })).status).toBe(200);
    expect(emu.stats()).toMatchObject({ sends: 5, rejected429: 0, violations: 3 });
    expect(emu.stats().byChat["9"]).toEqual({ sends: 5, rejected429: 0, violations: 3 });
  });

  it("injects 500s and 429 storms into the next sends", async () => {
    emu.failNext(1);
    emu.rateLimitNext(2, 7);
    const codes: number[] = [];
    for (let i = 0; i < 4; i++) codes.push((await call("sendMessage", { chat_id: 3, text: "x" })).status);
    expect(codes).toEqual([500, 429, 429, 200]);
    emu.rateLimitNext(1, 7);
    const storm = await call("sendMessage", { chat_id: 3, text: "x" });
    expect(storm.body.parameters).toEqual({ retry_after: 7 });
    expect(emu.stats()).toMatchObject({ sends: 1, rejected429: 3 });
  });

  it("long-polls getUpdates: wakes on a new update and times out with []", async () => {
    const started = Date.now();
    const poll = call<TgUpdate[]>("getUpdates", { timeout: 10 });
    await new Promise((r) => setTimeout(r, 150));
    const created = emu.sendText(alice, aliceChat, "/start@nhacviec_bot hello");
    const { body } = await poll;
    const elapsed = Date.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(140);
    expect(elapsed).toBeLessThan(2000);
    expect(body.result).toHaveLength(1);
    expect(body.result[0]).toEqual(created);
    expect(body.result[0]?.message).toMatchObject({
      text: "/start@nhacviec_bot hello",
      from: { id: 501, is_bot: false, username: "lan_ubnd" },
      chat: { id: 501, type: "private" },
      entities: [{ type: "bot_command", offset: 0, length: 19 }],
    });

    const waitStart = Date.now();
    const empty = await call<TgUpdate[]>("getUpdates", { offset: created.update_id + 1, timeout: 1 });
    expect(empty.body.result).toEqual([]);
    expect(Date.now() - waitStart).toBeGreaterThanOrEqual(900);
  });

  it("keeps unconfirmed updates until an offset confirms them", async () => {
    const a = emu.sendText(alice, aliceChat, "một");
    const b = emu.sendText(alice, aliceChat, "hai");
    expect((await call<TgUpdate[]>("getUpdates")).body.result.map((u) => u.update_id)).toEqual([
      a.update_id,
      b.update_id,
    ]);
    const rest = await call<TgUpdate[]>("getUpdates", { offset: b.update_id });
    expect(rest.body.result.map((u) => u.update_id)).toEqual([b.update_id]);
  });

  it("ends an older long poll with 409 and releases polls on close", async () => {
    const older = call("getUpdates", { timeout: 10 });
    await new Promise((r) => setTimeout(r, 50));
    const newer = call<TgUpdate[]>("getUpdates", { timeout: 10 });
    expect((await older).status).toBe(409);
    const started = Date.now();
    await emu.close();
    expect((await newer).body.result).toEqual([]);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it("names the caller of each call from an apiRoot with a first path segment, and when its poll was open", async () => {
    const polled = fetch(`${emu.apiRoot}/instance-a/bot${TOKEN}/getUpdates?timeout=1`).then((r) => r.json());
    expect(await polled).toEqual({ ok: true, result: [] });
    await call("getMe");
    const [poll, me] = emu.calls();
    expect(poll).toMatchObject({ method: "getUpdates", caller: "instance-a", status: 200 });
    expect((poll?.at ?? 0) - (poll?.startedAt ?? 0)).toBeGreaterThanOrEqual(900);
    expect(me?.caller).toBeUndefined();
    expect((await fetch(`${emu.apiRoot}/a/b/bot${TOKEN}/getMe`)).status).toBe(404);
  });

  it("delivers injected updates exactly as given", async () => {
    emu.injectUpdate({ update_id: 5, message: { text: 42 } });
    emu.injectUpdate({ weird: true });
    const { body } = await call<unknown[]>("getUpdates");
    expect(body.result).toEqual([{ update_id: 5, message: { text: 42 } }, { weird: true }]);
  });

  it("lets the bot download a document a user sent", async () => {
    const update = emu.sendDocumentFromUser(alice, aliceChat, {
      filename: "ke-hoach.csv",
      bytes: "ma,ten\n1,A",
    });
    const doc = (update.message as { document: { file_id: string; mime_type: string; file_size: number } })
      .document;
    expect(doc).toMatchObject({ mime_type: "text/csv", file_size: 10 });
    const file = await call<{ file_path: string }>("getFile", { file_id: doc.file_id });
    const res = await fetch(`${emu.apiRoot}/file/bot${TOKEN}/${file.body.result.file_path}`);
    expect(await res.text()).toBe("ma,ten\n1,A");
  });

  it("delivers to a webhook with the secret header and records the status", async () => {
    const received: { headers: IncomingHttpHeaders; body: string }[] = [];
    const hook = createServer((req, res) => {
      let body = "";
      req.on("data", (c: Buffer) => {
        body += c.toString("utf8");
      });
      req.on("end", () => {
        received.push({ headers: req.headers, body });
        res.writeHead(200).end();
      });
    });
    await new Promise<void>((r) => hook.listen(0, "127.0.0.1", () => r()));
    const address = hook.address();
    if (address === null || typeof address === "string") throw new Error("no port");
    try {
      const url = `http://127.0.0.1:${address.port}/tg`;
      expect((await call("setWebhook", { url, secret_token: "s3cr3t_Token" })).body.result).toBe(true);
      const update = emu.sendText(alice, group, "Báo cáo tuần");
      await emu.flushWebhook();
      expect(received).toHaveLength(1);
      expect(received[0]?.headers["x-telegram-bot-api-secret-token"]).toBe("s3cr3t_Token");
      expect(JSON.parse(received[0]?.body ?? "")).toEqual(update);
      expect(emu.webhookDeliveries).toMatchObject([{ updateId: update.update_id, url, status: 200 }]);
      const info = await call<{ url: string; pending_update_count: number }>("getWebhookInfo");
      expect(info.body.result).toMatchObject({ url, pending_update_count: 0 });
      expect((await call("getUpdates")).status).toBe(409);
    } finally {
      await new Promise((r) => hook.close(r));
    }
  });

  it("parses grammY's multipart sendDocument, attach:// reference and JSON-string fields", async () => {
    const bytes = Uint8Array.from({ length: 300 }, (_, i) => i % 256);
    const markup = { inline_keyboard: [[{ text: "Mở", callback_data: "open" }]] };
    const { body, contentType } = grammyMultipart(
      { chat_id: "-100123", caption: "Kế hoạch; bản 2", reply_markup: JSON.stringify(markup) },
      "document",
      "Báo cáo tháng 5; bản 2.xlsx",
      bytes,
    );
    const res = await fetch(`${emu.apiRoot}/bot${TOKEN}/sendDocument`, {
      method: "POST",
      headers: { "content-type": contentType },
      body,
    });
    const json = (await res.json()) as ApiBody<Msg>;
    expect(res.status).toBe(200);
    const xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    expect(json.result.document).toMatchObject({
      file_name: "Báo cáo tháng 5; bản 2.xlsx",
      mime_type: xlsx,
      file_size: 300,
    });
    const [sent] = emu.messages(-100123);
    expect(sent).toMatchObject({ method: "sendDocument", caption: "Kế hoạch; bản 2", replyMarkup: markup });
    expect(sent?.document).toMatchObject({
      filename: "Báo cáo tháng 5; bản 2.xlsx",
      mimeType: xlsx,
      size: 300,
    });
    expect(Buffer.compare(sent?.document?.bytes ?? Buffer.alloc(0), Buffer.from(bytes))).toBe(0);

    // Re-sending by file_id reuses the stored file.
    const again = await call<Msg>("sendDocument", { chat_id: 501, document: sent?.document?.fileId });
    expect(again.body.result.document?.file_size).toBe(300);
  });

  it("parses standard FormData uploads too", async () => {
    const form = new FormData();
    form.append("chat_id", "501");
    form.append("photo", new Blob([new Uint8Array([1, 2, 3, 4])], { type: "image/png" }), "chart.png");
    const res = await fetch(`${emu.apiRoot}/bot${TOKEN}/sendPhoto`, { method: "POST", body: form });
    expect(res.status).toBe(200);
    expect(emu.messages(501)[0]?.photo).toMatchObject({ filename: "chart.png", size: 4 });
  });

  it("turns button presses into callback queries and records the answers", async () => {
    const markup = { inline_keyboard: [[{ text: "Xong", callback_data: "done:7" }]] };
    const sent = await call<Msg>("sendMessage", { chat_id: 501, text: "Việc 7", reply_markup: markup });
    const update = emu.pressButton(alice, aliceChat, sent.body.result.message_id, "done:7");
    const query = update.callback_query as { id: string; data: string; message: Msg };
    expect(query).toMatchObject({ data: "done:7", message: { message_id: 1, text: "Việc 7" } });
    expect(() => emu.pressButton(alice, aliceChat, 1, "nope")).toThrow(/no button "nope"/);

    expect((await call("answerCallbackQuery", { callback_query_id: query.id, text: "Đã ghi" })).status).toBe(
      200,
    );
    expect(emu.callbackAnswers).toMatchObject([
      { callbackQueryId: query.id, data: "done:7", text: "Đã ghi" },
    ]);
    const twice = await call("answerCallbackQuery", { callback_query_id: query.id });
    expect(twice.status).toBe(400);

    const same = await call("editMessageText", {
      chat_id: 501,
      message_id: 1,
      text: "Việc 7",
      reply_markup: markup,
    });
    expect(same.body.description).toMatch(/^Bad Request: message is not modified/);
    const edited = await call<Msg>("editMessageText", { chat_id: 501, message_id: 1, text: "Việc 7 ✓" });
    expect(edited.body.result.reply_markup).toBeUndefined();
    expect(emu.messages(501)[0]).toMatchObject({ text: "Việc 7 ✓", replyMarkup: undefined });
  });

  it("records setMyCommands per scope and language", async () => {
    const vi = [{ command: "viec", description: "Việc của tôi" }];
    await call("setMyCommands", { commands: vi, language_code: "vi" });
    await call("setMyCommands", { commands: [{ command: "help", description: "Help" }] });
    const got = await call("getMyCommands", { language_code: "vi" });
    expect(got.body.result).toEqual(vi);
    expect((await call("getMyCommands", { scope: { type: "all_group_chats" } })).body.result).toEqual([]);
    expect(emu.commands.map((c) => [c.languageCode, c.scope])).toEqual([
      ["vi", { type: "default" }],
      ["", { type: "default" }],
    ]);
    const bad = await call("setMyCommands", { commands: [{ command: "Bad Cmd", description: "x" }] });
    expect(bad.status).toBe(400);
  });

  it("waitForMessages resolves on arrival and rejects listing what came", async () => {
    const waiting = emu.waitForMessages(501, 2, 2000);
    await call("sendMessage", { chat_id: 501, text: "một" });
    await call("sendMessage", { chat_id: 501, text: "hai" });
    expect((await waiting).map((m) => m.text)).toEqual(["một", "hai"]);
    await expect(emu.waitForMessages(501, 3, 100)).rejects.toThrow(
      /chat 501 expected at least 3 bot message\(s\) within 100 ms, got 2\n {2}#1 sendMessage "một"/,
    );
  });
});
