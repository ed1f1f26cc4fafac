import { describe, expect, it } from "vitest";
import { InFlight } from "../../src/jobs/in-flight.ts";

/** A promise the test settles when it chooses: a send that takes as long as the test wants. */
function gate() {
  let open = () => {};
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { open, opened };
}

describe("the cap on sends in flight", () => {
  it("runs at most `limit` tasks at once, the others in arrival order, and frees a turn when a task throws", async () => {
    const cap = new InFlight(2);
    let running = 0;
    let most = 0;
    const started: number[] = [];
    const gates = Array.from({ length: 5 }, gate);
    const tasks = gates.map((g, i) =>
      cap.run(async () => {
        started.push(i);
        most = Math.max(most, ++running);
        await g.opened;
        running--;
        if (i === 0) throw new Error("send failed");
        return i;
      }),
    );
    await Promise.resolve();
    expect(started).toEqual([0, 1]);
    gates[0]?.open(); // the first fails: its turn still passes on
    await expect(tasks[0]).rejects.toThrow("send failed");
    await Promise.resolve();
    expect(started).toEqual([0, 1, 2]);
    for (const g of gates) g.open();
    expect(await Promise.all(tasks.slice(1))).toEqual([1, 2, 3, 4]);
    expect(started).toEqual([0, 1, 2, 3, 4]);
    expect(most).toBe(2);
  });

  it("gives up a place in line not reached in time, without running the task", async () => {
    const cap = new InFlight(1);
    const first = gate();
    const running = cap.run(() => first.opened);
    let ran = false;
    expect(
      await cap.run(async () => {
        ran = true;
      }, 20),
    ).toBe(20);
    expect(ran).toBe(false);
    first.open();
    await running;
    expect(await cap.run(async () => "next")).toBe("next"); // the turn was not lost with it
  });
});
