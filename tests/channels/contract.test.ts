import { afterAll, describe, expect, it } from "vitest";
import { ChannelError } from "../../src/channels/channel.ts";
import { adapterDefinitions } from "../../src/channels/registry.ts";
import { splitText } from "../../src/text/split.ts";
import { until } from "../helpers/redis.ts";
import { type Harness, harnesses, sampleFile } from "./harnesses.ts";

const choices = [
  [{ label: "Đang thực hiện", data: "f:ab12:sip" }],
  [{ label: "Hoàn thành", data: "f:ab12:sdn" }],
];

/** A received message without the markup the Telegram harness appends to it. */
const textOf = (t: string) => t.replace(/\n(\{"inline_keyboard".*|"")$/s, "");

it("every registered adapter runs the contract", () => {
  expect(Object.keys(harnesses).sort()).toEqual(adapterDefinitions.map((d) => d.platform.name).sort());
});

for (const [name, make] of Object.entries(harnesses)) {
  describe(`adapter contract: ${name}`, { timeout: 30_000 }, () => {
    let h: Harness;
    const ready = make().then((x) => {
      h = x;
    });
    afterAll(async () => h?.close());
    // The console has no platform to push back; the fault cases run for the real platforms.
    const platform = name !== "console";
    /** Waits for the next Incoming the adapter hands the router. */
    const next = async (count: number) => {
      await until(() => h.seen.length > count, `${name}: an incoming message`, 10_000);
      return h.seen[count];
    };

    describe("sending", () => {
      it("delivers text exactly and returns the platform's message id", async () => {
        await ready;
        const text = "Kỳ báo cáo tháng 11/2026 — Sở Y tế 👍 完成";
        const r = await h.adapter.send(h.chatId, { text });
        expect(r.messageId).not.toBe("");
        expect(h.received().at(-1)).toContain(text);
      });

      it("shows every choice, as buttons or as numbered lines", async () => {
        await ready;
        await h.adapter.send(h.chatId, { text: "Tình trạng?", choices });
        const last = h.received().at(-1) ?? "";
        expect(last).toContain("Đang thực hiện");
        expect(last).toContain("Hoàn thành");
        if (h.adapter.capabilities.buttons) expect(last).toContain('"callback_data":"f:ab12:sdn"');
        else expect(last).toMatch(/1\. Đang thực hiện\n2\. Hoàn thành\nTrả lời 1 hoặc 2\./);
      });

      it("accepts a text at its limit, and its parts when split there", async () => {
        await ready;
        const limit = h.adapter.capabilities.textLimit;
        expect(h.adapter.textLimit).toBe(limit);
        const line = `${"đ".repeat(99)}\n`;
        const text = line.repeat(Math.ceil((limit * 2.5) / line.length));
        const parts = splitText(text, limit);
        expect(parts.length).toBeGreaterThan(2);
        const before = h.received().length;
        for (const part of parts) await h.adapter.send(h.chatId, { text: part });
        const got = h.received().slice(before);
        expect(got.map((t) => textOf(t).trim())).toEqual(parts.map((p) => p.trim()));
        await h.adapter.send(h.chatId, { text: "đ".repeat(limit) });
        expect(h.received().at(-1)).toContain("đ".repeat(limit));
      });

      it("keeps a text with a menu within the limit, whatever the menu adds", async () => {
        await ready;
        const limit = h.adapter.capabilities.textLimit;
        const before = h.received().length;
        await h.adapter.send(h.chatId, { text: "x".repeat(limit - 5), choices });
        const got = h.received().slice(before);
        if (platform) for (const t of got) expect(textOf(t).length).toBeLessThanOrEqual(limit);
        expect(got.join("\n")).toContain("Hoàn thành");
      });

      it("sends a document where the platform carries one, else its text alone", async () => {
        await ready;
        const files = h.files().length;
        const attachment = { kind: "document" as const, path: sampleFile(), name: "bao-cao.csv" };
        await h.adapter.send(h.chatId, { text: "Báo cáo tổng hợp", attachment });
        expect(h.received().at(-1)).toContain("Báo cáo tổng hợp");
        expect(h.files().length - files).toBe(h.adapter.capabilities.documents ? 1 : 0);
      });

      it.runIf(platform)("says a push-back is a rate limit, with how long to wait", async () => {
        await ready;
        h.faults?.rateLimit();
        const e = await h.adapter.send(h.chatId, { text: "x" }).catch((err) => err);
        expect(e).toBeInstanceOf(ChannelError);
        expect(e.kind).toBe("rate_limited");
        expect(e.retryAfterMs).toBeGreaterThan(0);
      });

      it.runIf(platform)("says a server failure is transient", async () => {
        await ready;
        h.faults?.fail();
        const e = await h.adapter.send(h.chatId, { text: "x" }).catch((err) => err);
        expect(e).toBeInstanceOf(ChannelError);
        expect(e.kind).toBe("transient");
      });

      it.runIf(platform)("says a recipient who blocked the bot is unreachable", async () => {
        await ready;
        h.faults?.block();
        const e = await h.adapter.send(h.chatId, { text: "x" }).catch((err) => err);
        expect(e).toBeInstanceOf(ChannelError);
        expect(e.kind).toBe("unreachable");
        expect(String(e.message)).not.toMatch(/\d+:[cz]/); // no token in what gets logged
      });
    });

    // In order: each case waits for the one Incoming its action produces.
    describe("receiving", () => {
      it("hands the router a text message, with the chat and the person", async () => {
        await ready;
        const n = h.seen.length;
        h.person.say("xin chào");
        const got = await next(n);
        expect(got?.text).toBe("xin chào");
        expect(got?.chatId).toBe(`${h.adapter.prefix}:${h.person.chatId}`);
        expect(got?.chatType).toBe("private");
        expect(got?.userId).toMatch(new RegExp(`^${h.adapter.prefix}:`));
        expect(got?.channel).toBe(h.adapter.platform.name);
      });

      it("hands over a command as typed", async () => {
        await ready;
        const n = h.seen.length;
        h.person.say("/help");
        expect((await next(n))?.text).toBe("/help");
      });

      it("reads a button press or a typed number as the choice it stands for", async () => {
        await ready;
        const sent = await h.adapter.send(h.person.chatId, { text: "Tình trạng?", choices });
        const n = h.seen.length;
        h.person.pick(sent.messageId, "f:ab12:sdn", 2);
        const got = await next(n);
        expect(got?.choice ?? got?.resolved).toBe("f:ab12:sdn");
      });

      it("hands over an attachment where the platform lets people send one", async () => {
        await ready;
        if (!h.person.attach) {
          expect(h.adapter.capabilities.documents || h.adapter.capabilities.photos).toBe(false);
          return;
        }
        const n = h.seen.length;
        h.person.attach();
        const got = await next(n);
        expect(got?.attachment?.kind).toMatch(/^(document|photo)$/);
        expect(got?.attachment?.fileId ?? got?.attachment?.url).toBeTruthy();
      });

      it("skips what is not for it (an edit, another bot, a sticker, an empty line)", async () => {
        await ready;
        const n = h.seen.length;
        h.person.noise();
        h.person.say("sau");
        await next(n);
        expect(h.seen.slice(n).map((i) => i.text)).toEqual(["sau"]);
      });
    });
  });
}
