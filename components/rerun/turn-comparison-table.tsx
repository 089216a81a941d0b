import { Fragment } from "react";
import { formatCount, formatMs, formatRate } from "@/components/run/format";
import { METRICS, type Difference, type Metric, type TurnFigures, type TurnRow } from "@/components/rerun/turn-table";
import { cardClassName } from "@/components/ui/card";

const HEADINGS: Record<Metric, string> = {
  completionTokens: "Output tokens",
  ttftMs: "Time to first token",
  durationMs: "Duration",
  tokensPerSecond: "Tokens / s",
};

const TONES: Record<Difference["tone"], string> = {
  better: "text-emerald-700 dark:text-emerald-400",
  worse: "text-red-700 dark:text-red-400",
  neutral: "text-slate-500 dark:text-slate-400",
};

const STATUS_NOTES: Record<TurnFigures["status"], string | null> = {
  complete: null,
  streaming: "streaming",
  aborted: "stopped",
  error: "failed",
};

function value(metric: Metric, figures: TurnFigures): string {
  const number = figures[metric];
  if (metric === "completionTokens") return formatCount(number);
  if (metric === "tokensPerSecond") return formatRate(number);
  return formatMs(number);
}

function RunLabel({ name, figures, original }: { name: string; figures: TurnFigures | null; original: boolean }) {
  const note = figures ? STATUS_NOTES[figures.status] : null;
  return (
    <th scope="row" className="py-2 pr-4 text-left font-medium text-slate-800 dark:text-slate-200">
      <span className="block max-w-48 truncate" title={name}>
        {original ? "Original" : name}
      </span>
      <span className="block text-xs font-normal text-slate-500 dark:text-slate-400">
        {original ? name : null}
        {note ? `${original ? " · " : ""}${note}` : null}
      </span>
    </th>
  );
}

type Column = { id: number; name: string };

/** Original against each re-run, turn by turn: output tokens, ttft, duration, tokens/s and the differences. */
export function TurnComparisonTable({
  rows,
  originalName,
  columns,
}: {
  rows: TurnRow[];
  originalName: string;
  columns: Column[];
}) {
  return (
    <section aria-labelledby="turn-table-heading" className={cardClassName("shadow-xs")}>
      <div className="border-b border-slate-100 px-4 py-3 dark:border-slate-800">
        <h2 id="turn-table-heading" className="text-sm font-semibold text-slate-900 dark:text-white">
          Turn by turn
        </h2>
        <p className="mt-0.5 text-xs text-slate-500 dark:text-slate-400">
          Differences are the re-run minus the original. Green is faster, red is slower.
        </p>
      </div>
      <div className="overflow-x-auto px-4 pb-3">
        <table className="w-full min-w-[40rem] text-sm tabular-nums" data-testid="turn-table">
          <thead>
            <tr className="border-b border-slate-200 text-left text-xs font-medium text-slate-500 dark:border-slate-800 dark:text-slate-400">
              <th scope="col" className="py-2 pr-4">
                Run
              </th>
              {METRICS.map((metric) => (
                <th key={metric} scope="col" className="py-2 pr-4 text-right">
                  {HEADINGS[metric]}
                </th>
              ))}
            </tr>
          </thead>
          {rows.map((row) => (
            <tbody
              key={row.index}
              className="border-b border-slate-100 last:border-b-0 dark:border-slate-800"
              data-testid="turn-group"
              data-turn={row.index}
            >
              <tr>
                <th
                  scope="rowgroup"
                  colSpan={METRICS.length + 1}
                  className="pt-3 pb-1 text-left text-xs font-semibold text-slate-700 dark:text-slate-300"
                >
                  <span className="block truncate" title={row.message}>
                    Turn {row.index + 1}: {row.message}
                  </span>
                </th>
              </tr>
              <tr data-testid="turn-row" data-run="original">
                <RunLabel name={originalName} figures={row.original} original />
                {METRICS.map((metric) => (
                  <td
                    key={metric}
                    className="py-2 pr-4 text-right text-slate-700 dark:text-slate-300"
                    data-testid={`cell-${metric}`}
                  >
                    {row.original ? value(metric, row.original) : "no reply"}
                  </td>
                ))}
              </tr>
              {row.reruns.map((cell, index) => {
                const column = columns[index];
                if (!column) return null;
                return (
                  <tr key={column.id} data-testid="turn-row" data-run={column.id}>
                    <RunLabel name={column.name} figures={cell.figures} original={false} />
                    {METRICS.map((metric) => {
                      const difference = cell.differences[metric];
                      return (
                        <td key={metric} className="py-2 pr-4 text-right align-top" data-testid={`cell-${metric}`}>
                          {cell.figures ? (
                            <Fragment>
                              <span className="block font-medium text-slate-900 dark:text-white">
                                {value(metric, cell.figures)}
                              </span>
                              {difference ? (
                                <span
                                  className={`block text-xs ${TONES[difference.tone]}`}
                                  data-testid={`diff-${metric}`}
                                >
                                  {difference.text}
                                </span>
                              ) : null}
                            </Fragment>
                          ) : (
                            <span className="text-slate-400 dark:text-slate-500">pending</span>
                          )}
                        </td>
                      );
                    })}
                  </tr>
                );
              })}
            </tbody>
          ))}
        </table>
      </div>
    </section>
  );
}
