import { type AgencyKind, agencyKinds, type Role } from "../db/schema.ts";
import type { DirectoryAgency, DirectoryContact } from "../store/directory.ts";
import { foldAccents } from "../text/normalize.ts";
import type { WebDeps } from "./deps.ts";

/** Agencies a page shows: a province has ~160, the country ~5,600. */
export const PEOPLE_PAGE = 25;
/** External agencies (ministries) have no contacts here and take no invites: the page leaves them out. */
export const LISTED_KINDS = agencyKinds.filter((k) => k !== "external");

export interface PeopleFilter {
  /** Part of the name or id, typed with or without accents. */
  q?: string;
  kind?: AgencyKind;
  group?: string;
  /** "no": nobody acts for it yet (where invites are wanted); "yes": someone does. */
  staffed?: "yes" | "no";
}

export interface ContactView {
  id: number;
  role: Role;
  name: string | null;
  /** Each chat: its channel prefix ("tg", "zalo") and whether the bot can still write there. */
  chats: { channel: string; reachable: boolean }[];
  /** On leave today: its days, and the deputy named for it (a colleague of the same agency). */
  leave?: { from: string; to: string; deputy: string | null };
}

export interface AgencyView {
  id: string;
  name: string;
  kind: AgencyKind;
  groups: { id: string; name: string }[];
  contacts: ContactView[];
  /** The last report it sent, an ISO instant; null when it never reported. */
  lastReport: string | null;
}

type Index = Awaited<ReturnType<WebDeps["store"]["directory"]["index"]>>;

/** Keeps only values the page offers: a forged query string filters by nothing rather than failing. */
export function readPeopleFilter(q: Record<string, string | undefined>, groups: { id: string }[]) {
  const f: PeopleFilter = {};
  const text = q.q?.trim().slice(0, 100);
  if (text) f.q = text;
  if (q.kind && (LISTED_KINDS as readonly string[]).includes(q.kind)) f.kind = q.kind as AgencyKind;
  if (q.group && groups.some((g) => g.id === q.group)) f.group = q.group;
  if (q.staffed === "yes" || q.staffed === "no") f.staffed = q.staffed;
  const page = Math.min(Math.max(Number.parseInt(q.page ?? "1", 10) || 1, 1), 10_000);
  return { filter: f, page };
}

/** Names without accents, kept: folding 5,600 names on every search would cost ~60 ms. */
const foldedNames = new Map<string, string>();
function folded(name: string): string {
  let f = foldedNames.get(name);
  if (f === undefined) {
    if (foldedNames.size > 50_000) foldedNames.clear(); // renamed agencies: never unbounded
    f = foldAccents(name);
    foldedNames.set(name, f);
  }
  return f;
}

function matcher(index: Index, f: PeopleFilter) {
  const key = f.q ? foldAccents(f.q) : undefined;
  const inGroup = f.group
    ? new Set(index.members.filter((m) => m.groupId === f.group).map((m) => m.agencyId))
    : undefined;
  return (a: DirectoryAgency) =>
    a.kind !== "external" &&
    (!f.kind || a.kind === f.kind) &&
    (!inGroup || inGroup.has(a.id)) &&
    (!f.staffed || (f.staffed === "yes") === a.contacts > 0) &&
    (!key || folded(a.name).includes(key) || a.id.includes(key.replace(/\s+/g, "-")));
}

/** One contact per person-in-a-role, with each of its chats. */
function contactViews(rows: DirectoryContact[]): Map<string, ContactView[]> {
  const byId = new Map<number, ContactView & { agencyId: string }>();
  for (const r of rows) {
    const c = byId.get(r.id) ?? { id: r.id, agencyId: r.agencyId, role: r.role, name: r.name, chats: [] };
    if (r.chatId)
      c.chats.push({ channel: r.chatId.slice(0, r.chatId.indexOf(":")), reachable: !r.unreachableAt });
    byId.set(r.id, c);
  }
  const byAgency = new Map<string, ContactView[]>();
  for (const { agencyId, ...c } of byId.values())
    byAgency.set(agencyId, [...(byAgency.get(agencyId) ?? []), c]);
  return byAgency;
}

/** The agencies shown, with their groups, contacts and last report: three reads for the whole page. */
async function views(deps: WebDeps, index: Index, shown: DirectoryAgency[]): Promise<AgencyView[]> {
  const ids = shown.map((a) => a.id);
  const [contacts, last, away] = await Promise.all([
    deps.store.directory.contactsOf(ids),
    deps.store.directory.lastReports(ids),
    deps.store.leave.current(deps.calendar.localDate(deps.now())),
  ]);
  const people = contactViews(contacts);
  const names = new Map(contacts.map((c) => [c.id, c.name]));
  for (const list of people.values())
    for (const c of list) {
      const l = away.get(c.id);
      if (l)
        c.leave = {
          from: l.from,
          to: l.to,
          deputy: l.deputyId === null ? null : (names.get(l.deputyId) ?? null),
        };
    }
  const groupName = new Map(index.groups.map((g) => [g.id, g.name]));
  return shown.map((a) => ({
    id: a.id,
    name: a.name,
    kind: a.kind,
    groups: index.members
      .filter((m) => m.agencyId === a.id)
      .map((m) => ({ id: m.groupId, name: groupName.get(m.groupId) ?? m.groupId })),
    contacts: people.get(a.id) ?? [],
    lastReport: last.get(a.id) ?? null,
  }));
}

const collator = new Intl.Collator("vi");
/** Departments first, then sectors, communes, wards…; by name within a kind, as Vietnamese sorts. */
const byKindThenName = (a: DirectoryAgency, b: DirectoryAgency) =>
  agencyKinds.indexOf(a.kind) - agencyKinds.indexOf(b.kind) || collator.compare(a.name, b.name);

/** A page of the directory, filtered, with what the filter form offers. */
export async function peoplePage(deps: WebDeps, query: Record<string, string | undefined>) {
  const index = await deps.store.directory.index();
  const { filter, page: asked } = readPeopleFilter(query, index.groups);
  const found = index.agencies.filter(matcher(index, filter)).sort(byKindThenName);
  const pages = Math.max(1, Math.ceil(found.length / PEOPLE_PAGE));
  const page = Math.min(asked, pages);
  const shown = found.slice((page - 1) * PEOPLE_PAGE, page * PEOPLE_PAGE);
  return {
    filter,
    page,
    pages,
    total: found.length,
    agencies: await views(deps, index, shown),
    groups: index.groups,
  };
}

/** One agency as its page shows it; undefined for an unknown or external one. */
export async function agencyPage(deps: WebDeps, id: string): Promise<AgencyView | undefined> {
  const index = await deps.store.directory.index();
  const agency = index.agencies.find((a) => a.id === id);
  if (!agency || agency.kind === "external") return undefined;
  const [view] = await views(deps, index, [agency]);
  return view;
}
