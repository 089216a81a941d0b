"use client";

import { useState } from "react";
import { testConfiguration } from "@/components/configurations/configuration-api";
import type { LastTest } from "@/lib/contracts/configurations";
import { formatMs } from "@/components/run/format";
import { Button } from "@/components/ui/button";
import { LocalTime } from "@/components/ui/local-time";
import { useToast } from "@/components/ui/toast";

/** The card's last connection test and its Test button; a new result replaces the shown one. */
export function CardConnectionTest({
  configurationId,
  name,
  initial,
}: {
  configurationId: number;
  name: string;
  initial: LastTest | null;
}) {
  const [lastTest, setLastTest] = useState<LastTest | null>(initial);
  const [testing, setTesting] = useState(false);
  const toast = useToast();

  async function runTest() {
    if (testing) return;
    setTesting(true);
    const result = await testConfiguration(configurationId);
    setTesting(false);
    if (!result.ok) {
      toast(`Testing “${name}” failed: ${result.error.message}`, "error");
      return;
    }
    setLastTest(result.data.lastTest);
    if (result.data.lastTest.ok)
      toast(`“${name}” works: first token after ${formatMs(result.data.lastTest.firstTokenLatencyMs)}.`);
    else toast(`“${name}” failed its test: ${result.data.lastTest.errorMessage ?? "no reply streamed"}`, "error");
  }

  return (
    <div
      className="flex flex-wrap items-center justify-between gap-2"
      data-testid="card-last-test"
      data-ok={lastTest ? String(lastTest.ok) : "none"}
    >
      <p className="min-w-0 text-sm" aria-live="polite">
        {lastTest === null ? (
          <span className="text-slate-500 dark:text-slate-400">Not tested yet</span>
        ) : (
          <>
            <span
              className={`font-medium ${lastTest.ok ? "text-emerald-700 dark:text-emerald-400" : "text-red-700 dark:text-red-400"}`}
              data-testid="card-test-result"
            >
              {lastTest.ok ? "Passed" : "Failed"}
            </span>
            {lastTest.firstTokenLatencyMs !== null ? (
              <span className="text-slate-600 dark:text-slate-300">
                {" · "}
                <span data-testid="card-test-latency">{formatMs(lastTest.firstTokenLatencyMs)}</span>
                <span className="sr-only"> to the first token</span>
              </span>
            ) : null}
            <span className="block text-xs text-slate-500 dark:text-slate-400">
              <LocalTime iso={lastTest.testedAt} />
              {!lastTest.ok && lastTest.errorMessage ? (
                <span className="block break-words" title={lastTest.errorMessage}>
                  {lastTest.errorMessage}
                </span>
              ) : null}
            </span>
          </>
        )}
      </p>
      <Button variant="secondary" onClick={runTest} pending={testing} data-testid="card-test-button">
        {testing ? "Testing…" : "Test"}
        <span className="sr-only">: {name}</span>
      </Button>
    </div>
  );
}
