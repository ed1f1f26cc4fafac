import { PassThrough } from "node:stream";
import { Api } from "grammy";
import { afterAll, describe, expect, it } from "vitest";
import { type Channel, ChannelError } from "../../src/channels/channel.ts";
import { ConsoleChannel } from "../../src/channels/console/console.ts";
import { TelegramSender } from "../../src/channels/telegram/sender.ts";
import { ZaloClient } from "../../src/channels/zalo/client.ts";
import { ZaloSender } from "../../src/channels/zalo/sender.ts";
import { I18n } from "../../src/i18n/index.ts";
import { TelegramEmulator } from "../emulators/telegram-api.ts";
import { ZaloEmulator } from "../emulators/zalo-api.ts";
import { engineFixture } from "../helpers/engine.ts";

/** One adapter under the shared contract: how to read what arrived, and how to make it fail. */
interface Harness {
  channel: Channel;
  chatId: string;
  /** The texts the platform received for chatId, in order. */
  received(): string[];
  /** Renders of the choices must show every label. */
  faults?: { block(): void; rateLimit(): void; fail(): void };
  close(): Promise<void>;
}

const i18n = new I18n();
const pacing = { globalPerSecond: 100, privateGapMs: 0, groupGapMs: 0 };

const harnesses: Record<string, () => Promise<Harness>> = {
  async telegram() {
    const emulator = await TelegramEmulator.start({ token: "1:c" });
    return {
      channel: new TelegramSender(new Api("1:c", { apiRoot: emulator.apiRoot }), pacing),
      chatId: "555",
      received: () =>
        emulator.messages(555).map((m) => [m.text, JSON.stringify(m.replyMarkup ?? "")].join("\n")),
      faults: {
        block: () => emulator.blockChat(555),
        rateLimit: () => emulator.rateLimitNext(1, 3),
        fail: () => emulator.failNext(1),
      },
      close: () => emulator.close(),
    };
  },
  async zalo() {
    const emulator = await ZaloEmulator.start({ token: "9:z" });
    const client = new ZaloClient({ token: "9:z", apiRoot: emulator.apiRoot });
    return {
      channel: new ZaloSender(
        client,
        i18n,
        () => "vi",
        () => {},
        pacing,
      ),
      chatId: "u-555",
      received: () => emulator.messages("u-555").map((m) => m.text ?? ""),
      faults: {
        block: () => emulator.blockUser("u-555"),
        rateLimit: () => emulator.rateLimitNext(1),
        fail: () => emulator.failNext(1),
      },
      close: () => emulator.close(),
    };
  },
  async console() {
    const out = new PassThrough();
    let text = "";
    out.on("data", (d) => {
      text += String(d);
    });
    const { core } = engineFixture();
    return {
      channel: new ConsoleChannel(out, core, () => {}),
      chatId: "demo",
      received: () =>
        text
          .split("\n📨 → demo\n")
          .slice(1)
          .map((s) => s.trim()),
      close: async () => {},
    };
  },
};

for (const [name, make] of Object.entries(harnesses)) {
  describe(`channel contract: ${name}`, () => {
    let h: Harness;
    const ready = make().then((x) => {
      h = x;
    });
    afterAll(async () => h?.close());
    // The console has no platform to push back; the fault cases run for the real platforms.
    const platform = name !== "console";

    it("delivers text exactly and returns the platform's message id", async () => {
      await ready;
      const text = "Kỳ báo cáo tháng 11/2026 — Sở Y tế 👍 完成";
      const r = await h.channel.send(h.chatId, { text });
      expect(r.messageId).not.toBe("");
      expect(h.received().at(-1)).toContain(text);
    });

    it("shows every choice, as buttons or as numbered lines", async () => {
      await ready;
      await h.channel.send(h.chatId, {
        text: "Tình trạng?",
        choices: [
          [{ label: "Đang thực hiện", data: "f:ab12:sip" }],
          [{ label: "Hoàn thành", data: "f:ab12:sdn" }],
        ],
      });
      const last = h.received().at(-1) ?? "";
      expect(last).toContain("Đang thực hiện");
      expect(last).toContain("Hoàn thành");
      if (name !== "telegram") expect(last).toMatch(/1\. Đang thực hiện\n2\. Hoàn thành\nTrả lời 1 hoặc 2\./);
      else expect(last).toContain('"callback_data":"f:ab12:sdn"');
    });

    it("accepts a text at its limit", async () => {
      await ready;
      const text = "đ".repeat(h.channel.textLimit);
      await h.channel.send(h.chatId, { text });
      expect(h.received().at(-1)).toContain(text);
    });

    it.runIf(platform)("says a push-back is a rate limit, with how long to wait", async () => {
      await ready;
      if (!h.faults) throw new Error("a platform harness must simulate faults");
      h.faults.rateLimit();
      const e = await h.channel.send(h.chatId, { text: "x" }).catch((err) => err);
      expect(e).toBeInstanceOf(ChannelError);
      expect(e.kind).toBe("rate_limited");
      expect(e.retryAfterMs).toBeGreaterThan(0);
    });

    it.runIf(platform)("says a server failure is transient", async () => {
      await ready;
      if (!h.faults) throw new Error("a platform harness must simulate faults");
      h.faults.fail();
      const e = await h.channel.send(h.chatId, { text: "x" }).catch((err) => err);
      expect(e).toBeInstanceOf(ChannelError);
      expect(e.kind).toBe("transient");
    });

    it.runIf(platform)("says a recipient who blocked the bot is unreachable", async () => {
      await ready;
      if (!h.faults) throw new Error("a platform harness must simulate faults");
      h.faults.block();
      const e = await h.channel.send(h.chatId, { text: "x" }).catch((err) => err);
      expect(e).toBeInstanceOf(ChannelError);
      expect(e.kind).toBe("unreachable");
      expect(String(e.message)).not.toMatch(/\d+:[cz]/); // no token in what gets logged
    });
  });
}
