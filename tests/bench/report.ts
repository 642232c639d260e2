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
  note?: string;
};

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
  if (figure.floor !== null && figure.floor > 0) {
    const ratio = figure.higherIsBetter === true ? figure.floor / figure.value : figure.value / figure.floor;
    parts.push(`floor ${format(figure.floor, figure.unit)} (×${ratio.toFixed(2)})`);
  }
  if (figure.note !== undefined) parts.push(figure.note);
  return parts.join(' · ');
}

export function reportFigure(figure: BenchFigure): void {
  process.stdout.write(`${describeFigure(figure)}\nBENCH ${JSON.stringify(figure)}\n`);
}
