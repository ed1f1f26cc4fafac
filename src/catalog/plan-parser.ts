import { type Deadline, DeadlineError, parseDeadline } from "./deadline.ts";
import { type Gazetteer, type Party, UnknownAgencyError } from "./gazetteer.ts";
import { PlanFormatError, readPlanDocument, type TableRow, type TableSection } from "./table-reader.ts";
import { parseTargetValue, type TargetValue } from "./target-value.ts";

export interface ParsedSection {
  annex: "targets" | "tasks";
  numeral: string;
  title: string;
  position: number;
}

interface Item {
  ref: string;
  section: string;
  number: string;
  position: number;
  title: string;
  line: number;
}

export interface ParsedTask extends Item {
  output: string;
  deadline: Deadline;
  leads: Party[];
  partners: Party[];
}

export interface ParsedTarget extends Item {
  unit: string;
  target2026: TargetValue | null;
  target2030: TargetValue | null;
  trackers: Party[];
}

export interface ParsedPlan {
  title: string;
  sections: ParsedSection[];
  tasks: ParsedTask[];
  targets: ParsedTarget[];
}

/** Reads the whole document; any cell that fits no rule fails with its line and text. */
export function parsePlan(text: string, gazetteer: Gazetteer): ParsedPlan {
  const doc = readPlanDocument(text);
  const sections: ParsedSection[] = [
    ...doc.targets.map((s, i) => ({
      annex: "targets" as const,
      numeral: s.numeral,
      title: s.title,
      position: i,
    })),
    ...doc.tasks.map((s, i) => ({
      annex: "tasks" as const,
      numeral: s.numeral,
      title: s.title,
      position: i,
    })),
  ];
  const parties = (row: TableRow, cell: string, required: boolean): Party[] => {
    if (cell.trim() === "") {
      if (required) throw new PlanFormatError(row.line, row.cells.join(" | "), "no lead agency");
      return [];
    }
    try {
      return gazetteer.resolve(cell);
    } catch (e) {
      if (e instanceof UnknownAgencyError)
        throw new PlanFormatError(row.line, cell, `unknown agency "${e.rest}"`);
      throw e;
    }
  };

  const tasks = items(doc.tasks).map(({ item, row }) => {
    const [title = "", lead = "", partner = "", when = "", output = ""] = row.cells;
    let deadline: Deadline;
    try {
      deadline = parseDeadline(when);
    } catch (e) {
      if (e instanceof DeadlineError) throw new PlanFormatError(row.line, when, "unrecognised deadline");
      throw e;
    }
    return {
      ...item,
      title,
      output,
      deadline,
      leads: parties(row, lead, true),
      partners: parties(row, partner, false),
    };
  });

  const targets = items(doc.targets).map(({ item, row }) => {
    const [title = "", unit = "", v2026 = "", v2030 = "", trackers = ""] = row.cells;
    return {
      ...item,
      title,
      unit,
      target2026: parseTargetValue(v2026),
      target2030: parseTargetValue(v2030),
      trackers: parties(row, trackers, true),
    };
  });
  return { title: doc.title, sections, tasks, targets };
}

/**
 * Gives every row a ref unique in its plan and stable across re-imports: "II.3" as printed,
 * and for a number printed twice in a section (section II has two "7"), its ordinal there.
 */
function items(sections: TableSection[]): { item: Item; row: TableRow }[] {
  const out: { item: Item; row: TableRow }[] = [];
  let position = 0;
  for (const section of sections) {
    const printed = new Set(section.rows.map((r) => r.number));
    const used = new Set<string>();
    section.rows.forEach((row, k) => {
      if (!row.cells[0]) throw new PlanFormatError(row.line, row.cells.join(" | "), "row without a title");
      let key = row.number;
      if (used.has(key)) key = printed.has(String(k + 1)) ? `${row.number}b` : String(k + 1);
      while (used.has(key)) key = `${key}b`;
      used.add(key);
      out.push({
        item: {
          ref: `${section.numeral}.${key}`,
          section: section.numeral,
          number: row.number,
          position: position++,
          title: row.cells[0],
          line: row.line,
        },
        row,
      });
    });
  }
  return out;
}
