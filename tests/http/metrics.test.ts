import { describe, expect, it } from "vitest";
import { secretMatches } from "../../src/http/webhooks.ts";
import { button, person, press, say } from "../e2e/telegram/support.ts";
import { linkContact, startTestApp, type TestApp } from "../helpers/app.ts";
import { sqliteOf } from "../helpers/engine-choice.ts";
import { until } from "../helpers/redis.ts";

const focal = person(1001, "Đầu mối Y tế");
const gone = person(1002, "Đầu mối Tư pháp");

/** The scrape as a map from `name{labels}` to value (label order as prom-client prints it). */
async function scrape(
  t: TestApp,
): Promise<{ raw: string; value(name: string, ...labels: string[]): number }> {
  const res = await fetch(`http://127.0.0.1:${t.app.http.port}/metrics`);
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
  const raw = await res.text();
  const samples = raw
    .split("\n")
    .filter((l) => l && !l.startsWith("#"))
    .map((l) => {
      const cut = l.lastIndexOf(" ");
      return { key: l.slice(0, cut), value: Number(l.slice(cut + 1)) };
    });
  return {
    raw,
    // Sum of every sample of that name carrying all the given label pairs.
    value: (name, ...labels) =>
      samples
        .filter(
          (s) => (s.key === name || s.key.startsWith(`${name}{`)) && labels.every((l) => s.key.includes(l)),
        )
        .reduce((sum, s) => sum + s.value, 0),
  };
}

describe("/metrics", () => {
  it("moves with a tick, its sends (a 429 and an unreachable chat among them), updates and a report", async () => {
    const t = await startTestApp();
    await linkContact(t, focal.user.id, "so-y-te", "focal");
    await linkContact(t, gone.user.id, "so-tu-phap", "focal");
    const before = await scrape(t);
    for (const name of [
      "nhacviec_flow_errors_total",
      "nhacviec_webhook_updates_total",
      "nhacviec_process_cpu_seconds_total",
    ])
      expect(before.raw).toContain(`# TYPE ${name}`);

    t.emulator.blockChat(gone.chat.id);
    t.emulator.rateLimitNext(1, 1);
    await t.app.runner.tick(new Date("2026-12-01T08:00:00+07:00"));
    const delivered = await t.emulator.waitForMessages(focal.chat.id, 2, 15_000);
    await until(
      () =>
        !!sqliteOf(t.core)
          .sqlite.prepare("select 1 from chats where id = 'tg:1002' and unreachable_at is not null")
          .get(),
      "the blocked chat marked unreachable",
    );
    const reminder = delivered.find((m) => m.text?.startsWith("📋 Kỳ báo cáo tháng 11/2026"));
    const [list] = await press(t, focal, reminder, button(reminder, "Báo cáo ngay").text);
    const [status] = await press(t, focal, list, "II.10 · ");
    const [question] = await press(t, focal, status, "Hoàn thành");
    expect(question?.text).toContain("Mô tả ngắn kết quả");
    const [evidence] = await say(t, focal, "Da cong khai du 12 truong thong tin");
    const [summary] = await press(t, focal, evidence, "Bỏ qua");
    const [saved] = await press(t, focal, summary, "✅ Gửi báo cáo");
    expect(saved?.text).toMatch(/^Đã lưu báo cáo II\.10/);
    await until(
      () =>
        (
          sqliteOf(t.core).sqlite.prepare("select count(*) n from outbox where state = 'sent'").get() as {
            n: number;
          }
        ).n >= 2,
      "the sent rows recorded",
    );

    const after = await scrape(t);
    const delta = (name: string, ...labels: string[]) =>
      after.value(name, ...labels) - before.value(name, ...labels);
    expect(delta("nhacviec_tick_duration_seconds_count")).toBe(1);
    expect(delta("nhacviec_messages_written_total")).toBeGreaterThanOrEqual(3);
    expect(delta("nhacviec_sends_total", 'channel="telegram"', 'result="sent"')).toBeGreaterThanOrEqual(2);
    expect(delta("nhacviec_sends_total", 'channel="telegram"', 'result="unreachable"')).toBe(1);
    expect(delta("nhacviec_rate_limited_total", 'channel="telegram"')).toBe(1);
    expect(delta("nhacviec_retry_after_seconds_total", 'channel="telegram"')).toBe(1);
    expect(delta("nhacviec_delivery_latency_seconds_count", 'channel="telegram"')).toBeGreaterThanOrEqual(2);
    expect(delta("nhacviec_update_duration_seconds_count", 'channel="telegram"')).toBeGreaterThanOrEqual(6);
    expect(delta("nhacviec_report_submissions_total", 'kind="task"', 'channel="telegram"')).toBe(1);
    expect(after.value("nhacviec_outbox_messages", 'state="sent"')).toBeGreaterThanOrEqual(2);
    expect(after.value("nhacviec_outbox_messages", 'state="unreachable"')).toBeGreaterThanOrEqual(1);
    expect(after.value("nhacviec_unreachable_chats", 'channel="telegram"')).toBe(1);
  });
});

describe("the webhook secret", () => {
  it("matches only the same string, whatever the lengths, and never an empty secret", () => {
    expect(secretMatches("s3cret_hook-token", "s3cret_hook-token")).toBe(true);
    for (const given of ["s3cret_hook-toke", "s3cret_hook-token!", "S3cret_hook-token", "", undefined])
      expect(secretMatches(given, "s3cret_hook-token")).toBe(false);
    expect(secretMatches("", "")).toBe(false);
    expect(secretMatches(undefined, "")).toBe(false);
  });
});
