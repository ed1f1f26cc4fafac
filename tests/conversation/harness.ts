import type { RouterOptions } from "../../src/conversation/router.ts";
import { ConversationRouter } from "../../src/conversation/router.ts";
import { conversationDeps } from "../../src/core.ts";
import { createLogger } from "../../src/logger.ts";
import { addContact } from "../../src/people/contacts.ts";
import { agreed } from "../helpers/consent.ts";
import { engineFixture } from "../helpers/engine.ts";
import { jsonValue, rowsOf } from "../helpers/engine-choice.ts";

export type ChannelName = "telegram" | "zalo" | "console";

/** How each channel calls the router: Telegram has buttons; Zalo and the console read bare words. */
export const CHANNELS: Record<ChannelName, { prefix: string; options: RouterOptions }> = {
  telegram: { prefix: "tg", options: {} },
  zalo: { prefix: "zalo", options: { bareCommands: true } },
  console: { prefix: "console", options: { bareCommands: true } },
};

export const NOW = new Date("2026-12-03T09:00:00+07:00");

export interface ReportRow {
  ref: string;
  status: string;
  percent: number | null;
  count: number | null;
  description: string | null;
  /** The JSON column as a value (text on SQLite, JSON on PostgreSQL). */
  evidence: { kind: string; url?: string; fileId?: string; name?: string }[] | null;
  channel: string;
}

/**
 * The router on the shipped plan, with a Sở Y tế focal point and a Sở Khoa học và Công nghệ
 * focal point on one channel. Rows are cleared between cases; the catalog stays.
 */
export async function channelHarness(name: ChannelName, env: Parameters<typeof engineFixture>[0] = {}) {
  const { core, tick } = await engineFixture(env);
  const { prefix, options } = CHANNELS[name];
  const chat = `${prefix}:yt-focal`;
  const khcn = `${prefix}:khcn-focal`;
  await agreed(core.store, (await addContact(core.store, { agency: "so-y-te", role: "focal", chat })).id);
  const other = await addContact(core.store, {
    agency: "so-khoa-hoc-va-cong-nghe",
    role: "focal",
    chat: khcn,
  });
  await agreed(core.store, other.id);
  let now = NOW;
  const router = new ConversationRouter(
    conversationDeps(core, () => now),
    createLogger("silent"),
  );
  const rows = rowsOf(core);

  const handle = async (text: string | undefined, who = chat, choice?: string) => {
    const replies = await router.handle(
      { chatId: who, chatType: "private", userId: who, channel: name, text, choice },
      options,
    );
    return replies.map((r) => r.text).join("\n");
  };

  return {
    core,
    router,
    /** Runs the engine's tick at `iso` and returns what it wrote to the outbox. */
    tick,
    chat,
    khcn,
    setNow(at: Date) {
      now = at;
    },
    send: (text: string, who = chat) => handle(text, who),
    /** A button press (the flow's own choice data), as Telegram sends it. */
    press: async (value: string, who = chat) => {
      const flow = await router.flows.get(who, now);
      return handle(undefined, who, `f:${flow?.nonce}:${value}`);
    },
    flow: (who = chat) => router.flows.get(who, now),
    async reset() {
      for (const table of ["reports", "target_reports", "flows", "chat_menus"])
        await rows(`delete from ${table}`);
    },
    /** The reports saved, oldest first, with evidence as a value on either engine. */
    async reports(): Promise<ReportRow[]> {
      const saved = await rows<Omit<ReportRow, "evidence"> & { evidence: unknown }>(
        `select t.ref ref, r.status, r.percent, r.count, r.description, r.evidence, r.channel
           from reports r join tasks t on t.id = r.task_id order by r.id`,
      );
      return saved.map((r) => ({ ...r, evidence: jsonValue<ReportRow["evidence"]>(r.evidence) ?? null }));
    },
    targetReports() {
      return rows<{ ref: string; value_text: string; value: number | null }>(
        "select t.ref ref, r.value_text, r.value from target_reports r join targets t on t.id = r.target_id order by r.id",
      );
    },
    async assignment(ref: string, agency = "so-y-te"): Promise<number> {
      const [row] = await rows<{ id: number }>(
        "select a.id id from assignments a join tasks t on t.id = a.task_id where a.agency_id = ? and t.ref = ?",
        agency,
        ref,
      );
      if (!row) throw new Error(`no assignment of ${agency} for ${ref}`);
      return row.id;
    },
    async target(ref: string): Promise<number> {
      const [row] = await rows<{ id: number }>("select id from targets where ref = ?", ref);
      if (!row) throw new Error(`no target ${ref}`);
      return row.id;
    },
  };
}

export type Harness = Awaited<ReturnType<typeof channelHarness>>;
