/** Assembles a run's entries into one HAR 1.2 document and writes it, scrub-checked and atomically. */
import { atomicWriteFile, type AtomicWriteFs } from '../files/atomic-write';
import { writesField } from '../model/result';
import { compareCodeUnits as compare, inertJson } from '../text/plain-text';
import { assertNoSecrets } from './scrub';
import { stripUserInfoInText } from './scrub-url';
import { recordedLoss, type RecordedContract, type RecordedLoss, type SkippedCase, type StoppedCase, type ZavuEntry, type ZavuHar } from './zavu-fields';

export interface HarExtras {
  skipped: SkippedCase[];
  /** The ids of the cases the run sent. */
  sent: string[];
  suiteVersion: string;
  target: string;
  recordedAt: string;
  /** --repeat of the run: written when above 1, so a replay knows its entries are attempts, not copies. */
  repeat?: number;
  /** The contract the run judged by: written so a replay can say which recorded answers it judges by another. */
  contract?: RecordedContract;
  /** The target lost mid-run (the guard's): written so a replay says it once at the top, as the run did. */
  targetLost?: RecordedLoss;
  /** The cases the run stopped, and why: written (when any) so a replay reports each as the run did. */
  stopped?: readonly StoppedCase[];
  /** The run had the other project's key and planned a request of it for a case of this file: written so a replay plans those cases as the run did. */
  otherProjectKey?: boolean;
  /** The run's configured fixtures (role → ids) this file's paths hold: written when any, so a replay reads a 404 to one as the run did. */
  fixtures?: Readonly<Record<string, readonly string[]>>;
  /** The run verified no TLS certificate (NODE_TLS_REJECT_UNAUTHORIZED=0): written so a replay says so too. */
  tlsUnverified?: boolean;
  /** The run was a write run (runInfo.allowWrites): written so a replay is of that kind too (baseline, history series). */
  allowWrites?: boolean;
}

/**
 * The HAR document of one recorded run. Entries are sorted by case id, then start time (cases run in
 * parallel finish in any order; a --repeat run's attempts of a request stay in the order sent, which
 * is the order a replay serves them in), and skipped cases by id, so re-recording the same target gives a
 * file whose git diff shows only what changed. The sort is stable: entries equal on both keep the
 * order given. The target loses any user-info ("https://user:pass@host" is written "https://host").
 */
export function buildHar(entries: readonly ZavuEntry[], extras: HarExtras): ZavuHar {
  const sorted = [...entries].sort((a, b) => compare(a._zavu.caseId, b._zavu.caseId) || compare(a.startedDateTime, b.startedDateTime));
  const skipped = [...extras.skipped].sort((a, b) => compare(a.caseId, b.caseId));
  return {
    log: {
      version: '1.2',
      creator: { name: 'zavu-conformance', version: extras.suiteVersion },
      comment: 'Recorded by zavu-conformance; credentials and the API key are replaced by [REDACTED].',
      entries: sorted,
      _zavu: { target: stripUserInfoInText(extras.target), recordedAt: extras.recordedAt, skipped, sent: [...extras.sent].sort(compare), ...((extras.repeat ?? 1) > 1 ? { repeat: extras.repeat } : {}), ...(extras.contract !== undefined ? { contract: sortedContract(extras.contract) } : {}), ...(extras.targetLost !== undefined ? { targetLost: recordedLoss(extras.targetLost) } : {}), ...(extras.stopped !== undefined && extras.stopped.length > 0 ? { stopped: [...extras.stopped].sort((a, b) => compare(a.caseId, b.caseId)) } : {}), ...(extras.otherProjectKey === true ? { otherProjectKey: true as const } : {}), ...(extras.fixtures !== undefined && Object.keys(extras.fixtures).length > 0 ? { fixtures: sortedFixtures(extras.fixtures) } : {}), ...(extras.tlsUnverified === true ? { tlsUnverified: true as const } : {}), ...writesField(extras.allowWrites) },
    },
  };
}

/** The fixtures with their roles in name order (each role's ids as configured): a re-recording with the same configuration diffs to nothing there. */
function sortedFixtures(fixtures: Readonly<Record<string, readonly string[]>>): Record<string, string[]> {
  return Object.fromEntries(Object.entries(fixtures).sort(([a], [b]) => compare(a, b)).map(([role, ids]) => [role, [...ids]]));
}

/** The contract with its operations in id order: a re-recording against the same contract diffs to nothing there. */
function sortedContract(contract: RecordedContract): RecordedContract {
  const operations = Object.fromEntries(Object.entries(contract.operations).sort(([a], [b]) => compare(a, b)));
  return { ...contract, operations };
}

/**
 * Writes one HAR file alone, atomically (harText's text), so a process killed half-way leaves the
 * previous recording intact. A record run does not call it: its files are one set
 * (runner/finish-recording.ts, harText each); this is the one-file form the tests write with.
 *
 * @throws RecordingError when a secret would be written; the filesystem error when writing fails.
 */
export async function writeHar(path: string, har: ZavuHar, secrets: readonly string[], io?: AtomicWriteFs): Promise<void> {
  await atomicWriteFile(path, harText(har, secrets), io);
}

/**
 * The HAR's text: 2-space indentation and a trailing newline, the bytes inert. Fails closed: if any
 * form of a secret survived scrubbing, it throws, and the caller writes nothing.
 *
 * @throws RecordingError when a secret would be written.
 */
export function harText(har: ZavuHar, secrets: readonly string[]): string {
  // The bodies and headers stay exact (a replay judges them again); only the bytes on disk are inert.
  const text = `${inertJson(JSON.stringify(har, null, 2))}\n`;
  assertNoSecrets(text, secrets);
  return text;
}
