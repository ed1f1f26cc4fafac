import { createInterface } from "node:readline";
import type { Readable, Writable } from "node:stream";
import { TZDate } from "@date-fns/tz";
import { format } from "date-fns";
import type { ConversationRouter } from "../../conversation/router.ts";
import type { ConversationDeps } from "../../conversation/types.ts";

/** What the console reads: the store for its demo people, text, and the calendar for /tick. */
type Core = Pick<ConversationDeps, "store" | "i18n" | "calendar" | "consent">;

import { parseInstant } from "../../domain/period.ts";
import { UserError } from "../../errors.ts";
import type { Lang } from "../../i18n/index.ts";
import type { OutgoingMessage } from "../../messages.ts";
import { addContact } from "../../people/contacts.ts";
import { subscribe } from "../../people/subscriptions.ts";
import type { Channel } from "../channel.ts";
import { renderNumbered } from "../numbered.ts";
import { consolePlatform } from "./platform.ts";

/**
 * The console channel: the whole bot in a terminal, no token and no phone. It is also a
 * delivery channel, so reminders the engine sends to "console:…" chats print here.
 */
export class ConsoleChannel implements Channel {
  readonly prefix = "console";
  readonly textLimit = consolePlatform.capabilities.textLimit;
  readonly pacing = { globalPerSecond: 100, privateGapMs: 0, groupGapMs: 0 };
  private counter = 0;

  constructor(
    private readonly out: Writable,
    private readonly core: Core,
    private readonly setMenu: (chatId: string, message: OutgoingMessage) => Promise<void>,
  ) {}

  isGroup(): boolean {
    return false;
  }

  async send(chatId: string, message: OutgoingMessage): Promise<{ messageId: string }> {
    const lang = await this.langOf(chatId);
    await this.setMenu(`console:${chatId}`, message);
    this.out.write(
      `\n📨 → ${chatId}\n${renderNumbered(this.core.i18n, lang, message.text, message.choices)}\n`,
    );
    this.counter++;
    return { messageId: String(this.counter) };
  }

  langOf(chatId: string): Promise<Lang> {
    return this.core.store.people.chatLang(`console:${chatId}`);
  }
}

/** A demo cast so a newcomer can play every role: two agencies' people and a coordinator. */
export async function ensureDemoPeople(core: Core): Promise<void> {
  if ((await core.store.people.listContacts()).some((c) => c.chatId.startsWith("console:"))) return;
  for (const [agency, role] of [
    ["so-y-te", "focal"],
    ["so-y-te", "head"],
    ["van-phong-ubnd-tinh", "focal"],
    ["cong-an-tinh", "coordinator"],
  ] as const) {
    const { id } = await addContact(core.store, {
      agency,
      role,
      chat: `console:${agency}-${role}`,
      name: `Demo ${role}`,
    });
    await demoConsent(core, id);
  }
  await subscribe(core.store, { chat: "console:cong-an-tinh-coordinator", scope: "plan" });
}

/**
 * The demo cast is fictional and set up by whoever runs the terminal: it starts as a person who
 * has answered the privacy notice; a real person answers it on joining (/start CODE).
 */
async function demoConsent(core: Core, contactId: number): Promise<void> {
  await core.store.privacy.recordConsent([contactId], core.consent.version, new Date().toISOString());
}

export interface ConsoleOptions {
  input: Readable;
  output: Writable;
  core: Core;
  router: ConversationRouter;
  channel: ConsoleChannel;
  tick(at: Date): Promise<{ ids: number[] }>;
}

/** Reads lines, answers them; /as switches person, /tick travels in time, /quit leaves. */
export async function runConsole(opts: ConsoleOptions): Promise<void> {
  const { core, output } = opts;
  let chat = "console:so-y-te-focal";
  // The language is read at each line: /lang and /as change it.
  const t = async (key: string, args?: Record<string, string | number>) =>
    core.i18n.t(await opts.channel.langOf(chat.slice(8)), key, args);
  output.write(`${await t("console-welcome")}\n`);
  // Created after the await above: lines read before the loop starts would be lost.
  const rl = createInterface({ input: opts.input, terminal: false });
  const prompt = () => output.write(`\n[${chat.slice(8)}] > `);
  prompt();
  for await (const raw of rl) {
    const line = raw.trim();
    try {
      if (line === "/quit" || line === "/exit") break;
      if (line.startsWith("/as")) {
        const [, agency = "", role = "focal"] = line.split(/\s+/);
        if (!agency) throw new UserError("console-as-usage");
        const id = `${agency}-${role}`.replace(/[^A-Za-z0-9_.@-]/g, "");
        await demoConsent(core, (await addContact(core.store, { agency, role, chat: `console:${id}` })).id);
        chat = `console:${id}`;
        output.write(`${await t("console-as", { chat: id })}\n`);
      } else if (line.startsWith("/tick")) {
        const typed = line.slice(5).trim();
        const at = typed ? parseInstant(typed, core.calendar.timeZone) : new Date();
        const r = await opts.tick(at);
        output.write(`${await t("console-ticked", { count: r.ids.length, at: at.toISOString() })}\n`);
        // Outside working time the rules wait for the next working start: say when that is.
        if (!core.calendar.isWorkingTime(at))
          output.write(
            `${await t("console-ticked-off", { next: localTime(core, core.calendar.nextSendTime(at)) })}\n`,
          );
        await new Promise((resolve) => setTimeout(resolve, 300)); // let delivery print before the prompt
      } else if (line) {
        const replies = await opts.router.handle(
          { chatId: chat, chatType: "private", userId: chat, channel: "console", text: line },
          { bareCommands: true },
        );
        const lang = await opts.channel.langOf(chat.slice(8));
        for (const r of replies)
          output.write(`\n🤖 ${renderNumbered(core.i18n, lang, r.text, r.choices, r.freeNumber)}\n`);
      }
    } catch (e) {
      output.write(`${await (e instanceof UserError ? t(e.key, e.args) : t("err-internal"))}\n`);
    }
    prompt();
  }
  rl.close();
}

/** "07:30 07/12/2026", in the calendar's time zone. */
function localTime(core: Core, at: Date): string {
  return format(new TZDate(at.getTime(), core.calendar.timeZone), "HH:mm dd/MM/yyyy");
}
