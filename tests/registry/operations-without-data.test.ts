/**
 * A spec's operation the suite has no data for (operations/) is sent nothing and certified by
 * nothing: the run says so (a note before the cases and under the console's certificate, a line in the certificate and the reports),
 * so a mock author certifying against their own spec does not read the certificate as covering it all.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import type { Certificate } from '../../src/model';
import { operationsWithoutData } from '../../src/registry/load-contract';
import { withoutDataNote } from '../../src/report/regression-text';
import { runConformanceCli } from '../support/conformance-run';
import { repoRoot } from '../support/run-cli';
import { scratchDir } from '../support/scratch-dir';

const recordings = join(repoRoot, 'recordings');

/** The shipped contract plus `extra` operations (a GET each, at a path of its own) that no data folder covers. */
function specWith(extra: readonly string[]): string {
  const spec = parse(readFileSync(join(repoRoot, 'specs', 'whatsapp-sync.openapi.yaml'), 'utf8')) as { paths: Record<string, unknown> };
  for (const id of extra) spec.paths[`/v1/zvc-extra/${id}`] = { get: { operationId: id, responses: { '200': { description: 'ok' } } } };
  return stringify(spec);
}

test('the spec operations no data folder covers, in the spec order', () => {
  expect(operationsWithoutData(['getA', 'getWhatsAppSyncStatus', 'postB'], ['getWhatsAppSyncStatus', 'startX'])).toEqual(['getA', 'postB']);
  expect(operationsWithoutData(['getWhatsAppSyncStatus'], ['getWhatsAppSyncStatus'])).toEqual([]);
});

test('the note names the first few, counts the rest, and cuts a long id', () => {
  expect(withoutDataNote(undefined)).toBe('');
  expect(withoutDataNote([])).toBe('');
  expect(withoutDataNote(['getX'])).toBe('the spec has 1 operation with no data in operations/: not certified (getX)');
  expect(withoutDataNote(['a', 'b', 'c', 'd', 'e', 'f', 'g'])).toBe('the spec has 7 operations with no data in operations/: not certified (a, b, c, d, e, +2 more)');
  const note = withoutDataNote([`long${'x'.repeat(5000)}`, 'bad\u001b[31mred']);
  expect(note.length).toBeLessThan(300);
  expect(note).not.toContain('\u001b');
});

test('a replay under a spec with operations the suite has no data for names them in a note before the cases, under the console certificate and in every report', async () => {
  const dir = scratchDir('zvc-without-data-');
  writeFileSync(join(dir, 'wider.yaml'), specWith(['getZvcExtra', 'postZvcExtra']));
  const run = await runConformanceCli(['--mode', 'replay', '--recordings', recordings, '--spec', 'wider.yaml'], {}, dir);
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  const notes = run.stdout.split('\n').filter((line) => line.startsWith('note: '));
  expect(notes).toEqual([expect.stringMatching(/^note: the spec has 2 operations with no data in \S*operations: not certified \(getZvcExtra, postZvcExtra\)$/)]);
  expect(run.report?.runInfo.specOperationsWithoutData).toEqual(['getZvcExtra', 'postZvcExtra']);
  const certificate = JSON.parse(readFileSync(join(run.reportsDir, 'certificate.json'), 'utf8')) as Certificate;
  expect(certificate.specOperationsWithoutData).toEqual(['getZvcExtra', 'postZvcExtra']);
  const said = 'the spec has 2 operations with no data in operations/: not certified (getZvcExtra, postZvcExtra)';
  // And under the console's certificate lines, where a CI log's tail shows the level.
  expect(run.stdout).toContain(`\n  ${said}\n`);
  expect(readFileSync(join(run.reportsDir, 'summary.md'), 'utf8')).toContain(said);
  expect(readFileSync(join(run.reportsDir, 'conformance.html'), 'utf8')).toContain(said);
});

test('operations left out with --operation are the user choice: no note', async () => {
  const dir = scratchDir('zvc-without-data-');
  writeFileSync(join(dir, 'wider.yaml'), specWith(['getZvcExtra']));
  const run = await runConformanceCli(['--mode', 'replay', '--recordings', recordings, '--spec', 'wider.yaml', '--operation', 'getWhatsAppSyncStatus'], {}, dir);
  expect(run.code).toBe(0);
  expect(run.stdout).not.toContain('note:');
  expect(run.report?.runInfo.specOperationsWithoutData).toBeUndefined();
  expect(readFileSync(join(run.reportsDir, 'summary.md'), 'utf8')).not.toContain('no data in');
});
