/** One-line wordings of latency, baseline and certificate, shared by the console, Markdown and HTML. */
import type { BaselineDiff, CaseResult, Certificate, LatencyStats } from '../model';
import { isWriteSafetySkip, NO_WRITES_REASON } from '../model/result';
import { formatMs, plural } from '../text/plain-text';

/** "p50 12 ms · p95 40 ms · p99 55 ms · max 61 ms (30 exchanges)". */
export function latencyLine(stats: LatencyStats): string {
  return `p50 ${formatMs(stats.p50)} · p95 ${formatMs(stats.p95)} · p99 ${formatMs(stats.p99)} · max ${formatMs(stats.max)} (${plural(stats.samples, 'exchange')})`;
}

/**
 * "2 new failures, 1 fixed": new failures and fixes always (a reader looks for both, even at
 * zero), then the other lists only when they are not empty.
 */
export function baselineHeadline(diff: BaselineDiff): string {
  const parts = [plural(diff.newFailures.length, 'new failure'), `${diff.fixed.length} fixed`];
  if (diff.stillFailing.length > 0) parts.push(`${diff.stillFailing.length} still failing`);
  if (diff.newlySkipped.length > 0) parts.push(`${diff.newlySkipped.length} newly skipped`);
  if (diff.latencyRegressions.length > 0) parts.push(plural(diff.latencyRegressions.length, 'latency regression'));
  if (diff.missing !== undefined && diff.missing.length > 0) parts.push(`${plural(diff.missing.length, 'case')} of the baseline missing`);
  const headline = parts.join(', ');
  return diff.otherTarget === true ? `${headline} (the baseline was recorded against ${diff.baseline.target})` : headline;
}

/**
 * The sentence every report adds when baseline ids were mapped (legacy-ids.ts), or "" when none
 * were: the reader should know the join was made on labels, not on ids the baseline wrote.
 */
export function legacyIdsSentence(diff: BaselineDiff): string {
  const mapped = diff.mappedLegacyIds ?? 0;
  if (mapped === 0) return '';
  const ids = mapped === 1 ? '1 case id of the baseline predates operation ids and was' : `${mapped} case ids of the baseline predate operation ids and were`;
  return `${ids} matched to this run's operations by operation label.`;
}

/**
 * What a level rests on: "5 families certified, 1 not applicable" (", 2 cases skipped" when so),
 * for the whole certificate or for one of its operations.
 */
export function certificateDetail(certificate: Pick<Certificate, 'families'> & { unseenSuccess?: readonly string[] }): string {
  const count = (verdict: string): number => certificate.families.filter((f) => f.verdict === verdict).length;
  const certified = count('certified');
  const parts = [`${plural(certified, 'family', 'families')} certified`];
  if (count('failed') > 0) parts.push(`${count('failed')} failed`);
  if (count('not-judged') > 0) parts.push(`${count('not-judged')} not judged`);
  if (count('not-applicable') > 0) parts.push(`${count('not-applicable')} not applicable`);
  const skipped = certificate.families.reduce((sum, f) => sum + f.skipped, 0);
  if (skipped > 0) parts.push(`${plural(skipped, 'case')} skipped`);
  const unseen = certificate.unseenSuccess ?? [];
  if (unseen.length > 0) parts.push(`${unseen.join(' and ')} never seen`);
  return parts.join(', ');
}

/**
 * Why a PARTIAL certificate is what it is, when every skip is a write-safety one: a live run
 * certifies no more by design (writes go only to the sandbox sender), which a reviewer should not
 * take for a forgotten fixture. '' otherwise: the skip list says why.
 */
export function partialByDesign(certificate: Pick<Certificate, 'level' | 'operations'>, results: readonly CaseResult[]): string {
  if (certificate.level !== 'partial') return '';
  // A success never seen lowers the level too, and that is the target's answers, not a rule of writes.
  if (certificate.operations.some((op) => op.unseenSuccess !== undefined)) return '';
  const skipped = results.filter((r) => r.status === 'skipped');
  if (skipped.length === 0 || !skipped.every((r) => isWriteSafetySkip(r.skipReason))) return '';
  if (skipped.every((r) => r.skipReason === NO_WRITES_REASON)) return 'partial because the skipped cases write, which a run against a live target does only with --allow-writes';
  return 'partial by design: the skipped cases would write to senders other than the sandbox one (ZAVU_SENDER_SYNCABLE), so a live run certifies no more; the embedded server or a mock runs them';
}
