/**
 * Known failures: with --baseline (not strict), a case failing in the baseline too does not fail the
 * run, so junit.xml skips it (a CI test tab must agree with the exit code) and the console,
 * summary.md and the HTML page name it with the same words; new failures stay failures.
 */
import type { BaselineDiff, CaseResult, ConformanceReport, HistoryFigures } from '../../src/model';
import { exitCodeOf } from '../../src/runner/assemble-report';
import { renderConsole } from '../../src/report/render-console';
import { renderHtml } from '../../src/report/render-html';
import { renderJunit } from '../../src/report/render-junit';
import { renderMarkdown } from '../../src/report/render-markdown';
import { summarize, type VerdictOptions } from '../../src/report/summarize';
import { errorResult, failedResult, readId, report, result, runInfo, sequenceResult } from './fixtures';
import { flakyResult } from './regression-fixtures';
import { undeclaredAttributes } from '../support/junit-xsd';

const NOTE = 'known failure (in baseline nightly/conformance.json, its run started 2025-01-01 03:00:00 UTC)';

function diff(overrides: Partial<BaselineDiff>): BaselineDiff {
  return { baseline: { file: 'nightly/conformance.json', startedAt: '2025-01-01T03:00:00.000Z', target: runInfo.target }, newFailures: [], fixed: [], stillFailing: [], newlySkipped: [], latencyRegressions: [], ...overrides };
}

/** `failedResult` failing last night too; `sequenceResult` a new failure. */
function withBaseline(results: CaseResult[], baseline: BaselineDiff): ConformanceReport {
  return { ...report(results), summary: summarize(results), baseline };
}

const known = withBaseline([failedResult, sequenceResult], diff({ stillFailing: [failedResult.id], newFailures: [sequenceResult.id] }));

/** History figures whose --fail-on-flaky-rate 0.3 gate is over for `ids` (4 flips in 12 runs each). */
function overFlakyRate(...ids: string[]): HistoryFigures {
  return {
    store: 'h.jsonl',
    target: runInfo.target,
    window: 30,
    runs: [{ startedAt: '2026-11-17T02:00:00.000Z', passRate: 1, passed: 1, judged: 1 }],
    cases: [],
    flakyRate: { limit: 0.3, over: ids.map((id) => ({ id, flips: 4, compared: 12, rate: 4 / 12 })) },
  };
}

/** The body of the <testcase> of `id` (its id within the operation opens its name). */
function testcaseOf(xml: string, id: string): string {
  const within = id.slice(id.indexOf('/') + 1);
  const match = new RegExp(`<testcase [^>]*name="${within.replace(/[[\]]/g, '\\$&')}: [^"]*"[^>]*>([\\s\\S]*?)</testcase>`).exec(xml);
  return match?.[1] ?? '';
}

describe('junit.xml with a baseline', () => {
  it('skips a known failure, saying so, with its violations and curl in <system-out>; a new failure stays a <failure>', () => {
    const xml = renderJunit(known);
    const body = testcaseOf(xml, failedResult.id);
    expect(body).toContain(`<skipped message="${NOTE}: Unexpected status code" type="known-failure"/>`);
    expect(body).toMatch(/<system-out>known failure \(in baseline [^\n]*\n[\s\S]*Received: 200 \/ Expected: 401 \(no credentials\)[\s\S]*Reproduce with:/);
    expect(body).not.toMatch(/<failure|<error/);
    expect(testcaseOf(xml, sequenceResult.id)).toMatch(/^\s*<failure message="Expected status 202, received 400 in step start"/);
    // Counted as a skip, not a failure: Jenkins marks no build unstable for it.
    expect(xml).toContain('<testsuites name="zavu-conformance" tests="2" failures="1" errors="0"');
    expect(xml).toMatch(/<testsuite name="getWhatsAppSyncStatus" tests="1" failures="0" errors="0" skipped="1"/);
    expect(undeclaredAttributes(xml)).toEqual([]);
  });

  it('with --baseline-strict every failure is a <failure>, known or not: the run fails on it', () => {
    const xml = renderJunit(known, { baselineStrict: true });
    expect(testcaseOf(xml, failedResult.id)).toMatch(/^\s*<failure /);
    expect(xml).not.toContain('known failure');
    // The two cases, and the strict baseline's latency test case (none rose: it passes).
    expect(xml).toContain('tests="3" failures="2" errors="0"');
  });

  it('keeps a case that could not be judged an <error> though the baseline could not judge it either: an error fails the run whatever the baseline says', () => {
    const xml = renderJunit(withBaseline([errorResult], diff({ stillFailing: [errorResult.id] })));
    expect(testcaseOf(xml, errorResult.id)).toMatch(/^\s*<error /);
  });

  it('skips a flaky case failing in the baseline too; with --allow-flaky it passes, as without a baseline', () => {
    const flaky = withBaseline([flakyResult], diff({ stillFailing: [flakyResult.id] }));
    expect(testcaseOf(renderJunit(flaky), flakyResult.id)).toContain('type="known-failure"');
    expect(testcaseOf(renderJunit(flaky, { allowFlaky: true }), flakyResult.id)).toMatch(/^\s*<system-out>flaky, allowed by --allow-flaky/);
  });

  it('keeps a flaky case with a new fault a <failure> under --allow-flaky, saying why the flag did not let it pass and what is new', () => {
    // Passing in the baseline, flaky tonight: every fault of its failing attempts is new.
    const fresh = withBaseline([flakyResult], diff({ newFailures: [flakyResult.id] }));
    const body = testcaseOf(renderJunit(fresh, { allowFlaky: true }), flakyResult.id);
    expect(body).toMatch(/^\s*<failure message="flaky with a new fault \(one the baseline did not show\), not allowed by --allow-flaky: Unexpected status code \(\+1 more\)" type="status-code-expected">/);
    expect(body).toContain('Outcomes: passed ×2, failed ×1 (503)');
    // Failing in the baseline too, with another fault: the change is said as well.
    const changed = withBaseline([flakyResult], diff({ newFailures: [flakyResult.id], changedFailures: [{ id: flakyResult.id, newFaults: [{ check: 'not-a-server-error', place: '' }] }] }));
    expect(testcaseOf(renderJunit(changed, { allowFlaky: true }), flakyResult.id)).toMatch(/^\s*<failure message="flaky with a new fault \(one the baseline did not show\), not allowed by --allow-flaky; still failing, and now also: not-a-server-error: Unexpected status code/);
    // The console, summary.md and the HTML page name it among what fails the run.
    expect(renderConsole(fresh, { allowFlaky: true })).toMatch(/\nfailing \(each above\): getWhatsAppSyncStatus\/wrong-key \(flaky\)/);
    expect(renderMarkdown(fresh, { allowFlaky: true })).toContain('flaky with a new fault (one the baseline did not show), not allowed by --allow-flaky — passed ×2');
    expect(renderHtml(fresh, { allowFlaky: true })).toContain('<span class="bad">with a new fault (one the baseline did not show), not allowed by --allow-flaky</span>');
  });

  it('says on the console\'s, summary.md\'s and the HTML Failures list\'s line of a flaky case --allow-flaky lets pass that it does not fail the run, as junit.xml does: a green run listed it under Failures as one that failed it', () => {
    const ALLOWED = 'allowed by --allow-flaky: it does not fail the run';
    for (const r of [withBaseline([flakyResult], diff({ stillFailing: [flakyResult.id] })), report([flakyResult])]) {
      expect(renderMarkdown(r, { allowFlaky: true })).toContain(`\`${flakyResult.id}\` — flaky, ${ALLOWED} — passed ×2`);
      expect(renderConsole(r, { allowFlaky: true })).toContain(`${ALLOWED}\n`);
      expect(/<section class="failure-list">[\s\S]*?<\/section>/.exec(renderHtml(r, { allowFlaky: true }))?.[0]).toContain(`<span class="muted">${ALLOWED}</span>`);
      expect(renderHtml(r)).not.toContain(ALLOWED);
      // Without the flag it fails the run, and says nothing of the kind.
      expect(renderMarkdown(r)).not.toContain(ALLOWED);
      expect(renderConsole(r)).not.toContain(ALLOWED);
    }
    // Not allowed (a new fault): the line says why, not that it passes.
    const fresh = withBaseline([flakyResult], diff({ newFailures: [flakyResult.id] }));
    expect(renderMarkdown(fresh, { allowFlaky: true })).not.toContain(ALLOWED);
    expect(renderConsole(fresh, { allowFlaky: true })).not.toContain(ALLOWED);
  });

  it('does not say "it does not fail the run" of an allowed flaky case that --fail-on-flaky-rate fails the run for: the gate line named it as failing the run', () => {
    const ALLOWED = 'allowed by --allow-flaky: it does not fail the run';
    const OVER = 'allowed by --allow-flaky, but flaky across runs above --fail-on-flaky-rate 0.3: it fails the run';
    const history = overFlakyRate(flakyResult.id);
    const r = { ...report([flakyResult]), history };
    const list = /<section class="failure-list">[\s\S]*?<\/section>/.exec(renderHtml(r, { allowFlaky: true }))?.[0] ?? '';
    for (const text of [renderMarkdown(r, { allowFlaky: true }), renderConsole(r, { allowFlaky: true }), list]) {
      expect(text).not.toContain(ALLOWED);
      expect(text).toContain(OVER);
    }
    // Nor its article under "Flaky", whose heading said of every flaky case "they do not fail the run".
    const flakySection = /<section class="flaky">[\s\S]*?<\/section>/.exec(renderHtml(r, { allowFlaky: true }))?.[0] ?? '';
    expect(flakySection).not.toContain('they do not fail the run');
    expect(flakySection).toContain('allowed by --allow-flaky, but for 1 flaky across runs above --fail-on-flaky-rate 0.3, which fails the run');
    expect(flakySection).toContain(`<p class="bad">Flaky, ${OVER}</p>`);
    // Under the limit (none over), the flag's words as before.
    const under = { ...r, history: { ...history, flakyRate: { limit: 0.3, over: [] } } };
    expect(renderMarkdown(under, { allowFlaky: true })).toContain(ALLOWED);
    expect(renderHtml(under, { allowFlaky: true })).toContain('allowed by --allow-flaky: they do not fail the run');
  });

  // A known failure that flipped across the history's runs: the gate fails the run naming it, and its article said "it does not fail the run".
  it('a known failure the --fail-on-flaky-rate gate fails the run for: its HTML articles say so, not "it does not fail the run"', () => {
    const history = overFlakyRate(failedResult.id, flakyResult.id);
    const over = { ...withBaseline([failedResult, flakyResult], diff({ stillFailing: [failedResult.id, flakyResult.id] })), history };
    const html = renderHtml(over);
    const details = /<section class="failure-details">[\s\S]*?<\/section>/.exec(html)?.[0] ?? '';
    const flaky = /<section class="flaky">[\s\S]*?<\/section>/.exec(html)?.[0] ?? '';
    const SAID = `<p class="known">${NOTE}, but flaky across runs above --fail-on-flaky-rate 0.3: it fails the run</p>`;
    for (const article of [details, flaky]) {
      expect(article).toContain(SAID);
      expect(article).not.toContain('it does not fail the run');
    }
    // Under the limit, as before.
    expect(renderHtml({ ...over, history: { ...history, flakyRate: { limit: 0.3, over: [] } } })).toContain(`<p class="known">${NOTE}: it does not fail the run (--baseline-strict would)</p>`);
  });

  // Its article said "it fails the run" while the Failures list above it, the console and summary.md still named it with the bare note every tolerated known failure has.
  it('a known failure the --fail-on-flaky-rate gate fails the run for: the console, summary.md and the HTML Failures list say so too', () => {
    const history = overFlakyRate(failedResult.id);
    const over = { ...withBaseline([failedResult], diff({ stillFailing: [failedResult.id] })), history };
    const SAID = `${NOTE}, but flaky across runs above --fail-on-flaky-rate 0.3: it fails the run`;
    const list = /<section class="failure-list">[\s\S]*?<\/section>/.exec(renderHtml(over))?.[0] ?? '';
    expect(list).toContain(`<span class="known">${SAID}</span>`);
    expect(renderConsole(over)).toContain(`${failedResult.id} (expected 401, received 200) — ${SAID}\n`);
    expect(renderMarkdown(over)).toContain(`- \`${failedResult.id}\` — ${SAID} — `);
    // Under the limit, the bare note, as before.
    const under = { ...over, history: { ...history, flakyRate: { limit: 0.3, over: [] } } };
    expect(renderConsole(under)).toContain(`— ${NOTE}\n`);
    expect(renderMarkdown(under)).toContain(`- \`${failedResult.id}\` — ${NOTE} — `);
    expect(renderHtml(under)).toContain(`<span class="known">${NOTE}</span>`);
  });

  it('says so in the flaky case\'s own article under "Flaky", as in the Failures list that links there; not when --allow-flaky lets it pass', () => {
    const flaky = withBaseline([flakyResult], diff({ stillFailing: [flakyResult.id] }));
    const article = (html: string): string => /<section class="flaky">[\s\S]*?<\/section>/.exec(html)?.[0] ?? '';
    const html = renderHtml(flaky);
    expect(/<section class="failure-list">[\s\S]*?<\/section>/.exec(html)?.[0]).toContain(NOTE);
    expect(article(html)).toContain(`<p class="known">${NOTE}: it does not fail the run (--baseline-strict would)</p>`);
    expect(article(renderHtml(flaky, { allowFlaky: true }))).not.toContain('known failure');
    expect(article(renderHtml(flaky, { baselineStrict: true }))).not.toContain('known failure');
  });

  it('agrees with the exit code: red (a failure or an error) exactly when the run exits 1', () => {
    const reports = [
      known,
      withBaseline([failedResult], diff({ stillFailing: [failedResult.id] })),
      withBaseline([failedResult, flakyResult], diff({ stillFailing: [failedResult.id], newFailures: [flakyResult.id] })),
      withBaseline([errorResult, failedResult], diff({ stillFailing: [errorResult.id, failedResult.id] })),
      withBaseline([flakyResult], diff({ stillFailing: [flakyResult.id] })),
      // Flaky tonight with a fault the baseline did not show: --allow-flaky does not let it pass.
      withBaseline([flakyResult], diff({ newFailures: [flakyResult.id] })),
      withBaseline([failedResult, flakyResult], diff({ newFailures: [flakyResult.id], stillFailing: [failedResult.id], changedFailures: [{ id: flakyResult.id, newFaults: [{ check: 'not-a-server-error', place: '' }] }] })),
      // Every case passed, but a p95 rose: --baseline-strict fails the run on it.
      withBaseline([result()], diff({ latencyRegressions: [{ id: result().id, baselineP95: 20, p95: 90 }] })),
    ];
    for (const r of reports) {
      for (const options of [{}, { allowFlaky: true }, { baselineStrict: true }, { allowFlaky: true, baselineStrict: true }] as VerdictOptions[]) {
        const xml = renderJunit(r, options);
        const [, failures, errors] = /<testsuites [^>]*failures="(\d+)" errors="(\d+)"/.exec(xml) ?? [];
        const red = Number(failures) + Number(errors) > 0;
        const exit = exitCodeOf(r, { allowFlaky: options.allowFlaky === true, baseline: { file: 'nightly/conformance.json', strict: options.baselineStrict === true } });
        expect({ ids: r.results.map((x) => x.id), options, red }).toEqual({ ids: r.results.map((x) => x.id), options, red: exit === 1 });
      }
    }
  });
});

describe('junit.xml with --baseline-strict: latency regressions', () => {
  const regressed = withBaseline([result()], diff({ latencyRegressions: [{ id: result().id, baselineP95: 20, p95: 90 }] }));

  it('fail a test case of their own, naming each case and its p95 before and after, so a run red on them alone says why', () => {
    const xml = renderJunit(regressed, { baselineStrict: true });
    expect(xml).toContain('<testsuites name="zavu-conformance" tests="2" failures="1" errors="0"');
    expect(xml).toContain('<testsuite name="baseline-latency" tests="1" failures="1" errors="0" skipped="0" time="0"');
    expect(xml).toContain(`<failure message="1 latency regression against the baseline nightly/conformance.json" type="baseline-latency">1 latency regression against the baseline nightly/conformance.json\n${result().id}: p95 20 ms → 90 ms</failure>`);
    expect(undeclaredAttributes(xml)).toEqual([]);
  });

  it('pass it when there are none, and leave it out without --baseline-strict, where they do not fail the run', () => {
    expect(renderJunit(withBaseline([result()], diff({})), { baselineStrict: true })).toMatch(/<testcase classname="baseline-latency" name="[^"]*" time="0"\/>/);
    expect(renderJunit(regressed)).not.toContain('baseline-latency');
  });
});

describe('the other reports name a known failure as junit.xml does', () => {
  it('console: KNOWN FAILURE, with the note; the new failure stays FAILED', () => {
    const out = renderConsole(known);
    expect(out).toContain(`KNOWN FAILURE ${failedResult.id} (expected 401, received 200) — ${NOTE}`);
    expect(out).toContain(`FAILED ${sequenceResult.id} (`);
    expect(renderConsole(known, { baselineStrict: true })).not.toContain('KNOWN FAILURE');
  });

  it('summary.md: the Failures list says it after the id, on each of its lines', () => {
    const md = renderMarkdown(known);
    expect(md).toContain(`- \`${failedResult.id}\` — ${NOTE} — \`status-code-expected\` — Received: 200 / Expected: 401 (no credentials)`);
    expect(md).toMatch(new RegExp(`- \`${sequenceResult.id.replace(/[[\]/]/g, '\\$&')}\` — \`status-code-expected\``));
    expect(renderMarkdown(known, { baselineStrict: true })).not.toContain('known failure');
  });

  it('conformance.html: the Failures list says it beside the badge, and its detail section under its status', () => {
    const html = renderHtml(known);
    expect(html).toContain(`<span class="known">${NOTE}</span>`);
    expect(renderHtml(known, { baselineStrict: true })).not.toContain('<span class="known">');
    // The section a CI link lands on says it too; the new failure's does not.
    const details = html.slice(html.indexOf('<section class="failure-details">')).split('</section>')[0] ?? '';
    const section = (id: string): string => details.split('<article ').find((article) => article.includes(`<code>${id}</code>`)) ?? '';
    expect(section(failedResult.id)).toContain(`<p class="known">${NOTE}: it does not fail the run (--baseline-strict would)</p>`);
    expect(section(sequenceResult.id)).not.toContain('class="known"');
    expect(renderHtml(known, { baselineStrict: true })).not.toContain('<p class="known">');
  });

  it('without a baseline no case is known', () => {
    const plain = report([failedResult]);
    expect(renderJunit(plain)).toMatch(/<failure /);
    expect(renderConsole(plain)).not.toContain('KNOWN');
    expect(readId('unauthenticated')).toBe(failedResult.id);
  });
});

describe('junit.xml: a case failing in the baseline too, with a fault it did not have', () => {
  it('is a <failure> whose message and text say first what is new', () => {
    const changed = withBaseline([failedResult], diff({ newFailures: [failedResult.id], changedFailures: [{ id: failedResult.id, newFaults: [{ check: 'not-a-server-error', place: '' }] }] }));
    const body = testcaseOf(renderJunit(changed), failedResult.id);
    expect(body).toMatch(/^\s*<failure message="still failing, and now also: not-a-server-error: Unexpected status code" type="[^"]*">still failing, and now also: not-a-server-error\n/);
    // A case not among them reads as it did.
    expect(testcaseOf(renderJunit(withBaseline([failedResult], diff({ newFailures: [failedResult.id] }))), failedResult.id)).toMatch(/^\s*<failure message="Unexpected status code"/);
  });
});
