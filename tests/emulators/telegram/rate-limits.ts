/**
 * Counts sends against Telegram's limits, so the delivery benchmark can read how hard the bot pushed
 * and tests can make it meet 429s and failures on demand.
 */
import { ApiError, STATUS_TEXT, tooMany } from "./errors.ts";
import type { ChatStats, ChatType, EmulatorStats, TelegramEmulatorOptions } from "./types.ts";

type Fault = { kind: "fail"; status: number } | { kind: "429"; retryAfter: number };

/** Index of the first timestamp after `since`; the arrays are append-only and ascending. */
function firstAfter(times: number[], since: number): number {
  let lo = 0;
  let hi = times.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((times[mid] ?? 0) > since) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

export class RateLimiter {
  private faults: Fault[] = [];
  private allSendTimes: number[] = [];
  private chatSendTimes = new Map<number, number[]>();
  private totals: ChatStats = { sends: 0, rejected429: 0, violations: 0 };
  private perChat = new Map<number, ChatStats>();

  constructor(private readonly opts: TelegramEmulatorOptions) {}

  failNext(n: number, status = 500): void {
    for (let i = 0; i < n; i++) this.faults.push({ kind: "fail", status });
  }

  rateLimitNext(n: number, retryAfter: number): void {
    for (let i = 0; i < n; i++) this.faults.push({ kind: "429", retryAfter });
  }

  takeFault(chatId: number): void {
    const fault = this.faults.shift();
    if (fault === undefined) return;
    if (fault.kind === "fail") {
      throw new ApiError(fault.status, STATUS_TEXT[fault.status] ?? "Internal Server Error");
    }
    this.totals.rejected429++;
    this.statsOf(chatId).rejected429++;
    throw tooMany(fault.retryAfter);
  }

  /** Sliding-window limits over accepted sends; a rejected request never enters a window. */
  admit(chatId: number, chatType: ChatType): void {
    const now = Date.now();
    const chatTimes = this.chatSendTimes.get(chatId) ?? [];
    let waitMs = 0;
    const check = (times: number[], limit: number | undefined, windowMs: number) => {
      if (limit === undefined) return;
      const inWindow = times.length - firstAfter(times, now - windowMs);
      if (inWindow < limit) return;
      const expiring = times[times.length - limit] ?? now;
      waitMs = Math.max(waitMs, expiring + windowMs - now, 1);
    };
    check(this.allSendTimes, this.opts.globalLimitPerSecond, 1000);
    check(chatTimes, this.opts.perChatLimitPerSecond, 1000);
    if (chatType !== "private") check(chatTimes, this.opts.groupLimitPerMinute, 60_000);
    const stats = this.statsOf(chatId);
    if (waitMs > 0) {
      if (this.opts.enforceLimits !== false) {
        this.totals.rejected429++;
        stats.rejected429++;
        throw tooMany(Math.max(1, Math.ceil(waitMs / 1000)));
      }
      this.totals.violations++;
      stats.violations++;
    }
    this.totals.sends++;
    stats.sends++;
    this.allSendTimes.push(now);
    chatTimes.push(now);
    this.chatSendTimes.set(chatId, chatTimes);
  }

  private statsOf(chatId: number): ChatStats {
    let stats = this.perChat.get(chatId);
    if (stats === undefined) {
      stats = { sends: 0, rejected429: 0, violations: 0 };
      this.perChat.set(chatId, stats);
    }
    return stats;
  }

  stats(): EmulatorStats {
    const byChat: Record<string, ChatStats> = {};
    for (const [chatId, s] of this.perChat) byChat[String(chatId)] = { ...s };
    return { ...this.totals, byChat };
  }

  sendTimes(chatId?: number): number[] {
    return chatId === undefined ? [...this.allSendTimes] : [...(this.chatSendTimes.get(chatId) ?? [])];
  }

  reset(): void {
    this.faults = [];
    this.allSendTimes = [];
    this.chatSendTimes.clear();
    this.totals = { sends: 0, rejected429: 0, violations: 0 };
    this.perChat.clear();
  }
}
