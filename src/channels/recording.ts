import type { OutgoingMessage } from "../messages.ts";
import { type Channel, ChannelError, type Pacing } from "./channel.ts";

export interface RecordedSend {
  chatId: string;
  message: OutgoingMessage;
  at: number;
}

/**
 * A channel that keeps what it is asked to send. Tests and the console demo use it; a script
 * of failures lets tests play a platform that pushes back.
 */
export class RecordingChannel implements Channel {
  readonly sent: RecordedSend[] = [];
  private readonly failures: ChannelError[] = [];
  private readonly unreachable = new Set<string>();
  private counter = 0;

  constructor(
    readonly prefix = "test",
    readonly pacing: Pacing = { globalPerSecond: 1000, privateGapMs: 0, groupGapMs: 0 },
    readonly textLimit = 4096,
    private readonly onSend?: (s: RecordedSend) => void,
  ) {}

  isGroup(chatId: string): boolean {
    return chatId.startsWith("-");
  }

  /** The next sends fail with these errors, in order. */
  failNext(...errors: ChannelError[]): void {
    this.failures.push(...errors);
  }

  block(chatId: string): void {
    this.unreachable.add(chatId);
  }

  async send(chatId: string, message: OutgoingMessage): Promise<{ messageId: string }> {
    const failure = this.failures.shift();
    if (failure) throw failure;
    if (this.unreachable.has(chatId))
      throw new ChannelError("unreachable", "Forbidden: bot was blocked by the user");
    const sent = { chatId, message, at: Date.now() };
    this.sent.push(sent);
    this.onSend?.(sent);
    this.counter++;
    return { messageId: String(this.counter) };
  }
}
