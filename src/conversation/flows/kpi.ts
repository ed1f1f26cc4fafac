import { periodOf } from "../../domain/period.ts";
import { shortTitle } from "../../engine/compose.ts";
import { countReport } from "../../metrics.ts";
import { reportingContact } from "../actor.ts";
import { type FlowDefinition, flowChoice, type Turn } from "../context.ts";
import type { FlowState } from "../state.ts";
import type { Reply } from "../types.ts";

interface Target {
  id: number;
  ref: string;
  title: string;
  unit: string;
  t2026: string;
  t2030: string;
}

/** Annex I targets the agency tracks, named outright or through a group it belongs to. */
function trackedBy(turn: Turn, agencyId: string): Target[] {
  return turn.deps.sqlite
    .prepare(
      `select distinct t.id id, t.ref ref, t.title title, t.unit unit, t.target_2026_text t2026, t.target_2030_text t2030
       from targets t join target_trackers tt on tt.target_id = t.id
       where t.archived_at is null and (tt.agency_id = ? or tt.group_id in (select group_id from group_members where agency_id = ?))
       order by t.position`,
    )
    .all(agencyId, agencyId) as Target[];
}

type S = FlowState<{ agencyId: string; targetId?: number; page: number }>;

function list(turn: Turn, s: S): Reply[] {
  const all = trackedBy(turn, s.data.agencyId);
  const page = Math.min(s.data.page, Math.max(0, Math.ceil(all.length / 6) - 1));
  const rows = all
    .slice(page * 6, page * 6 + 6)
    .map((t) => [flowChoice(s, `${t.ref} · ${shortTitle(t.title, 48)}`, `t${t.id}`)]);
  const nav = [
    ...(page > 0 ? [flowChoice(s, turn.t("report-prev"), `p${page - 1}`)] : []),
    ...((page + 1) * 6 < all.length ? [flowChoice(s, turn.t("report-next"), `p${page + 1}`)] : []),
  ];
  s.step = "target";
  s.data.page = page;
  turn.flows.save(s, turn.now);
  return [
    {
      text: turn.t("kpi-ask-target"),
      choices: [...rows, ...(nav.length ? [nav] : []), [flowChoice(s, turn.t("flow-cancel"), "x")]],
    },
  ];
}

export function startKpi(turn: Turn): Reply[] {
  const contact = turn.actor ? reportingContact(turn.actor) : undefined;
  if (!contact) return [{ text: turn.t("report-not-linked") }];
  if (trackedBy(turn, contact.agencyId).length === 0)
    return [{ text: turn.t("kpi-none", { agency: contact.agencyName }) }];
  const s = turn.flows.start(
    turn.incoming.chatId,
    contact.id,
    "kpi",
    "target",
    { agencyId: contact.agencyId, page: 0 },
    turn.now,
  );
  return list(turn, s as unknown as S);
}

export const kpiFlow: FlowDefinition = {
  kind: "kpi",
  step(turn, state, input) {
    const s = state as unknown as S;
    if (s.step === "target") {
      if (input.value?.startsWith("p")) {
        s.data.page = Number(input.value.slice(1)) || 0;
        return list(turn, s);
      }
      const target = trackedBy(turn, s.data.agencyId).find((t) => input.value === `t${t.id}`);
      if (!target) return [{ text: turn.t("flow-use-buttons") }, ...list(turn, s)];
      s.data.targetId = target.id;
      s.step = "value";
      turn.flows.save(s, turn.now);
      return [
        {
          text: turn.t("kpi-ask-value", {
            ref: target.ref,
            unit: target.unit,
            t2026: target.t2026 || "-",
            t2030: target.t2030 || "-",
          }),
        },
      ];
    }
    const text = (input.text ?? "").trim();
    const target = trackedBy(turn, s.data.agencyId).find((t) => t.id === s.data.targetId);
    if (!target) return [{ text: turn.t("report-task-gone") }];
    if (text === "" || text.length > 200) return [{ text: turn.t("kpi-bad-value") }];
    const number = /^-?\d+(?:[.,]\d+)?\s*%?$/.test(text)
      ? Number(text.replace("%", "").replace(",", ".").trim())
      : null;
    turn.deps.sqlite
      .prepare(
        `insert into target_reports (target_id, agency_id, period, value_text, value, contact_id, chat_id, submitted_at)
         values (?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        target.id,
        s.data.agencyId,
        periodOf(turn.deps.calendar.localDate(turn.now)),
        text,
        number,
        s.contactId,
        turn.incoming.chatId,
        turn.now.toISOString(),
      );
    turn.flows.clear(turn.incoming.chatId);
    countReport("target", turn.incoming.channel);
    return [{ text: turn.t("kpi-saved", { ref: target.ref, value: text }) }];
  },
};
