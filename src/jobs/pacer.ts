import type { Redis } from "ioredis";

/**
 * Per-chat and per-channel pacing, ours because open-source BullMQ limits only whole
 * queues. One script, atomic in Redis and on Redis's clock, so several workers and several
 * instances share the budget:
 * - if the chat's next allowed instant is still ahead, answer "wait that long";
 * - otherwise reserve the next slot of the channel's global spacing (1000/rate ms apart),
 *   move the chat's next allowed instant past that slot, and answer "go in N ms".
 * Even spacing rather than a fixed window keeps every sliding second under the limit.
 */
// Instants in microseconds: at hundreds of sends a second, whole milliseconds are too coarse.
const SCRIPT = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
local chatNext = tonumber(redis.call('GET', KEYS[2]) or '0')
if chatNext > now then return {0, math.ceil((chatNext - now) / 1000)} end
local globalNext = tonumber(redis.call('GET', KEYS[1]) or '0')
if globalNext - now > tonumber(ARGV[3]) * 1000 then return {0, math.ceil((globalNext - now) / 1000)} end
local slot = math.max(now, globalNext)
local spacing = tonumber(ARGV[1])
local gap = tonumber(ARGV[2]) * 1000
redis.call('SET', KEYS[1], string.format('%.0f', slot + spacing), 'PX', 60000)
if gap > 0 then redis.call('SET', KEYS[2], string.format('%.0f', slot + gap), 'PX', ARGV[2] + 60000) end
return {1, math.floor((slot - now) / 1000)}
`;

const PUSH_BACK = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
local until_ = now + tonumber(ARGV[1]) * 1000
for i = 1, #KEYS do
  local cur = tonumber(redis.call('GET', KEYS[i]) or '0')
  if until_ > cur then redis.call('SET', KEYS[i], string.format('%.0f', until_), 'PX', tonumber(ARGV[1]) + 60000) end
end
return 1
`;

// The chat's next send no sooner than a gap after now (the first send's answer came back, so it
// has arrived): its slot may have left late, and arrivals must be a gap apart, not slots.
const AFTER_SEND = `
local t = redis.call('TIME')
local until_ = tonumber(t[1]) * 1000000 + tonumber(t[2]) + tonumber(ARGV[1]) * 1000
local cur = tonumber(redis.call('GET', KEYS[1]) or '0')
if until_ > cur then redis.call('SET', KEYS[1], string.format('%.0f', until_), 'PX', tonumber(ARGV[1]) + 60000) end
return 1
`;

export type PaceAnswer = { go: true; inMs: number } | { go: false; waitMs: number };

export class Pacer {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  private keys(channel: string, chatId: string): [string, string] {
    return [`${this.prefix}:pace:${channel}`, `${this.prefix}:pace:${channel}:${chatId}`];
  }

  async reserve(channel: string, chatId: string, perSecond: number, chatGapMs: number): Promise<PaceAnswer> {
    const spacing = Math.round(1_000_000 / perSecond);
    // Slots further ahead than this are not reserved: the job waits in Redis, not in memory.
    const maxAheadMs = 2000;
    // A send leaves a little after its slot (claim, HTTP): a 5 % margin on the per-chat gap keeps
    // two sends to one chat from landing closer than the platform allows.
    const gap = chatGapMs > 0 ? Math.ceil(chatGapMs * 1.05) : 0;
    const [go, ms] = (await this.redis.eval(
      SCRIPT,
      2,
      ...this.keys(channel, chatId),
      spacing,
      gap,
      maxAheadMs,
    )) as [number, number];
    return go === 1 ? { go: true, inMs: ms } : { go: false, waitMs: ms };
  }

  /** After a send answered: the chat's next send waits a full gap from now. */
  async sent(channel: string, chatId: string, chatGapMs: number): Promise<void> {
    if (chatGapMs > 0) await this.redis.eval(AFTER_SEND, 1, this.keys(channel, chatId)[1], chatGapMs);
  }

  /** After a 429: nobody on this channel sends before the platform's retry_after is over. */
  async pushBack(channel: string, chatId: string, ms: number): Promise<void> {
    await this.redis.eval(PUSH_BACK, 2, ...this.keys(channel, chatId), ms);
  }
}
