import type { Capabilities, Platform } from "../capabilities.ts";
import type { Config } from "../config.ts";
import type { ConversationRouter } from "../conversation/router.ts";
import type { ConversationDeps } from "../conversation/types.ts";
import type { Logger } from "../logger.ts";
import type { OutgoingMessage } from "../messages.ts";
import type { Channel } from "./channel.ts";
import type { PollLease } from "./poll-turn.ts";

/**
 * One platform, whole: receiving (a webhook route and/or polling), sending (the Channel the
 * outbox delivers through), its life (start, stop) and what it can carry. Modelled on the
 * adapter of Vercel's Chat SDK: the service loops over adapters and knows none by name.
 */
export interface Adapter extends Channel {
  readonly platform: Platform;
  readonly capabilities: Capabilities;
  /** Webhook mode: the route the HTTP server adds for this adapter (its URL's path). */
  readonly webhook?: { url: string; spec: WebhookSpec };
  /** Returns at once: reaching the platform goes on in the background. */
  start(): Promise<void>;
  /** Stops receiving; an update being answered gets a short while to finish. */
  stop(): Promise<void>;
  /** Settles when the adapter ends on its own (the console quit, another process took over polling). */
  readonly done?: Promise<void>;
}

/** How the HTTP server reads one platform's webhook POST (the route itself is in src/http). */
export interface WebhookSpec {
  /** The platform's name, for metrics. */
  channel: string;
  /** Header carrying the secret the platform was given at setWebhook. */
  header: string;
  secret: string;
  /** The update's id and chat from a parsed body, or undefined when the body is not an update. */
  parse(body: unknown): { id: string; chat: string; run(): Promise<unknown> } | undefined;
  /** Answer for a body that parses as JSON but is not an update (Zalo: 200, so it is not resent). */
  unknownStatus: 200 | 400;
}

/** What happened to a chat, told by the platform; the composition root decides what it means. */
export interface ChatEvents {
  /** The bot was added (back) to a chat: it is reachable again. */
  added(chatId: string): Promise<void>;
  /** The bot was removed from a chat: its digests and reminders stop. */
  removed(chatId: string): Promise<void>;
  /** A chat changed its id (a Telegram group became a supergroup): its people and messages move. */
  moved(from: string, to: string): Promise<void>;
}

/** Everything an adapter may use, handed over by startApp. */
export interface AdapterContext {
  config: Config;
  deps: ConversationDeps;
  router: ConversationRouter;
  log: Logger;
  events: ChatEvents;
  /** Remembers a menu sent as numbered lines, so "2" or the label answers it. */
  rememberMenu(chatId: string, message: OutgoingMessage): Promise<void>;
  /**
   * A lease every instance of the bot on this Redis shares, by name (`telegram:poller:<hash>`):
   * only its holder polls. Absent where one instance runs alone (tests of a single adapter).
   */
  lease?(name: string): PollLease;
  /** Runs the rules at an instant (the console's /tick). */
  tick(at: Date): Promise<{ ids: number[] }>;
  io: { input?: NodeJS.ReadableStream; output?: NodeJS.WritableStream };
}

/** One line of the registry: the platform's facts, when it runs, and how to build it. */
export interface AdapterDefinition {
  platform: Platform;
  /** Whether this config asks for the adapter (a token is set, the console is wanted). */
  enabled(config: Config): boolean;
  /** Loads the platform's code only now, so an unconfigured platform costs nothing at start. */
  create(ctx: AdapterContext): Promise<Adapter>;
}
