import { z } from "zod";

const time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "HH:MM");
const day = z.number().int().min(1).max(28);

/**
 * Every number and time of the reminder rules. These are the defaults; RULES_FILE may
 * override any of them, for all plans or for one plan (see README, "The rules").
 */
export const rulesSchema = z.object({
  cycle: z
    .object({
      openDay: day.default(1),
      nudgeDays: z.array(day).default([5, 8]),
      /** Nudge days that move to the working day before when they fall on a day off. */
      moveBackDays: z.array(day).default([8]),
      deadlineDay: day.default(10),
      headEscalationDay: day.default(11),
      coordinatorDay: day.default(12),
      time: time.default("08:00"),
      lookaheadDays: z.number().int().min(0).default(60),
    })
    .prefault({}),
  due: z
    .object({
      offsets: z.array(z.number().int().min(0)).default([30, 14, 7, 3, 1, 0]),
      time: time.default("08:00"),
    })
    .prefault({}),
  overdue: z
    .object({
      focalAfterDays: z.number().int().min(1).default(1),
      headAfterDays: z.number().int().min(1).default(7),
      coordinatorAfterDays: z.number().int().min(1).default(14),
      time: time.default("08:00"),
    })
    .prefault({}),
  digest: z
    .object({
      /** ISO weekday, 1 = Monday. */
      weekday: z.number().int().min(1).max(7).default(1),
      time: time.default("08:00"),
      dueWithinDays: z.number().int().min(1).default(14),
    })
    .prefault({}),
  workHours: z.object({ start: time.default("07:30"), end: time.default("17:30") }).prefault({}),
  /** How far back a tick catches up on what it missed. */
  catchUpDays: z.number().int().min(1).max(60).default(7),
});

export type Rules = z.infer<typeof rulesSchema>;

export const rulesFileSchema = z.object({
  default: z.record(z.string(), z.unknown()).optional(),
  plans: z.record(z.string(), z.record(z.string(), z.unknown())).optional(),
});

type Json = Record<string, unknown>;
function merge(a: Json, b: Json): Json {
  const out: Json = { ...a };
  for (const [k, v] of Object.entries(b)) {
    const prev = out[k];
    out[k] =
      v &&
      typeof v === "object" &&
      !Array.isArray(v) &&
      prev &&
      typeof prev === "object" &&
      !Array.isArray(prev)
        ? merge(prev as Json, v as Json)
        : v;
  }
  return out;
}

/** The rules of one plan: defaults, then the file's "default", then its entry for that plan. */
export function rulesFor(file: z.infer<typeof rulesFileSchema> | undefined, planId: string): Rules {
  return rulesSchema.parse(merge(file?.default ?? {}, file?.plans?.[planId] ?? {}));
}
