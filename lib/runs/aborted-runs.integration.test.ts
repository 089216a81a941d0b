import { describe, expect, it } from "vitest";
import { startSimulator } from "@/lib/simulator/server";
import { SYSTEM_ACTOR } from "@/lib/db/actor";
import { createConfiguration } from "@/lib/db/configurations";
import { startPromptRun } from "@/lib/db/conversations";
import { connectionFor, startRun } from "@/lib/runs/start-run";
import { settledResources } from "@/lib/testing/active-resources";
import { migratedDatabasePerFile } from "@/lib/testing/migrated-database";
import { newRunId } from "@/lib/runs/run-id";

const migrated = migratedDatabasePerFile();

describe("stopped runs", () => {
  it(
    "leave no stream, socket or timer behind after 100 of them, and each is saved aborted",
    { timeout: 120_000 },
    async () => {
      const simulator = await startSimulator({ port: 0 });
      try {
        const configuration = await createConfiguration({
          db: migrated.db(),
          actor: SYSTEM_ACTOR,
          input: {
            name: "Leak check",
            provider: "openai",
            model: "gpt-4o-mini~slow-5",
            baseUrl: `${simulator.url}/openai/v1`,
            apiKey: "sk-leak-check-0001",
          },
        });
        const stopOne = async (index: number) => {
          const turn = await startPromptRun({
            configuration,
            prompt: `Stop number ${index}`,
            params: {},
            userId: null,
            runId: newRunId(),
          });
          const run = startRun({ configuration, connection: connectionFor(configuration), turn, params: {} });
          let chunks = 0;
          const detach = run.attach(0, (_seq, event) => {
            if (event.type === "chunk" && ++chunks === 2) run.abort("stop");
          });
          await run.whenSettled();
          detach();
          return turn.assistantMessage.id;
        };

        // Warm-up at the same concurrency: the database pool and the HTTP agent open their connections.
        await Promise.all(Array.from({ length: 10 }, (_unused, index) => stopOne(-1 - index)));
        const before = await settledResources();
        const ids: number[] = [];
        for (let batch = 0; batch < 10; batch += 1) {
          ids.push(...(await Promise.all(Array.from({ length: 10 }, (_unused, index) => stopOne(batch * 10 + index)))));
        }
        const after = await settledResources();

        const messages = await migrated.db().message.findMany({ where: { id: { in: ids } } });
        expect(messages).toHaveLength(100);
        expect(
          messages.every(
            (message) => message.status === "aborted" && message.content.length > 0 && message.errorCode === "stopped",
          ),
        ).toBe(true);
        const upstream = simulator.requests().filter((request) => request.body !== null);
        expect(upstream.filter((request) => request.clientDisconnected)).toHaveLength(110);
        // Idle keep-alive sockets may be reused or closed, never multiplied by the number of runs.
        for (const kind of new Set([...Object.keys(before), ...Object.keys(after)])) {
          expect(after[kind] ?? 0, `${kind}: ${JSON.stringify({ before, after })}`).toBeLessThanOrEqual(
            (before[kind] ?? 0) + 3,
          );
        }
      } finally {
        await simulator.close();
      }
    },
  );
});
