import { createHash } from "node:crypto";
import pg from "pg";

/** Past this many parameters a text is likely built per call (a long `in (…)` list): not kept. */
const MAX_PARAMS = 64;

/**
 * A client that prepares each parameterised statement once per connection: node-postgres runs
 * an unnamed statement otherwise, which the server parses and plans again on every call, and a
 * conversation step runs several. The name is a hash of the text, so two texts never share one.
 */
export class NamingClient extends pg.Client {
  // biome-ignore lint/suspicious/noExplicitAny: pg's overloads are many; this passes them through.
  override query(config: any, values?: any, callback?: any): any {
    if (config && typeof config === "object" && typeof config.text === "string" && !config.name) {
      const params = (config.values ?? values ?? []) as unknown[];
      if (params.length > 0 && params.length <= MAX_PARAMS) config = named(config);
    }
    return super.query(config, values, callback);
  }
}

/**
 * The named config for one its caller passes again on every call (a Drizzle prepared query's,
 * store/context.ts's pgQuery's), made once: a new copy per statement was garbage. Its fields sit
 * on its prototype, not on itself: node-postgres copies a config's own properties into every
 * query it makes (getOwnPropertyDescriptors, ~2 µs a statement, several per update) and reads
 * the inherited ones through the copy all the same. A config that carries its values is the
 * caller's to change between calls, so it is copied each time.
 */
const kept = new WeakMap<object, { text: string; name: string }>();

function named(config: { text: string; values?: unknown }): { text: string; name: string } {
  if (config.values !== undefined) return { ...config, name: nameOf(config.text) };
  let light = kept.get(config);
  if (light === undefined || light.text !== config.text) {
    light = Object.create({ ...config, name: nameOf(config.text) }) as { text: string; name: string };
    kept.set(config, light);
  }
  return light;
}

/** Names by text, made once: the texts are the store's own, a few hundred at most. */
const names = new Map<string, string>();

function nameOf(text: string): string {
  let name = names.get(text);
  if (name === undefined) {
    name = `nv_${createHash("sha1").update(text).digest("hex").slice(0, 24)}`;
    if (names.size < 10_000) names.set(text, name);
  }
  return name;
}
