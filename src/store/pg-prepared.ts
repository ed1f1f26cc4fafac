import { mapper, parameters } from "./sqlite-prepared.ts";

/**
 * What a Drizzle prepared query on node-postgres holds (drizzle-orm/node-postgres/session.js):
 * not in its types, read once when a statement is first prepared, and checked, so a Drizzle
 * that changes them makes `fastPostgres` decline rather than run something else.
 */
interface DrizzlePgPrepared {
  client?: { query(config: object, values: unknown[]): Promise<{ rows: unknown[] }> };
  queryConfig?: { text: string; rowMode?: string };
  rawQueryConfig?: { text: string };
  params?: unknown[];
  fields?: { path: string[]; field: unknown }[];
  customResultMapper?: unknown;
}

/**
 * The same query as Drizzle's prepared one on PostgreSQL, sent straight to its client: Drizzle
 * fills the placeholders, opens tracing spans and checks the entity of every column of every
 * row on each call, which on a conversation step cost about as much as building the message.
 * Rows are mapped as on SQLite (sqlite-prepared.ts), with the decoders worked out once.
 * Returns undefined (keep Drizzle's) for what it does not know: nested selections, custom
 * mappers, a query not in array mode.
 */
export function fastPostgres<P>(prepared: P): P | undefined {
  const d = prepared as DrizzlePgPrepared;
  const { client, queryConfig, rawQueryConfig, params, fields } = d;
  if (!client || !queryConfig || !rawQueryConfig || !params || d.customResultMapper) return undefined;
  if (fields && (queryConfig.rowMode !== "array" || fields.some((f) => f.path.length !== 1)))
    return undefined;
  const fill = parameters(params);
  if (!fill) return undefined;
  const values = (v: Record<string, unknown> | undefined): unknown[] => {
    const given = v ?? {};
    return fill.map((f) => f(given));
  };
  if (!fields) {
    // As Drizzle: without fields to map, the driver's whole result (a write's row count).
    return { execute: (v?: Record<string, unknown>) => client.query(rawQueryConfig, values(v)) } as P;
  }
  const row = mapper(fields);
  return {
    execute: async (v?: Record<string, unknown>) =>
      (await client.query(queryConfig, values(v))).rows.map((r) => row(r as unknown[])),
  } as P;
}
