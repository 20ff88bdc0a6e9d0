import { renderMarkdown } from '../../src/report/render-markdown';
import type { CaseResult } from '../../src/model';
import { failedResult, mixedReport, report, result, skippedResult, violation } from './fixtures';

function many(base: CaseResult, count: number): CaseResult[] {
  return Array.from({ length: count }, (_, i) => ({ ...base, id: `${base.id}-${i}` }));
}

describe('renderMarkdown', () => {
  it('starts with the verdict in status words and has a counts table', () => {
    const md = renderMarkdown(mixedReport());
    const lines = md.split('\n');
    expect(lines[0]).toBe('### Zavu conformance: ERRORS — 1 case could not be judged, 1 violation in 1 failed case (1 case skipped)');
    expect(md).toContain('| passed | failed | skipped | errors | warnings | total |');
    expect(md).toContain('| 1 | 1 | 1 | 1 | 1 | 4 |');
    expect(md).toContain('Warnings: 1');
    expect(md).toContain('conformance.html');
  });

  it('lists failures as case — check — message, and skips with reasons', () => {
    const md = renderMarkdown(mixedReport());
    expect(md).toContain('- `unauthenticated` — `status-code-expected` — Received: 200 / Expected: 401 (no credentials)');
    expect(md).toContain('- `no-waba` — ZAVU\\_SENDER\\_NO\\_WABA is not set');
  });

  it('stays under 40 lines however many cases fail or skip, and says how many were cut', () => {
    const md = renderMarkdown(report([...many(failedResult, 100), ...many(skippedResult, 30), result()]));
    expect(md.split('\n').length).toBeLessThanOrEqual(40);
    expect(md).toContain('- … and 89 more');
    expect(md).toContain('- … and 25 more');
  });

  it('escapes Markdown and HTML from server text', () => {
    const md = renderMarkdown(report([{ ...failedResult, violations: [violation({ message: 'Received: <img src=x> [a](b) | *x*' })] }]));
    expect(md).not.toMatch(/(^|[^\\])<img/m);
    expect(md).toContain('\\<img src=x\\> \\[a\\](b) \\| \\*x\\*');
  });
});
