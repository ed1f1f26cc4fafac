/**
 * Our own reading of the emulator's send timestamps (ms), to check its violation count:
 * a send breaks the limit when `limit` sends were already accepted in the second before it,
 * i.e. in (t - 1000, t], the same half-open window the emulator uses.
 */
export function overLimit(
  sorted: number[],
  limit: number,
  windowMs = 1000,
): { violations: number; maxInWindow: number } {
  let violations = 0;
  let maxInWindow = 0;
  let lo = 0;
  for (let i = 0; i < sorted.length; i++) {
    const t = sorted[i] ?? 0;
    while ((sorted[lo] ?? 0) <= t - windowMs) lo++;
    // Sends earlier in the array with the same millisecond count as "before" this one, as they arrived first.
    const before = i - lo;
    if (before >= limit) violations++;
    maxInWindow = Math.max(maxInWindow, before + 1);
  }
  return { violations, maxInWindow };
}

/** Sends per second over the steady part: first to last send the platform saw. */
export function steadyRate(sorted: number[]): number {
  const first = sorted[0];
  const last = sorted.at(-1);
  if (first === undefined || last === undefined || last === first) return 0;
  return ((sorted.length - 1) * 1000) / (last - first);
}
