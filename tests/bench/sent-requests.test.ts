/**
 * The bench's request count is the run's: for the read alone without generated ids, the negative
 * property's requests (its case says how many) plus one per step of every other case (a row is one
 * read; the isolation sequence reads an unknown id first).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { countRequests } from '../../src/bench/sent-requests';
import { repoRoot } from '../support/run-cli';
import { scratchDir } from '../support/scratch-dir';

test('counts every request of a run: the negative property and each other case', () => {
  const reports = scratchDir('zvc-count-');
  const count = countRequests([join(repoRoot, 'dist/cli/zavu-conformance-main.js'), 'run', '--reports', reports, '--operation', 'getWhatsAppSyncStatus', '--fuzz-runs', '0'], repoRoot);
  const report = JSON.parse(readFileSync(join(reports, 'conformance.json'), 'utf8')) as { results: { id: string; description: string; steps?: unknown[] }[]; latency: { samples: number } };
  const negative = report.results.find((r) => r.id.endsWith('/negative-inputs'));
  const stated = Number(/, (\d+) requests?\b/.exec(negative?.description ?? '')?.[1]);
  expect(stated).toBeGreaterThan(300);
  const others = report.results.filter((r) => r !== negative);
  // The latency figures are of the exchanges: a sequence's steps each a sample.
  const exchanges = others.reduce((sum, r) => sum + (r.steps?.length ?? 1), 0);
  expect(report.latency.samples).toBe(exchanges);
  expect(count).toBe(stated + exchanges);
});

test('a command that fails is not counted', () => {
  expect(() => countRequests(['-e', 'process.exit(3)'], repoRoot)).toThrow(/exited 3/);
});
