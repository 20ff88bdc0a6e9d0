/**
 * A target lost mid-run is said once: conformance.json keeps it (`targetLost`, checked by the
 * schema and against the results), every renderer puts it first and shows each case it cut short
 * on one line, and a merge of shards carries it, its count recomputed over the merged results.
 */
import { TARGET_LOST_NOTE, type CaseResult } from '../../src/model/result';
import { assembleReport } from '../../src/runner/assemble-report';
import { renderConsole } from '../../src/report/render-console';
import { renderMarkdown } from '../../src/report/render-markdown';
import { renderHtml } from '../../src/report/render-html';
import { renderJunit } from '../../src/report/render-junit';
import { renderJson } from '../../src/report/render-json';
import { validateReport } from '../../src/report/report-schema';
import { assertConsistent } from '../../src/report/report-consistency';
import { mergeReports } from '../../src/shard/merge-reports';
import { targetLostFor, targetLostHeadline } from '../../src/report/target-lost';
import { clone, failedResult, readId, result, runInfo } from './fixtures';
import { diffBaseline } from '../../src/baseline/baseline-diff';
import { baselineHeadline, newFailureNotes } from '../../src/report/regression-text';
import { deriveFigures } from '../../src/history/derive-figures';
import { night } from '../history/fixtures';
import { regressionReport } from './regression-fixtures';

const WHY = 'http://127.0.0.1:9 stopped answering mid-run: the last 5 requests in a row got no answer (the last: connection-refused, ECONNREFUSED) after it had answered earlier ones, so nothing more was sent (did a request crash it? The first request left unanswered since its last answer: GET /v1/senders/%/whatsapp-sync, exchange getWhatsAppSyncStatus/negative-inputs#31)';
const AT = 'GET /v1/senders/%/whatsapp-sync, exchange getWhatsAppSyncStatus/negative-inputs#31';

/** A case the loss cut short: a sequence whose first step was never sent, with the curl it would have sent. */
function cut(name: string): CaseResult {
  return result({
    id: readId(name),
    scenario: name,
    family: 'coexistence',
    status: 'error',
    durationMs: 0,
    errorMessage: `step read-before: ${TARGET_LOST_NOTE}`,
    steps: [
      { id: 'read-before', operationId: 'getWhatsAppSyncStatus', operation: 'GET /v1/senders/{senderId}/whatsapp-sync', status: 'error', durationMs: 0, curl: `curl 'http://127.0.0.1:9/v1/senders/${name}/whatsapp-sync'` },
      { id: 'start', operationId: 'getWhatsAppSyncStatus', operation: 'GET /v1/senders/{senderId}/whatsapp-sync', status: 'skipped', durationMs: 0 },
    ],
    curl: `curl 'http://127.0.0.1:9/v1/senders/${name}/whatsapp-sync'`,
  });
}

const results = [result(), failedResult, cut('a'), cut('b'), cut('c')];
const lost = assembleReport(runInfo, results, { allowFlaky: false, targetLost: { why: WHY, at: AT } });

test('conformance.json: targetLost says where, why and how many cases it left unjudged; the schema and the results agree with it', () => {
  expect(lost.targetLost).toEqual({ at: AT, why: WHY, notJudged: 3, firstCase: readId('a') });
  const json = JSON.parse(renderJson(lost)) as unknown;
  expect(validateReport(json).targetLost).toEqual(lost.targetLost);
  expect(() => assertConsistent(lost)).not.toThrow();
  // A headline that miscounts the cases below it is a bug, never a file.
  expect(() => assertConsistent({ ...lost, targetLost: { at: AT, why: WHY, notJudged: 2, firstCase: readId('a') } })).toThrow(/\/targetLost says 2 cases not judged \(first .*\), the results 3/);
  expect(() => validateReport({ ...clone(lost), targetLost: { why: WHY, notJudged: 3, extra: true } })).toThrow(/\/targetLost must NOT have additional properties \("extra"\)/);
  expect(() => validateReport({ ...clone(lost), targetLost: { notJudged: 3 } })).toThrow(/\/targetLost must have required property 'why'/);
  // No loss, no field.
  expect(assembleReport(runInfo, results, { allowFlaky: false }).targetLost).toBeUndefined();
});

test('console: the loss first, once; each case it cut short one line (no steps, no curl never sent)', () => {
  const text = renderConsole(lost);
  expect(text.startsWith(`TARGET LOST: the target was lost at ${AT}; 3 cases after it not judged (each below on one line)\n  ${WHY}\n`)).toBe(true);
  expect(text.match(/stopped answering mid-run/g)).toHaveLength(1);
  for (const name of ['a', 'b', 'c']) expect(text).toContain(`    ERROR ${readId(name)}: not sent, target lost (see the top)\n`);
  expect(text).not.toContain('read-before');
  expect(text).not.toContain("/v1/senders/a/whatsapp-sync'");
});

test('summary.md, conformance.html and junit.xml: the headline once, at the top; each cut case one short line', () => {
  const md = renderMarkdown(lost);
  expect(md.match(/stopped answering mid-run/g)).toHaveLength(1);
  expect(md.indexOf('**Target lost**: the target was lost at')).toBeLessThan(md.indexOf('**Failures**'));
  expect(md).toContain(`- \`${readId('b')}\` — not judged — not sent, target lost (above)`);
  expect(md).not.toContain('read-before');
  const html = renderHtml(lost);
  expect(html.match(/stopped answering mid-run/g)).toHaveLength(1);
  expect(html.indexOf('<p class="target-lost"><strong>Target lost:</strong> the target was lost at')).toBeLessThan(html.indexOf('<ul>'));
  expect(html).toContain('<p>Not sent: the target was lost mid-run (see "Target lost" at the top)</p>');
  const junit = renderJunit(lost);
  expect(junit.match(/type="target-lost"/g)).toHaveLength(3);
  // Its error, short: the note (with the step it names) and the headline, not the steps list and the curl.
  expect(junit).not.toContain('Steps:');
  expect(junit).not.toContain("/v1/senders/a/whatsapp-sync'");
  expect(junit).toContain('the target was lost at GET /v1/senders/%/whatsapp-sync');
});

test('a merge of shards carries the loss, named by the shard that lost it, and recounts the cases it cut short', () => {
  const shard = (index: number, part: CaseResult[], loss: boolean) =>
    assembleReport({ ...runInfo, shard: `${index}/2` }, part, { allowFlaky: false, ...(loss ? { targetLost: { why: WHY, at: AT } } : {}) });
  const merged = mergeReports([shard(1, [result(), failedResult, cut('a')], false), shard(2, [cut('b'), cut('c')], true)]);
  expect(merged.targetLost).toEqual({ why: `shard 2/2: ${WHY}`, at: AT });
  const report = assembleReport(merged.runInfo, merged.results, { allowFlaky: false, ...(merged.targetLost !== undefined ? { targetLost: merged.targetLost } : {}) });
  expect(report.targetLost).toMatchObject({ notJudged: 3, firstCase: readId('a') });
  expect(() => assertConsistent(report)).not.toThrow();
  expect(mergeReports([shard(1, [result(), failedResult, cut('a')], false), shard(2, [cut('b'), cut('c')], false)]).targetLost).toBeUndefined();
});

test('a loss that cut no case short says so, and points to no one-line entries below', () => {
  // The negative property crashed the target in the run's last case: nothing after it went unjudged.
  const last = assembleReport(runInfo, [result(), failedResult], { allowFlaky: false, targetLost: { why: WHY, at: AT } });
  expect(last.targetLost).toEqual({ at: AT, why: WHY, notJudged: 0 });
  expect(renderConsole(last).startsWith(`TARGET LOST: the target was lost at ${AT}; no case after it was left unjudged\n`)).toBe(true);
  const md = renderMarkdown(last);
  expect(md).toContain('no case after it was left unjudged — ');
  expect(md).not.toContain('each on one line below');
  expect(renderHtml(last)).not.toContain('each on one line below');
});

describe('the target-lost headline, from the guard\'s loss', () => {
  it('counts one case cut short as one, and bounds a why read from disk', () => {
    expect(targetLostHeadline({ why: 'w', notJudged: 1, firstCase: 'a' })).toBe('the target was lost mid-run; 1 case after it not judged');
    expect(targetLostHeadline({ why: 'w', at: 'GET /x, exchange e', notJudged: 0 })).toBe('the target was lost at GET /x, exchange e; no case after it was left unjudged');
    const lost = targetLostFor({ runInfo, results: [] }, { why: 'x'.repeat(5000) });
    expect(lost?.why).toBe(`${'x'.repeat(1000)}…`);
  });
});

/** A failed negative-inputs property showing exchange `shown` of its own, whose curl asks for sender `id`. */
function crashedProperty(shown: string, id: string): ReturnType<typeof result> {
  return result({
    id: 'getWhatsAppSyncStatus/negative-inputs',
    scenario: 'negative-inputs',
    family: 'negative-inputs',
    status: 'failed',
    exchangeId: `getWhatsAppSyncStatus/negative-inputs${shown}`,
    curl: `curl 'http://127.0.0.1:9/v1/senders/${id}/whatsapp-sync'`,
  });
}

test('summary.md: the curl to reproduce is the request the target was lost at, not the first failure before it', () => {
  // A mock that crashed on a hostile id: the reviewer's first curl should bring it down again, not
  // show an unrelated status mismatch that came earlier in the run.
  const crashed = crashedProperty('#31', '%');
  const md = renderMarkdown(assembleReport(runInfo, [result(), failedResult, crashed, cut('a')], { allowFlaky: false, targetLost: { why: WHY, at: AT } }));
  expect(md).toContain("**Reproduce** `getWhatsAppSyncStatus/negative-inputs` (the request the target was lost at; every failure's curl is in conformance.html and junit.xml):\n```sh\ncurl 'http://127.0.0.1:9/v1/senders/%/whatsapp-sync'\n```");
  // Without the loss, the first failure's curl, as before.
  const kept = renderMarkdown(assembleReport(runInfo, [result(), failedResult, crashed], { allowFlaky: false }));
  expect(kept).toContain(`**Reproduce** \`${failedResult.id}\` (every failure's curl is in conformance.html and junit.xml):`);
});

test("summary.md: a property lost on one of its hostile ids shows its own curl, though the one it reports is another of its ids", () => {
  // A negative-inputs property reports one counterexample (#3 here) while the target went down on
  // another of its requests (#31): its case is still the one the target was lost in, not the
  // unrelated failure before it.
  const crashed = crashedProperty('#3', '%00');
  const md = renderMarkdown(assembleReport(runInfo, [result(), failedResult, crashed, cut('a')], { allowFlaky: false, targetLost: { why: WHY, at: AT } }));
  expect(md).toContain("**Reproduce** `getWhatsAppSyncStatus/negative-inputs` (the case the target was lost in; every failure's curl is in conformance.html and junit.xml):\n```sh\ncurl 'http://127.0.0.1:9/v1/senders/%00/whatsapp-sync'\n```");
  // A case whose id merely begins like it is not that case.
  const other = { ...crashed, id: 'getWhatsAppSyncStatus/negative', exchangeId: 'getWhatsAppSyncStatus/negative#1' };
  const unrelated = renderMarkdown(assembleReport(runInfo, [result(), failedResult, other, cut('a')], { allowFlaky: false, targetLost: { why: WHY, at: AT } }));
  expect(unrelated).toContain(`**Reproduce** \`${failedResult.id}\` (every failure's curl is in conformance.html and junit.xml):`);
});

test('against a baseline, the cases the loss cut short are counted apart among the new failures, and not said to have failed before', () => {
  // Seen on a nightly walk: a target that hung after 60 requests read "55 new failures", 53 of them
  // never sent, each "also failed on 3 of 12 earlier runs": the night read as a broad regression.
  const passedThen = [result(), result({ id: failedResult.id }), ...['a', 'b', 'c'].map((name) => result({ id: readId(name), scenario: name }))];
  const diff = diffBaseline(lost, assembleReport(runInfo, passedThen, { allowFlaky: false }), 'night-1/conformance.json');
  expect(diff.newFailures).toHaveLength(4);
  const report = { ...lost, baseline: diff };
  const headline = '4 new failures (3 of them not sent: the target was lost mid-run), 0 fixed';
  expect(baselineHeadline(diff, report.results)).toBe(headline);
  expect(renderConsole(report)).toContain(headline);
  expect(renderMarkdown(report)).toContain(headline);
  expect(renderHtml(report)).toContain(headline);
  // Each one's note says it was never sent, not that it flips between runs.
  const history = deriveFigures([night(1, '.F'), night(2, '..')].map((r) => ({ ...r, cases: r.cases.map((c, i) => ({ ...c, id: readId(['a', 'b'][i] ?? 'x') })) })), { store: 'h', target: runInfo.target, window: 30 });
  const notes = newFailureNotes(diff, report.results, history);
  expect(notes.get(readId('b'))).toBe('not sent, target lost: see the top');
  expect(notes.has(failedResult.id)).toBe(false);
});

test('against a baseline, the not-sent count and --allow-flaky\'s words share one parenthesis, and a night of only not-sent new failures says "none of them sent"', () => {
  // Two parentheses back to back read as two remarks on the count, the second on the first; and
  // "all not sent" reads as "not all sent".
  const base = regressionReport();
  const withCut = { ...base, results: [...base.results, cut('a')], baseline: { ...base.baseline!, newFailures: [...base.baseline!.newFailures, readId('a')] } };
  expect(baselineHeadline(withCut.baseline, withCut.results, true)).toBe('3 new failures (1 of them not sent: the target was lost mid-run; 1 of them flaky in this run, with a new fault: not allowed by --allow-flaky), 1 fixed, 1 newly skipped, 1 latency regression');
  expect(renderConsole(withCut, { allowFlaky: true })).toContain('3 new failures (1 of them not sent: the target was lost mid-run; 1 of them flaky');
  const onlyCut = { ...base.baseline!, newFailures: [readId('a'), readId('b')] };
  expect(baselineHeadline(onlyCut, [cut('a'), cut('b')])).toBe('2 new failures (none of them sent: the target was lost mid-run), 1 fixed, 1 newly skipped, 1 latency regression');
  expect(baselineHeadline({ ...onlyCut, newFailures: [readId('a')] }, [cut('a')])).toMatch(/^1 new failure \(not sent: the target was lost mid-run\), /);
});
