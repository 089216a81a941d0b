"use client";

import { useState } from "react";
import { CapabilityReport } from "@/components/configurations/capability-report";
import { testConfiguration } from "@/components/configurations/configuration-api";
import type { CapabilityReport as Report } from "@/lib/contracts/configurations";
import { formatMs } from "@/components/run/format";
import { Button } from "@/components/ui/button";
import { FormAlert } from "@/components/ui/form-alert";
import { useToast } from "@/components/ui/toast";
import { cardClassName } from "@/components/ui/card";

/** "Test connection" on a saved configuration: the real streaming probe and its capability report. */
export function TestConnectionPanel({
  configurationId,
  name,
  unsavedChanges,
}: {
  configurationId: number;
  name: string;
  unsavedChanges: boolean;
}) {
  const [report, setReport] = useState<Report | null>(null);
  const [testing, setTesting] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const toast = useToast();

  async function run() {
    if (testing || unsavedChanges) return;
    setTesting(true);
    setFailure(null);
    const result = await testConfiguration(configurationId);
    setTesting(false);
    if (!result.ok) {
      setFailure(result.error.message);
      return;
    }
    setReport(result.data.report);
    const { lastTest } = result.data;
    toast(
      lastTest.ok
        ? `“${name}” works: first token after ${formatMs(lastTest.firstTokenLatencyMs)}.`
        : `“${name}” failed its test.`,
      lastTest.ok ? "success" : "error",
    );
  }

  return (
    <section
      className={cardClassName("mt-6 p-5")}
      aria-labelledby="test-connection-title"
      data-testid="test-connection-panel"
    >
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div>
          <h2 id="test-connection-title" className="text-sm font-semibold text-slate-900 dark:text-white">
            Test connection
          </h2>
          <p className="mt-1 text-xs text-slate-500 dark:text-slate-400">
            {unsavedChanges
              ? "Save your changes first: the test uses the saved configuration."
              : "Lists the models, streams a short reply, then a second one that is cancelled after its first token."}
          </p>
        </div>
        <Button
          variant="secondary"
          onClick={run}
          pending={testing}
          disabled={unsavedChanges}
          data-testid="test-connection"
        >
          {testing ? "Testing…" : "Test connection"}
        </Button>
      </div>
      <div className="mt-3">
        <FormAlert testId="test-connection-error">{failure}</FormAlert>
        {report ? <CapabilityReport report={report} /> : null}
      </div>
    </section>
  );
}
