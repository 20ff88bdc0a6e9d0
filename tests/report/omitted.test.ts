/**
 * Violations counted but not kept: the exact count reaches every report (console, HTML,
 * summary.md, junit, conformance.json), the report says it is truncated, and it is still valid.
 */
import type { CaseResult, ConformanceReport } from '../../src/model';
import { groupDigits, omittedLine, truncationOf, violationCount } from '../../src/report/omitted';
import { renderConsole } from '../../src/report/render-console';
import { renderHtml } from '../../src/report/render-html';
import { renderJson } from '../../src/report/render-json';
import { renderJunit } from '../../src/report/render-junit';
import { renderMarkdown } from '../../src/report/render-markdown';
import { warningDigestOf } from '../../src/report/warning-digest';
import { assertConsistent } from '../../src/report/report-consistency';
import { validateReport } from '../../src/report/report-schema';
import { summarize } from '../../src/report/summarize';
import { failedResult, readId, result, runInfo, violation, warningViolation } from './fixtures';

const warnings = Array.from({ length: 20 }, (_, i) => violation({ ...warningViolation, instancePath: `/sync/extra${i}`, message: `Received: /sync/extra${i} = ${i} / Expected: …` }));
const passedWithExtras = result({ violations: warnings, omittedViolations: [{ check: 'undocumented-properties', severity: 'warning', count: 299980, instancePath: '/sync' }] });
const failedWithMany: CaseResult = {
  ...failedResult,
  id: readId('many-errors'),
  violations: [violation({ instancePath: '/sync/0' })],
  omittedViolations: [{ check: 'response-schema', severity: 'error', count: 1234, instancePath: '/sync', step: 'read' }],
};

function truncatedReport(): ConformanceReport {
  const results = [passedWithExtras, failedWithMany];
  const truncation = truncationOf(results, 20);
  const warningDigest = warningDigestOf(results);
  return { runInfo, summary: summarize(results), ...(truncation ? { truncation } : {}), results, ...(warningDigest ? { warningDigest } : {}) };
}

describe('omitted violations', () => {
  it('count in the summary: kept plus counted', () => {
    expect(violationCount(passedWithExtras, 'warning')).toBe(300000);
    expect(summarize([passedWithExtras, failedWithMany])).toMatchObject({ warnings: 300000, passed: 1, failed: 1 });
  });

  it('make a truncation note only when something was left out', () => {
    expect(truncationOf([passedWithExtras, failedWithMany], 20)).toEqual({ keptPerCheck: 20, omittedViolations: 301214, results: 2 });
    expect(truncationOf([result()], 20)).toBeUndefined();
  });

  it('read as one line with the exact count, the place and the step', () => {
    expect(groupDigits(299980)).toBe('299,980');
    expect(groupDigits(12)).toBe('12');
    expect(omittedLine(passedWithExtras.omittedViolations?.[0] ?? { check: '', severity: 'error', count: 0, instancePath: '' })).toBe(
      '+299,980 more undocumented-properties warnings under /sync (counted, not kept)',
    );
    expect(omittedLine({ check: 'x', severity: 'error', count: 1, instancePath: '', step: 'start' })).toBe('+1 more x error in step start (counted, not kept)');
  });

  it("name the copy of a concurrent step they are of, as its kept ones do: two copies' lines read apart", () => {
    // Two starts sent at once, each with 5 undeclared properties only counted: two lines, which read as one repeated.
    const lines = [1, 2].map((copy) => omittedLine({ check: 'undocumented-properties', severity: 'warning', count: 5, instancePath: '', step: 'start', copy }));
    expect(lines).toEqual(['+5 more undocumented-properties warnings in step start, copy 1 (counted, not kept)', '+5 more undocumented-properties warnings in step start, copy 2 (counted, not kept)']);
    expect(omittedLine({ check: 'x', severity: 'warning', count: 2, instancePath: '/sync', copy: 2 })).toBe('+2 more x warnings under /sync, copy 2 (counted, not kept)');
  });

  it('are valid and consistent in conformance.json, which says it is truncated', () => {
    const report = truncatedReport();
    expect(() => validateReport(JSON.parse(renderJson(report)))).not.toThrow();
    expect(() => assertConsistent(report)).not.toThrow();
    const json = JSON.parse(renderJson(report)) as ConformanceReport;
    expect(json.truncation).toEqual({ keptPerCheck: 20, omittedViolations: 301214, results: 2 });
    expect(json.results[0]?.omittedViolations).toEqual([{ check: 'undocumented-properties', severity: 'warning', count: 299980, instancePath: '/sync' }]);
    // A report whose note disagrees with its results is a bug, never a file.
    expect(() => assertConsistent({ ...report, truncation: { keptPerCheck: 20, omittedViolations: 1, results: 1 } })).toThrow(/\/truncation/);
    expect(() => assertConsistent({ ...report, truncation: undefined } as unknown as ConformanceReport)).toThrow(/\/truncation/);
  });

  it('are stated in the console, the HTML page, summary.md and junit.xml', () => {
    const report = truncatedReport();
    const warningLine = '+299,980 more undocumented-properties warnings under /sync (counted, not kept)';
    const errorLine = '+1,234 more response-schema errors under /sync in step read (counted, not kept)';
    const console = renderConsole(report);
    expect(console).toContain(warningLine);
    expect(console).toContain(errorLine);
    expect(console).toContain('(300000 warnings)');
    const html = renderHtml(report);
    expect(html).toContain(warningLine);
    expect(html).toContain(errorLine);
    expect(html).toContain('Warnings (300000)');
    expect(html).toContain('(+1234 more violations)');
    const markdown = renderMarkdown(report);
    expect(markdown).toContain('- Truncated: 301,214 violations in 2 cases counted, not kept (at most 20 per check and case are kept in full');
    expect(markdown).toContain('+1,234 more response-schema errors under /sync in step read');
    const junit = renderJunit(report);
    // After the warnings kept, in the same <system-out>.
    expect(junit).toMatch(new RegExp(`<system-out>Warnings \\(not failures\\):[^<]*${warningLine.replace(/[()+]/g, '\\$&')}</system-out>`));
    expect(junit).toContain(errorLine);
  });
});
