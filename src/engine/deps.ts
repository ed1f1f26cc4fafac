import type { CapabilitiesOf } from "../capabilities.ts";
import type { rulesFileSchema } from "../domain/rules.ts";
import type { WorkingCalendar } from "../domain/working-time.ts";
import type { I18n } from "../i18n/index.ts";
import type { Store } from "../store/index.ts";
import type { ChartModel } from "./digest-chart.ts";
import type { Outbox } from "./outbox.ts";

/** What the engine runs on, and nothing more: the composition root (core.ts) provides it. */
export interface EngineDeps {
  /** Every query goes through the store (src/store). */
  store: Store;
  /**
   * Draws a chart to a file named after `stem`, for the channels that send photos (reports/chart.ts
   * does it); none, no charts.
   */
  drawChart?: (model: ChartModel, stem: string) => { path: string; name: string };
  /** What the chat's platform carries (photos for charts); without it, no charts. */
  capabilitiesOf?: CapabilitiesOf;
  i18n: I18n;
  calendar: WorkingCalendar;
  outbox: Outbox;
  rulesFile?: ReturnType<typeof rulesFileSchema.parse>;
}

export interface TickResult {
  from: Date;
  at: Date;
  ids: number[];
  /** Set when this tick could not tell everything that fell due since the last one. */
  missed?: MissedWork;
}

/** What an outage cost: told to the coordinators in one notice and logged by the runner. */
export interface MissedWork {
  /** The last tick before the gap. */
  since: Date;
  /** Messages older than the catch-up window, never written, and the days they were due to go out. */
  skipped: number;
  days: string[];
  /** Chasing messages whose deadline passed while nothing ran: dropped, not sent as if on time. */
  expired: number;
}
