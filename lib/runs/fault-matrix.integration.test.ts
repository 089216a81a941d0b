import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  FAULT_CASES,
  FAULT_PROVIDERS,
  expectedFullText,
  faultConfiguration,
  faultPrompt,
  type FaultCase,
  type FaultProvider,
} from "@/e2e/support/fault-matrix";
import { replyText } from "@/lib/simulator/reply";
import { startSimulator } from "@/lib/simulator/server";
import { SYSTEM_ACTOR } from "@/lib/db/actor";
import { createConfiguration } from "@/lib/db/configurations";
import { startPromptRun } from "@/lib/db/conversations";
import type { RunEvent } from "@/lib/contracts/run-events";
import { connectionFor, startRun } from "@/lib/runs/start-run";
import { settledResources } from "@/lib/testing/active-resources";
import { freePort } from "@/lib/testing/free-port";
import { migratedDatabasePerFile } from "@/lib/testing/migrated-database";
import { newRunId } from "@/lib/runs/run-id";

// Every provider fault, for every provider format, driven through lib/runs the way the stream
// route does: the final event, the saved record, one upstream request (no retry), and no socket,
// timer or stream left open afterwards.
const migrated = migratedDatabasePerFile();

let simulator: Awaited<ReturnType<typeof startSimulator>>;
let closedPort: number;

type Outcome = {
  events: RunEvent[];
  messageId: number;
  tag: string;
  prompt: string;
  statusOnFinalEvent: string | undefined;
};

async function runFault(fault: FaultCase, provider: FaultProvider, index: number): Promise<Outcome> {
  const tag = `fault-${provider}-${index}`;
  const configuration = await createConfiguration({
    db: migrated.db(),
    actor: SYSTEM_ACTOR,
    input: {
      name: `Fault ${index} ${provider}`,
      slug: tag,
      ...faultConfiguration(fault, provider, {
        simulatorUrl: simulator.url,
        closedPort,
        tag,
        apiKey: "sk-fault-matrix-0001",
      }),
    },
  });
  const prompt = faultPrompt(fault, provider);
  const turn = await startPromptRun({ configuration, prompt, params: {}, userId: null, runId: newRunId() });
  const run = startRun({ configuration, connection: connectionFor(configuration), turn, params: {} });
  const events: RunEvent[] = [];
  let statusOnFinalEvent: Promise<string | undefined> = Promise.resolve(undefined);
  const detach = run.attach(0, (_seq, event) => {
    events.push(event);
    // A client told "done"/"error" may read the conversation at once: it must be saved by then.
    if (event.type === "done" || event.type === "error") {
      statusOnFinalEvent = migrated
        .db()
        .message.findUniqueOrThrow({ where: { id: turn.assistantMessage.id } })
        .then((message) => message.status);
    }
  });
  await run.whenSettled();
  detach();
  return { events, messageId: turn.assistantMessage.id, tag, prompt, statusOnFinalEvent: await statusOnFinalEvent };
}

const outcomes = new Map<string, Outcome>();
let before: Record<string, number> = {};

beforeAll(async () => {
  simulator = await startSimulator({ port: 0 });
  closedPort = await freePort();
  // Warm-up: the database pool and the HTTP agent open their connections before the count.
  await Promise.all(
    FAULT_PROVIDERS.map((provider, index) =>
      runFault(
        {
          name: "warm-up",
          target: "simulator",
          scenario: "fast",
          expect: { final: "done", saved: "complete", text: "full" },
        },
        provider,
        1000 + index,
      ),
    ),
  );
  before = await settledResources();
  // Providers in parallel, each provider's rows one after another.
  await Promise.all(
    FAULT_PROVIDERS.map(async (provider) => {
      for (const [index, fault] of FAULT_CASES.entries()) {
        if (fault.skipFor?.includes(provider)) continue;
        outcomes.set(`${provider}/${fault.name}`, await runFault(fault, provider, index));
      }
    }),
  );
}, 120_000);

afterAll(async () => {
  await simulator?.close();
});

describe.each(FAULT_PROVIDERS)("%s", (provider) => {
  it.each(
    FAULT_CASES.filter((fault) => !fault.skipFor?.includes(provider)).map((fault) => [fault.name, fault] as const),
  )("%s", async (_name, fault) => {
    const outcome = outcomes.get(`${provider}/${fault.name}`);
    if (!outcome) throw new Error("the row did not run");
    const { events } = outcome;
    expect(events[0]?.type).toBe("start");
    const last = events[events.length - 1];
    expect(last?.type, JSON.stringify(last)).toBe(fault.expect.final);
    expect(events.filter((event) => event.type === "done" || event.type === "error")).toHaveLength(1);
    if (last?.type === "error") {
      if (fault.expect.code) expect(last.code, last.message).toBe(fault.expect.code);
      if (fault.expect.status) expect(last.status).toBe(fault.expect.status);
      if (fault.expect.retryAfterSeconds) expect(last.retryAfterSeconds).toBe(fault.expect.retryAfterSeconds);
      if (fault.expect.message) expect(last.message).toMatch(fault.expect.message);
      expect(last.message).not.toContain("sk-fault-matrix");
    }

    const streamed = events.flatMap((event) => (event.type === "chunk" ? [event.content] : [])).join("");
    const message = await migrated.db().message.findUniqueOrThrow({ where: { id: outcome.messageId } });
    expect(message.status).toBe(fault.expect.saved);
    expect(outcome.statusOnFinalEvent, "saved before the final event went out").toBe(fault.expect.saved);
    // What the client saw is exactly what was saved: nothing sent twice, nothing lost.
    expect(message.content).toBe(streamed);
    const reply = replyText(outcome.prompt);
    if (fault.expect.text === "none") expect(streamed).toBe("");
    if (fault.expect.text === "partial") {
      expect(streamed.length).toBeGreaterThan(0);
      expect(reply.startsWith(streamed), JSON.stringify(streamed)).toBe(true);
      expect(streamed.length).toBeLessThan(reply.length);
    }
    if (fault.expect.text === "full") expect(streamed).toBe(expectedFullText(fault, outcome.prompt));
    if (message.status === "error") expect(message.errorCode).toBe(last?.type === "error" ? last.code : null);
    // Usage is the provider's or the estimate of what arrived, never a made-up 0 for real text.
    if (streamed.length > 0) expect(message.completionTokens).toBeGreaterThan(0);
    expect(message.finishedAt).not.toBeNull();

    if (fault.target === "simulator") {
      const upstream = simulator.requests().filter((request) => request.tag === outcome.tag);
      expect(upstream, "one provider request: no retry").toHaveLength(1);
      // The upstream request is over: finished by the script, or cancelled by us.
      expect(upstream[0]?.completed || upstream[0]?.clientDisconnected).toBe(true);
    }
  });
});

describe("after the whole matrix", () => {
  it("leaves no socket, timer or stream open", async () => {
    const after = await settledResources();
    for (const kind of new Set([...Object.keys(before), ...Object.keys(after)])) {
      // Idle keep-alive sockets may be reused or closed, never multiplied by the number of runs.
      expect(after[kind] ?? 0, `${kind}: ${JSON.stringify({ before, after })}`).toBeLessThanOrEqual(
        (before[kind] ?? 0) + 3,
      );
    }
    expect(
      simulator
        .requests()
        .every((request) => request.completed || request.clientDisconnected || request.endedAt !== null),
    ).toBe(true);
  });
});
