/** Writing a record run's HAR files: one per operation, and no temp file a killed record run left beside them. */
import { mkdirSync, readdirSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PlannedCase } from '../../src/model';
import { finishRecording } from '../../src/runner/finish-recording';
import { scratchDir } from '../support/scratch-dir';

/** The fields of a planned case that finishing a recording reads. */
const planned = (operationId: string, scenario: string): PlannedCase => ({ id: `${operationId}/${scenario}`, operationId, scenario: { id: scenario } }) as unknown as PlannedCase;

test("a record run removes the temp files a killed one left of its operations' files (a dead writer's, a minute old), and no other", async () => {
  const cwd = scratchDir('zvc-finish-recording-');
  const dir = join(cwd, 'rec');
  mkdirSync(dir);
  // A process id no process has: beyond the kernel's default pid_max.
  const orphan = '.getWhatsAppSyncStatus.har.4194399.a1b2c3d4e5f6.tmp';
  const live = `.getWhatsAppSyncStatus.har.${process.pid}.a1b2c3d4e5f6.tmp`;
  const notOurs = '.notes.har.4194399.a1b2c3d4e5f6.tmp';
  const hourAgo = new Date(Date.now() - 3_600_000);
  for (const name of [orphan, live, notOurs]) {
    writeFileSync(join(dir, name), '{"log":');
    utimesSync(join(dir, name), hourAgo, hourAgo);
  }
  const written = await finishRecording({ sink: join(cwd, 'no-entries.jsonl'), dir, cases: [planned('getWhatsAppSyncStatus', 'no-waba')], target: 'http://127.0.0.1:1', secrets: [] });
  expect(written).toEqual([join(dir, 'getWhatsAppSyncStatus.har')]);
  expect(readdirSync(dir).sort()).toEqual([live, notOurs, 'getWhatsAppSyncStatus.har']);
});
