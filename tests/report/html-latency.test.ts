/** The Latency section of conformance.html: a case's row shows the figures of its exchanges. */
import { latencySection } from '../../src/report/html-latency';
import { overallLatency } from '../../src/repeat/latency';
import type { CaseResult, StepResult } from '../../src/model';
import { report, result, sequenceResult } from './fixtures';

/** The cells of the case's row, as text. */
function rowOf(html: string, id: string): string[] {
  const row = html.split('<tr>').find((r) => r.includes(`<code>${id}</code>`)) ?? '';
  return [...row.matchAll(/<td[^>]*>([^<]*)<\/td>/g)].map((m) => m[1] ?? '');
}

test('a sequence without --repeat: its row shows its exchanges (one sample each), as the run-wide row and the budget count them, not its summed duration as one sample', () => {
  const step = (id: string, durationMs: number): StepResult => ({ id, operationId: 'getWhatsAppSyncStatus', operation: 'GET /x', status: 'passed', expectedStatus: 200, receivedStatus: 200, durationMs });
  const sequence: CaseResult = { ...sequenceResult, status: 'passed', violations: [], durationMs: 48, steps: [step('read', 3), step('start', 5), step('again', 40)] };
  const single = result({ id: 'getWhatsAppSyncStatus/one', durationMs: 7 });
  const base = report([sequence, single]);
  const html = latencySection({ ...base, latency: overallLatency(base.results)! });
  // samples, left out, p50, p95, p99, max
  expect(rowOf(html, sequence.id).slice(0, 6)).toEqual(['3', '', '5 ms', '40 ms', '40 ms', '40 ms']);
  // A single request is its one exchange, as before.
  expect(rowOf(html, single.id).slice(0, 6)).toEqual(['1', '', '7 ms', '7 ms', '7 ms', '7 ms']);
  // The run-wide row counts the same exchanges.
  expect(html).toContain('<td><strong>all exchanges</strong></td><td class="num">4</td>');
});
