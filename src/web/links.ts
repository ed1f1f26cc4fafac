import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import type { Redis } from "ioredis";
import { type Config, DEFAULT_HTTP_PORT } from "../config.ts";
import { webKey } from "./secret.ts";

/** How long a sign-in link works. */
export const LINK_TTL_MS = 10 * 60_000;
/** Failed or replayed links an address may try in FAIL_WINDOW_S before it must wait. */
export const FAIL_LIMIT = 10;
const FAIL_WINDOW_S = 15 * 60;

export type Redeemed =
  | { ok: true; contactId: number }
  | { ok: false; reason: "used" | "expired" | "invalid" | "limited" };

export function sign(secret: string, purpose: string, value: string): string {
  return createHmac("sha256", secret).update(`${purpose}:${value}`).digest("base64url");
}

export function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Where links point: PUBLIC_URL, else this machine's loopback on HTTP_PORT (or `port`, the one listened on). */
export function publicUrl(config: Config, port?: number): string {
  return config.PUBLIC_URL ?? `http://127.0.0.1:${port || config.HTTP_PORT || DEFAULT_HTTP_PORT}`;
}

/**
 * One-time sign-in links. The nonce lives in Redis for ten minutes and is taken with GETDEL, so a
 * link works once on whichever instance opens it. The token also carries its expiry, signed, so a
 * page can tell an expired link from a used one after Redis has forgotten both.
 */
export class SignInLinks {
  constructor(
    private readonly redis: Redis,
    private readonly config: Config,
    private readonly secret: () => Promise<string>,
    /** Where the links point; the running server passes the port it actually listens on. */
    private readonly base: () => string = () => publicUrl(config),
  ) {}

  async issue(contactId: number, now = new Date()): Promise<{ url: string; expiresAt: string }> {
    const nonce = randomBytes(18).toString("base64url");
    const expires = now.getTime() + LINK_TTL_MS;
    const body = `${nonce}.${expires.toString(36)}`;
    const ttl = expires - Date.now();
    if (ttl > 0) await this.redis.set(webKey(this.config, "link", nonce), String(contactId), "PX", ttl);
    const token = `${body}.${sign(await this.secret(), "link", body)}`;
    return {
      url: `${this.base()}/web/login/${token}`,
      expiresAt: new Date(expires).toISOString(),
    };
  }

  async redeem(token: string, address: string): Promise<Redeemed> {
    const failures = webKey(this.config, "fail", address);
    if (Number(await this.redis.get(failures)) >= FAIL_LIMIT) return { ok: false, reason: "limited" };
    const result = await this.check(token);
    if (!result.ok) {
      const n = await this.redis.incr(failures);
      if (n === 1) await this.redis.expire(failures, FAIL_WINDOW_S);
    }
    return result;
  }

  private async check(token: string): Promise<Redeemed> {
    const [nonce = "", exp = "", mac = ""] = token.split(".");
    const body = `${nonce}.${exp}`;
    if (!nonce || !mac || !sameText(mac, sign(await this.secret(), "link", body)))
      return { ok: false, reason: "invalid" };
    if (Number.parseInt(exp, 36) <= Date.now()) return { ok: false, reason: "expired" };
    const contact = await this.redis.getdel(webKey(this.config, "link", nonce));
    return contact ? { ok: true, contactId: Number(contact) } : { ok: false, reason: "used" };
  }
}
