import { apiTokens } from "./api-tokens.ts";
import { audit } from "./audit.ts";
import { catalog } from "./catalog.ts";
import { checks } from "./checks.ts";
import { clarifications } from "./clarifications.ts";
import { type Q, transaction } from "./context.ts";
import { directory } from "./directory.ts";
import { dueChanges } from "./due-changes.ts";
import { engine } from "./engine.ts";
import { extensions } from "./extensions.ts";
import { flows } from "./flows.ts";
import { health } from "./health.ts";
import { invites } from "./invites.ts";
import { leave } from "./leave.ts";
import { outbox } from "./outbox.ts";
import { people } from "./people.ts";
import { chats } from "./people-chats.ts";
import { plans } from "./plan-info.ts";
import { privacy } from "./privacy.ts";
import { reports } from "./reports.ts";
import { retention } from "./retention.ts";
import { snapshot } from "./snapshot.ts";
import { snoozes } from "./snoozes.ts";
import { synthesis } from "./synthesis.ts";
import { tallies } from "./tallies.ts";
import { targets } from "./targets.ts";
import { turns } from "./turns.ts";

/**
 * The storage seam: every query the bot runs, grouped by what it is about. Callers get named
 * async functions and never see SQL, a connection or a dialect (tests/store/seam.test.ts keeps
 * SQL text and `prepare` out of the rest of src/). Add a group here and in its own file.
 */
const groups = {
  turns,
  flows,
  reports,
  targets,
  invites,
  people,
  chats,
  catalog,
  outbox,
  snapshot,
  engine,
  health,
  checks,
  synthesis,
  tallies,
  privacy,
  retention,
  audit,
  extensions,
  dueChanges,
  leave,
  clarifications,
  snoozes,
  apiTokens,
  plans,
  directory,
};

export type { AuditEntry, AuditFilter, AuditRow } from "./audit.ts";
export { type AuditActor, channelOf, contactActor, operatorActor } from "./audit-actor.ts";

type Group = Record<string, (q: Q, ...args: never[]) => unknown>;
type Bound<G> = {
  [K in keyof G]: G[K] extends (q: Q, ...args: infer A) => infer R
    ? (...args: A) => Promise<Awaited<R>>
    : never;
};
type Groups = typeof groups;

export type Store = { [G in keyof Groups]: Bound<Groups[G]> } & {
  readonly dialect: Q["dialect"];
  /** Runs `body` in one transaction; inside it, use the store it is handed. */
  transaction<T>(body: (store: Store) => Promise<T>): Promise<T>;
};

export function openStore(q: Q): Store {
  return build(q);
}

function build(q: Q): Store {
  const gate = q.inTx ? undefined : q.gate;
  const store = { dialect: q.dialect } as Store & Record<string, unknown>;
  for (const [name, group] of Object.entries(groups) as [string, Group][]) {
    const bound: Record<string, unknown> = {};
    for (const [fn, impl] of Object.entries(group)) {
      const call = impl as (q: Q, ...args: unknown[]) => unknown;
      bound[fn] = !gate
        ? async (...args: unknown[]) => call(q, ...args)
        : async (...args: unknown[]) => {
            while (gate.busy) await gate.pass();
            const counted = gate.enter(q);
            try {
              return await call(counted, ...args);
            } finally {
              gate.done(counted);
            }
          };
    }
    store[name] = bound;
  }
  store.transaction = (body) => transaction(q, (tx) => body(tx === q ? store : build(tx)));
  return store;
}
