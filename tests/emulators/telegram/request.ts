/**
 * Parameters arrive the four ways the Bot API accepts them (query string, JSON, urlencoded,
 * multipart); handlers read them through Args and need not care which one the client chose.
 */
import type { IncomingMessage } from "node:http";
import { ApiError, badRequest } from "./errors.ts";

// Telegram's own upload cap is 50 MB for documents; a little slack for the multipart framing.
const MAX_BODY_BYTES = 55 * 1024 * 1024;

export interface UploadedFile {
  filename: string;
  contentType?: string;
  bytes: Buffer;
}

/** Parameters as they arrive: JSON keeps types, every other encoding delivers strings. */
export class Args {
  constructor(
    readonly raw: Record<string, unknown>,
    readonly files: Map<string, UploadedFile>,
  ) {}

  has(key: string): boolean {
    return this.raw[key] !== undefined && this.raw[key] !== null;
  }

  str(key: string): string | undefined {
    const v = this.raw[key];
    if (v === undefined || v === null) return undefined;
    if (typeof v === "string") return v;
    if (typeof v === "number" || typeof v === "boolean") return String(v);
    throw badRequest(`field "${key}" must be of type String`);
  }

  int(key: string): number | undefined {
    const v = this.raw[key];
    if (v === undefined || v === null || v === "") return undefined;
    if (typeof v === "number" && Number.isInteger(v)) return v;
    if (typeof v === "string" && /^\s*-?\d+\s*$/.test(v)) return Number(v);
    throw badRequest(`field "${key}" must be of type Integer`);
  }

  bool(key: string): boolean {
    const v = this.raw[key];
    return v === true || v === "true" || v === "1" || v === 1;
  }

  /** Fields such as reply_markup come as JSON strings outside of a JSON body. */
  json(key: string): unknown {
    const v = this.raw[key];
    if (v === undefined || v === null || typeof v !== "string") return v ?? undefined;
    try {
      return JSON.parse(v);
    } catch {
      throw badRequest(`can't parse ${key} JSON object`);
    }
  }
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new ApiError(413, "Request Entity Too Large");
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

export async function readArgs(req: IncomingMessage, url: URL): Promise<Args> {
  const raw: Record<string, unknown> = Object.fromEntries(url.searchParams);
  const files = new Map<string, UploadedFile>();
  const body = await readBody(req);
  if (body.length === 0) return new Args(raw, files);
  const type = (req.headers["content-type"] ?? "").toLowerCase();
  if (type.includes("multipart/form-data")) {
    const boundary = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(req.headers["content-type"] ?? "");
    const value = boundary?.[1] ?? boundary?.[2];
    if (value === undefined) throw badRequest("multipart boundary is missing");
    parseMultipart(body, value, raw, files);
  } else if (type.includes("application/x-www-form-urlencoded")) {
    Object.assign(raw, Object.fromEntries(new URLSearchParams(body.toString("utf8"))));
  } else if (type.includes("json")) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(body.toString("utf8"));
    } catch {
      throw badRequest("can't parse JSON object");
    }
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
      throw badRequest("request body must be a JSON object");
    }
    Object.assign(raw, parsed);
  }
  return new Args(raw, files);
}

/**
 * Hand-rolled because grammY's encoder is not what browsers send: lower-case headers without a
 * space (`content-disposition:form-data;name="x"`), an unquoted filename that may hold spaces or
 * semicolons, no per-part Content-Type, and no CRLF after the closing delimiter.
 */
function parseMultipart(
  body: Buffer,
  boundary: string,
  fields: Record<string, unknown>,
  files: Map<string, UploadedFile>,
): void {
  const open = Buffer.from(`--${boundary}`);
  const separator = Buffer.from(`\r\n--${boundary}`);
  const first = body.indexOf(open);
  if (first < 0) throw badRequest("can't parse multipart/form-data body");
  let pos = first + open.length;
  while (body.toString("latin1", pos, pos + 2) !== "--") {
    if (body.toString("latin1", pos, pos + 2) === "\r\n") pos += 2;
    const next = body.indexOf(separator, pos);
    if (next < 0) throw badRequest("multipart/form-data body is truncated");
    const part = body.subarray(pos, next);
    pos = next + separator.length;
    const headerEnd = part.indexOf("\r\n\r\n");
    if (headerEnd < 0) continue;
    const headers = part.subarray(0, headerEnd).toString("utf8").split("\r\n");
    const content = part.subarray(headerEnd + 4);
    const disposition = headerValue(headers, "content-disposition");
    const name = /;\s*name=(?:"((?:[^"\\]|\\.)*)"|([^;]*))/i.exec(disposition ?? "");
    const fieldName = name?.[1] ?? name?.[2]?.trim();
    if (disposition === undefined || fieldName === undefined) continue;
    const filename = dispositionFilename(disposition);
    if (filename === undefined) {
      fields[fieldName] = content.toString("utf8");
    } else {
      files.set(fieldName, { filename, contentType: headerValue(headers, "content-type"), bytes: content });
    }
  }
}

function headerValue(lines: string[], name: string): string | undefined {
  for (const line of lines) {
    const colon = line.indexOf(":");
    if (colon > 0 && line.slice(0, colon).trim().toLowerCase() === name) return line.slice(colon + 1).trim();
  }
  return undefined;
}

function dispositionFilename(disposition: string): string | undefined {
  const extended = /;\s*filename\*=(?:utf-8'[^']*')?([^;]+)/i.exec(disposition);
  if (extended?.[1] !== undefined) return decodeURIComponent(extended[1].trim());
  const quoted = /;\s*filename="((?:[^"\\]|\\.)*)"/i.exec(disposition);
  if (quoted?.[1] !== undefined) return quoted[1].replace(/\\(.)/g, "$1");
  // grammY puts an unquoted filename last, so everything up to the end of the line belongs to it.
  const bare = /;\s*filename=(.*)$/i.exec(disposition);
  return bare?.[1];
}
