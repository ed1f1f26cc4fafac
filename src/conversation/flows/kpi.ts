import type { Reply } from "../../messages.ts";
import { countReport } from "../../metrics.ts";
import { type FlowState, newFlow } from "../../store/flows.ts";
import type { TrackedTarget } from "../../store/targets.ts";
import { foldAccents } from "../../text/normalize.ts";
import { shortTitle } from "../../text/title.ts";
import { reportingContact } from "../actor.ts";
import { type FlowDefinition, flowChoice, type Turn, whichOne } from "../context.ts";
import { periodNow } from "../cycle.ts";
import { matchLabel, readNumber, readRef } from "../input.ts";
import { pageOf, readPageValue } from "../paging.ts";

type Target = TrackedTarget;

/** Annex I targets the agency tracks, named outright or through a group it belongs to. */
function trackedBy(turn: Turn, agencyId: string): Promise<Target[]> {
  return turn.deps.store.targets.trackedBy(agencyId);
}

type ValueKind = "percent" | "count" | "amount" | "text";

/**
 * What a target's value is read as: a percentage, a whole count (databases, products), an
 * amount of money, or words where the plan itself gives words ("Nhóm 15 địa phương dẫn đầu").
 */
function kindOf(t: Target): ValueKind {
  const unit = foldAccents(t.unit).trim();
  if (unit.includes("%")) return "percent";
  if ((t.t2026 && t.v2026 === null) || unit === "-" || unit === "") return "text";
  if (/dong|ty|trieu|nghin/.test(unit)) return "amount";
  return "count";
}

type S = FlowState<{
  agencyId: string;
  targetId?: number;
  page: number;
  valueText?: string;
  value?: number | null;
}>;

const vn = new Intl.NumberFormat("vi-VN", { maximumFractionDigits: 2 });

/** The value as it will be saved and printed, or the message asking for the expected form. */
function readValue(t: Target, text: string): { text: string; value: number | null } | { error: string } {
  if (text === "" || text.length > 200) return { error: "kpi-bad-value" };
  const kind = kindOf(t);
  const n = readNumber(text);
  if (kind === "text") return { text, value: n && !n.unit ? n.value : null };
  if (kind === "percent") {
    if (!n || n.unit || n.value < 0 || n.value > 100) return { error: "kpi-bad-percent" };
    return { text: `${vn.format(n.value)}%`, value: n.value };
  }
  if (!n || n.percent || n.value < 0) return { error: `kpi-bad-${kind}` };
  if (kind === "count" && !Number.isInteger(n.value)) return { error: "kpi-bad-count" };
  return { text: vn.format(n.value), value: n.value };
}

async function list(turn: Turn, s: S): Promise<Reply[]> {
  const all = await trackedBy(turn, s.data.agencyId);
  const { items, page, nav } = pageOf(turn, s, all, s.data.page);
  const rows = items.map((t) => [flowChoice(s, `${t.ref} · ${shortTitle(t.title, 48)}`, `t${t.id}`)]);
  s.step = "target";
  s.data.page = page;
  await turn.flows.save(s, turn.now);
  return [
    {
      text: turn.t("kpi-ask-target"),
      choices: [...rows, ...(nav.length ? [nav] : []), [flowChoice(s, turn.t("flow-cancel"), "x")]],
    },
  ];
}

async function askValue(turn: Turn, s: S, target: Target): Promise<Reply[]> {
  s.data.targetId = target.id;
  s.step = "value";
  await turn.flows.save(s, turn.now);
  const last = await turn.deps.store.targets.lastReported(target.id, s.data.agencyId);
  const ask = turn.t("kpi-ask-value", {
    ref: target.ref,
    unit: target.unit,
    t2026: target.t2026 || "-",
    t2030: target.t2030 || "-",
  });
  const form = turn.t(`kpi-form-${kindOf(target)}`);
  return [
    {
      text: [ask, form, ...(last ? [turn.t("kpi-previous", { value: last })] : [])].join("\n"),
      freeNumber: true,
      choices: [[flowChoice(s, turn.t("flow-cancel"), "x")]],
    },
  ];
}

async function confirm(turn: Turn, s: S, target: Target): Promise<Reply[]> {
  s.step = "confirm";
  await turn.flows.save(s, turn.now);
  return [
    {
      text: turn.t("kpi-confirm", {
        ref: target.ref,
        title: shortTitle(target.title, 120),
        value: s.data.valueText ?? "",
        unit: target.unit,
        t2026: target.t2026 || "-",
      }),
      choices: [
        [flowChoice(s, turn.t("kpi-save"), "ok")],
        [flowChoice(s, turn.t("report-edit"), "edit"), flowChoice(s, turn.t("flow-cancel"), "x")],
      ],
    },
  ];
}

export async function startKpi(turn: Turn): Promise<Reply[]> {
  const contact = turn.actor ? reportingContact(turn.actor) : undefined;
  if (!contact) return [{ text: turn.t("report-not-linked") }];
  if ((await trackedBy(turn, contact.agencyId)).length === 0)
    return [{ text: turn.t("kpi-none", { agency: contact.agencyName }) }];
  const s = newFlow(turn.incoming.chatId, contact.id, "kpi", "target", {
    agencyId: contact.agencyId,
    page: 0,
  });
  return list(turn, s as unknown as S);
}

/** A typed target: its ref exactly ("ii.5" is II.5), or its title. */
async function pickTyped(turn: Turn, s: S, all: Target[], text: string): Promise<Reply[]> {
  const ref = readRef(text);
  const m = ref
    ? all.filter((t) => t.ref === ref).map((t) => ({ one: t }))[0]
    : matchLabel(text, all, (t) => t.title, { contains: true });
  if (m && "one" in m) return askValue(turn, s, m.one);
  if (m && "many" in m) {
    const choices = m.many.map((t) => flowChoice(s, `${t.ref} · ${shortTitle(t.title, 48)}`, `t${t.id}`));
    return whichOne(turn, text, choices, flowChoice(s, turn.t("flow-cancel"), "x"));
  }
  return [
    { text: turn.t(ref ? "kpi-ref-unknown" : "flow-use-buttons", { ref: ref ?? "" }) },
    ...(await list(turn, s)),
  ];
}

export const kpiFlow: FlowDefinition = {
  kind: "kpi",
  inputOf(state) {
    // Words are a value too for a text target; a typed number is never a menu pick here.
    return state.step === "value" ? "number" : "choice";
  },
  async step(turn, state, input) {
    const s = state as unknown as S;
    const all = await trackedBy(turn, s.data.agencyId);
    if (s.step === "target") {
      const page = readPageValue(input.value);
      if (page !== undefined) {
        s.data.page = page;
        return list(turn, s);
      }
      const target = all.find((t) => input.value === `t${t.id}`);
      if (target) return askValue(turn, s, target);
      if (!input.value && input.text?.trim()) return pickTyped(turn, s, all, input.text);
      return [{ text: turn.t("flow-use-buttons") }, ...(await list(turn, s))];
    }
    const target = all.find((t) => t.id === s.data.targetId);
    if (!target) {
      await turn.flows.clear(turn.incoming.chatId);
      return [{ text: turn.t("report-task-gone") }];
    }
    if (s.step === "value") {
      const read = readValue(target, (input.text ?? "").trim());
      if ("error" in read) return [{ text: turn.t(read.error) }];
      s.data.valueText = read.text;
      s.data.value = read.value;
      return confirm(turn, s, target);
    }
    if (input.value === "edit") return askValue(turn, s, target);
    if (input.value !== "ok")
      return [{ text: turn.t("flow-use-buttons") }, ...(await confirm(turn, s, target))];
    // The flow ends in the same commit as the value it produced.
    await turn.deps.store.targets.save(
      {
        targetId: target.id,
        agencyId: s.data.agencyId,
        period: periodNow(turn, target.planId),
        valueText: s.data.valueText ?? "",
        value: s.data.value ?? null,
        contactId: s.contactId,
        chatId: turn.incoming.chatId,
      },
      turn.now,
    );
    countReport("target", turn.incoming.channel);
    return [{ text: turn.t("kpi-saved", { ref: target.ref, value: s.data.valueText ?? "" }) }];
  },
};
