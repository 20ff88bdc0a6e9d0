/** The coverage section in every output, from a fixed report: figures, the --min-coverage verdict (check coverage), the window. */
import type { ConformanceReport } from '../../src/model';
import { accumulateCoverage } from '../../src/coverage/accumulate-coverage';
import { aggregateCoverage } from '../../src/coverage/aggregate-coverage';
import { renderConsole } from '../../src/report/render-console';
import { renderHtml } from '../../src/report/render-html';
import { renderJunit } from '../../src/report/render-junit';
import { totalsLine, windowSentence } from '../../src/report/coverage-text';
import { renderMarkdown } from '../../src/report/render-markdown';
import { validateReport } from '../../src/report/report-schema';
import { renderJson } from '../../src/report/render-json';
import { fixedResults, subjects } from '../coverage/fixtures';
import { mixedReport } from './fixtures';

function withCoverage(rules: Parameters<typeof aggregateCoverage>[2] = [], earlier?: unknown[]): ConformanceReport {
  const report = mixedReport();
  report.coverage = aggregateCoverage(subjects, fixedResults, rules);
  if (earlier !== undefined) report.coverage.window = accumulateCoverage(report.coverage, earlier);
  report.results[0] = { ...report.results[0]!, coverage: fixedResults[0]!.coverage! };
  return report;
}

const earlierRun = { operations: [{ operationId: 'getWhatsAppSyncStatus', statuses: { seen: ['401'] } }] };

test('conformance.json: the coverage key and a case\'s observations pass the report schema; a wrong shape does not', () => {
  const report = withCoverage([{ key: 'statuses', min: 100 }], [earlierRun]);
  const written = JSON.parse(renderJson(report)) as ConformanceReport;
  expect(validateReport(written).coverage?.totals.statuses).toEqual({ seen: 4, total: 8, percent: 50 });
  const bad = JSON.parse(renderJson(report)) as { coverage: { totals: { enums: { percent: number } } } };
  bad.coverage.totals.enums.percent = 101;
  expect(() => validateReport(bad)).toThrow(/\/coverage\/totals\/enums\/percent must be <= 100/);
  const stray = JSON.parse(renderJson(report)) as { results: { coverage: { enums: Record<string, unknown> }[] }[] };
  stray.results[0]!.coverage[0]!.enums['200 sync.status'] = [1];
  expect(() => validateReport(stray)).toThrow(/coverage\/0\/enums/);
});

test('console and summary.md: the four totals; with an unmet rule, check coverage named on a line of its own', () => {
  const met = withCoverage([{ key: 'statuses', min: 50 }]);
  expect(renderConsole(met)).toContain('coverage: statuses 4/8 (50%), errors 1/7 (14.2%), enums 5/14 (35.7%), optional 1/30 (3.3%)\n');
  expect(renderConsole(met)).not.toContain('check coverage failed');
  const unmet = withCoverage([{ key: 'statuses', min: 100 }, { key: 'enums', min: 30 }]);
  expect(renderConsole(unmet)).toContain('FAILED check coverage failed: statuses 50% < 100% (--min-coverage)\n');
  const markdown = renderMarkdown(unmet);
  expect(markdown.split('\n')[0]).toContain('check coverage failed: statuses 50% \\< 100%');
  expect(markdown).toContain('- Coverage: statuses 4/8 (50%), errors 1/7 (14.2%), enums 5/14 (35.7%), optional 1/30 (3.3%) — **check coverage failed');
  expect(renderMarkdown(mixedReport())).not.toContain('Coverage');
});

test('the window: "over N runs, never seen: …" in console, summary.md and HTML', () => {
  const report = withCoverage([], [earlierRun, earlierRun]);
  expect(renderConsole(report)).toContain('  over 3 runs, never seen: sync.status: pending_verification; sync.status: pending_registration; sync.status: disconnected;');
  expect(renderMarkdown(report)).toContain('over 3 runs, never seen: sync.status: pending\\_verification;');
  const html = renderHtml(report);
  expect(html).toContain('<th class="num">over 3 runs</th>');
  expect(html).toContain('sync.history.status: not_requested');
  expect(html).toContain('getWhatsAppSyncStatus: status 404;');
});

test('the window names ten never seen, an eleventh too (never "and 1 more"), and counts two or more past ten', () => {
  const window = (n: number) => ({ operations: [], enums: [], totals: withCoverage([]).coverage!.totals, window: { runs: 3, totals: withCoverage([]).coverage!.totals, neverSeen: Array.from({ length: n }, (_, i) => `v${i}`) } });
  expect(windowSentence(window(11))).toBe('over 3 runs, never seen: v0; v1; v2; v3; v4; v5; v6; v7; v8; v9; v10');
  expect(windowSentence(window(12))).toBe('over 3 runs, never seen: v0; v1; v2; v3; v4; v5; v6; v7; v8; v9 (and 2 more)');
});

test('HTML: a Coverage section per operation, seen values marked, unseen muted, outside values counted; the failure in the banner', () => {
  const html = renderHtml(withCoverage([{ key: 'statuses', min: 100 }]));
  const section = html.slice(html.indexOf('<section class="coverage" id="coverage">'), html.indexOf('</section>', html.indexOf('<section class="coverage" id="coverage">')));
  expect(section).toContain('<h2>Coverage</h2>');
  expect(section).toContain('<span class="good">✓ 200</span> <span class="good">✓ 400</span> <span class="muted">✗ 401</span>');
  expect(section).toContain('<code>sync.status</code> (200)</td><td><span class="muted">✗ pending_verification</span> <span class="muted">✗ pending_registration</span> <span class="good">✓ active</span>');
  expect(section).toContain('<span class="bad">3 outside the enum</span>');
  expect(section).toContain('<span class="bad">unmet: ≥ 100%</span>');
  expect(html.slice(0, html.indexOf('</header>'))).toContain('<p class="bad">check coverage failed: statuses 50% &lt; 100% (--min-coverage)</p>');
  expect(renderHtml(mixedReport())).not.toContain('class="coverage"');
});

test('junit.xml: with rules, one test case for check coverage — a failure when unmet, counted in the totals', () => {
  const unmet = renderJunit(withCoverage([{ key: 'statuses', min: 100 }]));
  expect(unmet).toContain('<testsuite name="coverage" tests="1" failures="1"');
  expect(unmet).toContain('<failure message="check coverage failed: statuses 50% &lt; 100% (--min-coverage)" type="coverage">');
  // Its text adds the run's totals, so the CI page shows every figure, not only the unmet one.
  const report = withCoverage([{ key: 'statuses', min: 100 }]);
  expect(unmet).toContain(`type="coverage">check coverage failed: statuses 50% &lt; 100% (--min-coverage)\n${totalsLine(report.coverage!.totals)}</failure>`);
  expect(totalsLine(report.coverage!.totals)).toContain('statuses 4/8');
  const plain = renderJunit(mixedReport());
  const rootCount = (xml: string) => Number(/<testsuites [^>]*tests="(\d+)" failures="(\d+)"/.exec(xml)?.slice(1, 3).join('.'));
  expect(rootCount(unmet)).toBeCloseTo(rootCount(plain) + 1.1, 5);
  expect(renderJunit(withCoverage([{ key: 'statuses', min: 50 }]))).toMatch(/<testcase classname="coverage" name="coverage: --min-coverage statuses&gt;=50" time="0"\/>/);
  expect(plain).not.toContain('name="coverage"');
});

test('a conformant run whose coverage gate is unmet (exit 1): summary.md and the HTML banner say the gate failed, not CONFORMANT', () => {
  const unmet = withCoverage([{ key: 'statuses', min: 100 }]);
  const conformant: ConformanceReport = { ...unmet, results: unmet.results.map((r) => ({ ...r, status: 'passed' as const, violations: [] })), summary: { ...unmet.summary, failed: 0, errors: 0, flaky: 0, passed: unmet.summary.total - unmet.summary.skipped } };
  expect(renderMarkdown(conformant).split('\n')[0]).toMatch(/^### Zavu conformance: GATE FAILED — no contract violation — .*check coverage failed: statuses 50% \\< 100%/);
  const banner = renderHtml(conformant).slice(0, renderHtml(conformant).indexOf('</header>'));
  expect(banner).toContain('<header class="banner verdict-violations">');
  expect(banner).toContain('<h1>Zavu conformance: gate failed — no contract violation, but check coverage failed: statuses 50% &lt; 100% (--min-coverage)</h1>');
  // Met, the same run is conformant.
  const met = withCoverage([{ key: 'statuses', min: 50 }]);
  met.results = conformant.results;
  met.summary = conformant.summary;
  expect(renderMarkdown(met).split('\n')[0]).toMatch(/^### Zavu conformance: CONFORMANT/);
});
