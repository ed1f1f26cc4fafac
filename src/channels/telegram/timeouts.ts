import type { Transformer } from "grammy";

/**
 * Every Bot API call ends within `callMs` (a long poll within its own timeout plus `callMs`):
 * grammY's default is 500 s, and a Bot API that accepts connections and never answers would
 * otherwise hold a send, a reply or start-up for that long.
 */
export function callTimeouts(callMs: number): Transformer {
  return (prev, method, payload, signal) => {
    const poll = method === "getUpdates" ? Number((payload as { timeout?: number }).timeout ?? 0) : 0;
    const timeout = AbortSignal.timeout(poll * 1000 + callMs);
    // grammY types its signal with the abort-controller shim; at run time it is Node's own.
    const both = signal ? AbortSignal.any([signal as unknown as AbortSignal, timeout]) : timeout;
    return prev(method, payload, both as unknown as typeof signal);
  };
}
