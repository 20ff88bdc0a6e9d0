/**
 * Small inline SVG charts for conformance.html: bars (pass rate per run), a line (p95 per run,
 * with the latency budget dashed), and a strip (one coloured cell per verdict). Plain SVG markup,
 * colours as attributes and a <title> per mark for its value on hover: no script, no stylesheet
 * and nothing fetched, so the page stays one self-contained file. Labels are escaped.
 */
import type { ResultStatus } from '../model';
import { escapeHtml as h } from './html-text';

/** Widest a chart gets: a window of 365 runs is squeezed, not scrolled. */
const CHART_WIDTH = 600;

/**
 * A cell's colour: its verdict's, or the kind of gap. `absent`: the run was judged and this case
 * was not in it (another --operation, a case added since), pale; `not run`: the night has no verdict
 * at all (stopped, killed), outlined only. The text views tell them apart too (`-` and `_`).
 */
export const STRIP_COLOURS: Readonly<Record<ResultStatus | 'absent' | 'not-run', string>> = {
  passed: '#2e7d32',
  failed: '#c62828',
  error: '#6a1b9a',
  flaky: '#ef6c00',
  skipped: '#9e9e9e',
  absent: '#eeeeee',
  'not-run': 'none',
};

/** What each cell is called in the legend (stripLegend), in its order. */
const STRIP_WORDS: readonly [keyof typeof STRIP_COLOURS, string][] = [
  ['passed', 'passed'],
  ['failed', 'failed'],
  ['error', 'error'],
  ['flaky', 'flaky'],
  ['skipped', 'skipped'],
  ['absent', 'absent (not in that run)'],
  ['not-run', 'not run (no verdict that night)'],
];

/** One cell: a night not run is drawn as its outline, so it reads as a gap, not as a pale verdict. */
function cell(key: keyof typeof STRIP_COLOURS, x: string, width: string, title: string): string {
  const outline = key === 'not-run' ? ' stroke="#bdbdbd" stroke-width="1"' : '';
  return `<rect class="cell cell-${key}" x="${x}" y="0" width="${width}" height="14" fill="${STRIP_COLOURS[key]}"${outline}><title>${h(title)}</title></rect>`;
}

/** One mark of a chart: its value (null: none that run) and the words of its tooltip. */
export interface ChartPoint {
  value: number | null;
  label: string;
}

function round(n: number): string {
  return String(Math.round(n * 10) / 10);
}

function svg(width: number, height: number, label: string, marks: readonly string[]): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" class="chart" width="${round(width)}" height="${height}" viewBox="0 0 ${round(width)} ${height}" role="img" aria-label="${h(label)}"><title>${h(label)}</title>${marks.join('')}</svg>`;
}

/** Step between runs: 14 px each, squeezed to fit CHART_WIDTH. */
function stepOf(count: number, widest = 14): number {
  return Math.min(widest, CHART_WIDTH / Math.max(1, count));
}

/** Bars of values in [0, max]: one <rect class="bar"> per run with a value. */
export function barChart(points: readonly ChartPoint[], max: number, label: string, height = 60): string {
  const step = stepOf(points.length);
  const marks = points.flatMap((p, i) => {
    if (p.value === null) return [];
    const barHeight = Math.max(1, (Math.min(p.value, max) / max) * (height - 2));
    return [`<rect class="bar" x="${round(i * step + 1)}" y="${round(height - barHeight)}" width="${round(Math.max(1, step - 2))}" height="${round(barHeight)}" fill="#1565c0"><title>${h(p.label)}</title></rect>`];
  });
  return svg(Math.max(step * points.length, 40), height, label, marks);
}

/**
 * A line through the runs with a value, a <circle class="point"> on each, and the budget as a
 * dashed line when given. The scale's top is the largest of the values and the budget.
 */
export function lineChart(points: readonly ChartPoint[], label: string, options: { budget?: number; height?: number; widest?: number } = {}): string {
  const height = options.height ?? 60;
  const step = stepOf(points.length, options.widest);
  const values = points.flatMap((p) => (p.value === null ? [] : [p.value]));
  const top = Math.max(1, ...values, options.budget ?? 0) * 1.1;
  const y = (v: number): string => round(height - 2 - (v / top) * (height - 4));
  const x = (i: number): string => round(i * step + step / 2);
  const drawn = points.flatMap((p, i) => (p.value === null ? [] : [{ i, value: p.value, label: p.label }]));
  const marks: string[] = [];
  if (options.budget !== undefined) marks.push(`<line class="budget" x1="0" x2="${round(step * points.length)}" y1="${y(options.budget)}" y2="${y(options.budget)}" stroke="#c62828" stroke-dasharray="4 3"><title>${h(`budget ${options.budget} ms`)}</title></line>`);
  if (drawn.length > 1) marks.push(`<polyline class="trend" fill="none" stroke="#1565c0" stroke-width="1.5" points="${drawn.map((d) => `${x(d.i)},${y(d.value)}`).join(' ')}"/>`);
  for (const d of drawn) marks.push(`<circle class="point" cx="${x(d.i)}" cy="${y(d.value)}" r="2" fill="#1565c0"><title>${h(d.label)}</title></circle>`);
  return svg(Math.max(step * points.length, 40), height, label, marks);
}

/**
 * One cell per run, coloured by the case's verdict that run (grey: skipped, pale: absent from a
 * judged run, outlined: no run that night). `gaps`: what each night that was no run at all is
 * called ("not run", "did not finish"); undefined for a judged run, where a case without a verdict
 * was absent from it, not unrun.
 */
export function stripChart(strip: readonly (ResultStatus | null)[], labels: readonly string[], label: string, gaps: readonly (string | undefined)[] = []): string {
  const step = stepOf(strip.length, 7);
  const marks = strip.map((status, i) => {
    const gap = status === null ? gaps[i] : undefined;
    const key = status ?? (gap === undefined ? 'absent' : 'not-run');
    const label = labels[i] ?? '';
    // A night not run is labelled so already ("2026-11-02 (not run)"): said once, not "(not run): not run".
    const title = gap !== undefined && label.endsWith(`(${gap})`) ? label : `${label}: ${status ?? gap ?? 'absent'}`;
    return cell(key, round(i * step), round(Math.max(1, step - 1)), title);
  });
  return svg(Math.max(step * strip.length, 10), 14, label, marks);
}

/** The strips' legend: a cell of each kind and its word, each swatch a small SVG of its own (hidden from screen readers: the word follows it). */
export function stripLegend(): string {
  return STRIP_WORDS.map(([key, word]) => `<svg xmlns="http://www.w3.org/2000/svg" class="swatch" width="10" height="14" viewBox="0 0 10 14" aria-hidden="true">${cell(key, '0', '10', word)}</svg> ${h(word)}`).join(' · ');
}
