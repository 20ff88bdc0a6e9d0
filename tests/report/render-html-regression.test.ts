import { renderHtml } from '../../src/report/render-html';
import { unseenSuccessNotes } from '../../src/report/regression-text';
import { NO_WRITES_REASON } from '../../src/model/result';
import { mixedReport, readId } from './fixtures';
import { AFTER_NIGHT_NOT_RUN, afterNightNotRun, certificate, regressionReport } from './regression-fixtures';

function section(html: string, className: string): string {
  const match = new RegExp(`<section class="${className}"[^>]*>[\\s\\S]*?</section>`).exec(html);
  return match?.[0] ?? '';
}

describe('renderHtml: latency, flaky, baseline and certificate', () => {
  const html = renderHtml(regressionReport());

  it('has none of the new sections for a report without the new parts', () => {
    const plain = renderHtml(mixedReport());
    for (const name of ['latency', 'flaky', 'baseline', 'certificate']) expect(plain).not.toContain(`<section class="${name}"`);
  });

  it('charts p50/p95/p99/max per case as inline SVG, with the budget line and over-budget bars marked', () => {
    const latency = section(html, 'latency');
    expect(latency).toContain('p50 35 ms · p95 610 ms · p99 610 ms · max 610 ms (9 exchanges)');
    // all exchanges, plus the three cases that ran; the skipped one has no latency
    expect(latency.match(/<svg class="latency-chart"/g)).toHaveLength(4);
    expect(latency).toContain('<code>getWhatsAppSyncStatus/wrong-key</code>');
    expect(latency).not.toContain('no-waba');
    expect(latency).toMatch(/<rect class="bar-p95 over" x="0" y="8" width="240" height="6"\/>/);
    expect(latency).toMatch(/<line class="budget" x1="196.7"/);
    expect(latency).toContain('<td class="num mismatch">610 ms</td>');
    expect(latency).not.toMatch(/<script|href=|src=/);
  });

  it('lists a flaky case apart from failures, with its outcomes and every attempt', () => {
    const flaky = section(html, 'flaky');
    expect(flaky).toContain('<h2>Flaky (1)</h2>');
    expect(flaky).toContain('Outcomes: <strong>passed ×2, failed ×1 (503)</strong>');
    expect(flaky.match(/<tr><td class="num">\d<\/td>/g)).toHaveLength(3);
    expect(flaky).toContain('<code>status-code-expected</code> <code>not-a-server-error</code>');
    expect(flaky).toContain('they fail the run unless --allow-flaky');
    expect(flaky).toContain('<article class="case status-flaky" id="case-getWhatsAppSyncStatus-wrong-key">');
    expect(html).toMatch(/<a href="#case-getWhatsAppSyncStatus-wrong-key"><code>wrong-key<\/code><\/a>/);
    expect(html).toMatch(/<h2>Failure details \(1\)<\/h2>/);
    // The list at the top names flaky cases too: unless allowed, they fail the run.
    expect(section(html, 'failure-list')).toContain('<h2>Failures (2)</h2>');
    expect(section(html, 'failure-list')).toContain('<a href="#case-getWhatsAppSyncStatus-wrong-key"><code>getWhatsAppSyncStatus/wrong-key</code></a> <span class="badge badge-flaky">flaky</span>');
    expect(renderHtml(regressionReport(), { allowFlaky: true })).toContain('allowed by --allow-flaky');
  });

  it('says the comparison with the baseline in the banner, linked to its section: a red banner over a green step says why at once', () => {
    const banner = /<header class="banner[\s\S]*?<\/header>/.exec(html)?.[0] ?? '';
    expect(banner).toContain('<p>Against the baseline: 2 new failures, 1 fixed, 1 newly skipped, 1 latency regression (<a href="#baseline">the cases below</a>)</p>');
    expect(html).toContain('<section class="baseline" id="baseline">');
    expect(renderHtml(mixedReport())).not.toContain('Against the baseline');
  });

  it('says, with --history, in the banner and the Baseline section, that the baseline is older than last night when the nights since it were not run', () => {
    const page = renderHtml(afterNightNotRun());
    expect(page).toContain(`<p>Against the baseline (${AFTER_NIGHT_NOT_RUN}): 2 new failures, 1 fixed, 1 newly skipped, 1 latency regression (<a href="#baseline">the cases below</a>)</p>`);
    expect(section(page, 'baseline')).toContain(`(https://api.zavu.example, ${AFTER_NIGHT_NOT_RUN})`);
  });

  it('links the banner to the baseline\'s cases only when its section lists some: "(the cases below)" over a night with nothing changed named none', () => {
    const base = regressionReport();
    const quiet = { ...base, baseline: { ...base.baseline!, newFailures: [], fixed: [], newlySkipped: [], latencyRegressions: [], stillFailing: [] } };
    const banner = (report: typeof base): string => /<header class="banner[\s\S]*?<\/header>/.exec(renderHtml(report))?.[0] ?? '';
    expect(banner(quiet)).toContain('<p>Against the baseline: 0 new failures, 0 fixed</p>');
    // The section lists the cases still failing: the link stays for them.
    const known = { ...quiet, baseline: { ...quiet.baseline, stillFailing: ['getWhatsAppSyncStatus/wrong-key'] } };
    expect(banner(known)).toContain('1 still failing (<a href="#baseline">the cases below</a>)</p>');
  });

  it('shows the baseline comparison with new failures first', () => {
    const baseline = section(html, 'baseline');
    expect(baseline).toContain('<strong>2 new failures, 1 fixed, 1 newly skipped, 1 latency regression</strong>');
    expect(baseline).toContain('nightly/2025-01-01/conformance.json');
    const order = ['New failures (2)', 'Fixed (1)', 'Newly skipped (1)', 'Latency regressions (1)'].map((t) => baseline.indexOf(t));
    expect(order.every((i) => i > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(baseline).toContain('+205 %');
    // Which run the baseline is (a night without a verdict leaves an older one), and why a new failure may not be a regression.
    expect(baseline).toContain('(https://api.zavu.example, its run started 2025-01-01 03:00:00 UTC)');
    expect(baseline).toContain('<code>getWhatsAppSyncStatus/wrong-key</code></a> <span class="muted">(flaky in this run)</span></li>');
    // With --allow-flaky a flaky new failure (a fault the baseline did not show) still fails the run, and says why.
    const page = renderHtml(regressionReport(), { allowFlaky: true });
    const allowed = section(page, 'baseline');
    expect(allowed).toContain('<strong>2 new failures (1 of them flaky in this run, with a new fault: not allowed by --allow-flaky), 1 fixed, 1 newly skipped, 1 latency regression</strong>');
    expect(allowed).toContain('<span class="muted">(flaky in this run, with a new fault: not allowed by --allow-flaky)</span></li>');
    expect(page).toContain('<h1>Zavu conformance: not conformant — 1 failed case (1 fault), 1 flaky case with a new fault (not allowed by --allow-flaky); 1 case skipped</h1>');
    expect(section(page, 'failure-list')).toContain('<span class="badge badge-flaky">flaky</span> <span class="bad">with a new fault (one the baseline did not show), not allowed by --allow-flaky</span>');
    expect(section(page, 'flaky')).toContain('<p>The verdict differed between repeats; allowed by --allow-flaky, but for 1 with a new fault against the baseline, which fails the run.</p>');
    expect(section(page, 'flaky')).toContain('<p class="bad">Flaky with a new fault (one the baseline did not show), not allowed by --allow-flaky: it fails the run</p>');
  });

  it('lists the cases missing from this run and those not in the baseline, and says how a renamed case shows', () => {
    const renamed = regressionReport();
    renamed.baseline = { ...renamed.baseline!, missing: [readId('no-waba')], added: [readId('no-waba-account')] };
    const baseline = section(renderHtml(renamed), 'baseline');
    expect(baseline).toContain('<h3>Missing from this run (1)</h3>\n<ul><li><code>getWhatsAppSyncStatus/no-waba</code></li></ul>');
    expect(baseline).toContain('<h3>Not in the baseline (1)</h3>\n<ul><li><code>getWhatsAppSyncStatus/no-waba-account</code></li></ul>');
    expect(baseline).toContain('a renamed case shows as one missing and one not in the baseline');
  });

  it('shows the certificate level, then per operation its level and one row per family it has cases of', () => {
    const certificate = section(html, 'certificate');
    expect(certificate).toContain('<h2>Certificate: <span class="badge level-failed">FAILED</span></h2>');
    expect(certificate).toContain('1 family certified, 1 failed (authentication), 1 not tested, each case skipped (no-waba), 4 not applicable (start-sync, not-coexistence, not-found, negative-inputs), 1 case skipped over 2 operations.');
    expect(certificate).toContain('<tr class="operation"><th colspan="6"><code>GET /v1/senders/{senderId}/whatsapp-sync</code> <span class="muted">getWhatsAppSyncStatus</span> <span class="badge level-failed">FAILED</span>');
    expect(certificate).toContain('<span class="muted">startWhatsAppHistorySync</span> <span class="badge level-partial">PARTIAL</span>');
    const rows = [...certificate.matchAll(/<tr><td><code>([a-z-]+)<\/code>/g)].map((m) => m[1]);
    expect(rows).toEqual(['coexistence', 'no-waba', 'authentication']);
    expect(certificate).toContain('<tr><td><code>authentication</code> missing and wrong credentials get 401</td><td><span class="badge cert-failed">failed</span></td>');
  });

  it('calls a family every case of which was skipped "not tested" in its row, as the line above it does: not "not-applicable" beneath "not tested"', () => {
    const certificate = section(html, 'certificate');
    // no-waba: certificate.json's verdict not-applicable, with its skipped case (the style kept, the words the line's).
    expect(certificate).toMatch(/<tr><td><code>no-waba<\/code>[^<]*<\/td><td><span class="badge cert-not-applicable">not tested<\/span><\/td><td class="num">0<\/td><td class="num">0<\/td><td class="num">0<\/td><td class="num">1<\/td><\/tr>/);
    expect(certificate).not.toContain('>not-applicable</span>');
  });

  it('says skipped cases never certify only where one was skipped', () => {
    const line = 'Skipped cases never certify: they make the level partial.';
    expect(section(html, 'certificate')).toContain(line);
    const none = regressionReport();
    none.certificate = { ...certificate, operations: certificate.operations.map((op) => ({ ...op, families: op.families.map((f) => ({ ...f, skipped: 0 })) })) };
    expect(section(renderHtml(none), 'certificate')).not.toContain(line);
  });

  it('says why an operation is PARTIAL for a success never seen, as the console and summary.md do: escaped and bounded', () => {
    // Without a success never seen, no note.
    expect(section(html, 'certificate')).not.toContain('never seen');
    const unseen = regressionReport();
    const hostile = `ZAVU_SENDER_COEXISTENCE is <b>snd_\u001b[31m${'x'.repeat(5000)}</b>`;
    const skipped = unseen.results.map((r) => ({ ...r, status: 'skipped' as const, expectedStatus: 200, skipReason: hostile }));
    unseen.results = skipped;
    unseen.certificate = { ...certificate, operations: [{ ...certificate.operations[0]!, level: 'partial', unseenSuccess: ['200'] }, { ...certificate.operations[1]!, unseenSuccess: ['202'] }] };
    const notes = unseenSuccessNotes(unseen.certificate, unseen.results);
    expect(notes).toHaveLength(2);
    const page = section(renderHtml(unseen), 'certificate');
    const items = [...page.matchAll(/<ul class="certificate-notes">((?:<li>[^<]*<\/li>)+)<\/ul>/g)].map((m) => m[1]);
    expect(items).toHaveLength(1);
    expect(items[0]).toMatch(/^<li>200 never seen: the cases of getWhatsAppSyncStatus expecting a success were skipped \(getWhatsAppSyncStatus\/[^:]+: ZAVU_SENDER_COEXISTENCE is &lt;b&gt;snd_\\u001b\[31mx+… \(\d+ chars\);/);
    expect(items[0]).toContain('</li><li>202 never seen: every request of startWhatsAppHistorySync was rightly refused by the state read before it');
    expect(page).not.toContain('\u001b');
    expect(page).not.toContain('<b>');
    // Each skip reason is cut by the note, and each note by the page: 5000 x's in, not 1200 characters out.
    for (const note of items[0]!.split('</li><li>')) expect(note.length).toBeLessThan(1200);
  });

  it('says a certificate is PARTIAL by design when every skip is a write-safety one, as the console and summary.md do', () => {
    const partial = regressionReport();
    partial.certificate = { ...partial.certificate!, level: 'partial' };
    partial.results = partial.results.map((r) => (r.status === 'skipped' ? { ...r, skipReason: 'writes go only to ZAVU_SENDER_SYNCABLE (this case would write to snd_a)' } : r));
    const notes = (page: string): string[] => [...section(page, 'certificate').matchAll(/<ul class="certificate-notes">((?:<li>[^<]*<\/li>)+)<\/ul>/g)].map((m) => m[1]!);
    expect(notes(renderHtml(partial))).toEqual([expect.stringMatching(/^<li>partial by design: .* so a live run certifies no more; against a mock server, --mock-target runs them<\/li>$/)]);
    partial.results = partial.results.map((r) => (r.status === 'skipped' ? { ...r, skipReason: NO_WRITES_REASON } : r));
    expect(notes(renderHtml(partial))).toEqual(['<li>partial because the skipped cases write, which a run against a live target does only with --allow-writes (against a mock server, --allow-writes --mock-target runs them all)</li>']);
    // Another skip (a fixture not set) is the reader's to fix: no such sentence.
    partial.results = partial.results.map((r) => (r.status === 'skipped' ? { ...r, skipReason: 'ZAVU_SENDER_NO_WABA is not set' } : r));
    expect(section(renderHtml(partial), 'certificate')).not.toMatch(/by design|partial because/);
  });

  it('marks an optional family, and says when baseline ids were mapped', () => {
    const withOptional = regressionReport();
    withOptional.certificate = { ...certificate, operations: [{ ...certificate.operations[0]!, families: [certificate.families.at(-1)!] }] };
    withOptional.baseline = { ...withOptional.baseline!, mappedLegacyIds: 1 };
    const page = renderHtml(withOptional);
    expect(section(page, 'certificate')).toContain('<code>negative-inputs</code> <span class="muted">(optional)</span>');
    expect(section(page, 'baseline')).toContain('<p class="muted">1 case id of the baseline predates operation ids and was matched to this run&#39;s operations by operation label.</p>');
    expect(section(html, 'baseline')).not.toContain('predate');
  });

  it('judges the banner with the same options as the exit code, and counts flaky cases', () => {
    expect(html).toContain('4 cases: 1 passed · 1 failed · 1 flaky · 1 skipped');
    expect(html).toContain('<dt>repeat</dt><dd>each case 3 times</dd>');
    expect(html).toContain('<dt>latency budget</dt><dd>p95 ≤ 500 ms</dd>');
  });
});
