import { renderHtml } from '../../src/report/render-html';
import { curl, failedResult, mixedReport, report, result, runInfo, skippedResult, violation, warningViolation } from './fixtures';

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

  it('shows a repeated breach once, with its count', () => {
    const html = renderHtml(report([{ ...failedResult, violations: [violation(), violation(), violation()] }]));
    expect(html.match(/Received: &quot;syncing&quot;/g)).toHaveLength(1);
    expect(html).toContain('(×3)');
  });

  it('is self-contained: inline style, no scripts, no external references', () => {
    const html = renderHtml(mixedReport());
    expect(html).toContain('<style>');
    expect(html).not.toMatch(/<script|<link|src=|https?:\/\/(?!api\.zavu\.example)/);
  });
});
