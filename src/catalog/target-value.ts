/** An Annex I value as written ("≥80", "100", "Nhóm 15 địa phương…"), with its number where it has one. */
export interface TargetValue {
  text: string;
  op: ">=" | "<=" | ">" | "<" | "=" | null;
  value: number | null;
}

const NUMERIC = /^(≥|>=|≤|<=|>|<|=)?\s*(\d+(?:[.,]\d+)?)\s*%?$/;
const OPS: Record<string, TargetValue["op"]> = {
  "≥": ">=",
  ">=": ">=",
  "≤": "<=",
  "<=": "<=",
  ">": ">",
  "<": "<",
};

/** "-" or an empty cell means no target for that year: null. */
export function parseTargetValue(text: string): TargetValue | null {
  const t = text.trim();
  if (t === "" || t === "-" || t === "–") return null;
  const m = NUMERIC.exec(t);
  if (!m) return { text: t, op: null, value: null };
  return { text: t, op: OPS[m[1] ?? ""] ?? "=", value: Number((m[2] ?? "").replace(",", ".")) };
}
