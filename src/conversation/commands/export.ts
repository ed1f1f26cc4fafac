import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { DigestScope } from "../../db/schema.ts";
import { periodLabel } from "../../domain/period.ts";
import { buildDigest, renderDigest } from "../../engine/digest.ts";
import { digestChartModel } from "../../engine/digest-chart.ts";
import { Snapshot } from "../../engine/snapshot.ts";
import type { Reply } from "../../messages.ts";
import { defaultPlanId } from "../../people/subscriptions.ts";
import { renderChart } from "../../reports/chart.ts";
import { exportFormats, parseExportFormat } from "../../reports/export.ts";
import { recordAction } from "../actor.ts";
import type { Turn } from "../context.ts";
import { periodNow } from "../cycle.ts";

/** Files go as attachments where the platform carries them; the console writes them next to the database. */
function deliverFile(
  turn: Turn,
  text: string,
  file: NonNullable<Reply["attachment"]>,
  fallback: string,
): Reply[] {
  const can = turn.deps.capabilitiesOf(turn.incoming.chatId);
  if (file.kind === "photo" ? can.photos : can.documents) return [{ text, attachment: file }];
  if (can.localFiles) {
    const path = join(turn.deps.exportDir, file.name);
    mkdirSync(turn.deps.exportDir, { recursive: true });
    writeFileSync(path, file.data);
    return [{ text: `${text}\n${path}` }];
  }
  return [{ text: fallback }];
}

/** /export [YYYY-MM] [xlsx|docx]: the monthly synthesis as a file. */
export async function exportCommand(turn: Turn, arg: string): Promise<Reply[]> {
  const words = arg.split(/\s+/).filter(Boolean);
  // The format is a word of its own, in any place; the other words are the month ("11/2026",
  // "tháng 11"), which the synthesis reads and checks. A lone word with no digit is a format
  // mistyped ("pfd"), not a month.
  const isFormat = (w: string) => (exportFormats as readonly string[]).includes(w.toLowerCase());
  const month = words.filter((w) => !isFormat(w)).join(" ");
  const named = words.find(isFormat);
  const format = parseExportFormat(
    named ?? (month && !/\d/.test(month) && !month.includes(" ") ? month : "xlsx"),
  );
  const planId = await defaultPlanId(turn.deps.store);
  const period = month || periodNow(turn, planId);
  const { model, data } = await turn.deps.exportSynthesis({ period, now: turn.now, format });
  const name = `bao-cao-de-an-06-${model.period}.${format}`;
  await recordAction(turn, {
    action: "export.create",
    targetKind: "period",
    targetId: model.period,
    after: { format, tasks: model.tasks.length, missing: model.missing.length },
  });
  const text = turn.t("export-caption", {
    period: periodLabel(model.period),
    tasks: model.tasks.length,
    missing: model.missing.length,
  });
  return deliverFile(
    turn,
    text,
    { kind: "document", data, name },
    turn.t("export-no-files", { month: model.period, format }),
  );
}

/** /digest: the weekly digest for this chat's scope, now, with its chart where files travel. */
export async function digestCommand(turn: Turn): Promise<Reply[]> {
  const planId = await defaultPlanId(turn.deps.store);
  const scope: DigestScope = (await turn.deps.store.chats.subscription(turn.incoming.chatId)) ?? {
    kind: "plan",
  };
  const snapshot = await new Snapshot(turn.deps.store).load({ shared: true });
  const rules = turn.deps.rules(planId);
  const day = turn.deps.calendar.localDate(turn.now);
  const model = await buildDigest(snapshot, turn.deps.store, planId, scope, day, rules, {
    timeZone: turn.deps.calendar.timeZone,
  });
  const names = snapshot.agencyNames();
  const text = renderDigest(turn.deps.i18n, turn.lang, model, names, rules);
  await recordAction(turn, {
    action: "digest.send",
    targetKind: "chat",
    targetId: turn.incoming.chatId,
    after: { planId, scope },
  });
  if (!turn.deps.capabilitiesOf(turn.incoming.chatId).photos) return [{ text }];
  const chart = renderChart(digestChartModel(model, names, turn.t, snapshot.work(planId)));
  return [{ text, attachment: { kind: "photo", data: chart, name: `digest-${day}.png` } }];
}
