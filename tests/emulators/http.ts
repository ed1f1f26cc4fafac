import type { Server, ServerResponse } from "node:http";

/** Listens on a free port of the loopback interface; returns the server's root URL. */
export async function listenLocal(server: Server): Promise<string> {
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("emulator did not get a TCP port");
  return `http://127.0.0.1:${address.port}`;
}

/** Stops listening and drops idle keep-alive sockets, after a released long poll has answered. */
export function closeServer(server: Server): Promise<void> {
  return new Promise<void>((resolve) => {
    server.close(() => resolve());
    setImmediate(() => server.closeAllConnections());
  });
}

/**
 * An outage an emulator can fake: while `hanging`, requests are held with no answer, as
 * behind a dead link. `resume()` answers new requests again; held ones stay unanswered (their
 * connections are dead, as after a real outage) until `dropHeld()` at close.
 */
export class Outage {
  hanging = false;
  private readonly held = new Set<ServerResponse>();

  /** True when the request was held (the caller must not answer it). */
  hold(res: ServerResponse): boolean {
    if (!this.hanging) return false;
    this.held.add(res);
    res.on("close", () => this.held.delete(res));
    return true;
  }

  dropHeld(): void {
    this.hanging = false;
    for (const res of this.held) res.socket?.destroy();
    this.held.clear();
  }
}
