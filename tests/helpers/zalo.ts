import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import { afterEach } from "vitest";
import { closeServer, listenLocal } from "../emulators/http.ts";
import { ZaloEmulator, type ZaloEmulatorOptions } from "../emulators/zalo-api.ts";

/** A Zalo user with a realistic id and a Vietnamese display name. */
export const ann = { id: "a1b2c3d4e5f6a7b8c9d0", display_name: "Nguyễn Thị An" };

export interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

/**
 * Zalo emulators and local HTTP servers for a test file, all closed after each test. Call at
 * the top level of the file, where it can register its afterEach.
 */
export function zaloHarness() {
  let emulators: ZaloEmulator[] = [];
  let servers: Server[] = [];
  afterEach(async () => {
    await Promise.all(emulators.map((e) => e.close()));
    await Promise.all(servers.map((s) => closeServer(s)));
    emulators = [];
    servers = [];
  });
  const serve = async (server: Server) => {
    servers.push(server);
    return listenLocal(server);
  };
  return {
    async start(opts: ZaloEmulatorOptions = {}): Promise<ZaloEmulator> {
      const emulator = await ZaloEmulator.start(opts);
      emulators.push(emulator);
      return emulator;
    },
    /** A webhook endpoint that records every request posted to it. */
    async receiver(path = "/hook"): Promise<{ url: string; got: Received[] }> {
      const got: Received[] = [];
      const root = await serve(
        createServer((req, res) => {
          let body = "";
          req.on("data", (c) => {
            body += c;
          });
          req.on("end", () => {
            got.push({ headers: req.headers, body });
            res.end("ok");
          });
        }),
      );
      return { url: `${root}${path}`, got };
    },
    /** A server that takes requests and never answers them. */
    silent(): Promise<string> {
      return serve(createServer(() => {}));
    },
  };
}
