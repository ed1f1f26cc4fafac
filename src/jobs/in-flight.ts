/**
 * At most `limit` tasks at once in this process, the rest waiting their turn in arrival order.
 * Delivery runs each send under it: a message the platform has but we have not recorded yet is
 * sent again after a crash, so the limit is how many a kill can repeat.
 */
export class InFlight {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(readonly limit: number) {}

  /**
   * Runs `task` in its turn; when the turn has not come within `waitMs`, gives up the place in
   * line and resolves to `waitMs` instead (how long to put the job off) without running it.
   */
  async run<T>(task: () => Promise<T>, waitMs = Number.POSITIVE_INFINITY): Promise<T | number> {
    if (this.running < this.limit) this.running++;
    else if (!(await this.turn(waitMs))) return waitMs;
    try {
      return await task();
    } finally {
      // The turn passes straight to the next in line, so the count never dips in between.
      const next = this.waiting.shift();
      if (next) next();
      else this.running--;
    }
  }

  private turn(waitMs: number): Promise<boolean> {
    return new Promise((resolve) => {
      const go = () => {
        clearTimeout(timer);
        resolve(true);
      };
      const timer = Number.isFinite(waitMs)
        ? setTimeout(() => {
            this.waiting.splice(this.waiting.indexOf(go), 1);
            resolve(false);
          }, waitMs)
        : undefined;
      this.waiting.push(go);
    });
  }
}
