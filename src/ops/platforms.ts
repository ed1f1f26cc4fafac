import type { Config } from "../config.ts";
import type { Check } from "./check.ts";

const TIMEOUT_MS = 5000;

interface WebhookInfo {
  url: string;
  lastError?: string;
}

/** Telegram's Bot API over plain fetch (no grammY to load for two calls), with a timeout. */
async function telegramCall<T>(config: Config, method: string): Promise<T> {
  const res = await fetch(`${config.TELEGRAM_API_ROOT}/bot${config.TELEGRAM_BOT_TOKEN}/${method}`, {
    method: "POST",
    signal: AbortSignal.timeout(TIMEOUT_MS),
  });
  const body = (await res.json().catch(() => ({}))) as { ok?: boolean; result?: T; description?: string };
  if (!body.ok) throw new PlatformRefused(res.status, body.description ?? `HTTP ${res.status}`);
  return body.result as T;
}

class PlatformRefused extends Error {
  constructor(
    readonly status: number,
    description: string,
  ) {
    super(description);
  }
}

/** A failure told without the token, whatever the underlying error put in its message. */
function reason(e: unknown, token: string): string {
  const err = e as { name?: string; message?: string; cause?: { message?: string } };
  if (err.name === "TimeoutError") return `> ${TIMEOUT_MS / 1000} s`;
  const text = [err.message, err.cause?.message].filter(Boolean).join(": ");
  return text.replaceAll(token, "***").slice(0, 200);
}

function webhookChecks(platform: string, id: string, want: string | undefined, info: WebhookInfo): Check[] {
  const name = `${id}-webhook`;
  if (!want) {
    // Long polling and a registered webhook exclude each other: polling would fail until it is removed.
    return info.url
      ? [
          {
            name,
            status: "problem",
            key: "doctor-webhook-unexpected",
            args: { platform, url: info.url },
          },
        ]
      : [{ name, status: "ok", key: "doctor-polling", args: { platform } }];
  }
  if (info.url !== want)
    return [
      {
        name,
        status: "problem",
        key: "doctor-webhook-mismatch",
        args: { platform, want, have: info.url || "—" },
      },
    ];
  if (info.lastError)
    return [
      {
        name,
        status: "problem",
        key: "doctor-webhook-error",
        args: { platform, url: want, error: info.lastError },
      },
    ];
  return [{ name, status: "ok", key: "doctor-webhook-ok", args: { platform, url: want } }];
}

/** What checking a platform needs from it: who the bot is, its webhook as the platform sees it. */
interface PlatformApi {
  platform: string;
  name: string;
  token: string;
  wantWebhook: string | undefined;
  /** The bot's name as the platform knows it. */
  getMe(): Promise<string>;
  webhookInfo(): Promise<WebhookInfo>;
  tokenRefused(e: unknown): boolean;
}

async function checkPlatform(api: PlatformApi): Promise<Check[]> {
  const { platform, name, token } = api;
  const down = (e: unknown, suffix = ""): Check => ({
    name: `${name}${suffix}`,
    status: "problem",
    key: api.tokenRefused(e) ? "doctor-token-invalid" : "doctor-platform-down",
    args: { platform, reason: reason(e, token) },
  });
  let bot: string;
  try {
    bot = await api.getMe();
  } catch (e) {
    return [down(e)];
  }
  const checks: Check[] = [{ name, status: "ok", key: "doctor-token-ok", args: { platform, bot } }];
  try {
    return checks.concat(webhookChecks(platform, name, api.wantWebhook, await api.webhookInfo()));
  } catch (e) {
    return checks.concat(down(e, "-webhook"));
  }
}

export async function checkTelegram(config: Config): Promise<Check[]> {
  const token = config.TELEGRAM_BOT_TOKEN;
  const platform = "Telegram";
  if (!token)
    return [{ name: "telegram", status: "skipped", key: "doctor-not-configured", args: { platform } }];
  return checkPlatform({
    platform,
    name: "telegram",
    token,
    wantWebhook: config.WEBHOOK_URL,
    getMe: async () => `@${(await telegramCall<{ username: string }>(config, "getMe")).username}`,
    async webhookInfo() {
      const info = await telegramCall<{ url: string; last_error_message?: string }>(config, "getWebhookInfo");
      return { url: info.url, lastError: info.last_error_message };
    },
    tokenRefused: (e) => e instanceof PlatformRefused && e.status === 401,
  });
}

export async function checkZalo(config: Config): Promise<Check[]> {
  const token = config.ZALO_BOT_TOKEN;
  const platform = "Zalo";
  if (!token) return [{ name: "zalo", status: "skipped", key: "doctor-not-configured", args: { platform } }];
  const { ZaloApiError, ZaloClient } = await import("../channels/zalo/client.ts");
  const client = new ZaloClient({ token, apiRoot: config.ZALO_API_ROOT, timeoutMs: TIMEOUT_MS });
  return checkPlatform({
    platform,
    name: "zalo",
    token,
    wantWebhook: config.ZALO_WEBHOOK_URL,
    getMe: async () => {
      const me = await client.getMe();
      return me.account_name ?? me.id;
    },
    webhookInfo: async () => ({ url: (await client.getWebhookInfo()).url ?? "" }),
    tokenRefused: (e) => e instanceof ZaloApiError && (e.httpStatus === 401 || e.errorCode === 401),
  });
}
