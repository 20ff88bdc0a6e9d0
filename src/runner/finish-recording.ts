/** After a record run: assemble the scrubbed entries the suite wrote into one HAR file, atomically. */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PlannedCase } from '../model';
import { buildHar, writeHar } from '../recording/har-file';
import type { ZavuEntry } from '../recording/zavu-fields';
import { suiteVersion } from '../package-root';

/** One file per run of the operation; a new recording replaces it whole (git shows the diff). */
export const recordingFileName = 'whatsapp-sync.har';

export async function finishRecording(options: { sink: string; dir: string; cases: readonly PlannedCase[]; target: string; secrets: string[] }): Promise<string> {
  const entries = existsSync(options.sink)
    ? readFileSync(options.sink, 'utf8').split('\n').filter((line) => line.trim() !== '').map((line) => JSON.parse(line) as ZavuEntry)
    : [];
  const skipped = options.cases
    .filter((c) => c.skipReason !== undefined)
    .map((c) => ({ caseId: c.id, scenario: c.scenario.id, reason: c.skipReason ?? '' }));
  const har = buildHar(entries, { skipped, suiteVersion: suiteVersion(), target: options.target, recordedAt: new Date().toISOString() });
  mkdirSync(options.dir, { recursive: true });
  const file = join(options.dir, recordingFileName);
  await writeHar(file, har, options.secrets);
  return file;
}
