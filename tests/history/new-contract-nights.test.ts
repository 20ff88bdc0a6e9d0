/**
 * A night judged under a contract (spec sha256 or suite version) that differs from the judged run
 * before it is marked "(new contract)" in every view of the history: the verdict changes across it are
 * not counted as the target's (derive-figures.ts flipsOf), and a reader of a strip must see why.
 */
import { deriveFigures } from '../../src/history/derive-figures';
import { renderHistoryMarkdown } from '../../src/history/history-markdown';
import { stoppedRecordOf, type HistoryRecord } from '../../src/history/history-record';
import { renderHistoryTerminal } from '../../src/history/history-terminal';
import type { ConformanceReport } from '../../src/model';
import { historySection } from '../../src/report/html-history';
import { historyLines } from '../../src/report/markdown-history';
import { renderJson } from '../../src/report/render-json';
import { reportSchemaError } from '../../src/report/report-schema';
import { mixedReport } from '../report/fixtures';
import { night, nightOf, TARGET } from './fixtures';

const MARK = '(new contract)';

const edited = (n: number, statuses: string): HistoryRecord => {
  const r = night(n, statuses);
  return { ...r, run: { ...r.run, specSha256: 'b'.repeat(64) } };
};
const upgraded = (n: number, statuses: string): HistoryRecord => {
  const r = edited(n, statuses);
  return { ...r, run: { ...r.run, suiteVersion: '0.3.0' } };
};
const stopped = (n: number): HistoryRecord =>
  stoppedRecordOf({ target: TARGET, mode: 'live', specSha256: 'c'.repeat(64), suiteVersion: '0.2.0', startedAt: nightOf(n), finishedAt: nightOf(n) }, 'target unreachable', 3);

/** Nights 1-2 under spec a, 3 under spec b, 4 not run (under yet another), 5 spec b again, 6 a suite upgrade. */
const STORE = [night(1, '.'), night(2, '.'), edited(3, 'F'), stopped(4), edited(5, 'F'), upgraded(6, '.')];

function figures(window = 10) {
  return deriveFigures(STORE, { store: 'h', target: TARGET, window });
}

test('a judged night whose spec or suite is not the judged run before it is marked; a night not run neither is nor breaks the comparison', () => {
  expect(figures().runs.map((r) => r.newContract === true)).toEqual([false, false, true, false, false, true]);
});

test("the window's first night is marked when the run before it, outside the window, was judged under another contract", () => {
  // Window 3: nights 3, 5 and 6 (and the gap of night 4); night 3's predecessor, night 2, is outside it.
  expect(figures(3).runs.map((r) => [r.startedAt, r.newContract === true])).toEqual([[nightOf(3), true], [nightOf(4), false], [nightOf(5), false], [nightOf(6), true]]);
  // The store's first night has none before it: nothing to mark.
  expect(deriveFigures([edited(1, '.')], { store: 'h', target: TARGET, window: 3 }).runs[0]?.newContract).toBeUndefined();
});

/** The rows of `text` that start with night n (a terminal's line or a table's row; not the headline's span). */
const linesOf = (text: string, n: number): string[] => text.split('\n').filter((line) => /^(?: {2}|\| )\d/.test(line) && line.includes(nightOf(n).slice(0, 10)));

test('`history` marks the row of each such night, and says once what the mark means', () => {
  const out = renderHistoryTerminal(figures());
  for (const n of [3, 6]) expect(linesOf(out, n)[0]).toMatch(/ {2}\(new contract\)$/);
  for (const n of [1, 2, 4, 5]) expect(linesOf(out, n).join('\n')).not.toContain(MARK);
  expect(out.split('\n').filter((line) => line.includes(MARK))).toHaveLength(3);
  expect(out).toContain(`  ${MARK}: the spec (sha256), suite version or case data changed since the run before it; a verdict change across it is not counted`);
});

test('`history --format md` marks the night cell of each such night, and says once what the mark means', () => {
  const out = renderHistoryMarkdown(figures());
  for (const n of [3, 6]) expect(linesOf(out, n)[0]).toMatch(/^\| 2026-11-0\d \(new contract\) \|/);
  for (const n of [1, 2, 4, 5]) expect(linesOf(out, n).join('\n')).not.toContain(MARK);
  expect(out).toContain(`${MARK}: the spec (sha256), suite version or case data changed since the run before it; a verdict change across it is not counted`);
});

test('the HTML labels each such night in its charts and names them in a line; summary.md marks its row', () => {
  const html = historySection(figures());
  expect(html).toContain(`<p class="history-new-contract">${MARK}: 2026-11-03, 2026-11-06: the spec (sha256), suite version or case data changed since the run before it; a verdict change across it is not counted</p>`);
  expect(html).toContain(`<title>2026-11-03 ${MARK}:`);
  expect(html).toContain(`<title>2026-11-06 ${MARK} (this run):`);
  expect(html).not.toContain(`<title>2026-11-05 ${MARK}`);
  const md = historyLines(figures()).join('\n');
  expect(linesOf(md, 6)[0]).toMatch(/^\| 2026-11-06 \(new contract\) \(this run\) \|/);
  expect(linesOf(md, 5).join('\n')).not.toContain(MARK);
});

test('conformance.json carries the mark as history.runs[].newContract, which the report schema knows', () => {
  const json = JSON.parse(renderJson({ ...mixedReport(), history: figures() })) as ConformanceReport;
  expect(json.history?.runs.map((r) => r.newContract ?? false)).toEqual([false, false, true, false, false, true]);
  expect(reportSchemaError(json)).toBeUndefined();
  expect(reportSchemaError({ ...json, history: { ...json.history!, runs: json.history!.runs.map((r) => ({ ...r, newContract: false })) } })).toMatch(/^\/history\/runs\/0\/newContract must be equal to constant/);
});

/** A night under the shipped spec and suite whose case data had the digest `c` repeated (runInfo.casesSha256). */
const withCases = (n: number, statuses: string, c: string): HistoryRecord => {
  const r = night(n, statuses);
  return { ...r, run: { ...r.run, casesSha256: c.repeat(64) } };
};

test('same spec and suite version, other case data (a case gained a step under its old id): the night is a new contract, and its verdict change no flip', () => {
  const store = [withCases(1, '.', 'd'), withCases(2, '.', 'd'), withCases(3, 'F', 'e'), withCases(4, 'F', 'e')];
  const derived = deriveFigures(store, { store: 'h', target: TARGET, window: 10 });
  expect(derived.runs.map((r) => r.newContract === true)).toEqual([false, false, true, false]);
  // The pass to fail across nights 2-3 is the cases' change, not the target's.
  expect(derived.cases[0]).toMatchObject({ flips: 0, compared: 2 });
  expect(renderHistoryTerminal(derived)).toContain(`  ${MARK}: the spec (sha256), suite version or case data changed since the run before it`);
});

test('a record without the case data digest (from before it) next to one with it is not a new contract: the missing digest is unknown, so equal', () => {
  // The first night of a suite that writes the digest, after a store of nights without it: nothing changed but the record.
  const store = [night(1, '.'), night(2, 'F'), withCases(3, '.', 'd'), withCases(4, 'F', 'd'), night(5, '.')];
  const derived = deriveFigures(store, { store: 'h', target: TARGET, window: 10 });
  expect(derived.runs.map((r) => r.newContract === true)).toEqual([false, false, false, false, false]);
  expect(derived.cases[0]).toMatchObject({ flips: 4, compared: 4 });
  // Unknown is no licence for the rest: a spec edit beside a missing digest is still a new contract.
  const edit = withCases(2, '.', 'd');
  expect(deriveFigures([night(1, '.'), { ...edit, run: { ...edit.run, specSha256: 'b'.repeat(64) } }], { store: 'h', target: TARGET, window: 10 }).runs[1]?.newContract).toBe(true);
});

test('a record without the case data digest between two that differ does not join them: the later is still a new contract, and the verdict change across no flip', () => {
  // The night between was written by a build of the same version without the digest (unknown). Compared
  // pairwise, d = unknown and unknown = e let the change d → e through unmarked, its fail counted as a flip.
  const store = [withCases(1, '.', 'd'), night(2, '.'), withCases(3, 'F', 'e')];
  const derived = deriveFigures(store, { store: 'h', target: TARGET, window: 10 });
  expect(derived.runs.map((r) => r.newContract === true)).toEqual([false, false, true]);
  expect(derived.cases[0]).toMatchObject({ flips: 0, compared: 1 });
  // The night without it is taken as the known one before it: d, unknown, d is one contract throughout.
  const same = deriveFigures([withCases(1, '.', 'd'), night(2, '.'), withCases(3, 'F', 'd')], { store: 'h', target: TARGET, window: 10 });
  expect(same.runs.map((r) => r.newContract === true)).toEqual([false, false, false]);
  expect(same.cases[0]).toMatchObject({ flips: 1, compared: 2 });
  // Only across one spec and suite: after a spec edit the digest before it is not carried on.
  const edit = (r: HistoryRecord): HistoryRecord => ({ ...r, run: { ...r.run, specSha256: 'b'.repeat(64) } });
  const across = deriveFigures([withCases(1, '.', 'd'), edit(night(2, '.')), edit(withCases(3, 'F', 'e'))], { store: 'h', target: TARGET, window: 10 });
  expect(across.runs.map((r) => r.newContract === true)).toEqual([false, true, false]);
  // Outside the window too: the known digest is the one before the window's first night.
  const windowed = deriveFigures([withCases(1, '.', 'd'), night(2, '.'), withCases(3, 'F', 'e')], { store: 'h', target: TARGET, window: 2 });
  expect(windowed.runs.map((r) => r.newContract === true)).toEqual([false, true]);
  expect(windowed.cases[0]).toMatchObject({ flips: 0, compared: 0 });
});

/** A night under the shipped spec and suite version judged by build `b` repeated (runInfo.suiteBuild). */
const byBuild = (n: number, statuses: string, b: string): HistoryRecord => {
  const r = night(n, statuses);
  return { ...r, run: { ...r.run, suiteBuild: b.repeat(12) } };
};

/**
 * A build changes with every commit (a comment, a refactor): a nightly whose suite is rebuilt from
 * the day's commit is of a new build every night. Were each a new contract, no pair would be
 * compared: no flip counted, --fail-on-flaky-rate blind, every night marked. The version (a
 * release) and the case data (casesSha256) are what reset the comparison; the build is recorded.
 */
test('same version, another build every night (a suite rebuilt from each day\'s commit): no new contract, the flips counted and the flaky gate still sees them', () => {
  const store = [byBuild(1, '.', 'a'), byBuild(2, 'F', 'b'), byBuild(3, '.', 'c'), byBuild(4, 'F', 'd'), byBuild(5, '.', 'e')];
  const derived = deriveFigures(store, { store: 'h', target: TARGET, window: 10, flakyLimit: 0.3 });
  expect(derived.runs.map((r) => r.newContract === true)).toEqual([false, false, false, false, false]);
  expect(derived.cases[0]).toMatchObject({ flips: 4, compared: 4 });
  expect(derived.flakyRate?.over.map((c) => c.id)).toEqual([derived.cases[0]?.id]);
  expect(renderHistoryTerminal(derived)).not.toContain(MARK);
});

const BUILD_LEGEND = "(new build …): judged by a new build of the suite, of the same version as the run before it (the suite was rebuilt); a verdict change across it may be the suite's, and is still counted";

/** Nights 1-2 of build a, 3-4 of build b, 5 of a build unknown (a dist without the id), 6 of c, 7 a release (another version) of d. */
const REBUILT = (): HistoryRecord[] => {
  const released = byBuild(7, '.', 'd');
  return [byBuild(1, '.', 'a'), byBuild(2, '.', 'a'), byBuild(3, 'F', 'b'), byBuild(4, '.', 'b'), night(5, '.'), byBuild(6, 'F', 'c'), { ...released, run: { ...released.run, suiteVersion: '0.3.0' } }];
};

test("the night the build changed is marked with its build, under one contract: the verdict changes across it still compared; a build unknown on either side is not, and a release is a new contract only", () => {
  const derived = deriveFigures(REBUILT(), { store: 'h', target: TARGET, window: 10 });
  expect(derived.runs.map((r) => r.newBuild ?? null)).toEqual([null, null, 'b'.repeat(12), null, null, null, null]);
  expect(derived.runs.map((r) => r.newContract === true)).toEqual([false, false, false, false, false, false, true]);
  // 1-6 one contract: . . F . . F, three changes in five pairs; the release's pair is not compared.
  expect(derived.cases[0]).toMatchObject({ flips: 3, compared: 5 });
  // The window's first night is marked when the night before it, outside the window, was of another build.
  expect(deriveFigures(REBUILT().slice(0, 3), { store: 'h', target: TARGET, window: 1 }).runs.map((r) => r.newBuild)).toEqual(['b'.repeat(12)]);
});

test('every view of the history marks the night of a new build and says once what the mark means; conformance.json carries it as history.runs[].newBuild', () => {
  const derived = deriveFigures(REBUILT(), { store: 'h', target: TARGET, window: 10 });
  const mark = `(new build ${'b'.repeat(12)})`;
  const terminal = renderHistoryTerminal(derived);
  expect(linesOf(terminal, 3)[0]).toMatch(new RegExp(` {2}\\(new build b{12}\\)$`));
  for (const n of [1, 2, 4, 5, 6]) expect(linesOf(terminal, n).join('\n')).not.toContain('(new build');
  expect(terminal).toContain(`  ${BUILD_LEGEND}`);
  const md = renderHistoryMarkdown(derived);
  expect(linesOf(md, 3)[0]).toMatch(/^\| 2026-11-03 \(new build b{12}\) \|/);
  expect(md).toContain(BUILD_LEGEND);
  const html = historySection(derived);
  expect(html).toContain(`<title>2026-11-03 ${mark}:`);
  // A class of its own: the build's line is not the new contract's.
  expect(html).toContain(`<p class="history-new-build">(new build …): 2026-11-03: judged by a new build`);
  const summary = historyLines(derived).join('\n');
  expect(linesOf(summary, 3)[0]).toMatch(/^\| 2026-11-03 \(new build b{12}\) \|/);
  expect(summary).toContain(BUILD_LEGEND);
  const json = JSON.parse(renderJson({ ...mixedReport(), history: derived })) as ConformanceReport;
  expect(json.history?.runs.map((r) => r.newBuild ?? null)).toEqual([null, null, 'b'.repeat(12), null, null, null, null]);
  expect(reportSchemaError(json)).toBeUndefined();
  expect(reportSchemaError({ ...json, history: { ...json.history!, runs: json.history!.runs.map((r) => ({ ...r, newBuild: '<b>' })) } })).toMatch(/^\/history\/runs\/0\/newBuild must match pattern/);
});
