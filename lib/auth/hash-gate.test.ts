import { describe, expect, it } from "vitest";
import { HashGate, HashGateBusy } from "@/lib/auth/hash-gate";

type Release = () => void;

/** A task that runs until released, recording when it started. */
function held(log: string[], name: string, releases: Release[]): () => Promise<void> {
  return () =>
    new Promise<void>((resolve) => {
      log.push(name);
      releases.push(resolve);
    });
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe("hash gate", () => {
  it("runs at most `concurrency` tasks at once and takes waiting clients in turn", async () => {
    const gate = new HashGate({ concurrency: 1, maxWaitingPerClient: 4, maxWaiting: 64, maxWaitMs: 10_000 });
    const log: string[] = [];
    const releases: Release[] = [];
    const runs = [
      gate.run("attacker", held(log, "a1", releases)),
      gate.run("attacker", held(log, "a2", releases)),
      gate.run("attacker", held(log, "a3", releases)),
      gate.run("visitor", held(log, "v1", releases)),
    ];
    await tick();
    expect(log).toEqual(["a1"]);
    for (let step = 0; step < 3; step += 1) {
      releases.shift()?.();
      await tick();
    }
    // The visitor came last but went second: one turn per client.
    expect(log).toEqual(["a1", "a2", "v1", "a3"]);
    releases.shift()?.();
    await Promise.all(runs);
  });

  it("refuses a client whose queue is full, and a wait that is too long, without running the task", async () => {
    const gate = new HashGate({ concurrency: 1, maxWaitingPerClient: 1, maxWaiting: 64, maxWaitMs: 50 });
    const log: string[] = [];
    const releases: Release[] = [];
    const first = gate.run("one", held(log, "first", releases));
    const waiting = gate.run("one", held(log, "waiting", releases));
    await expect(gate.run("one", held(log, "too many", releases))).rejects.toBeInstanceOf(HashGateBusy);
    await expect(waiting).rejects.toBeInstanceOf(HashGateBusy);
    expect(log).toEqual(["first"]);
    releases.shift()?.();
    await first;
    // The slot is free again.
    await gate.run("other", () => Promise.resolve());
  });
});
