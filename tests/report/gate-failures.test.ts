/**
 * A conformant run that a gate other than the cases fails (exit 1): --baseline-strict's latency
 * regressions, --fail-on-flaky-rate. Night 18 of a nightly month exited 1 on 26 latency
 * regressions under --baseline-strict while summary.md's heading read CONFORMANT and the console
 * never said what failed; night 15 exited 1 on --fail-on-flaky-rate under the same heading.
 */
import type { BaselineDiff, ConformanceReport, HistoryFigures } from '../../src/model';
import { gateFailures } from '../../src/report/gate-failures';
import { renderConsole } from '../../src/report/render-console';
import { renderHtml } from '../../src/report/render-html';
import { renderMarkdown } from '../../src/report/render-markdown';
import { report, result } from './fixtures';

const conformant = (): ConformanceReport => report([result({ id: 'getWhatsAppSyncStatus/a' }), result({ id: 'getWhatsAppSyncStatus/b' })]);

const slower: BaselineDiff = {
  baseline: { file: 'last/conformance.json', startedAt: '2026-11-17T02:00:00.000Z', target: 'https://staging.example' },
  newFailures: [],
  fixed: [],
  stillFailing: [],
  newlySkipped: [],
  latencyRegressions: [{ id: 'getWhatsAppSyncStatus/a', baselineP95: 5, p95: 36 }, { id: 'getWhatsAppSyncStatus/b', baselineP95: 4, p95: 35 }],
};

const flaky: HistoryFigures = {
  store: 'h.jsonl',
  target: 'https://staging.example',
  window: 30,
  runs: [{ startedAt: '2026-11-17T02:00:00.000Z', passRate: 1, passed: 2, judged: 2 }],
  cases: [],
  flakyRate: { limit: 0.3, over: [{ id: 'getWhatsAppSyncStatus/a', flips: 4, compared: 12, rate: 4 / 12 }] },
};

const heading = (r: ConformanceReport, strict = false): string => renderMarkdown(r, { baselineStrict: strict }).split('\n')[0] ?? '';
const banner = (r: ConformanceReport, strict = false): string => { const html = renderHtml(r, { baselineStrict: strict }); return html.slice(0, html.indexOf('</header>')); };

test('--baseline-strict with latency regressions: the heading, the banner and the console say the gate failed, not CONFORMANT', () => {
  const r = { ...conformant(), baseline: slower };
  expect(gateFailures(r, { baselineStrict: true })).toEqual(['2 latency regressions against the baseline (--baseline-strict)']);
  expect(heading(r, true)).toBe('### Zavu conformance: GATE FAILED — no contract violation — 2 latency regressions against the baseline (--baseline-strict)');
  expect(banner(r, true)).toContain('<h1>Zavu conformance: gate failed — no contract violation, but 2 latency regressions against the baseline (--baseline-strict)</h1>');
  expect(renderConsole(r, { baselineStrict: true })).toContain('FAILED 2 latency regressions against the baseline (--baseline-strict)');
  // Without the strict switch they fail nothing: conformant, and said so.
  expect(gateFailures(r, {})).toEqual([]);
  expect(heading(r)).toMatch(/^### Zavu conformance: CONFORMANT/);
});

test('--fail-on-flaky-rate over its limit: the heading and the banner say the gate failed, not CONFORMANT', () => {
  const r = { ...conformant(), history: flaky };
  expect(gateFailures(r, {})).toEqual(['1 case flaky across runs above --fail-on-flaky-rate 0.3']);
  expect(heading(r)).toBe('### Zavu conformance: GATE FAILED — no contract violation — 1 case flaky across runs above --fail-on-flaky-rate 0.3');
  expect(banner(r)).toContain('gate failed — no contract violation, but 1 case flaky across runs above --fail-on-flaky-rate 0.3');
  expect(heading({ ...r, history: { ...flaky, flakyRate: { limit: 0.3, over: [] } } })).toMatch(/^### Zavu conformance: CONFORMANT/);
});

test('a run that fails by its cases as well: the banner names each gate it failed, as the heading of summary.md does', () => {
  // Its heading says NOT CONFORMANT either way; what else failed the run is said beside it on every
  // page: the banner said the coverage gate only, summary.md every gate.
  const r = { ...report([result({ id: 'getWhatsAppSyncStatus/a', status: 'failed', violations: [] }), result({ id: 'getWhatsAppSyncStatus/b' })]), history: flaky, baseline: slower };
  expect(heading(r, true)).toContain(' — 2 latency regressions against the baseline (--baseline-strict) — 1 case flaky across runs above --fail-on-flaky-rate 0.3');
  expect(banner(r, true)).toContain('<p class="bad">1 case flaky across runs above --fail-on-flaky-rate 0.3</p>');
  expect(banner(r, true)).toContain('<p class="bad">2 latency regressions against the baseline (--baseline-strict)</p>');
});
