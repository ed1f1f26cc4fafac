import { AsyncLocalStorage } from "node:async_hooks";
import type { Q } from "./context.ts";

/**
 * Transactions. PostgreSQL gives each transaction its own connection from the pool. SQLite has
 * one connection and better-sqlite3 transactions must be synchronous, so the store opens them
 * itself (BEGIN IMMEDIATE … COMMIT) around an async body, and the gate keeps every other store
 * call out of them: a call arriving while one is open waits until it ends, and a transaction
 * begins only once the calls already running have finished, so a statement from another request
 * never lands inside an open transaction and a rollback never takes someone else's write with it.
 * The body must use the store it is handed: calling the outer store from inside would wait for
 * itself, so it is refused.
 *
 * Telling the body's calls from the others takes an AsyncLocalStorage, and on Node 20 an enabled
 * one hooks every promise the process creates, the router's and grammY's included: a report
 * update spent more in those hooks than in some of its queries. So it is enabled only while a
 * transaction is open, the only time `pass()` asks it anything, and disabled when it ends.
 */
export class Gate {
  private open: Promise<void> | null = null;
  /** Store calls running outside any transaction. */
  private calls = 0;
  /** The transaction holding the gate, waiting for those calls to end. */
  private drained: (() => void) | null = null;
  private readonly inside = new AsyncLocalStorage<Gate>();

  /** Resolves at once when no transaction is open, which is nearly always. */
  async pass(): Promise<void> {
    if (!this.open) return;
    if (this.inside.getStore() === this)
      throw new Error("store: inside a transaction, use the store it hands you");
    while (this.open) await this.open;
  }

  get busy(): boolean {
    return this.open !== null;
  }

  /**
   * A store call outside any transaction starts: counted until `done`, so no transaction
   * begins under it. Synchronous, after `pass()`: nothing may come between the check and the count.
   */
  enter(q: Q): Q {
    this.calls++;
    return { ...q, call: { counted: true } };
  }

  done(q: Q): void {
    if (q.call?.counted) this.leave();
  }

  private leave(): void {
    this.calls--;
    if (this.calls === 0 && this.drained) {
      const drained = this.drained;
      this.drained = null;
      drained();
    }
  }

  async run<T>(q: Q, body: () => Promise<T>): Promise<T> {
    const sqlite = q.sqlite;
    if (!sqlite) throw new Error("store: a SQLite transaction needs its connection");
    // A call that opens a transaction (reports.save) is not running while it waits for it, and
    // counts again before the gate opens to anyone else.
    const mine = q.call?.counted ? q.call : undefined;
    const again = () => {
      if (mine && !mine.counted) {
        mine.counted = true;
        this.calls++;
      }
    };
    if (mine) {
      mine.counted = false;
      this.leave();
    }
    try {
      // Checked and taken with no await between: transactions started together (or woken by
      // the same release) would each find the gate free and BEGIN inside one another.
      while (this.open) await this.pass();
    } catch (e) {
      again();
      throw e;
    }
    let release = () => {};
    this.open = new Promise<void>((r) => {
      release = r;
    });
    try {
      while (this.calls > 0)
        await new Promise<void>((r) => {
          this.drained = r;
        });
      // Inside the try: a BEGIN refused (another process holds the lock) must still open the gate.
      sqlite.exec("BEGIN IMMEDIATE");
      const result = await this.inside.run(this, body);
      sqlite.exec("COMMIT");
      return result;
    } catch (e) {
      if (sqlite.inTransaction) sqlite.exec("ROLLBACK");
      throw e;
    } finally {
      // Nothing asks until the next transaction, which enables it again (`run` does).
      this.inside.disable();
      this.open = null;
      again();
      release();
    }
  }
}
