import { randomBytes } from "node:crypto";
import { ApiError, badRequest } from "./errors.ts";
import type { Args } from "./request.ts";
import type { StoredFile } from "./types.ts";

const MIME_BY_EXT: Record<string, string> = {
  pdf: "application/pdf",
  txt: "text/plain",
  csv: "text/csv",
  json: "application/json",
  xml: "application/xml",
  html: "text/html",
  zip: "application/zip",
  doc: "application/msword",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  xls: "application/vnd.ms-excel",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  ods: "application/vnd.oasis.opendocument.spreadsheet",
  odt: "application/vnd.oasis.opendocument.text",
  png: "image/png",
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  gif: "image/gif",
  webp: "image/webp",
};

/** Telegram derives the MIME type from the name; grammY does not send a part Content-Type anyway. */
export function mimeFor(filename: string, declared?: string): string {
  const ext = /\.([A-Za-z0-9]+)$/.exec(filename)?.[1]?.toLowerCase();
  const byExt = ext === undefined ? undefined : MIME_BY_EXT[ext];
  if (byExt !== undefined) return byExt;
  if (declared !== undefined && declared !== "" && declared !== "application/octet-stream") return declared;
  return "application/octet-stream";
}

export function documentObject(file: StoredFile): Record<string, unknown> {
  return {
    file_id: file.fileId,
    file_unique_id: file.fileUniqueId,
    ...(file.filename === undefined ? {} : { file_name: file.filename }),
    ...(file.mimeType === undefined ? {} : { mime_type: file.mimeType }),
    file_size: file.size,
  };
}

// Real Telegram returns several resized copies; one size is enough for a bot that takes the last.
export function photoSizes(file: StoredFile): Record<string, unknown>[] {
  return [
    {
      file_id: file.fileId,
      file_unique_id: file.fileUniqueId,
      width: file.width ?? 1280,
      height: file.height ?? 720,
      file_size: file.size,
    },
  ];
}

/** Keeps what was sent or uploaded so a file_id can be sent again and downloaded, as on Telegram. */
export class FileStore {
  private readonly files = new Map<string, StoredFile>();
  private fileSeq = 0;

  byPath(filePath: string): StoredFile | undefined {
    return [...this.files.values()].find((f) => encodeURI(f.filePath) === filePath);
  }

  clear(): void {
    this.files.clear();
  }

  fileParam(a: Args, field: "photo" | "document"): StoredFile {
    const ref = a.str(field);
    const upload =
      a.files.get(field) ?? (ref?.startsWith("attach://") ? a.files.get(ref.slice(9)) : undefined);
    if (upload !== undefined) {
      if (upload.bytes.length === 0) throw badRequest("file must be non-empty");
      if (upload.bytes.length > 50 * 1024 * 1024) throw new ApiError(413, "Request Entity Too Large");
      return this.registerFile(field, {
        filename: upload.filename,
        mimeType: field === "document" ? mimeFor(upload.filename, upload.contentType) : undefined,
        bytes: upload.bytes,
      });
    }
    if (ref === undefined || ref === "") throw badRequest(`there is no ${field} in the request`);
    if (ref.startsWith("attach://")) throw badRequest("wrong file identifier/HTTP URL specified");
    const known = this.files.get(ref);
    if (known !== undefined) return known;
    if (/^https?:\/\//i.test(ref)) {
      const filename = new URL(ref).pathname.split("/").pop() || undefined;
      return this.registerFile(field, { filename, bytes: Buffer.alloc(0), url: ref });
    }
    // Unknown ids are accepted (tests may invent them); the bytes are simply unknown.
    return this.registerFile(field, { fileId: ref, bytes: Buffer.alloc(0) });
  }

  registerFile(
    kind: "photo" | "document",
    init: { fileId?: string; filename?: string; mimeType?: string; bytes: Buffer; url?: string },
  ): StoredFile {
    const seq = ++this.fileSeq;
    const ext = /\.[A-Za-z0-9]+$/.exec(init.filename ?? "")?.[0] ?? (kind === "photo" ? ".jpg" : "");
    const file: StoredFile = {
      fileId: init.fileId ?? `${kind === "photo" ? "AgAC" : "BQAC"}${randomBytes(24).toString("base64url")}`,
      fileUniqueId: `AQAD${randomBytes(8).toString("base64url")}`,
      ...(init.filename === undefined ? {} : { filename: init.filename }),
      ...(init.mimeType === undefined ? {} : { mimeType: init.mimeType }),
      ...(init.url === undefined ? {} : { url: init.url }),
      size: init.bytes.length,
      bytes: init.bytes,
      filePath: `${kind === "photo" ? "photos" : "documents"}/file_${seq}${ext}`,
    };
    this.files.set(file.fileId, file);
    return file;
  }

  getFile(a: Args): Record<string, unknown> {
    const file = this.files.get(a.str("file_id") ?? "");
    if (file === undefined) throw badRequest("invalid file_id");
    return {
      file_id: file.fileId,
      file_unique_id: file.fileUniqueId,
      file_size: file.size,
      file_path: file.filePath,
    };
  }
}
