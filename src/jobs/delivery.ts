import { setTimeout as sleep } from "node:timers/promises";
import { DelayedError, type Job, type Queue } from "bullmq";
import type { Logger } from "pino";
import { type Channel, ChannelError, splitChatId } from "../channels/channel.ts";
import { bindSnooze } from "../choice-data.ts";
import type { Outbox, OutboxRow } from "../engine/outbox.ts";
import { errorText } from "../errors.ts";
import { recordSend } from "../metrics.ts";
import type { InFlight } from "./in-flight.ts";
import type { Pacer } from "./pacer.ts";

export const DELIVERY_QUEUE = "delivery";

/** A job says "send this chat's next due message"; no message text or secret rides in Redis. */
export interface DeliveryJob {
  chatId: string;
  /** ISO instant: only messages due by then are claimed (ticks run at simulated instants). */
  horizon: string;
}

export interface DeliveryDeps {
  outbox: Outbox;
  channels: Map<string, Channel>;
  pacer: Pacer;
  /** This process's cap on sends in flight, each from its slot until its send is recorded. */
  inFlight: InFlight;
  /** The longest a claimed message waits for a turn under the cap before it is put back. */
  inFlightWaitMs: number;
  maxAttempts: number;
  /** Why the claimed message no longer needs sending (what it chased was settled), or null. */
  settled(row: OutboxRow): Promise<string | null>;
  /** Marks the chat unreachable, stops its messages, tells the coordinators once. */
  onUnreachable(chatId: string, reason: string, horizon: Date): Promise<void> | void;
  log: Logger;
}

const LATE_MS = 15;
const backoffMs = (attempts: number) => Math.min(60_000, 1000 * 2 ** Math.max(0, attempts - 1));

async function later(job: Job, token: string | undefined, ms: number): Promise<never> {
  await job.moveToDelayed(Date.now() + Math.max(1, ms), token);
  throw new DelayedError();
}

/**
 * Waits for this chat's next sending slot; undefined once it has come, or how long to put the
 * job off when the slot is too far away to wait for here. A slot missed by more than a little
 * (the event loop was busy) is booked again rather than used late, so a stall never releases a
 * burst of sends over the limit.
 */
async function takeSlot(
  pacer: Pacer,
  channel: Channel,
  chatId: string,
  gap: number,
): Promise<number | undefined> {
  const { prefix, id } = splitChatId(chatId);
  for (let attempt = 0; ; attempt++) {
    const pace = await pacer.reserve(prefix, id, channel.pacing.globalPerSecond, gap);
    if (!pace.go) return pace.waitMs;
    const due = Date.now() + pace.inMs;
    if (pace.inMs > 0) await sleep(pace.inMs);
    if (Date.now() - due <= LATE_MS || attempt >= 3) return undefined;
  }
}

/**
 * The delivery processor: claim the chat's oldest due message, take its sending slot, send,
 * record. The slot comes after the claim and the settled check, so neither (a database round
 * trip each on PostgreSQL) stands between a slot and its request. Slot, send and record run
 * under this process's in-flight cap: only those can be in doubt when the process dies.
 */
export async function deliver(
  job: Job<DeliveryJob>,
  token: string | undefined,
  deps: DeliveryDeps,
): Promise<string> {
  const { chatId, horizon } = job.data;
  const { prefix, id } = splitChatId(chatId);
  const channel = deps.channels.get(prefix);
  if (!channel) return "no-channel";
  const gap = channel.isGroup(id) ? channel.pacing.groupGapMs : channel.pacing.privateGapMs;
  // A claim that throws (a database locked past busy_timeout) fails the job with the row still
  // pending; the next dispatch hands it over again under a new job id.
  const row = await deps.outbox.claim(chatId, horizon);
  if (!row) {
    // Another message to this chat is still in flight: come back for this one rather than leave
    // it to the next dispatch, a minute away.
    if (await deps.outbox.hasDue(chatId, horizon)) return later(job, token, Math.max(gap, 250));
    return "nothing-due";
  }
  let sent = false;
  try {
    const settled = await deps.settled(row);
    if (settled) {
      await deps.outbox.markSkipped(row.id, settled);
      return "skipped";
    }
    const outcome = await deps.inFlight.run(async (): Promise<string | number> => {
      const wait = await takeSlot(deps.pacer, channel, chatId, gap);
      if (wait !== undefined) return wait;
      let messageId: string;
      try {
        ({ messageId } = await channel.send(id, {
          text: row.text,
          choices: bindSnooze(row.choices, row.id),
          attachment: row.attachment,
        }));
      } catch (e) {
        return await sendFailed(e, { job, token, row, chatId, prefix, id, horizon, deps });
      }
      sent = true;
      await Promise.all([
        recordSent(() => deps.outbox.markSent(row.id, messageId), deps.log, row.id),
        deps.pacer.sent(prefix, id, gap).catch((e) => {
          // The slot's own gap still holds; only a late slot's arrival could come early.
          deps.log.warn({ err: errorText(e) }, "could not push a chat's next send back");
        }),
      ]);
      recordSend(prefix, "sent", row.sendAfter);
      return "sent";
    }, deps.inFlightWaitMs);
    if (typeof outcome === "string") return outcome;
    // Not this chat's turn yet, the channel booked too far ahead, or no turn under the cap in
    // time (a claim held longer could be swept as stale and sent twice): the row waits pending.
    await deps.outbox.release(row.id, row.lastError, false);
    return await later(job, token, outcome);
  } catch (e) {
    if (e instanceof DelayedError || sent) throw e; // sent but unrecorded: the stale sweep resends it once
    // Nothing went out: the row is pending again at once (if even that fails, the stale sweep does it).
    try {
      await deps.outbox.release(row.id, errorText(e), false);
    } catch (again) {
      deps.log.warn({ outboxId: row.id, err: errorText(again) }, "could not release a claimed message");
    }
    throw e;
  }
}

interface Failure {
  job: Job<DeliveryJob>;
  token: string | undefined;
  row: OutboxRow;
  chatId: string;
  prefix: string;
  id: string;
  horizon: string;
  deps: DeliveryDeps;
}

async function sendFailed(e: unknown, f: Failure): Promise<string> {
  const { job, token, row, deps } = f;
  const err = e instanceof ChannelError ? e : new ChannelError("transient", errorText(e));
  deps.log.warn({ outboxId: row.id, kind: err.kind, reason: err.message }, "delivery failed");
  recordSend(f.prefix, err.kind, undefined, err.retryAfterMs);
  if (err.kind === "rate_limited") {
    await deps.outbox.release(row.id, err.message, false);
    await deps.pacer.pushBack(f.prefix, f.id, err.retryAfterMs ?? 1000);
    return later(job, token, err.retryAfterMs ?? 1000);
  }
  if (err.kind === "unreachable") {
    // The job's horizon is "now" for whoever dispatched it, a tick at a simulated instant included.
    await deps.onUnreachable(f.chatId, err.message, new Date(f.horizon));
    return "unreachable";
  }
  if (err.kind === "permanent" || row.attempts >= deps.maxAttempts) {
    await deps.outbox.markFailed(row.id, err.message);
    return "failed";
  }
  await deps.outbox.release(row.id, err.message, true);
  return later(job, token, backoffMs(row.attempts));
}

/**
 * The platform has the message: recording it is retried a little (a write lock held by another
 * process usually clears), since giving up means sending it once more after DELIVERY_STALE_MS.
 */
async function recordSent(
  write: () => Promise<void>,
  log: Logger,
  outboxId: number,
  tries = 3,
): Promise<void> {
  for (let i = 1; ; i++) {
    try {
      await write();
      return;
    } catch (e) {
      if (i >= tries) throw e;
      log.warn({ outboxId, err: errorText(e) }, "could not record a sent message; retrying");
      await sleep(250 * 2 ** i);
    }
  }
}

export interface Dispatched {
  /** Messages due, all of which will be queued. */
  count: number;
  /** Settles once the last chunk is queued (or the dispatch was stopped; the outbox keeps the rest). */
  done: Promise<void>;
}

/**
 * Hands every pending message due by `horizon` to the delivery queue, one job per message.
 * Queueing costs the event loop ~65 µs a job: ten thousand at once would hold back the
 * workers' first sends for most of a second. So a small first batch is queued before this
 * returns and the rest follow in chunks `pauseMs` apart (0 when no worker shares this process,
 * as in `cli tick`), so nobody waits on a backlog: a coordinator's /remind answers at once.
 */
export async function dispatch(
  queue: Queue<DeliveryJob>,
  outbox: Outbox,
  horizon: Date,
  prefixes: string[],
  pauseMs = 0,
  stopped: () => boolean = () => false,
): Promise<Dispatched> {
  const due = await outbox.due(horizon.toISOString(), prefixes);
  const add = (rows: typeof due) =>
    queue.addBulk(
      rows.map((r) => ({
        name: "send",
        data: { chatId: r.chatId, horizon: horizon.toISOString() },
        // A fresh job id every time, deduplicated by row only while its job is alive: once a job
        // completes or fails, however it failed, the next dispatch hands the row over again.
        opts: { deduplication: { id: `ob-${r.id}` }, removeOnComplete: true, removeOnFail: 1000 },
      })),
    );
  const first = 50;
  await add(due.slice(0, first));
  const chunk = pauseMs > 0 ? DISPATCH_CHUNK : 1000;
  const done = (async () => {
    for (let i = first; i < due.length && !stopped(); i += chunk) {
      if (pauseMs > 0) await sleep(pauseMs);
      await add(due.slice(i, i + chunk));
    }
  })();
  return { count: due.length, done };
}

export const DISPATCH_CHUNK = 100;

/** The pause between chunks that still queues twice as fast as the channels can send. */
export function dispatchPauseMs(channels: Iterable<Channel>): number {
  let perSecond = 0;
  for (const c of channels) perSecond += c.pacing.globalPerSecond;
  return perSecond > 0 ? Math.min(100, Math.floor((DISPATCH_CHUNK * 1000) / (2 * perSecond))) : 0;
}
