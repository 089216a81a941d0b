// A mergeable histogram (0.5 ms buckets) of millions of delays, for percentiles across processes.

export type Histogram = Record<string, number>;

const BUCKET_MS = 0.5;

export function addToHistogram(histogram: Histogram, valueMs: number): void {
  const key = String(Math.round(valueMs / BUCKET_MS) * BUCKET_MS);
  histogram[key] = (histogram[key] ?? 0) + 1;
}

export function mergeHistograms(histograms: Histogram[]): Histogram {
  const merged: Histogram = {};
  for (const histogram of histograms)
    for (const [key, count] of Object.entries(histogram)) merged[key] = (merged[key] ?? 0) + count;
  return merged;
}

/** Nearest-rank percentile of the recorded values (to the bucket); NaN when empty. */
export function histogramPercentile(histogram: Histogram, p: number): number {
  const entries = Object.entries(histogram)
    .map(([key, count]) => [Number(key), count] as const)
    .sort((a, b) => a[0] - b[0]);
  const total = entries.reduce((sum, [, count]) => sum + count, 0);
  if (total === 0) return Number.NaN;
  const rank = Math.max(1, Math.ceil((p / 100) * total));
  let seen = 0;
  for (const [value, count] of entries) {
    seen += count;
    if (seen >= rank) return value;
  }
  return entries.at(-1)?.[0] ?? Number.NaN;
}

export function histogramCount(histogram: Histogram): number {
  return Object.values(histogram).reduce((sum, count) => sum + count, 0);
}
