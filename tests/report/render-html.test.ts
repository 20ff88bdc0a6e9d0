import { renderHtml } from '../../src/report/render-html';
import { certificate } from './regression-fixtures';
import { curl, errorResult, failedResult, missingSyncProperties, mixedReport, readId, report, result, runInfo, sequenceResult, skippedResult, unsentStepResult, violation, warningViolation } from './fixtures';

function section(html: string, className: string): string {
  return new RegExp(`<section class="${className}">[\\s\\S]*?</section>`).exec(html)?.[0] ?? '';
}

const hostile = '<script>alert("x")</script>';

describe('renderHtml', () => {
  it('escapes every interpolated string, so a hostile body cannot inject markup', () => {
    const html = renderHtml(
      report(
        [
          { ...failedResult, id: `id ${hostile}`, description: hostile, curl: `curl '${hostile}'`, violations: [violation({ message: `Received: ${hostile} / Expected: x`, title: hostile, instancePath: `/${hostile}` })] },
          { ...skippedResult, skipReason: hostile },
          result({ violations: [warningViolation, violation({ severity: 'warning', check: hostile, message: hostile })] }),
        ],
        { ...runInfo, target: `https://x/"><img src=x onerror=alert(1)>${hostile}` },
      ),
    );
    expect(html).not.toMatch(/<script|<img/i);
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
  });

  it('renders control characters a hostile body put in a JSON pointer or a message as visible escapes, keeping line breaks', () => {
    const html = renderHtml(report([{ ...failedResult, violations: [violation({ instancePath: '/a\u001b[2Jb\u0085', message: 'line one\nline\u0007two' })] }]));
    expect(html).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
    expect(html).toContain('/a\\u001b[2Jb\\u0085');
    expect(html).toContain('line one\nline\\u0007two');
  });

  it('shows a newline or a tab in a JSON pointer (a received key) as an escape: a page folds them into a space, and "/sync/key\\none" would read "/sync/key one"', () => {
    const pointer = '/sync/key\none\ttwo';
    const warned = { ...warningViolation, instancePath: pointer };
    const html = renderHtml(report([{ ...failedResult, violations: [violation({ instancePath: pointer }), warned] }]));
    // Every place the page names it: the details, the warnings' list and digest, the failure digest.
    expect(html).not.toMatch(/key[\s]+one/);
    expect(html).toContain('/sync/key\\none\\ttwo');
  });

  it('renders bidi controls, zero-width characters and line separators a target sent as visible escapes (Trojan Source)', () => {
    const html = renderHtml(report([{ ...failedResult, violations: [violation({ instancePath: '/a\u202eb', message: 'Received: "\u2066x\u200by\u2028z" / Expected: x' })] }]));
    expect(html).not.toMatch(/[\u2028\u2029\p{Cf}]/u);
    expect(html).toContain('/a\\u202eb');
    expect(html).toContain('Received: &quot;\\u2066x\\u200by\\u2028z&quot;');
  });

  it('shows a failure with expected and received status, its violation message in a <pre>, and the curl under "Reproduce with:"', () => {
    const html = renderHtml(report([failedResult]));
    expect(html).toMatch(/Expected status <strong>401<\/strong>, received <strong>200<\/strong>/);
    expect(html).toContain('<code>status-code-expected</code>');
    expect(html).toContain('<pre>Received: 200 / Expected: 401 (no credentials)</pre>');
    const escapedCurl = curl.replace(/"/g, '&quot;').replace(/'/g, '&#39;');
    expect(html).toMatch(new RegExp(`Reproduce with:</h4>\\s*<pre>${escapedCurl.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}</pre>`));
    expect(html).toContain('$ZAVU_API_KEY');
  });

  it("shows a timeout after the head in the scenario table's status cell as what came, '200, then a timeout', marked as not the expected status", () => {
    const { receivedStatus: _dropped, ...stalled } = result({ status: 'failed', headStatus: 200, violations: [violation()] });
    expect(renderHtml(report([stalled]))).toContain('<span class="mismatch" title="timeout after the head">200, then a timeout</span>');
  });

  it('says a headline warning once, above what failed, and leaves it out of the run warnings below', () => {
    const down = { kind: 'upstream-down' as const, message: 'from GET /v1/senders/s1, exchange e1 on, the target answered 5 requests in a row or more with a gateway error' };
    const unasked = { kind: 'unasked-bytes' as const, message: 'the target sent bytes on an idle kept-alive connection' };
    const html = renderHtml({ ...report([failedResult]), runWarnings: [unasked, down] });
    expect(html.split(down.message)).toHaveLength(2);
    expect(html).toContain(`<p class="upstream-down"><strong>Upstream down?</strong> <span class="message">${down.message}</span></p>`);
    expect(html.indexOf('class="upstream-down"')).toBeLessThan(html.indexOf('class="run-warnings"'));
    expect(html.slice(html.indexOf('class="run-warnings"'))).toContain(`<li><code>unasked-bytes</code> ${unasked.message}</li>`);
  });

  it('shows each skip with its reason', () => {
    expect(renderHtml(report([skippedResult]))).toContain('Skipped: ZAVU_SENDER_NO_WABA is not set');
  });

  it('has a verdict banner with counts and the run info', () => {
    const html = renderHtml(mixedReport());
    expect(html).toMatch(/<header class="banner verdict-errors">\s*<h1>Zavu conformance: errors — 1 case could not be judged, 1 failed case \(1 fault\); 1 case skipped<\/h1>/);
    expect(html).toContain('4 cases: 1 passed · 1 failed · 1 skipped · 1 error · 1 warning');
    for (const value of [runInfo.target, runInfo.specSha256, runInfo.startedAt, runInfo.suiteVersion, 'live']) expect(html).toContain(value);
  });

  it("shows the case data's sha256 (runInfo.casesSha256) in the run info and the certificate's line beside the spec's; a report from before it, neither", () => {
    const digest = 'd'.repeat(64);
    const withCases = mixedReport();
    withCases.runInfo = { ...withCases.runInfo, casesSha256: digest };
    withCases.certificate = { ...certificate, casesSha256: digest };
    const html = renderHtml(withCases);
    expect(html).toContain(`<dt>spec sha256</dt><dd><code>${runInfo.specSha256}</code></dd><dt>cases sha256</dt><dd><code>${digest}</code></dd>`);
    expect(html).toContain(` · suite ${certificate.suiteVersion} · cases sha256 dddddddddddd… · `);
    const before = mixedReport();
    before.certificate = certificate;
    expect(renderHtml(before)).not.toContain('cases sha256');
  });

  it('shows the build of the suite (runInfo.suiteBuild) beside its version; a report without it, none', () => {
    const built = mixedReport();
    built.runInfo = { ...built.runInfo, suiteBuild: '0123456789ab' };
    expect(renderHtml(built)).toContain(`<dt>suite version</dt><dd>${runInfo.suiteVersion}</dd><dt>suite build</dt><dd><code>0123456789ab</code></dd>`);
    expect(renderHtml(mixedReport())).not.toContain('suite build');
  });

  // The row says why the write cases ran, naming --allow-writes only where it was given: the
  // embedded server takes every write without it, and a replay sends nothing.
  it('words the writes row as the run was: the flag, the embedded server, a mock, a replay of a write run', () => {
    const row = (info: Partial<typeof runInfo>): string => /<dt>writes<\/dt><dd>([^<]*)<\/dd>/.exec(renderHtml({ ...mixedReport(), runInfo: { ...runInfo, ...info } }))?.[1] ?? 'no row';
    expect(row({ allowWrites: true })).toBe('allowed against this target (--allow-writes)');
    expect(row({ allowWrites: true, mockTarget: true })).toBe('to every configured sender: the target was declared a mock (--allow-writes --mock-target)');
    expect(row({ allowWrites: true, target: 'embedded reference server' })).toBe('allowed: the embedded reference server&#39;s state is disposable, so its write cases are sent (--allow-writes or not)');
    // A report of an older suite: the embedded server's writes ran all the same, without the field.
    expect(row({ target: 'embedded reference server' })).toBe('allowed: the embedded reference server&#39;s state is disposable, so its write cases are sent (--allow-writes or not)');
    expect(row({ allowWrites: true, mode: 'replay', target: 'replay of https://api.zavu.example from rec/a.har' })).toBe('judged as recorded: the recordings are of a write run (a replay sends nothing)');
    expect(row({})).toBe('no row');
    expect(row({ mode: 'replay', target: 'replay of embedded reference server from rec/a.har' })).toBe('no row');
  });

  it("names the build that certified (certificate.suiteBuild) beside the suite's version in the certificate's line, as summary.md's run line does; a certificate without it, the version alone", () => {
    const built = mixedReport();
    built.certificate = { ...certificate, suiteBuild: '0123456789ab' };
    expect(renderHtml(built)).toContain(` · suite ${certificate.suiteVersion} build 0123456789ab · `);
    const before = mixedReport();
    before.certificate = certificate;
    expect(renderHtml(before)).toContain(` · suite ${certificate.suiteVersion} · `);
    expect(renderHtml(before)).not.toMatch(/ · suite \S+ build /);
  });

  it('lists warnings in their own lighter section, not among failures', () => {
    const html = renderHtml(report([result({ violations: [warningViolation] })]));
    expect(html).toMatch(/<section class="warnings">\s*<h2>Warnings \(1\)<\/h2>/);
    expect(html).not.toContain('Failures');
  });

  it('shows a repeated identical breach once in the details, with its count', () => {
    const details = section(renderHtml(report([{ ...failedResult, violations: [violation(), violation(), violation()] }])), 'failure-details');
    expect(details.match(/Received: &quot;syncing&quot;/g)).toHaveLength(1);
    expect(details).toContain('(×3)');
  });

  it('shows each missing required property in the details, not the first one with a count', () => {
    const details = section(renderHtml(report([{ ...failedResult, violations: missingSyncProperties }])), 'failure-details');
    for (const name of ['isCoexistence', 'status', 'history', 'contacts']) expect(details).toContain(`must have required property &#39;${name}&#39;</pre>`);
    expect(details).not.toContain('×');
  });

  it('words a right status with a wrong body as such, and gives no location for a breach that has none', () => {
    const html = renderHtml(report([{ ...failedResult, expectedStatus: 200, receivedStatus: 200 }]));
    expect(html).toContain('<p>Status <strong>200</strong> as expected</p>');
    expect(html).not.toContain('whole body');
    expect(html).not.toContain('<dt>instancePath</dt>');
  });

  it('shows the exchange only when it differs from the case id', () => {
    expect(renderHtml(report([{ ...failedResult, exchangeId: failedResult.id }]))).not.toContain('<dt>exchange</dt>');
    expect(renderHtml(report([{ ...failedResult, exchangeId: 'unauthenticated#2' }]))).toContain('<dt>exchange</dt><dd><code>unauthenticated#2</code></dd>');
  });

  it('is self-contained: inline style, no scripts, no external references', () => {
    const html = renderHtml(mixedReport());
    expect(html).toContain('<style>');
    expect(html).not.toMatch(/<script|<link|src=|https?:\/\/(?!api\.zavu\.example)/);
  });
});

describe('renderHtml: what failed, on the first screen', () => {
  const failing = { ...failedResult, id: readId('coexistence[snd_coex_active]'), expectedStatus: 200, receivedStatus: 200, violations: missingSyncProperties };
  const html = renderHtml({ ...report([result({ id: readId('passing') }), failing, skippedResult, errorResult]), certificate: certificate });

  it('lists the failed cases right under the banner, before run info, certificate and scenario table', () => {
    const positions = ['</header>', '<section class="failure-list">', '<h2>Run</h2>', '<section class="certificate">', '<h2>Scenarios</h2>', '<section class="failure-details">'].map((t) => html.indexOf(t));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  });

  it('names each failed case with its first error check and a one-line message, linked to its details', () => {
    const list = section(html, 'failure-list');
    expect(list).toContain('<h2>Failures (2)</h2>');
    expect(list).toContain(
      '<li><a href="#case-getWhatsAppSyncStatus-coexistence-snd_coex_active"><code>getWhatsAppSyncStatus/coexistence[snd_coex_active]</code></a> <span class="badge badge-failed">failed</span> ' +
        '<code>response-schema</code> <span class="message">Received: {} / Expected: must have required property &#39;isCoexistence&#39;</span> ' +
        '<span class="count">(+3 more violations)</span></li>',
    );
    expect(list).toContain('<a href="#case-getWhatsAppSyncStatus-not-found"><code>getWhatsAppSyncStatus/not-found</code></a> <span class="badge badge-error">error</span> <code>not judged</code> <span class="message">check response-schema crashed: boom</span>');
    expect(list).not.toContain('passing');
    expect(list).not.toContain('no-waba');
  });

  it('names a disclosure among the errors its line does not show', () => {
    const trace = violation({ check: 'internal-error-exposed', message: 'Received: at Object.handle (/app/server.js:12:3) / Expected: no stack trace' });
    const exposed = section(renderHtml(report([{ ...failing, violations: [...missingSyncProperties, trace] }])), 'failure-list');
    expect(exposed).toMatch(/\(\+\d+ more violations, incl\. <code>internal-error-exposed<\/code>\)<\/span><\/li>/);
    expect(section(html, 'failure-list')).not.toContain('incl.');
  });

  it('anchors details by case id, so links stay valid when cases are added or reordered', () => {
    expect(html).toContain('<article class="case status-failed" id="case-getWhatsAppSyncStatus-coexistence-snd_coex_active">');
    expect(html).toContain('<article class="case status-error" id="case-getWhatsAppSyncStatus-not-found">');
    const reordered = renderHtml(report([errorResult, failing]));
    expect(reordered).toContain('<article class="case status-failed" id="case-getWhatsAppSyncStatus-coexistence-snd_coex_active">');
    // The table sits under its operation's heading: it shows the id within the operation.
    expect(reordered).toContain('<a href="#case-getWhatsAppSyncStatus-coexistence-snd_coex_active"><code>coexistence[snd_coex_active]</code></a></td>');
  });

  it('right-aligns numeric headers like their numbers', () => {
    expect(section(html, 'certificate')).toContain('<th>family</th><th>verdict</th><th class="num">passed</th><th class="num">failed</th><th class="num">not judged</th><th class="num">skipped</th>');
    expect(html).toContain('<th class="num">expected</th><th class="num">received</th><th>status</th><th class="num">duration</th>');
    expect(html).toMatch(/th\.num, td\.num \{ text-align: right;/);
  });

  it('has no failure list when nothing failed, and counts in correct singular', () => {
    const clean = renderHtml(report([result()], { ...runInfo, repeat: 1 }));
    expect(clean).not.toContain('<section class="failure-list">');
    expect(clean).toContain('<dt>repeat</dt><dd>each case 1 time</dd>');
  });
});

describe('renderHtml: operations, families and sequences', () => {
  const html = renderHtml(report([result(), skippedResult, failedResult, sequenceResult, result({ id: readId('z-negative'), family: 'negative-inputs', fuzzed: 'senderId' })]));
  const scenarios = section(html, 'scenarios');

  it('has one table per operation, in run order, each headed by its label, id and counts', () => {
    const read = scenarios.indexOf('<h3><code>GET /v1/senders/{senderId}/whatsapp-sync</code> <span class="muted">getWhatsAppSyncStatus · 2 passed, 1 failed, 1 skipped</span></h3>');
    const start = scenarios.indexOf('<h3><code>POST /v1/senders/{senderId}/whatsapp-sync/history</code> <span class="muted">startWhatsAppHistorySync · 0 passed, 1 failed</span></h3>');
    expect(read).toBeGreaterThan(0);
    expect(start).toBeGreaterThan(read);
    expect(scenarios.match(/<table>/g)).toHaveLength(2);
  });

  it('groups rows under a header row per family, in declared order, whatever order the cases ran in', () => {
    const families = [...scenarios.matchAll(/<tr class="family"><th colspan="6">([a-z-]+) /g)].map((m) => m[1]);
    expect(families).toEqual(['coexistence', 'no-waba', 'authentication', 'negative-inputs', 'start-sync']);
    expect(scenarios).toContain('<tr class="family"><th colspan="6">authentication <span class="muted">— missing and wrong credentials get 401</span></th></tr>');
  });

  it('lists the steps of a sequence under its case: id, operation, expected and received status, the failing one marked', () => {
    const steps = /<ol class="steps">[\s\S]*?<\/ol>/.exec(scenarios)?.[0] ?? '';
    expect(steps).toContain('<li><code>read-before</code> GET /v1/senders/{senderId}/whatsapp-sync · expected 200, received 200 <span class="badge badge-passed">passed</span></li>');
    expect(steps).toContain('<li class="failed-step"><code>start</code> POST /v1/senders/{senderId}/whatsapp-sync/history · expected 202, received <span class="mismatch">400</span> <span class="badge badge-failed">failed</span></li>');
    expect(steps).toContain('<li><code>read-after</code> GET /v1/senders/{senderId}/whatsapp-sync · expected 200, received — <span class="badge badge-skipped">skipped</span></li>');
  });

  it('names the failing step in the case\'s details, and the step of each violation', () => {
    const details = section(html, 'failure-details');
    expect(details).toContain('<p>Expected status <strong>202</strong>, received <strong>400</strong> at step <code>start</code> (POST /v1/senders/{senderId}/whatsapp-sync/history)</p>\n<h4>Steps</h4>');
    expect(details).toContain('<dl class="info"><dt>step</dt><dd><code>start</code></dd>');
    expect(section(html, 'failure-list')).toContain('<code>status-code-expected</code> <span class="count">(step start)</span>');
  });
});

test('a step never sent reads "Not sent", not "No response"', () => {
  const html = renderHtml(report([unsentStepResult]));
  expect(html).toContain('<p>Not sent at step <code>read</code> (GET /v1/senders/{senderId}/whatsapp-sync): its expected answer could not be predicted</p>');
  expect(html).not.toContain('No response');
});

describe('the run\'s notes (runInfo.notes) in conformance.html', () => {
  const contractNote = "rec/getWhatsAppSyncStatus.har was made when the contract of getWhatsAppSyncStatus differed from today's: a failure there may be the contract's change, not the target's";

  it('are a section of their own, one item each, as the run kept them', () => {
    const html = renderHtml(report([result()], { ...runInfo, notes: [contractNote, 'another'] }));
    const notes = section(html, 'run-notes');
    expect(notes).toContain('<h2>Notes on this run</h2>');
    expect([...notes.matchAll(/<li>/g)]).toHaveLength(2);
    expect(notes).toContain('the contract of getWhatsAppSyncStatus differed from today&#39;s');
  });

  it('stay inert: a recording\'s own words (its spec title with markup) are escaped', () => {
    const html = renderHtml(report([result()], { ...runInfo, notes: [`rec.har was made when … (recorded with ${hostile} <img src=x onerror=alert(1)> 0.2.0, sha256 abc)`] }));
    const notes = section(html, 'run-notes');
    expect(notes).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &lt;img src=x onerror=alert(1)&gt;');
    expect(html).not.toContain('<img src=x');
    expect(html).not.toContain('<script>');
  });

  it('no note: no section', () => {
    expect(renderHtml(report([result()]))).not.toContain('run-notes');
  });
});

describe('the run\'s span in the HTML', () => {
  it('is told from its two times; a finish before the start (the clock set back mid-run, or merged shards\' clocks apart) shows none, not a negative one', () => {
    expect(renderHtml(report([result()]))).toContain('2025-01-02T03:04:07.500Z (2.50 s)');
    const html = renderHtml(report([result()], { ...runInfo, finishedAt: '2025-01-02T02:04:07.500Z' }));
    expect(html).toContain('2025-01-02T02:04:07.500Z');
    expect(html).not.toMatch(/2025-01-02T02:04:07\.500Z \(/);
  });
});
