/** Assembles a run's entries into one HAR 1.2 document and writes it, scrub-checked and atomically. */
import { atomicWriteFile, type AtomicWriteFs } from '../report/atomic-write';
import { assertNoSecrets } from './scrub';
import type { SkippedCase, ZavuEntry, ZavuHar } from './zavu-fields';

export interface HarExtras {
  skipped: SkippedCase[];
  suiteVersion: string;
  target: string;
  recordedAt: string;
}

/** Code-unit order, not locale order: the file must sort the same on every machine. */
const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The HAR document of one recorded run. Entries are sorted by case id, then start time (cases run in
 * parallel finish in any order), and skipped cases by id, so re-recording the same target gives a
 * file whose git diff shows only what changed.
 */
export function buildHar(entries: readonly ZavuEntry[], extras: HarExtras): ZavuHar {
  const sorted = entries
    .map((entry, index) => ({ entry, index }))
    .sort((a, b) => compare(a.entry._zavu.caseId, b.entry._zavu.caseId) || compare(a.entry.startedDateTime, b.entry.startedDateTime) || a.index - b.index)
    .map(({ entry }) => entry);
  const skipped = [...extras.skipped].sort((a, b) => compare(a.caseId, b.caseId));
  return {
    log: {
      version: '1.2',
      creator: { name: 'zavu-conformance', version: extras.suiteVersion },
      comment: 'Recorded by zavu-conformance; credentials and the API key are replaced by [REDACTED].',
      entries: sorted,
      _zavu: { target: extras.target, recordedAt: extras.recordedAt, skipped },
    },
  };
}

/**
 * Writes the HAR with 2-space indentation and a trailing newline. Fails closed: if any form of a
 * secret survived scrubbing, nothing is written. The write is atomic, so a run killed half-way
 * leaves the previous recording intact.
 *
 * @throws RecordingError when a secret would be written; the filesystem error when writing fails.
 */
export async function writeHar(path: string, har: ZavuHar, secrets: readonly string[], io?: AtomicWriteFs): Promise<void> {
  const text = `${JSON.stringify(har, null, 2)}\n`;
  assertNoSecrets(text, secrets);
  await atomicWriteFile(path, text, io);
}
