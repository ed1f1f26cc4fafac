import { createHash, randomBytes } from "node:crypto";

/** Marks our tokens in a config file or a secret scanner's rules. */
const PREFIX = "nv_";

/** A new bearer token: 32 random bytes, shown to the operator once and never stored. */
export function newApiToken(): string {
  return `${PREFIX}${randomBytes(32).toString("base64url")}`;
}

/** What the database keeps: a fast hash is enough for a random 256-bit secret (no guessing to slow). */
export function hashApiToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}
