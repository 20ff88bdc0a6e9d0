/** After a record run: assemble the scrubbed entries the suite wrote into one HAR file, atomically. */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { PlannedCase } from '../model';
import { buildHar, writeHar } from '../recording/har-file';
import type { ZavuEntry } from '../recording/zavu-fields';
import { suiteVersion } from '../package-root';
import { readJsonLines } from './json-lines';

/** One file per run of the operation; a new recording replaces it whole (git shows the diff). */
const recordingFileName = 'whatsapp-sync.har';

export async function finishRecording(options: { sink: string; dir: string; cases: readonly PlannedCase[]; target: string; secrets: string[] }): Promise<string> {
  const entries = readJsonLines<ZavuEntry>(options.sink);
  const skipped = options.cases
    .filter((c) => c.skipReason !== undefined)
    .map((c) => ({ caseId: c.id, scenario: c.scenario.id, reason: c.skipReason ?? '' }));
  const har = buildHar(entries, { skipped, suiteVersion: suiteVersion(), target: options.target, recordedAt: new Date().toISOString() });
  mkdirSync(options.dir, { recursive: true });
  const file = join(options.dir, recordingFileName);
  await writeHar(file, har, options.secrets);
  return file;
}
