import { openDatabase } from "../../src/db/connection.ts";

/** National scale: every province's plan, every department of it, the plan's 62 tasks. */
export const SCALE = { plans: 34, agencies: 165, tasks: 62, sections: 10, coordinators: 4 };

const NUMERALS = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"];

// The shipped Gia Lai plan's mix of 62 tasks, so the rules see the share of each kind they will.
const KINDS: string[] = [
  ...Array<string>(21).fill("recurring"),
  ...Array<string>(17).fill("month"),
  ...Array<string>(7).fill("dependent-dated"),
  ...Array<string>(6).fill("dependent"),
  ...Array<string>(4).fill("quarter"),
  ...Array<string>(6).fill("year"),
  "milestones",
];

const VERBS = [
  "Triển khai",
  "Rà soát, cập nhật",
  "Xây dựng và vận hành",
  "Tổ chức tuyên truyền về",
  "Kết nối",
];
const OBJECTS = [
  "Cơ sở dữ liệu quốc gia về dân cư",
  "ứng dụng định danh điện tử VNeID",
  "dịch vụ công trực tuyến toàn trình",
  "Hệ thống thông tin giải quyết thủ tục hành chính",
  "chữ ký số cho người dân",
];
const TAILS = [
  "trên địa bàn tỉnh, bảo đảm kết nối thông suốt với hệ thống của các bộ, ngành Trung ương",
  "phục vụ chỉ đạo, điều hành và giải quyết thủ tục hành chính cho người dân, doanh nghiệp",
  "theo hướng dẫn của Bộ Công an",
];
const DEPARTMENTS = ["Sở Nội vụ", "Sở Tài chính", "Sở Y tế", "Sở Tư pháp", "Sở Xây dựng", "Sở Công Thương"];

/** Deterministic, so every run and every machine measures the same catalog. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function monthEnd(year: number, month: number): string {
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${String(month).padStart(2, "0")}-${last}`;
}

/** Month ends from September 2026 on; index 2 is 2026-11-30 (a day overdue on 1 December). */
function monthEndFrom(index: number): string {
  const m = 8 + (index % 28);
  return monthEnd(2026 + Math.floor(m / 12), (m % 12) + 1);
}

function due(kind: string, rnd: () => number): { due: string | null; milestones: string | null } {
  const pick = <T>(list: T[]) => list[Math.floor(rnd() * list.length)] as T;
  if (kind === "month" || kind === "dependent-dated")
    return { due: monthEndFrom(Math.floor(rnd() * 28)), milestones: null };
  if (kind === "quarter")
    return {
      due: pick(["2026-12-31", "2027-03-31", "2027-06-30", "2027-09-30", "2028-06-30"]),
      milestones: null,
    };
  if (kind === "year") return { due: pick(["2026-12-31", "2027-12-31", "2028-12-31"]), milestones: null };
  if (kind === "milestones") {
    const list = ["2026-12-31", "2027-06-30", "2027-12-31"];
    return { due: list[2] ?? null, milestones: JSON.stringify(list) };
  }
  return { due: null, milestones: null };
}

export interface CatalogCounts {
  plans: number;
  agencies: number;
  tasks: number;
  assignments: number;
  leads: number;
  contacts: number;
  reports: number;
  buildMs: number;
}

/** Writes the synthetic catalog into a fresh SQLite file in one transaction of prepared inserts. */
export function buildCatalog(path: string): CatalogCounts {
  const started = performance.now();
  const database = openDatabase(path);
  const sqlite = database.sqlite;
  const rnd = random(6);
  const now = "2026-11-20T00:00:00.000Z";
  const ins = {
    plan: sqlite.prepare("insert into plans values (?, ?, ?, ?, ?)"),
    section: sqlite.prepare(
      "insert into sections (id, plan_id, annex, numeral, title, position) values (?, ?, 'tasks', ?, ?, ?)",
    ),
    agency: sqlite.prepare("insert into agencies (id, name, kind) values (?, ?, 'department')"),
    task: sqlite.prepare(
      `insert into tasks (id, plan_id, ref, section_id, number, position, title, output, deadline_kind, deadline_text, due_date, indicative, milestones)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    assignment: sqlite.prepare("insert into assignments (id, task_id, agency_id, role) values (?, ?, ?, ?)"),
    chat: sqlite.prepare("insert into chats (id, type, created_at) values (?, 'private', ?)"),
    contact: sqlite.prepare(
      "insert into contacts (id, agency_id, role, name, lang, created_at) values (?, ?, ?, ?, ?, ?)",
    ),
    contactChat: sqlite.prepare("insert into contact_chats (contact_id, chat_id) values (?, ?)"),
    report: sqlite.prepare(
      `insert into reports (assignment_id, task_id, agency_id, period, status, percent, description, contact_id, chat_id, channel, submitted_at)
       values (?, ?, ?, '2026-11', ?, ?, ?, ?, ?, 'tg', ?)`,
    ),
  };
  const n = { plans: 0, agencies: 0, tasks: 0, assignments: 0, leads: 0, contacts: 0, reports: 0 };
  const person = (agencyId: string, role: string, name: string) => {
    const id = ++n.contacts;
    ins.chat.run(`tg:${id}`, now);
    ins.contact.run(id, agencyId, role, name, id % 20 === 0 ? "en" : "vi", now);
    ins.contactChat.run(id, `tg:${id}`);
    return id;
  };
  sqlite.transaction(() => {
    for (let p = 1; p <= SCALE.plans; p++) {
      const planId = `p${String(p).padStart(2, "0")}`;
      // imported_at orders plans in the tick, as the real import time does.
      ins.plan.run(
        planId,
        `Kế hoạch Đề án 06 — tỉnh ${planId}`,
        `${planId}.md`,
        planId,
        `2026-01-01T00:00:${String(p).padStart(2, "0")}Z`,
      );
      n.plans++;
      const sectionBase = (p - 1) * SCALE.sections;
      NUMERALS.forEach((numeral, i) => {
        ins.section.run(sectionBase + i + 1, planId, numeral, `Nhóm nhiệm vụ ${numeral}`, i);
      });
      const tasks: { id: number; kind: string }[] = [];
      for (let t = 0; t < SCALE.tasks; t++) {
        const kind = KINDS[t % KINDS.length] ?? "recurring";
        const { due: dueDate, milestones } = due(kind, rnd);
        const section = Math.floor((t * SCALE.sections) / SCALE.tasks);
        const title = `${VERBS[t % VERBS.length]} ${OBJECTS[(t + p) % OBJECTS.length]} ${TAILS[t % TAILS.length]}`;
        const id = ++n.tasks;
        const storedKind = kind === "dependent-dated" ? "dependent" : kind;
        ins.task.run(
          id,
          planId,
          `${NUMERALS[section]}.${t + 1}`,
          sectionBase + section + 1,
          String(t + 1),
          t,
          title,
          "Báo cáo kết quả thực hiện",
          storedKind,
          dueDate ?? "Thực hiện thường xuyên",
          dueDate,
          kind === "dependent-dated" ? 1 : 0,
          milestones,
        );
        tasks.push({ id, kind });
      }
      for (let a = 1; a <= SCALE.agencies; a++) {
        const agencyId = `${planId}-a${String(a).padStart(3, "0")}`;
        ins.agency.run(agencyId, `${DEPARTMENTS[a % DEPARTMENTS.length]} ${a} (${planId})`);
        n.agencies++;
        const focal = person(agencyId, "focal", `Đầu mối ${agencyId}`);
        person(agencyId, "head", `Lãnh đạo ${agencyId}`);
        for (const task of tasks) {
          const id = ++n.assignments;
          const lead = rnd() < 0.25;
          ins.assignment.run(id, task.id, agencyId, lead ? "lead" : "partner");
          if (!lead) continue;
          n.leads++;
          if (rnd() >= 0.2) continue;
          const r = rnd();
          const status = r < 0.3 ? "done" : r < 0.85 ? "in_progress" : "blocked";
          ins.report.run(
            id,
            task.id,
            agencyId,
            status,
            status === "done" ? 100 : 50,
            "Đã triển khai",
            focal,
            `tg:${focal}`,
            now,
          );
          n.reports++;
        }
      }
    }
    // National coordinators sit in their own agency, outside every plan's assignments.
    ins.agency.run("bca", "Bộ Công an");
    for (let c = 1; c <= SCALE.coordinators; c++) person("bca", "coordinator", `Điều phối ${c}`);
  })();
  // One self-contained file, so each run can start from a byte copy of it.
  sqlite.pragma("journal_mode = DELETE");
  database.close();
  return { ...n, buildMs: performance.now() - started };
}
