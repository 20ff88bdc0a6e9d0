import { renderHtml } from '../../src/report/render-html';
import { certificate } from './regression-fixtures';
import { curl, errorResult, failedResult, missingSyncProperties, mixedReport, report, result, runInfo, skippedResult, violation, warningViolation } from './fixtures';

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

  it('shows a failure with expected and received status, its violation message in a <pre>, and the curl under "Reproduce with:"', () => {
    const html = renderHtml(report([failedResult]));
    expect(html).toMatch(/Expected status <strong>401<\/strong>, received <strong>200<\/strong>/);
    expect(html).toContain('<code>status-code-expected</code>');
    expect(html).toContain('<pre>Received: 200 / Expected: 401 (no credentials)</pre>');
    const escapedCurl = curl.replace(/"/g, '&quot;').replace(/'/g, '&#39;');
    expect(html).toMatch(new RegExp(`Reproduce with:</h4>\\s*<pre>${escapedCurl.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}</pre>`));
    expect(html).toContain('$ZAVU_API_KEY');
  });

  it('shows each skip with its reason', () => {
    expect(renderHtml(report([skippedResult]))).toContain('Skipped: ZAVU_SENDER_NO_WABA is not set');
  });

  it('has a verdict banner with counts and the run info', () => {
    const html = renderHtml(mixedReport());
    expect(html).toMatch(/<header class="banner verdict-errors">\s*<h1>Zavu conformance: errors — 1 case could not be judged, 1 violation in 1 failed case \(1 case skipped\)<\/h1>/);
    expect(html).toContain('4 cases: 1 passed · 1 failed · 1 skipped · 1 error · 1 warning');
    for (const value of [runInfo.target, runInfo.specSha256, runInfo.startedAt, runInfo.suiteVersion, 'live']) expect(html).toContain(value);
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
  const failing = { ...failedResult, id: 'coexistence[snd_coex_active]', expectedStatus: 200, receivedStatus: 200, violations: missingSyncProperties };
  const html = renderHtml({ ...report([result({ id: 'passing' }), failing, skippedResult, errorResult]), certificate: certificate });

  it('lists the failed cases right under the banner, before run info, certificate and scenario table', () => {
    const positions = ['</header>', '<section class="failure-list">', '<h2>Run</h2>', '<section class="certificate">', '<h2>Scenarios</h2>', '<section class="failure-details">'].map((t) => html.indexOf(t));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  });

  it('names each failed case with its first error check and a one-line message, linked to its details', () => {
    const list = section(html, 'failure-list');
    expect(list).toContain('<h2>Failures (2)</h2>');
    expect(list).toContain(
      '<li><a href="#case-coexistence-snd_coex_active"><code>coexistence[snd_coex_active]</code></a> <span class="badge badge-failed">failed</span> ' +
        '<code>response-schema</code> <span class="message">Received: {} / Expected: must have required property &#39;isCoexistence&#39;</span> ' +
        '<span class="count">(+3 more violations)</span></li>',
    );
    expect(list).toContain('<a href="#case-not-found"><code>not-found</code></a> <span class="badge badge-error">error</span> <code>suite error</code> <span class="message">check response-schema crashed: boom</span>');
    expect(list).not.toContain('passing');
    expect(list).not.toContain('no-waba');
  });

  it('anchors details by case id, so links stay valid when cases are added or reordered', () => {
    expect(html).toContain('<article class="case status-failed" id="case-coexistence-snd_coex_active">');
    expect(html).toContain('<article class="case status-error" id="case-not-found">');
    const reordered = renderHtml(report([errorResult, failing]));
    expect(reordered).toContain('<article class="case status-failed" id="case-coexistence-snd_coex_active">');
    expect(reordered).toContain('<a href="#case-coexistence-snd_coex_active"><code>coexistence[snd_coex_active]</code></a></td>');
  });

  it('right-aligns numeric headers like their numbers', () => {
    expect(section(html, 'certificate')).toContain('<th>family</th><th>verdict</th><th class="num">passed</th><th class="num">failed</th><th class="num">skipped</th>');
    expect(html).toContain('<th class="num">expected</th><th class="num">received</th><th>status</th><th class="num">duration</th>');
    expect(html).toMatch(/th\.num, td\.num \{ text-align: right;/);
  });

  it('has no failure list when nothing failed, and counts in correct singular', () => {
    const clean = renderHtml(report([result()], { ...runInfo, repeat: 1 }));
    expect(clean).not.toContain('<section class="failure-list">');
    expect(clean).toContain('<dt>repeat</dt><dd>each case 1 time</dd>');
  });
});
