import type { ReactNode } from "react";
import { formatMs } from "@/components/run/format";
import type { CapabilityReport as Report } from "@/lib/contracts/configurations";

type Verdict = "yes" | "no" | "unknown";

function verdict(value: boolean | null): Verdict {
  return value === null ? "unknown" : value ? "yes" : "no";
}

const marks: Record<Verdict, { symbol: string; label: string; tone: string }> = {
  yes: { symbol: "✓", label: "yes", tone: "text-emerald-700 dark:text-emerald-400" },
  no: { symbol: "✕", label: "no", tone: "text-red-700 dark:text-red-400" },
  unknown: { symbol: "–", label: "not known", tone: "text-slate-500 dark:text-slate-400" },
};

function Check({ name, label, value, detail }: { name: string; label: string; value: Verdict; detail?: ReactNode }) {
  const mark = marks[value];
  return (
    <li className="flex items-baseline gap-2.5 py-1.5" data-testid={`capability-${name}`} data-value={value}>
      <span aria-hidden="true" className={`w-4 shrink-0 text-center font-semibold ${mark.tone}`}>
        {mark.symbol}
      </span>
      <span className="min-w-0 flex-1 text-slate-800 dark:text-slate-200">
        {label}
        <span className="sr-only">: {mark.label}</span>
      </span>
      {detail ? <span className="shrink-0 font-mono text-xs text-slate-500 dark:text-slate-400">{detail}</span> : null}
    </li>
  );
}

/** What the connection test found, one line per capability, and the error in words when one stopped it. */
export function CapabilityReport({ report }: { report: Report }) {
  const passed = report.streams && report.error === null;
  return (
    <section
      aria-label="Connection test report"
      className="rounded-lg border border-slate-200 bg-white p-4 text-sm dark:border-slate-800 dark:bg-slate-900"
      data-testid="capability-report"
      data-ok={passed}
    >
      <p
        className={`font-medium ${passed ? "text-emerald-800 dark:text-emerald-300" : "text-red-800 dark:text-red-300"}`}
      >
        {passed ? "The connection works." : "The connection test failed."}
      </p>
      {report.error ? (
        <p className="mt-1 text-slate-700 dark:text-slate-300" data-testid="capability-error">
          {report.error.message}
        </p>
      ) : null}
      <ul className="mt-2 divide-y divide-slate-100 dark:divide-slate-800">
        <Check name="reachable" label="Server reachable" value={verdict(report.reachable)} />
        <Check name="auth" label="API key accepted" value={verdict(report.authOk)} />
        <Check
          name="model"
          label="Model in the provider's list"
          value={verdict(report.modelListed)}
          detail={report.modelCount !== null ? `${report.modelCount} listed` : undefined}
        />
        <Check
          name="streams"
          label="Streams incrementally"
          value={report.streams ? verdict(report.streamsIncrementally) : "no"}
        />
        <Check name="usage" label="Reports token usage" value={verdict(report.usageReported)} />
        {/* No reasoning is not a fault: most models do not reason. */}
        <Check
          name="reasoning"
          label="Sends reasoning"
          value={report.reasoningEmitted ? "yes" : "unknown"}
          detail={!report.reasoningEmitted && report.streams ? "none sent" : undefined}
        />
        <Check
          name="cancellation"
          label="Honours cancellation"
          value={verdict(report.cancellationHonoured)}
          detail={report.cancelLatencyMs !== null ? formatMs(report.cancelLatencyMs) : undefined}
        />
        <Check
          name="latency"
          label="First-token latency"
          value={report.firstTokenLatencyMs === null ? "unknown" : "yes"}
          detail={<span data-testid="capability-latency-value">{formatMs(report.firstTokenLatencyMs)}</span>}
        />
      </ul>
    </section>
  );
}
