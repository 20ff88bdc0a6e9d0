/**
 * The failure digest counts the failed cases only (a flaky case has its outcomes line instead). A
 * night of intermittent 503s read "top fault: not-a-server-error, 3 answers in 2 cases" while six
 * cases had them, four of them flaky: a figure that looked like the whole fault. Every view of the
 * digest says so when flaky cases are in the run, and says nothing when none are.
 */
import type { CaseResult } from '../../src/model';
import { renderConsole } from '../../src/report/render-console';
import { renderHtml } from '../../src/report/render-html';
import { renderMarkdown } from '../../src/report/render-markdown';
import { failedResult, readId, report, violation } from './fixtures';

const serverError = violation({ check: 'not-a-server-error', title: 'The target answered with a server error (503)', message: 'Received: 503 / Expected: a status below 500', instancePath: '' });

function with503(id: string, status: 'failed' | 'flaky'): CaseResult {
  return { ...failedResult, id: readId(id), status, receivedStatus: 503, violations: [serverError] };
}

const night = report([with503('a', 'failed'), with503('b', 'failed'), ...['c', 'd', 'e', 'f'].map((id) => with503(id, 'flaky'))]);
const noFlaky = report([with503('a', 'failed'), with503('b', 'failed')]);

test('the console: the digest heading and the closing line say the 4 flaky cases are not counted', () => {
  const out = renderConsole(night);
  expect(out).toContain('failures by fault (each case below; failed cases only, 4 flaky cases not counted):\n');
  expect(out).toMatch(/; top fault: not-a-server-error, 2 answers in 2 cases \(failed cases only, 4 flaky cases not counted\)\n/);
  const plain = renderConsole(noFlaky);
  expect(plain).toContain('failures by fault (each case below):\n');
  expect(plain).toMatch(/; top fault: not-a-server-error, 2 answers in 2 cases\n/);
});

test('summary.md and the HTML say it beside their digest', () => {
  expect(renderMarkdown(night)).toContain('- By fault, each case below (failed cases only, 4 flaky cases not counted):');
  expect(renderMarkdown(noFlaky)).toContain('- By fault, each case below:');
  expect(renderHtml(night)).toContain('<h3>By fault</h3>\n<p>Failed cases only, 4 flaky cases not counted (each in the list below).</p>');
  expect(renderHtml(noFlaky)).not.toContain('flaky cases not counted');
});

test('summary.md: with more faults than it lists, one parenthesis says both (not "(…) (…)")', () => {
  const faults = ['json-body', 'content-type', 'response-header', 'not-a-server-error', 'status-code-expected'].map((check) => violation({ check, title: `${check} fault`, message: `Received: x / Expected: ${check}`, instancePath: '' }));
  const inFive = (id: string, status: 'failed' | 'flaky'): CaseResult => ({ ...failedResult, id: readId(id), status, receivedStatus: 503, violations: faults });
  const out = renderMarkdown(report([inFive('a', 'failed'), inFive('b', 'failed'), inFive('c', 'flaky')]));
  expect(out).toContain('- By fault, each case below (2 more faults, their cases in the list below; failed cases only, 1 flaky case not counted):');
});
