/**
 * The HTTP side of api.telegram.org: `POST {apiRoot}/bot{token}/{method}` and file downloads from
 * `{apiRoot}/file/bot{token}/{file_path}`, with every call logged for the tests to inspect.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { setTimeout as sleep } from "node:timers/promises";
import { closeServer, listenLocal, Outage } from "../http.ts";
import type { Handler } from "./bot-api.ts";
import { ApiError } from "./errors.ts";
import type { FileStore } from "./files.ts";
import { type Args, readArgs } from "./request.ts";
import type { ApiCall } from "./types.ts";

export class ApiServer {
  callLog: ApiCall[] = [];
  /** Methods whose calls wait until released (a slow platform, for tests of slow handlers). */
  private readonly holds = new Map<
    string,
    { released: Promise<void>; release: () => void; waiting: number }
  >();
  readonly outage = new Outage();
  private readonly server = createServer((req, res) => {
    void this.handle(req, res);
  });

  constructor(
    private readonly token: string,
    private readonly handlers: Record<string, Handler>,
    private readonly files: FileStore,
    private readonly replyDelayMs = 0,
  ) {}

  /** Resolves to the apiRoot, on a free port of 127.0.0.1. */
  listen(): Promise<string> {
    return listenLocal(this.server);
  }

  close(): Promise<void> {
    for (const [method] of this.holds) this.release(method);
    this.outage.dropHeld();
    return closeServer(this.server);
  }

  /** Calls of `method` (lower case) wait from now until release(method). */
  hold(method: string): void {
    let release = () => {};
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    this.holds.set(method, { released, release, waiting: 0 });
  }

  release(method: string): void {
    const hold = this.holds.get(method);
    this.holds.delete(method);
    hold?.release();
  }

  /** How many calls of `method` are waiting on a hold. */
  held(method: string): number {
    return this.holds.get(method)?.waiting ?? 0;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    if (this.outage.hold(res)) {
      this.callLog.push({
        method: url.pathname.split("/").pop() ?? "",
        params: {},
        status: 0,
        at: Date.now(),
      });
      return;
    }
    const download = /^\/file\/bot([^/]+)\/(.+)$/.exec(url.pathname);
    if (download) return this.serveFile(res, download[1] ?? "", download[2] ?? "");
    // An optional first segment names the caller (an apiRoot of `…/<caller>`): tests of several
    // instances on one token tell who called what.
    const route = /^(?:\/([\w-]+))?\/bot([^/]+)\/([^/]*)$/.exec(url.pathname);
    if (!route) return this.reply(res, new ApiError(404, "Not Found"));
    const caller = route[1];
    const method = route[3] ?? "";
    const startedAt = Date.now();
    let args: Args | undefined;
    let status = 200;
    const abort = new AbortController();
    res.on("close", () => abort.abort());
    try {
      if (decodeURIComponent(route[2] ?? "") !== this.token) throw new ApiError(401, "Unauthorized");
      // Bot API method names are case-insensitive.
      const handler = this.handlers[method.toLowerCase()];
      if (handler === undefined) throw new ApiError(404, "Not Found: method not found");
      args = await readArgs(req, url);
      const hold = this.holds.get(method.toLowerCase());
      if (hold) {
        hold.waiting++;
        await hold.released;
      }
      const result = await handler(args, abort.signal);
      if (this.replyDelayMs > 0 && method.toLowerCase() !== "getupdates") await sleep(this.replyDelayMs);
      this.reply(res, { ok: true, result });
    } catch (error) {
      const apiError =
        error instanceof ApiError
          ? error
          : new ApiError(
              500,
              `Internal Server Error: ${error instanceof Error ? error.message : String(error)}`,
            );
      status = apiError.status;
      this.reply(res, apiError);
    }
    const call: ApiCall = { method, params: this.loggable(args), status, at: Date.now(), startedAt };
    if (caller !== undefined) call.caller = caller;
    this.callLog.push(call);
  }

  private reply(res: ServerResponse, body: ApiError | { ok: true; result: unknown }): void {
    if (res.destroyed || res.writableEnded) return;
    const status = body instanceof ApiError ? body.status : 200;
    const payload =
      body instanceof ApiError
        ? {
            ok: false,
            error_code: body.status,
            description: body.description,
            ...(body.parameters ? { parameters: body.parameters } : {}),
          }
        : body;
    const json = JSON.stringify(payload);
    res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(json) });
    res.end(json);
  }

  private serveFile(res: ServerResponse, token: string, filePath: string): void {
    if (token !== this.token) {
      this.reply(res, new ApiError(401, "Unauthorized"));
      return;
    }
    const file = this.files.byPath(filePath);
    if (file === undefined) {
      this.reply(res, new ApiError(404, "Not Found"));
      return;
    }
    res.writeHead(200, { "content-type": file.mimeType ?? "application/octet-stream" });
    res.end(file.bytes);
  }

  private loggable(args: Args | undefined): Record<string, unknown> {
    if (args === undefined) return {};
    const params = { ...args.raw };
    for (const [field, file] of args.files) {
      params[field] = `<file ${file.filename}, ${file.bytes.length} bytes>`;
    }
    return params;
  }
}
