import { readFileSync } from "node:fs";
import { z } from "zod";

/** The one HTTP server's port when HTTP_PORT is unset (webhooks, health, metrics, the console). */
export const DEFAULT_HTTP_PORT = 8787;

/**
 * Every environment variable the program reads, validated once at start-up.
 * .env.example documents each of them.
 */
const schema = z
  .object({
    DB_PATH: z.string().min(1).default("./data/nhacviec.db"),
    /** PostgreSQL instead of the SQLite file at DB_PATH: several instances can share it. */
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\/\S+$/, "a postgres:// URL")
      .optional(),
    /** Connections each instance keeps to PostgreSQL (the server's max_connections is shared by all). */
    DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
    PLAN_FILE: z.string().min(1).default("./data/plans/gia-lai-de-an-06-2026.md"),
    AGENCY_FILES: z
      .string()
      .default("./data/agencies/gia-lai-agencies.csv,./data/agencies/gia-lai-communes.csv")
      .transform((s) =>
        s
          .split(",")
          .map((f) => f.trim())
          .filter(Boolean),
      ),
    NHACVIEC_LANG: z.enum(["vi", "en"]).optional(),
    LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
    REDIS_URL: z.string().min(1).default("redis://127.0.0.1:6379"),
    QUEUE_PREFIX: z
      .string()
      .regex(/^[A-Za-z0-9_-]+$/, "letters, digits, - and _ only")
      .default("nhacviec"),
    HOLIDAYS_FILE: z.string().min(1).optional(),
    RULES_FILE: z.string().min(1).optional(),
    DELIVERY_CONCURRENCY: z.coerce.number().int().min(1).max(500).default(16),
    /**
     * Sends in flight to the platforms at once in this process: a crash repeats at most these
     * (sent, not yet recorded). 1 meets "at most one repeat per kill"; more buys throughput when
     * the platform is slow to answer (README, "Several instances").
     */
    DELIVERY_IN_FLIGHT: z.coerce.number().int().min(1).max(500).default(1),
    DELIVERY_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(6),
    /** Messages claimed longer ago than this by a worker that vanished are sent again. */
    DELIVERY_STALE_MS: z.coerce.number().int().min(1000).default(120_000),
    /** BullMQ job lock; a worker that dies mid-job frees its job after about this long. */
    DELIVERY_LOCK_MS: z.coerce.number().int().min(1000).default(30_000),
    /**
     * Several instances polling one token: only the holder of a Redis lease polls; when it dies,
     * another takes over after about this long (a clean stop hands over at once).
     */
    POLL_LEASE_MS: z.coerce.number().int().min(1000).max(300_000).default(15_000),
    TELEGRAM_BOT_TOKEN: z.string().min(1).optional(),
    TELEGRAM_API_ROOT: z
      .string()
      .url()
      .default("https://api.telegram.org")
      .transform((s) => s.replace(/\/+$/, "")),
    TELEGRAM_GLOBAL_PER_SECOND: z.coerce.number().positive().default(30),
    /** Seconds one Telegram getUpdates call waits for an update (long polling). */
    TELEGRAM_POLL_TIMEOUT: z.coerce.number().int().min(0).max(50).default(30),
    /** For invite links printed by the CLI without asking Telegram (getMe) first. */
    TELEGRAM_BOT_USERNAME: z
      .string()
      .regex(/^[A-Za-z0-9_]{3,64}$/)
      .optional(),
    /** Webhook mode when set (public HTTPS URL Telegram posts to); long polling otherwise. */
    WEBHOOK_URL: z.string().url().optional(),
    WEBHOOK_SECRET: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,256}$/, "1-256 characters of A-Z a-z 0-9 _ -")
      .optional(),
    /** Deprecated: HTTP_PORT. Used as the HTTP port only when HTTP_PORT is unset. */
    WEBHOOK_PORT: z.coerce.number().int().min(1).max(65535).optional(),
    ZALO_BOT_TOKEN: z.string().min(1).optional(),
    ZALO_API_ROOT: z
      .string()
      .url()
      .default("https://bot-api.zaloplatforms.com")
      .transform((s) => s.replace(/\/+$/, "")),
    /** Webhook mode for Zalo when set; long polling otherwise. */
    ZALO_WEBHOOK_URL: z.string().url().optional(),
    ZALO_WEBHOOK_SECRET: z.string().min(8).max(256).optional(),
    /** Deprecated: HTTP_PORT. */
    ZALO_WEBHOOK_PORT: z.coerce.number().int().min(1).max(65535).optional(),
    /** Zalo publishes no limits: a conservative default. */
    ZALO_GLOBAL_PER_SECOND: z.coerce.number().positive().default(5),
    /** Seconds one getUpdates call waits; Zalo answers 408 when nothing came. */
    ZALO_POLL_TIMEOUT: z.coerce.number().int().min(1).max(60).default(30),
    /** The one HTTP server (webhooks, /healthz, /readyz, /metrics); 0 picks a free port. Default 8787. */
    HTTP_PORT: z.coerce.number().int().min(0).max(65535).optional(),
    /** Loopback by default: a reverse proxy is expected in front. 0.0.0.0 listens on every interface. */
    HTTP_HOST: z.string().min(1).default("127.0.0.1"),
    /** The longest one Bot API or Zalo API call may take before it counts as unanswered. */
    PLATFORM_TIMEOUT_MS: z.coerce.number().int().min(100).max(300_000).default(15_000),
    /** SIGTERM/SIGINT: the process exits within this long whatever the platforms and Redis do. */
    SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(10_000),
    /** Console demo: run the console channel even when a token is set. */
    CONSOLE: z.enum(["auto", "on", "off"]).default("auto"),
    /** Daily backups (ops-pack): off unless BACKUP_DIR is set; BACKUP_TIME is Vietnam time. */
    BACKUP_DIR: z.string().min(1).optional(),
    BACKUP_TIME: z
      .string()
      .regex(/^([01]\d|2[0-3]):[0-5]\d$/, "HH:MM, 24-hour")
      .default("02:00"),
    BACKUP_KEEP: z.coerce.number().int().min(1).max(3650).default(7),
    /** The console's public address, used in sign-in links; default http://127.0.0.1:<HTTP_PORT>. */
    PUBLIC_URL: z
      .string()
      .url()
      .regex(/^https?:\/\//, "an http:// or https:// URL")
      .transform((s) => s.replace(/\/+$/, ""))
      .optional(),
    /**
     * Signs the console's links and sessions. Unset: one is generated once and kept in Redis
     * (under QUEUE_PREFIX), so every instance sharing that Redis agrees on it.
     */
    WEB_SECRET: z.string().min(32, "at least 32 characters").optional(),
    /** Behind a reverse proxy: the client's address is the last X-Forwarded-For entry (for rate limits). */
    WEB_TRUST_PROXY: z
      .enum(["true", "false", "1", "0"])
      .default("false")
      .transform((v) => v === "true" || v === "1"),
    /** The deployment's privacy notice (people/consent.ts); the default in locales/ when unset. */
    CONSENT_NOTICE_FILE: z
      .string()
      .min(1)
      .optional()
      .refine(readableNotice, "a readable text file with the notice"),
    /** Sent messages keep their text this many days, then only the proof of delivery stays. */
    OUTBOX_TEXT_DAYS: z.coerce.number().int().min(1).max(3650).default(180),
  })
  .refine((c) => !c.WEBHOOK_URL || c.WEBHOOK_SECRET, {
    message: "WEBHOOK_SECRET is required with WEBHOOK_URL",
    path: ["WEBHOOK_SECRET"],
  })
  .refine((c) => !c.ZALO_WEBHOOK_URL || c.ZALO_WEBHOOK_SECRET, {
    message: "ZALO_WEBHOOK_SECRET is required with ZALO_WEBHOOK_URL",
    path: ["ZALO_WEBHOOK_SECRET"],
  });

/** A notice file must be there at start, not found missing when the first person joins. */
function readableNotice(file: string | undefined): boolean {
  if (file === undefined) return true;
  try {
    return readFileSync(file, "utf8").trim().length > 0;
  } catch {
    return false;
  }
}

export type Config = z.infer<typeof schema>;

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const result = schema.safeParse(env);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new ConfigError(`${issue?.path.join(".")}: ${issue?.message}`);
  }
  return result.data;
}
