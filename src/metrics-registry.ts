import { Counter, collectDefaultMetrics, Histogram, Registry } from "prom-client";

/**
 * Every Prometheus metric of the process, in one registry of our own (not prom-client's global
 * one, so nothing a library registers leaks in). Loaded only by the service (src/metrics.ts,
 * enableMetrics): the CLI never pays for prom-client. Gauges read from the database live with
 * the HTTP server (src/http/metrics-route.ts), since they need its handle.
 */
export const registry = new Registry();
collectDefaultMetrics({ register: registry, prefix: "nhacviec_" });

const registers = [registry];

export const tickSeconds = new Histogram({
  name: "nhacviec_tick_duration_seconds",
  help: "Time one tick took to run the rules and write the outbox (its _count is the number of ticks)",
  buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10],
  registers,
});

export const messagesWritten = new Counter({
  name: "nhacviec_messages_written_total",
  help: "Outbox rows written, by message kind",
  labelNames: ["kind"],
  registers,
});

export const sends = new Counter({
  name: "nhacviec_sends_total",
  help: "Delivery attempts by channel and result (sent, rate_limited, unreachable, transient, permanent)",
  labelNames: ["channel", "result"],
  registers,
});

export const deliveryLatency = new Histogram({
  name: "nhacviec_delivery_latency_seconds",
  help: "From the time a message was due (send_after) to the platform accepting it",
  labelNames: ["channel"],
  buckets: [0.5, 1, 5, 15, 60, 300, 900, 3600, 14_400],
  registers,
});

export const rateLimited = new Counter({
  name: "nhacviec_rate_limited_total",
  help: "429 answers from a platform during delivery",
  labelNames: ["channel"],
  registers,
});

export const retryAfterSeconds = new Counter({
  name: "nhacviec_retry_after_seconds_total",
  help: "Sum of the retry_after seconds the platforms asked for",
  labelNames: ["channel"],
  registers,
});

export const updatesHandled = new Histogram({
  name: "nhacviec_update_duration_seconds",
  help: "Time the conversation took to answer one incoming update, by channel (its _count: updates handled)",
  labelNames: ["channel"],
  buckets: [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 15],
  registers,
});

export const webhookUpdates = new Counter({
  name: "nhacviec_webhook_updates_total",
  help: "Webhook posts by channel and outcome (accepted, duplicate, refused, too_large, malformed)",
  labelNames: ["channel", "outcome"],
  registers,
});

export const flowErrors = new Counter({
  name: "nhacviec_flow_errors_total",
  help: "Unexpected errors inside a conversation (the user saw the polite internal-error line)",
  labelNames: ["channel"],
  registers,
});

export const reportSubmissions = new Counter({
  name: "nhacviec_report_submissions_total",
  help: "Reports saved: progress reports (task) and Annex I values (target), by channel",
  labelNames: ["kind", "channel"],
  registers,
});
