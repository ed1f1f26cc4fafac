import { z } from "zod";

/**
 * Every environment variable the program reads, validated once at start-up.
 * .env.example documents each of them.
 */
const schema = z.object({
  DB_PATH: z.string().min(1).default("./data/nhacviec.db"),
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
});

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
