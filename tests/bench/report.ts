// How every benchmark reports a figure: one human line (the figure, its budget from
// DESIGN.md, and its floor — the same work done the plainest way in the same run — with the
// ratio), plus one machine line `BENCH {json}` that `npm run bench` collects into a summary.

export type BenchFigure = {
  /** what was measured, e.g. "view page of 100 rows, 1,000,000 cases (p95)" */
  name: string;
  value: number;
  unit: 'ms' | 's' | 'MB' | 'ops/s' | 'changes/s';
  /** DESIGN.md's budget, in the same unit; null when the figure has none */
  budget: number | null;
  /** the same work through the plainest means (raw better-sqlite3, raw ws…), or null */
  floor: number | null;
  /** true when a larger value is better (throughput) */
  higherIsBetter?: boolean;
  /** how many samples the value summarises (1 for a single timing) */
  n?: number;
  /** the spread of repeated runs, e.g. "p95 of 5 runs: 12.1–14.8 ms" */
  spread?: string;
  note?: string;
};

/** One figure as `npm run bench -- --json FILE` writes it. */
export type BenchRecord = {
  name: string;
  unit: BenchFigure['unit'];
  value: number;
  budget: number | null;
  floor: number | null;
  /** value ÷ floor (floor ÷ value for throughput): how far from the least work; null without a floor */
  ratio: number | null;
  n: number | null;
  met: boolean | null;
};

export function ratioOf(figure: BenchFigure): number | null {
  if (figure.floor === null || figure.floor <= 0 || figure.value <= 0) return null;
  return figure.higherIsBetter === true ? figure.floor / figure.value : figure.value / figure.floor;
}

export function toRecord(figure: BenchFigure): BenchRecord {
  const ratio = ratioOf(figure);
  return {
    name: figure.name,
    unit: figure.unit,
    value: figure.value,
    budget: figure.budget,
    floor: figure.floor,
    ratio: ratio === null ? null : Math.round(ratio * 100) / 100,
    n: figure.n ?? null,
    met: withinBudget(figure),
  };
}

export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] ?? Number.NaN;
}

export function withinBudget(figure: BenchFigure): boolean | null {
  if (figure.budget === null) return null;
  return figure.higherIsBetter === true ? figure.value >= figure.budget : figure.value <= figure.budget;
}

function format(value: number, unit: string): string {
  const digits = value >= 100 ? 0 : value >= 10 ? 1 : 2;
  return `${value.toFixed(digits)} ${unit}`;
}

export function describeFigure(figure: BenchFigure): string {
  const parts = [`${figure.name}: ${format(figure.value, figure.unit)}`];
  if (figure.budget !== null) {
    parts.push(`budget ${figure.higherIsBetter === true ? '≥' : '≤'} ${format(figure.budget, figure.unit)} ${withinBudget(figure) ? 'MET' : 'MISSED'}`);
  }
  const ratio = ratioOf(figure);
  if (figure.floor !== null && ratio !== null) parts.push(`floor ${format(figure.floor, figure.unit)} (×${ratio.toFixed(2)})`);
  if (figure.n !== undefined) parts.push(`n=${figure.n}`);
  if (figure.spread !== undefined) parts.push(figure.spread);
  if (figure.note !== undefined) parts.push(figure.note);
  return parts.join(' · ');
}

export function reportFigure(figure: BenchFigure): void {
  process.stdout.write(`${describeFigure(figure)}\nBENCH ${JSON.stringify(figure)}\n`);
}
