import type Database from "better-sqlite3";
import { Column, is, Param, Placeholder, SQL, Subquery, sql } from "drizzle-orm";

/**
 * What a Drizzle prepared query on better-sqlite3 holds (drizzle-orm/better-sqlite3/session.js):
 * not in its types, read once when a statement is first prepared, and checked, so a Drizzle
 * that changes them makes `fastSqlite` decline rather than run something else.
 */
interface DrizzleSqlitePrepared {
  mode?: unknown;
  stmt?: Database.Statement;
  query?: { sql: string; params: unknown[] };
  executeMethod?: unknown;
  fields?: { path: string[]; field: unknown }[];
  customResultMapper?: unknown;
}

interface Decoder {
  mapFromDriverValue(value: unknown): unknown;
}
interface Encoder {
  mapToDriverValue(value: unknown): unknown;
}

type Values = Record<string, unknown> | undefined;
const NONE: Record<string, unknown> = {};

/**
 * The same query as Drizzle's prepared one on SQLite, run straight on its better-sqlite3
 * statement. A conversation step runs a handful of queries, and Drizzle's way of running each
 * cost more than the query itself: a thenable whose `execute` is an async function (several
 * promise hops per query), an entity check (`is`, a walk up the prototype chain) for every
 * parameter and for every column of every row, and the raw mode switched on again each time.
 * Here the parameters and the columns' decoders are worked out once, when the statement is
 * prepared; each run fills the values, maps the rows and returns one settled promise.
 * Returns undefined (keep Drizzle's) for what it does not know: nested selections, custom
 * mappers, an asynchronous driver.
 */
export function fastSqlite<P>(prepared: P): P | undefined {
  const d = prepared as DrizzleSqlitePrepared;
  const { stmt, query, executeMethod, fields } = d;
  if (d.mode !== "sync" || !stmt || !query || d.customResultMapper) return undefined;
  if (executeMethod !== "all" && executeMethod !== "get" && executeMethod !== "run") return undefined;
  if (fields?.some((f) => f.path.length !== 1)) return undefined;
  const fill = parameters(query.params);
  if (!fill) return undefined;
  const count = fill.length;
  const params = (values: Values): unknown[] => {
    const v = values ?? NONE;
    const out = new Array<unknown>(count);
    for (let i = 0; i < count; i++) out[i] = (fill[i] as (v: Record<string, unknown>) => unknown)(v);
    return out;
  };

  let run: (values: Values) => unknown;
  if (executeMethod === "run") run = (values) => stmt.run(...params(values));
  else if (!fields) {
    // Drizzle returns the driver's own objects when it has no fields to map.
    run =
      executeMethod === "get"
        ? (values) => stmt.get(...params(values))
        : (values) => stmt.all(...params(values));
  } else {
    // Columns come back as arrays: two tables may both have an "id".
    stmt.raw(true);
    const row = mapper(fields);
    run =
      executeMethod === "get"
        ? (values) => {
            const r = stmt.get(...params(values)) as unknown[] | undefined;
            return r === undefined ? undefined : row(r);
          }
        : (values) => (stmt.all(...params(values)) as unknown[][]).map(row);
  }
  const execute = (values?: Values): Promise<unknown> => {
    try {
      return Promise.resolve(run(values));
    } catch (e) {
      return Promise.reject(e);
    }
  };
  return { execute } as P;
}

/** How to get each parameter from the values passed to `execute`, as Drizzle's `fillPlaceholders`. */
export function parameters(list: unknown[]): ((values: Record<string, unknown>) => unknown)[] | undefined {
  const named = (name: string, encode: (v: unknown) => unknown) => (values: Record<string, unknown>) => {
    if (!(name in values)) throw new Error(`No value for placeholder "${name}" was provided`);
    return encode(values[name]);
  };
  const fill: ((values: Record<string, unknown>) => unknown)[] = [];
  for (const p of list) {
    if (is(p, Placeholder)) fill.push(named(p.name, (v) => v));
    else if (is(p, Param) && is(p.value, Placeholder)) {
      const encoder = p.encoder as Encoder;
      fill.push(named(p.value.name, (v) => encoder.mapToDriverValue(v)));
    } else if (p === null || typeof p !== "object") fill.push(() => p);
    else return undefined;
  }
  return fill;
}

/**
 * One row's array of columns into Drizzle's object, decoded as Drizzle's `mapResultRow` decodes.
 * Written out as an object literal per statement: a shared loop storing `out[key]` sees every
 * statement's keys and goes megamorphic, and most columns (text, integers, expressions) decode
 * to themselves, so only the others (JSON, booleans, timestamps) call their decoder. The keys
 * are the store's own field names, quoted.
 */
export function mapper(
  fields: { path: string[]; field: unknown }[],
): (row: unknown[]) => Record<string, unknown> {
  const decoders = fields.map(({ field }) => decoderOf(field));
  const props = fields.map(({ path }, i) => {
    const key = JSON.stringify(path[0]);
    const decoder = decoders[i] as Decoder;
    return identity(decoder)
      ? `${key}: r[${i}]`
      : `${key}: r[${i}] === null ? null : d[${i}].mapFromDriverValue(r[${i}])`;
  });
  return new Function("d", `return (r) => ({ ${props.join(", ")} });`)(decoders);
}

const NOOP_DECODER = (sql`1` as unknown as { decoder: Decoder }).decoder;
const COLUMN_DECODE = Column.prototype.mapFromDriverValue;

/** A column that reads back as the driver gives it: Drizzle's null check is all there is to it. */
function identity(decoder: Decoder): boolean {
  return decoder === NOOP_DECODER || decoder.mapFromDriverValue === COLUMN_DECODE;
}

function decoderOf(field: unknown): Decoder {
  // `decoder` is internal to Drizzle's SQL: there in the object, not in its types.
  const decoder = (sql: unknown) => (sql as { decoder: Decoder }).decoder;
  if (is(field, Column)) return field;
  if (is(field, SQL)) return decoder(field);
  if (is(field, Subquery)) return decoder(field._.sql);
  return decoder((field as { sql: unknown }).sql);
}
