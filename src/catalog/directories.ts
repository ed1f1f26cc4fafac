import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { UserError } from "../errors.ts";
import type { Store } from "../store/index.ts";
import { foldAccents, slugify } from "../text/normalize.ts";
import {
  type AgencyImportSummary,
  type AgencyRow,
  importAgencies,
  parseAgenciesCsv,
} from "./agency-import.ts";

/**
 * The shipped directories (data/agencies, sources in SOURCES.md): the central bodies
 * (vn-central.csv), the departments every province has (province-template.csv, "{tinh}" and
 * "{ten}" filled in), and the commune-level units of the 34 provinces (vn-communes.csv).
 * A province with its own files (gia-lai-agencies.csv, gia-lai-communes.csv) uses them instead.
 */

export interface Province {
  code: string;
  /** "Tỉnh Đồng Nai", "Thành phố Huế". */
  name: string;
  /** "Đồng Nai". */
  short: string;
}

interface CommuneRecord {
  province_code: string;
  province: string;
  code: string;
  name: string;
}

function read(file: string): string {
  try {
    return readFileSync(file, "utf8");
  } catch {
    throw new UserError("err-file-read", { file });
  }
}

function communes(dir: string): CommuneRecord[] {
  return parse(read(join(dir, "vn-communes.csv")), { columns: true, bom: true, skip_empty_lines: true });
}

const shortName = (name: string) => name.replace(/^(Tỉnh|Thành phố)\s+/, "");
const matchKey = (s: string) =>
  foldAccents(s)
    .replace(/^(tinh|thanh pho|tp\.?)\s+/, "")
    .replace(/[^a-z0-9]+/g, "");

export function listProvinces(dir: string): Province[] {
  const seen = new Map<string, Province>();
  for (const c of communes(dir)) {
    if (!seen.has(c.province_code))
      seen.set(c.province_code, { code: c.province_code, name: c.province, short: shortName(c.province) });
  }
  return [...seen.values()];
}

/** "Đồng Nai", "dong nai", "Tỉnh Đồng Nai", "TP Hồ Chí Minh", "hcm" all find their province. */
export function findProvince(dir: string, query: string): Province {
  const all = listProvinces(dir);
  const k = matchKey(query);
  const found =
    all.find((p) => matchKey(p.short) === k || p.code === query.trim()) ??
    (["hcm", "tphcm"].includes(k) ? all.find((p) => p.code === "79") : undefined);
  if (!found) {
    throw new UserError("err-province-unknown", {
      province: query,
      provinces: all.map((p) => p.short).join(", "),
    });
  }
  return found;
}

/** Every row of the province's directory, the central bodies first; later rows win on the same id. */
export function provinceRows(dir: string, province: Province): AgencyRow[] {
  const slug = slugify(province.short);
  const own = join(dir, `${slug}-agencies.csv`);
  const ownCommunes = join(dir, `${slug}-communes.csv`);
  const tinh = province.name.startsWith("Thành phố") ? "thành phố" : "tỉnh";
  const fill = (text: string) => text.replaceAll("{tinh}", tinh).replaceAll("{ten}", province.short);
  const rows = [
    ...parseAgenciesCsv(read(join(dir, "vn-central.csv")), "vn-central.csv"),
    ...(existsSync(own)
      ? parseAgenciesCsv(read(own), own)
      : parseAgenciesCsv(fill(read(join(dir, "province-template.csv"))), "province-template.csv")),
    ...(existsSync(ownCommunes)
      ? parseAgenciesCsv(read(ownCommunes), ownCommunes)
      : communeRows(communes(dir).filter((c) => c.province_code === province.code))),
  ];
  const byId = new Map<string, AgencyRow>();
  for (const row of rows) {
    const before = byId.get(row.id);
    byId.set(row.id, before ? { ...row, aliases: [...new Set([...before.aliases, ...row.aliases])] } : row);
  }
  return [...byId.values()];
}

/**
 * A few provinces have two units whose names differ only by their accents ("Xã Cẩm Giang",
 * "Xã Cẩm Giàng"); names are matched without accents, so both carry their official code
 * ("Xã Cẩm Giàng (10903)") and a plan naming either plainly lands in the review file.
 */
function communeRows(list: CommuneRecord[]): AgencyRow[] {
  const folded = new Map<string, number>();
  for (const c of list) folded.set(slugify(c.name), (folded.get(slugify(c.name)) ?? 0) + 1);
  return list.map((c, i) => {
    const ambiguous = (folded.get(slugify(c.name)) ?? 0) > 1;
    const name = ambiguous ? `${c.name} (${c.code})` : c.name;
    return {
      line: i + 2,
      id: slugify(name),
      name,
      kind: c.name.startsWith("Phường") ? "ward" : "commune",
      groups: ["communes"],
      aliases: [`UBND ${name}`, `Ủy ban nhân dân ${name}`],
    };
  });
}

/** Loads (or refreshes) a province's directory into the database and re-expands assignments. */
export async function loadProvinceDirectory(
  store: Store,
  dir: string,
  query: string,
): Promise<AgencyImportSummary & { province: Province }> {
  const province = findProvince(dir, query);
  const rows = provinceRows(dir, province);
  // One province per database: another province's units leave "UBND các xã, phường" (they stay
  // as agencies, since reports may point at them).
  return { ...(await importAgencies(store, rows, province.name, { clearGroups: ["communes"] })), province };
}
