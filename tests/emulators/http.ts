import type { Server } from "node:http";

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
