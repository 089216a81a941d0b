const WIDTH = 120;
const HEIGHT = 32;
const PADDING = 2;
// Up to the last 15 s (60 samples at 4 per second); a short run fills the chart from the left
// and a long one scrolls, so the line neither jumps in width nor squeezes into a corner.
const MAX_SLOTS = 60;
const MIN_SLOTS = 20;

function pathOf(rates: number[]): { line: string; area: string; endX: number; endY: number } | null {
  if (rates.length < 2) return null;
  const top = Math.max(...rates, 1);
  const slots = Math.min(MAX_SLOTS, Math.max(MIN_SLOTS, rates.length));
  const step = (WIDTH - PADDING * 2) / (slots - 1);
  const points = rates.map((rate, index) => {
    const x = PADDING + index * step;
    const y = HEIGHT - PADDING - (rate / top) * (HEIGHT - PADDING * 2);
    return `${x.toFixed(1)},${y.toFixed(1)}`;
  });
  const line = `M${points.join(" L")}`;
  const firstX = PADDING.toFixed(1);
  const lastX = (PADDING + (rates.length - 1) * step).toFixed(1);
  const end = rates[rates.length - 1] ?? 0;
  return {
    line,
    area: `${line} L${lastX},${HEIGHT - PADDING} L${firstX},${HEIGHT - PADDING} Z`,
    endX: PADDING + (rates.length - 1) * step,
    endY: HEIGHT - PADDING - (end / top) * (HEIGHT - PADDING * 2),
  };
}

/** A small live chart of tokens per second, newest sample last. */
export function TokensSparkline({ rates, live }: { rates: number[]; live: boolean }) {
  const recent = rates.slice(-MAX_SLOTS);
  const paths = pathOf(recent);
  const latest = recent[recent.length - 1];
  const peak = recent.length > 0 ? Math.max(...recent) : null;
  const label =
    latest === undefined || peak === null
      ? "Tokens per second chart: no data yet"
      : `Tokens per second chart: ${Math.round(latest)} now, peak ${Math.round(peak)}`;
  return (
    <svg
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      className="h-8 w-30 shrink-0 text-blue-600 dark:text-blue-400"
      role="img"
      aria-label={label}
      data-testid="status-sparkline"
      data-points={recent.length}
    >
      <line
        x1={PADDING}
        x2={WIDTH - PADDING}
        y1={HEIGHT - PADDING}
        y2={HEIGHT - PADDING}
        className="stroke-slate-200 dark:stroke-slate-700"
        strokeWidth="1"
        vectorEffect="non-scaling-stroke"
      />
      {paths ? (
        <>
          <path d={paths.area} fill="currentColor" fillOpacity="0.12" />
          <path
            d={paths.line}
            fill="none"
            stroke="currentColor"
            strokeWidth="1.5"
            strokeLinejoin="round"
            strokeLinecap="round"
            vectorEffect="non-scaling-stroke"
          />
        </>
      ) : null}
      {paths && live ? <circle cx={paths.endX} cy={paths.endY} r="2" fill="currentColor" /> : null}
    </svg>
  );
}
