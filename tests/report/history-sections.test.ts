/** The History sections: SVG charts in the HTML (parsed), the summary.md table, the console lines, the report schema. */
import { deriveFigures } from '../../src/history/derive-figures';
import type { ConformanceReport, HistoryFigures } from '../../src/model';
import { renderConsole } from '../../src/report/render-console';
import { renderHtml } from '../../src/report/render-html';
import { renderJson } from '../../src/report/render-json';
import { renderHistoryTerminal } from '../../src/history/history-terminal';
import { renderJunit } from '../../src/report/render-junit';
import { renderMarkdown } from '../../src/report/render-markdown';
import { reportSchemaError } from '../../src/report/report-schema';
import { night } from '../history/fixtures';
import { byClass, findAll, parseSvg, svgFragments } from '../support/svg-markup';
import { mixedReport } from './fixtures';
import { historySection } from '../../src/report/html-history';
import { stoppedRecordOf } from '../../src/history/history-record';

const HOSTILE = 'op/<script>alert(1)</script>&"x"';

/** Six nights, the fourth without latency, the last case id hostile (a store anyone could edit). */
function figures(options: { flakyLimit?: number } = {}): HistoryFigures {
  const { latency: _unmeasured, ...withoutLatency } = night(4, '.sF');
  const records = [night(1, '..F'), night(2, '.FF'), night(3, '..F'), withoutLatency, night(5, '.F.'), night(6, '..F', { ms: 30 })].map((r) => ({
    ...r,
    cases: r.cases.map((c) => (c.id === 'op/c' ? { ...c, id: HOSTILE } : c)),
  }));
  return deriveFigures(records, { store: '/ci/cache/<history>.jsonl', target: records[0]!.run.target, window: 30, latencyBudgetMs: 25, ...options });
}

function withHistory(history: HistoryFigures): ConformanceReport {
  return { ...mixedReport(), history };
}

test('the HTML charts are well-formed SVG with one bar per run, one point per measured run, one cell per run per case', () => {
  const f = figures();
  const html = renderHtml(withHistory(f));
  // The charts, not the legend's swatches.
  const charts = svgFragments(html.slice(html.indexOf('<section class="history"'))).map(parseSvg).filter((svg) => svg.attributes['class'] === 'chart');
  // Pass rate, p95, then per case (3) a strip and a p95 trend.
  expect(charts).toHaveLength(2 + 3 * 2);
  const [passRate, p95, ...perCase] = charts;
  expect(byClass(passRate!, 'bar')).toHaveLength(6);
  expect(byClass(p95!, 'point')).toHaveLength(5);
  expect(byClass(p95!, 'budget')).toHaveLength(1);
  expect(byClass(perCase[0]!, 'cell')).toHaveLength(6);
  // The strip's colours follow the verdicts: case b (index 1 of the table) failed on nights 2 and 5, skipped on 4.
  expect(byClass(perCase[2]!, 'cell').map((c) => c.attributes['class'])).toEqual(['cell cell-passed', 'cell cell-failed', 'cell cell-passed', 'cell cell-skipped', 'cell cell-failed', 'cell cell-passed']);
  for (const chart of charts) {
    expect(Number(chart.attributes['width'])).toBeGreaterThan(0);
    expect(Number(chart.attributes['height'])).toBeGreaterThan(0);
    expect(findAll(chart, (e) => e.name === 'script' || e.name === 'foreignObject' || Object.keys(e.attributes).some((a) => a.startsWith('on') || a === 'href'))).toEqual([]);
  }
  // Bar heights are the pass rates: night 2 (1 of 3) is a third of night 1's… scale (2 of 3 = full minus).
  const heights = byClass(passRate!, 'bar').map((b) => Number(b.attributes['height']));
  expect(heights[1]! * 2).toBeCloseTo(heights[0]!, 0);
});

test('what the store says is escaped: a hostile case id and store path never become markup', () => {
  const html = renderHtml(withHistory(figures()));
  expect(html).not.toContain('<script>');
  expect(html).toContain('op/&lt;script&gt;alert(1)&lt;/script&gt;&amp;&quot;x&quot;');
  expect(html).toContain('/ci/cache/&lt;history&gt;.jsonl');
  // In summary.md an id is a code span (shown literally by GitHub), never loose markup.
  const md = renderMarkdown(withHistory(figures()));
  expect(md).toContain('`op/<script>alert(1)</script>&"x"`');
  expect(md.replace(/`[^`\n]*`/g, '')).not.toContain('<script>');
  // A night cell neither becomes markup nor splits the table (figures built in code need not come from a checked store).
  const hostileNight = figures();
  hostileNight.runs[0] = { ...hostileNight.runs[0]!, startedAt: '<i>|x|</i>2020-01-01' };
  const lines = renderMarkdown(withHistory(hostileNight)).split('\n');
  const rows = lines.slice(lines.indexOf('| night | pass rate | p95 |') + 2);
  const oldest = rows[rows.findIndex((line) => !line.startsWith('|')) - 1] ?? '';
  expect(oldest).not.toContain('<i>');
  // Five pieces around the four unescaped pipes of a three-column row: no cell was split.
  expect(oldest.split(/(?<!\\)\|/)).toHaveLength(5);
});

test('HTML, summary.md and the console show failing since, changes, and the cases over --fail-on-flaky-rate', () => {
  const f = figures({ flakyLimit: 0.5 });
  expect(f.flakyRate?.over.map((o) => o.id)).toEqual(['op/b']);
  const html = renderHtml(withHistory(f));
  expect(html).toContain('<td class="nowrap">2026-11-06 (1 run)</td>');
  expect(html).toMatch(/flaky across runs, fails the run: op\/b changed verdict in 100 % of the window \(4 of 4\), above --fail-on-flaky-rate 0.5/);
  const md = renderMarkdown(withHistory(f));
  expect(md).toContain('| night | pass rate | p95 |');
  expect(md).toContain('| 2026-11-06 (this run) | 67 % (2/3) | 60 ms |');
  expect(md).toContain('| 2026-11-04 | 50 % (1/2) | n/a |');
  expect(md).toMatch(/\*\*flaky across runs, fails the run: op\/b changed verdict in 100 %/);
  const out = renderConsole(withHistory(f));
  expect(out).toContain('history (/ci/cache/<history>.jsonl): 6 runs of https://api.zavu.example (2026-11-01 … 2026-11-06): pass rate 67 % → 67 %, p95 20 ms → 60 ms');
  expect(out).toContain('  .F.sF. op/b: verdict changed 4 of 4 times');
  expect(out).toContain('flaky across runs, fails the run: op/b');
});

test('one outage night puts every case over --fail-on-flaky-rate: the console and summary.md name a capped few and count the rest', () => {
  // 20 cases, all failing on the one night every answer was a 503, passing before and after.
  const [ok, down] = ['.'.repeat(20), 'F'.repeat(20)];
  const records = [night(1, ok), night(2, ok), night(3, down), night(4, ok)];
  const f = deriveFigures(records, { store: 'h.jsonl', target: records[0]!.run.target, window: 30, flakyLimit: 0.3 });
  expect(f.flakyRate?.over).toHaveLength(20);
  const rule = (text: string): string[] => text.split('\n').filter((line) => line.includes('flaky across runs, fails the run'));
  const out = rule(renderConsole(withHistory(f)));
  expect(out).toHaveLength(11);
  expect(out[10]).toBe('flaky across runs, fails the run: … and 10 more cases above --fail-on-flaky-rate 0.3 (20 in all: conformance.html, zavu-conformance history --history h.jsonl)');
  const md = rule(renderMarkdown(withHistory(f)));
  expect(md).toHaveLength(7);
  expect(md[6]).toContain('… and 14 more cases above --fail-on-flaky-rate 0.3 (20 in all: conformance.html)');
  // The HTML and `zavu-conformance history` are where they all are.
  expect(rule(renderHistoryTerminal(f))).toHaveLength(20);
  expect(renderHtml(withHistory(f)).match(/flaky across runs, fails the run: op\//g)).toHaveLength(20);
});

test('the console\'s history lines name the one case past their bound rather than "and 1 more", and count two or more', () => {
  const records = (n: number) => [night(1, '.'.repeat(n)), night(2, '.'.repeat(n)), night(3, 'F'.repeat(n)), night(4, '.'.repeat(n))];
  const rule = (text: string): string[] => text.split('\n').filter((line) => line.includes('flaky across runs, fails the run'));
  const eleven = deriveFigures(records(11), { store: 'h.jsonl', target: records(11)[0]!.run.target, window: 30, flakyLimit: 0.3 });
  const lines = renderConsole(withHistory(eleven)).split('\n');
  expect(rule(lines.join('\n'))).toHaveLength(11);
  expect(lines.filter((line) => /^ {2}\S+ op\//.test(line))).toHaveLength(11);
  expect(lines.join('\n')).not.toMatch(/and 1 more/);
  const twelve = deriveFigures(records(12), { store: 'h.jsonl', target: records(12)[0]!.run.target, window: 30, flakyLimit: 0.3 });
  const out = renderConsole(withHistory(twelve));
  expect(rule(out).at(-1)).toContain('… and 2 more cases above --fail-on-flaky-rate 0.3 (12 in all');
  expect(out).toContain('  … and 2 more (zavu-conformance history --history h.jsonl)');
});

test('junit.xml says why --fail-on-flaky-rate failed a run: a failing history-flaky-rate test case naming every case over the rule (a CI tab must agree with exit 1)', () => {
  const over = renderJunit(withHistory(figures({ flakyLimit: 0.5 })));
  expect(over).toContain('<testsuite name="history-flaky-rate" tests="1" failures="1" errors="0" skipped="0" time="0"');
  expect(over).toContain('<failure message="1 case flaky across runs above --fail-on-flaky-rate 0.5" type="history-flaky-rate">1 case flaky across runs above --fail-on-flaky-rate 0.5\nflaky across runs, fails the run: op/b changed verdict in 100 % of the window (4 of 4), above --fail-on-flaky-rate 0.5</failure>');
  // Counted in the root's totals, as the coverage and latency test cases are.
  const cases = (xml: string): number => Number(/<testsuites [^>]*tests="(\d+)"/.exec(xml)?.[1]);
  const failures = (xml: string): number => Number(/<testsuites [^>]*failures="(\d+)"/.exec(xml)?.[1]);
  const without = renderJunit(withHistory(figures()));
  expect(cases(over)).toBe(cases(without) + 1);
  expect(failures(over)).toBe(failures(without) + 1);
  // Under the limit, the rule is a passing test case; without the rule, none.
  expect(renderJunit(withHistory(figures({ flakyLimit: 1 })))).toMatch(/<testcase classname="history-flaky-rate" name="history-flaky-rate: --fail-on-flaky-rate 1" time="0"\/>/);
  expect(without).not.toContain('history-flaky-rate');
});

test('junit.xml\'s run-level suite carries the run\'s timestamp, as every case suite does (a CI tool sorts and dates suites by it)', () => {
  const report = withHistory(figures({ flakyLimit: 0.5 }));
  const xml = renderJunit(report);
  const stamps = [...xml.matchAll(/<testsuite name="([^"]*)"[^>]* timestamp="([^"]*)"/g)].map((m) => [m[1], m[2]]);
  expect(stamps.map(([name]) => name)).toContain('history-flaky-rate');
  for (const [name, stamp] of stamps) expect({ name, stamp }).toEqual({ name, stamp: report.runInfo.startedAt });
});

test('conformance.json carries the figures under "history", and the report schema checks them', () => {
  const report = withHistory(figures({ flakyLimit: 0.5 }));
  const json = JSON.parse(renderJson(report)) as ConformanceReport;
  expect(json.history?.runs).toHaveLength(6);
  expect(reportSchemaError(json)).toBeUndefined();
  expect(reportSchemaError({ ...json, history: { ...json.history, runs: [] } })).toBe('/history/runs must NOT have fewer than 1 items');
  expect(reportSchemaError({ ...json, history: { ...json.history, cases: [{ ...json.history!.cases[0], strip: ['exploded'] }] } })).toMatch(/^\/history\/cases\/0\/strip\/0 must be/);
  expect(reportSchemaError({ ...json, history: { ...json.history, records: [] } })).toBe('/history must NOT have additional properties ("records")');
});

test('a case slower across the window is named in the console, summary.md, the HTML and `history`, and the schema takes its figure', () => {
  // 5 % a night from 200 ms over 12 nights: each night within the baseline's +50 %, the window not.
  const records = Array.from({ length: 12 }, (_, i) => {
    const ms = Math.round(200 * 1.05 ** i * 10) / 10;
    const r = night(i + 1, '..');
    return { ...r, cases: r.cases.map((c) => (c.id === 'op/a' ? { ...c, latency: { samples: 3, p50: ms, p95: ms, p99: ms, max: ms } } : c)) };
  });
  const f = deriveFigures(records, { store: 'h.jsonl', target: records[0]!.run.target, window: 30 });
  const line = 'p95 up 55 % over the window (210 ms → 325.8 ms, medians of its first and last runs)';
  expect(renderConsole(withHistory(f))).toContain(`  ............ op/a: ${line}\n`);
  expect(renderMarkdown(withHistory(f))).toContain(`- \`............\` \`op/a\` — ${line}\n`);
  expect(renderHtml(withHistory(f))).toContain(`<strong class="history-fail">${line}</strong>`);
  expect(renderHistoryTerminal(f)).toContain(`op/a: p95 342.1 ms, ${line}\n`);
  // A case at its pace is not listed.
  expect(renderConsole(withHistory(f))).not.toContain('op/b');
  const json = JSON.parse(renderJson(withHistory(f))) as ConformanceReport;
  expect(json.history?.cases[0]?.p95Rise).toEqual({ from: 210, to: 325.8 });
  expect(reportSchemaError(json)).toBeUndefined();
});

test('cases only slower across the window come after the failing and flipping ones, so the capped lists keep those', () => {
  const records = Array.from({ length: 12 }, (_, i) => {
    const ms = 100 * 1.1 ** i;
    // Nine cases slower every night, then one failing tonight and one flipping: the last two in the run's order.
    const r = night(i + 1, `.........${i === 11 ? 'F' : '.'}${i % 2 === 0 ? '.' : 'F'}`);
    return { ...r, cases: r.cases.map((c, k) => (k < 9 ? { ...c, latency: { samples: 1, p50: ms, p95: ms, p99: ms, max: ms } } : c)) };
  });
  const f = deriveFigures(records, { store: 'h.jsonl', target: records[0]!.run.target, window: 30 });
  const md = renderMarkdown(withHistory(f));
  expect(md).toContain('`op/j` — failing since 2026-11-12 (1 run)');
  expect(md).toContain('`op/k` — failing since 2026-11-12 (1 run), verdict changed 11 of 11 times');
  const out = renderConsole(withHistory(f));
  expect(out.indexOf(' op/j: ')).toBeLessThan(out.indexOf(' op/a: '));
});

test('flipping cases come most often first: after one outage night, the cases that flip night after night are named before those that flipped once', () => {
  // Every case failed on night 3 (an outage); op/f and op/g flip every night besides.
  const records = Array.from({ length: 8 }, (_, i) => night(i + 1, i === 2 ? 'FFFFFFF' : `.....${i % 2 === 0 ? '.F' : 'F.'}`));
  const f = deriveFigures(records, { store: 'h.jsonl', target: records[0]!.run.target, window: 30 });
  const out = renderConsole(withHistory(f));
  const named = [...out.matchAll(/ (op\/[a-g]): /g)].map((m) => m[1]);
  // Failing tonight first (op/f fails on night 8), then the flipping ones most often first (op/g), then the run's order.
  expect(named.slice(0, 3)).toEqual(['op/f', 'op/g', 'op/a']);
});

test('two runs on one day: summary.md and the HTML date each run by its UTC time too, as `history` does, so they are not one night twice', () => {
  const rerun = (startedAt: string) => ({ ...night(1, 'FF'), run: { ...night(1, 'FF').run, startedAt, finishedAt: startedAt } });
  const twice = deriveFigures([night(1, '.F'), rerun('2026-11-01T02:00:30.000Z'), rerun('2026-11-01T14:30:00.000Z')], { store: 'h', target: night(1, '').run.target, window: 30 });
  const md = renderMarkdown(withHistory(twice));
  expect(md).toContain('| run (UTC) | pass rate | p95 |');
  expect(md).toContain('| 2026-11-01 14:30:00 (this run) | 0 % (0/2) |');
  expect(md).toContain('| 2026-11-01 02:00:30 | 0 % (0/2) |');
  expect(md).toContain('| 2026-11-01 02:00:00 | 50 % (1/2) |');
  expect(md).toMatch(/`op\/a` — failing since 2026-11-01 02:00:30 \(2 runs\)/);
  const html = renderHtml(withHistory(twice));
  const section = html.slice(html.indexOf('<section class="history"'));
  expect(section).toContain('2026-11-01 02:00:30: 0 % (0 of 2)');
  expect(section).toContain('2026-11-01 14:30:00 (this run)');
  expect(section).toContain('<td class="nowrap">2026-11-01 02:00:30 (2 runs)</td>');
  // One run a day: dates only, as before.
  const nightly = renderMarkdown(withHistory(deriveFigures([night(1, '.F'), night(2, 'FF')], { store: 'h', target: night(1, '').run.target, window: 30 })));
  expect(nightly).toContain('| night | pass rate | p95 |');
  expect(nightly).toContain('| 2026-11-02 (this run) |');
});

// "7 runs … and 1 night not run (last 7 shown; all 8 in conformance.html)" read as a run gone missing: the nights not run are rows too.
test('summary.md: a capped history table counts its rows, a night not run among them, under a headline counting runs and nights apart', () => {
  const stopped = stoppedRecordOf({ target: night(1, '').run.target, mode: 'live', specSha256: 'a'.repeat(64), suiteVersion: '0.2.0', startedAt: '2026-11-05T02:00:00.000Z', finishedAt: '2026-11-05T02:00:00.000Z' }, 'target unreachable', 3);
  const records = [1, 2, 3, 4, 6, 7, 8, 9].map((n) => night(n, '.F'));
  const withGap = deriveFigures([...records.slice(0, 4), stopped, ...records.slice(4)], { store: 'h', target: night(1, '').run.target, window: 30 });
  const head = renderMarkdown(withHistory(withGap)).split('\n').find((line) => line.startsWith('**History**'));
  expect(head).toMatch(/8 runs of .* and 1 night not run .*\(the newest 7 of 9 rows shown, each night not run a row of its own; all in conformance\.html\)$/);
  const plain = renderMarkdown(withHistory(deriveFigures(records, { store: 'h', target: night(1, '').run.target, window: 30 }))).split('\n').find((line) => line.startsWith('**History**'));
  expect(plain).toMatch(/\(the newest 7 of 8 rows shown; all in conformance\.html\)$/);
});

test('summary.md: a strip longer than a code span keeps its newest verdicts (tonight\'s), the oldest cut', () => {
  // --history-window 90: op/a passed 89 nights, failed tonight.
  const records = Array.from({ length: 90 }, (_, n) => night(1, n === 89 ? 'F' : '.')).map((r, n) => ({ ...r, run: { ...r.run, startedAt: new Date(Date.UTC(2026, 0, 1 + n, 2)).toISOString() } }));
  const md = renderMarkdown(withHistory(deriveFigures(records, { store: 'h', target: records[0]!.run.target, window: 90 })));
  expect(md).toContain(`- \`…${'.'.repeat(59)}F\` \`op/a\` — failing since 2026-03-31 (1 run)`);
});

describe('the HTML strip tells a case absent from a judged run from a night not run, as the text views do', () => {
  /** Case b absent on night 3 (a judged run without it), night 2 not run at all. */
  function gapFigures(): HistoryFigures {
    const stopped = stoppedRecordOf({ ...night(2, '').run }, 'target unreachable', 3);
    return deriveFigures([night(1, '..'), stopped, night(3, '.-'), night(4, '..')], { store: 'h.jsonl', target: night(1, '').run.target, window: 30 });
  }

  test('each cell is classed and titled by its kind: absent, or not run', () => {
    const html = historySection(gapFigures());
    const strips = svgFragments(html).map(parseSvg).filter((svg) => svg.attributes['class'] === 'chart' && byClass(svg, 'cell').length > 0);
    const caseB = strips[1]!;
    expect(byClass(caseB, 'cell').map((c) => c.attributes['class'])).toEqual(['cell cell-passed', 'cell cell-not-run', 'cell cell-absent', 'cell cell-passed']);
    expect(html).toContain('<title>2026-11-03: absent</title>');
    expect(html).not.toContain('<title>2026-11-03: not run</title>');
    // The night's label already says it was not run: the cell says so once.
    expect(html).toContain('<title>2026-11-02 (not run)</title>');
    expect(html).not.toContain('(not run): not run');
    const fills = byClass(caseB, 'cell').map((c) => c.attributes['fill']);
    expect(fills[1]).not.toBe(fills[2]);
  });

  test('a legend beside the strips says what each colour means, absent apart from not run', () => {
    const html = historySection(gapFigures());
    const legend = html.slice(html.indexOf('<p class="history-legend">'));
    expect(legend.slice(0, legend.indexOf('</p>'))).toMatch(/passed.*failed.*error.*flaky.*skipped.*absent \(not in that run\).*not run \(no verdict that night\)/s);
    const swatches = svgFragments(legend.slice(0, legend.indexOf('</p>'))).map(parseSvg);
    expect(swatches.flatMap((s) => byClass(s, 'cell').map((c) => c.attributes['class']))).toEqual(['cell cell-passed', 'cell cell-failed', 'cell cell-error', 'cell cell-flaky', 'cell cell-skipped', 'cell cell-absent', 'cell cell-not-run']);
  });

  test('no legend when the table has no case: it would explain strips that are not there', () => {
    const html = historySection({ ...gapFigures(), cases: [] });
    expect(html).toContain('<section class="history"');
    expect(html).not.toContain('history-legend');
  });
});

test('the HTML history table leaves the verdict changes of a case that never changed a dash, as the other reports say nothing', () => {
  // Seen in conformance.html: "0 of 10 (0 %)" beside a case failing every night, where the README
  // (and the console, summary.md and the history command) say nothing of a case that never changed.
  const records = Array.from({ length: 11 }, (_, i) => night(i + 1, `F.${i % 2 === 0 ? '.' : 'F'}`));
  const section = historySection(deriveFigures(records, { store: 'h.jsonl', target: records[0]!.run.target, window: 30 }));
  const cell = (id: string): string | undefined => new RegExp(`<tr><td><code>${id}</code></td>.*?<td class="num">(.*?)</td>`).exec(section)?.[1];
  expect(cell('op/a')).toBe('—');
  expect(cell('op/b')).toBe('—');
  expect(cell('op/c')).toBe('10 of 10 (100 %)');
  expect(section).not.toMatch(/>0 of \d+ \(/);
  // A case with one verdict (new to the window) has the dash as before.
  const first = historySection(deriveFigures([night(1, '.')], { store: 'h.jsonl', target: records[0]!.run.target, window: 30 }));
  expect(new RegExp('<tr><td><code>op/a</code></td>.*?<td class="num">(.*?)</td>').exec(first)?.[1]).toBe('—');
});
