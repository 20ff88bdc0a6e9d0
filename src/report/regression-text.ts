/** One-line wordings of latency, baseline and certificate, shared by the console, Markdown and HTML. */
import type { BaselineDiff, CaseResult, Certificate, ChangedFailure, FailureFault, FamilyVerdict, HistoryFigures, LatencyLeftOut, LatencyStats } from '../model';
import { isSuccessStatus } from '../model/http';
import { cutByTargetLoss, isWriteSafetySkip, NO_WRITES_REASON } from '../model/result';
import { isZavuTarget } from '../model/zavu-host';
import { OMITTED_PLACES_CHARS, OMITTED_PLACES_KEPT } from '../model/violation';
import { groupDigits } from './omitted';
import { NO_ANSWER } from '../model/latency-samples';
import { excerpt, formatMs, listed, plural } from '../text/plain-text';
import { shownAndRest } from '../text/shown-and-rest';
import { groupLatencyRegressions, latencyGroupText } from './latency-regression-groups';
import { flakyFailing } from './summarize';
import { nightText, stampPrecision, utcStampText } from './history-text';

/** "p50 12 ms · p95 40 ms · p99 55 ms · max 61 ms (30 exchanges)". */
export function latencyLine(stats: LatencyStats): string {
  return `p50 ${formatMs(stats.p50)} · p95 ${formatMs(stats.p95)} · p99 ${formatMs(stats.p99)} · max ${formatMs(stats.max)} (${plural(stats.samples, 'exchange')})`;
}

/** "502 ×2, no answer ×1": statuses are numbers, so nothing a target wrote is shown; past the kept statuses, "other". */
function leftOutList(leftOut: LatencyLeftOut): string {
  const listed = leftOut.byStatus.map((s) => `${s.status === NO_ANSWER ? 'no answer' : String(s.status)} ×${s.count}`);
  const rest = leftOut.exchanges - leftOut.byStatus.reduce((sum, s) => sum + s.count, 0);
  return [...listed, ...(rest > 0 ? [`other ×${rest}`] : [])].join(', ');
}

/** "2 left out (502 ×2)": the exchanges a figure is not over. */
export function leftOutText(leftOut: LatencyLeftOut): string {
  return `${leftOut.exchanges} left out (${leftOutList(leftOut)})`;
}

/** "no figures: 3 exchanges left out, none served (502 ×3)": why a case (or a run) has no latency. */
export function noFiguresText(leftOut: LatencyLeftOut): string {
  return `no figures: ${plural(leftOut.exchanges, 'exchange')} left out, none served (${leftOutList(leftOut)})`;
}

/**
 * The figures and what they leave out: "p50 … (18 exchanges); 2 left out (502 ×2)", or why there
 * are none; undefined when neither (nothing ran).
 */
export function latencyFigures(stats: LatencyStats | undefined, leftOut: LatencyLeftOut | undefined): string | undefined {
  if (stats === undefined) return leftOut === undefined ? undefined : noFiguresText(leftOut);
  return leftOut === undefined ? latencyLine(stats) : `${latencyLine(stats)}; ${leftOutText(leftOut)}`;
}

/**
 * The new failures that are flaky in this run and that --allow-flaky does not allow (flakyFailing):
 * a new failure shows a fault the baseline did not, so the flag leaves it failing the run. Counted
 * only with the flag, whose reader expects flaky cases to pass.
 */
function flakyNewFailures(diff: BaselineDiff, results: readonly CaseResult[], allowFlaky: boolean): ReadonlySet<string> {
  return allowFlaky ? flakyFailing({ results, baseline: diff }, { allowFlaky }) : new Set();
}

/**
 * A baseline file's own words in its headline (its target, its suite version): anyone's text, of
 * any length (the schema bounds neither). Cut here, so what follows them (the other contract, that a
 * verdict changed since may be the contract's change) is not what a report's line cap cuts off.
 */
const BASELINE_WORDS_CHARS = 200;

/**
 * "2 new failures, 1 fixed": new failures and fixes always (a reader looks for both, even at
 * zero), then the other lists only when they are not empty. With --allow-flaky (`allowFlaky`,
 * and the run's `results`), the new failures that are flaky tonight are said to fail the run all
 * the same: a reader who passed the flag and sees a red run asks why it did not let them pass.
 */
export function baselineHeadline(diff: BaselineDiff, results: readonly CaseResult[] = [], allowFlaky = false): string {
  const flaky = flakyNewFailures(diff, results, allowFlaky).size;
  const newFailures = plural(diff.newFailures.length, 'new failure');
  const which = flaky === diff.newFailures.length ? (flaky === 1 ? 'flaky' : 'all flaky') : `${flaky} of them flaky`;
  // Still new failures (the run fails on them), but never sent: counted apart, or a night the target
  // hung after its first requests reads as a regression of every case after it.
  const cut = notSentOfNew(diff, results).size;
  // One parenthesis for both remarks (two back to back read as a remark on the first), and "none of
  // them sent", not "all not sent" (read as "not all sent").
  const remarks = [
    ...(cut === 0 ? [] : [`${cut === diff.newFailures.length ? (cut === 1 ? 'not sent' : 'none of them sent') : `${cut} of them not sent`}: the target was lost mid-run`]),
    ...(flaky === 0 ? [] : [`${which} in this run, with a new fault: not allowed by --allow-flaky`]),
  ];
  const parts = [remarks.length === 0 ? newFailures : `${newFailures} (${remarks.join('; ')})`, `${diff.fixed.length} fixed`];
  if (diff.stillFailing.length > 0) parts.push(`${diff.stillFailing.length} still failing`);
  if (diff.newlySkipped.length > 0) parts.push(`${diff.newlySkipped.length} newly skipped`);
  if (diff.latencyRegressions.length > 0) parts.push(plural(diff.latencyRegressions.length, 'latency regression'));
  if (diff.missing !== undefined && diff.missing.length > 0) parts.push(`${plural(diff.missing.length, 'case')} of the baseline missing`);
  if (diff.added !== undefined && diff.added.length > 0) parts.push(`${plural(diff.added.length, 'case')} not in the baseline`);
  // Said once, as a count: the cases this run chose not to run (--operation, --shard, writes) are no news.
  if (diff.outOfScope !== undefined && diff.outOfScope > 0) parts.push(`${plural(diff.outOfScope, 'baseline case')} outside this run's scope (not compared)`);
  const headline = parts.join(', ');
  const target = diff.otherTarget === true ? ` (the baseline was recorded against ${excerpt(diff.baseline.target, BASELINE_WORDS_CHARS)})` : '';
  return `${headline}${otherKindText(diff)}${otherModeText(diff)}${target}${otherContractText(diff)}`;
}

/**
 * " (the baseline is a read-only run, this one a write run: 12 write cases only this run ran left
 * out, …)", or "" when both are of one kind: a deployment gate read against a write night's report
 * (or a write night against the gate's) must not read the writes as regressions or losses. Said
 * only when a case was left out: with none, every case was compared as ever (the embedded server's
 * runs from before the kind was written, a write run whose writes were all skipped otherwise).
 */
function otherKindText(diff: BaselineDiff): string {
  if (diff.otherKind === undefined || diff.otherKind.leftOut === 0) return '';
  const { baseline, leftOut } = diff.otherKind;
  const kinds = baseline === 'writes' ? 'the baseline is a write run, this one read-only' : 'the baseline is a read-only run, this one a write run';
  const only = baseline === 'writes' ? 'the baseline' : 'this run';
  return ` (${kinds}: ${plural(leftOut, 'write case')} only ${only} ran left out, the cases both ran compared)`;
}

/** " (the baseline is a replay of recordings, this run live: …)", or "" when both judged the same kind of answers. */
function otherModeText(diff: BaselineDiff): string {
  if (diff.otherMode === undefined) return '';
  const sides = diff.otherMode.baseline === 'replay' ? 'the baseline is a replay of recordings, this run live' : 'the baseline is a live run, this run a replay of recordings';
  return ` (${sides}: a verdict changed since may be the recordings' age, not the target's change)`;
}

/**
 * " (the baseline was judged under another contract: spec sha256 76959ef33d71 then, 0cf7c83d1c99
 * now; …)", or "" when spec, suite (version and build) and case data are the baseline's: the reader of "56 new
 * failures" after a spec edit, a suite upgrade or a case's new step must not page the target's
 * team for them.
 */
function otherContractText(diff: BaselineDiff): string {
  const { spec, suite, build, cases } = diff.otherContract ?? {};
  if (spec === undefined && suite === undefined && build === undefined && cases === undefined) return '';
  const specText = spec === undefined ? undefined : `spec sha256 ${spec.baseline.slice(0, 12)} then, ${spec.now.slice(0, 12)} now`;
  // Another build of one version is said where another version would be: its checks may differ as much.
  const buildText = build === undefined ? undefined : `another build of this suite version, build ${build.baseline} then, ${build.now} now`;
  const suiteText = suite === undefined ? buildText : `zavu-conformance ${excerpt(suite.baseline, BASELINE_WORDS_CHARS)}, this run by ${suite.now}`;
  if (cases !== undefined) {
    // The suite's version may be the same while its cases changed (a case gaining a step under its old id).
    const casesText = `case data sha256 ${cases.baseline.slice(0, 12)} then, ${cases.now.slice(0, 12)} now`;
    const parts = [specText, suiteText === undefined ? undefined : `judged by ${suiteText}`, casesText].filter((p): p is string => p !== undefined);
    if (parts.length === 1) return ` (the baseline was judged with other case data: ${casesText}; a verdict changed since may be a case the suite changed, not the target)`;
    return ` (the baseline was judged under another contract: ${parts.join('; ')}; a verdict changed since may be the contract's or the suite's change, not the target's)`;
  }
  if (specText !== undefined && suiteText !== undefined) {
    return ` (the baseline was judged under another contract: ${specText}, and by ${suiteText}; a verdict changed since may be the contract's or the suite's change, not the target's)`;
  }
  if (specText !== undefined) return ` (the baseline was judged under another contract: ${specText}; a verdict changed since may be the contract's change, not the target's)`;
  return ` (the baseline was judged by ${suiteText}; a verdict changed since may be a check the suite changed, not the target)`;
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
 * A family every case of which was skipped (a sender variable unset, a rule of writes): it applies
 * to the target and was not tested, though certificate.json keeps its verdict not-applicable (with
 * its skipped count). "Not applicable" told a mock author who forgot a variable that the family did
 * not concern their mock. One with no case at all is not applicable. Every view asks this.
 */
export function notTested(family: Pick<FamilyVerdict, 'verdict' | 'skipped'>): boolean {
  return family.verdict === 'not-applicable' && family.skipped > 0;
}

/**
 * A family not judged, with the cases of it that wait on authentication (FamilyVerdict
 * unauthenticated): "not-found: 1 case waits on authentication". Not judged otherwise means the run
 * could not judge (a 429, a lost target); here the route served a request without a valid key, and
 * the fix is authentication's, so the reader should not look for a flaky run.
 */
function notJudgedName(family: Pick<FamilyVerdict, 'family' | 'notJudged' | 'unauthenticated' | 'stoppedBefore' | 'responseShape' | 'internalErrorExposed'>): string {
  const waiting = family.unauthenticated ?? 0;
  const stopped = family.stoppedBefore ?? 0;
  const lines = chargedLines([family], 'and');
  // Not judged by the run (a 429, a lost target), while cases of the family are on a line after it: other cases than those.
  const others = lines === '' ? 0 : family.notJudged - waiting - stopped;
  const who = (count: number): string => (count >= family.notJudged ? plural(count, 'case') : `${count} of ${plural(family.notJudged, 'case')}`);
  const reasons = [
    ...(waiting > 0 ? [`${who(waiting)} ${waiting === 1 ? 'waits' : 'wait'} on authentication`] : []),
    // One case on two lines: not judged for its family, the broken answer that stopped it on the line after.
    // Which line a stopped case is on is not kept (stoppedBefore counts both): with both lines, "or".
    ...(stopped > 0 ? [`${who(stopped)} stopped before ${stopped === 1 ? 'its' : 'their'} own request by ${stopped === 1 ? 'its' : 'their'} broken answer on ${chargedLines([family], 'or')}`] : []),
    ...(others > 0 ? [`${who(others)} not among those on ${lines}`] : []),
  ];
  return reasons.length === 0 ? family.family : `${family.family}: ${reasons.join('; ')}`;
}

/**
 * The families not judged, each named as notJudgedName does; when two or more have cases stopped by
 * a broken answer (a target whose read before a start is broken stops a sequence in each of six
 * families), the stop is said once after them: said in each, the line ran past the 400 characters
 * summary.md keeps, and the "response shape failed (…)" that says why was cut.
 */
function notJudgedNames(families: readonly FamilyVerdict[]): string {
  const stoppedIn = families.filter((f) => (f.stoppedBefore ?? 0) > 0);
  if (stoppedIn.length < 2) return families.map(notJudgedName).join(', ');
  // Named without their lines: only the cases waiting on authentication are said family by family.
  const names = families.map((f) => notJudgedName({ family: f.family, notJudged: f.notJudged, ...(f.unauthenticated !== undefined ? { unauthenticated: f.unauthenticated } : {}) }));
  const total = families.reduce((sum, f) => sum + f.notJudged, 0);
  const stopped = stoppedIn.reduce((sum, f) => sum + (f.stoppedBefore ?? 0), 0);
  const lines = chargedLines(stoppedIn, 'or');
  return `${names.join(', ')}; ${stopped >= total ? `all ${total} cases` : `${stopped} of their ${total} cases`} stopped before their own request by their broken answer on ${lines}`;
}

/**
 * "the response shape line", "the internal error exposed line", both ("the response shape and
 * internal error exposed lines", or with `or` "the response shape or internal error exposed line":
 * one of them, not said which), or "": the lines of the certificate that name cases of any of `families`.
 */
function chargedLines(families: readonly Pick<FamilyVerdict, 'responseShape' | 'internalErrorExposed'>[], both: 'and' | 'or'): string {
  const shape = families.some((f) => f.responseShape !== undefined);
  const exposed = families.some((f) => f.internalErrorExposed !== undefined);
  if (shape && exposed) return both === 'and' ? 'the response shape and internal error exposed lines' : 'the response shape or internal error exposed line';
  return shape ? 'the response shape line' : exposed ? 'the internal error exposed line' : '';
}

/** Operations the certificate line names as certifying nothing (the rest are counted), and the characters of each id. */
const NOTHING_CERTIFIED = { shown: 5, idChars: 80 } as const;

/**
 * Of a whole PARTIAL certificate: "2 of 4 operations certified nothing (startA, startB)", or "" when
 * each certified a family (or the level is another, or it is one operation's). A family is
 * certified over the run when any operation certified it, so a read-only run (both starts' cases
 * writes, skipped) read "PARTIAL (8 families certified, …)" over two operations that certified
 * nothing. A FAILED line names what failed already; a FULL one has no such operation. Operation
 * ids are the run's, never the target's bytes, but the user's (--operations, --spec): bounded, inert.
 */
function operationsCertifyingNothing(certificate: { level?: Certificate['level']; operations?: Certificate['operations'] }): string {
  // An operation without a case here (one shard's slice: another shard's) was not judged, not certified nothing.
  const operations = (certificate.operations ?? []).filter((op) => op.families.length > 0);
  if (certificate.level !== 'partial') return '';
  const nothing = operations.filter((op) => !op.families.some((f) => f.verdict === 'certified')).map((op) => op.operationId);
  if (nothing.length === 0) return '';
  // The ids are the user's operations folder and spec: a read-only run over many starts names a few, each cut and inert, on this one line.
  const { shown: ids, rest } = shownAndRest(nothing, NOTHING_CERTIFIED.shown);
  const shown = ids.map((id) => excerpt(id, NOTHING_CERTIFIED.idChars));
  const more = rest > 0 ? `; +${rest} more` : '';
  return `${nothing.length} of ${plural(operations.length, 'operation')} certified nothing (${shown.join(', ')}${more})`;
}

/**
 * What a level rests on: "5 families certified, 1 not tested, each case skipped (no-waba), 1 not
 * applicable (start-sync)" (", 2 cases skipped" when so,
 * "(certified without them: 2 of isolation)" when a certified family is among theirs), for the
 * whole certificate or for one of its operations; with a responseShape line, "response
 * shape failed (2 cases of authentication: response-schema)", and with an internalErrorExposed line
 * "internal error exposed (3 cases of not-found, isolation)", so a breach charged to no family is
 * still read on the line that says FAILED.
 */
export function certificateDetail(
  certificate: Pick<Certificate, 'families' | 'responseShape' | 'internalErrorExposed'> & { tlsUnverified?: boolean; unseenSuccess?: readonly string[]; operationId?: string; level?: Certificate['level']; operations?: Certificate['operations'] },
  results?: readonly CaseResult[],
): string {
  const of = (verdict: string): string[] => certificate.families.filter((f) => f.verdict === verdict).map((f) => f.family);
  const parts = [`${plural(of('certified').length, 'family', 'families')} certified`];
  // The level stands (the answers were judged), but a line read without the run's notes must not
  // hide whose they may be: first, so a line cut to its length (summary.md's) keeps it.
  if (certificate.tlsUnverified === true) parts.unshift("no TLS certificate verified (NODE_TLS_REJECT_UNAUTHORIZED=0): the answers may not be the target's");
  const nothing = operationsCertifyingNothing(certificate);
  if (nothing !== '') parts.push(nothing);
  // The families that keep the level down are named (ids from operations/families.json, never the
  // target's bytes): "2 failed" alone sends a mock's author to the HTML to learn what to fix first.
  // A family every case of which was skipped is said apart from the not applicable ones (notTested).
  const untested = certificate.families.filter(notTested).map((f) => f.family);
  for (const [verdict, words] of [['failed', 'failed'], ['not-judged', 'not judged'], ['not-tested', 'not tested, each case skipped'], ['not-applicable', 'not applicable']] as const) {
    if (verdict === 'not-judged') {
      const named = notJudgedNames(certificate.families.filter((f) => f.verdict === verdict));
      if (named !== '') parts.push(`${certificate.families.filter((f) => f.verdict === verdict).length} ${words} (${named})`);
      continue;
    }
    const families = verdict === 'not-tested' ? untested : of(verdict).filter((f) => !untested.includes(f));
    if (families.length > 0) parts.push(`${families.length} ${words} (${families.join(', ')})`);
  }
  const shape = certificate.responseShape;
  if (shape !== undefined) parts.push(`response shape failed (${plural(shape.failed, 'case')} of ${shape.families.join(', ')}: ${shape.checks.join(', ')})`);
  const exposed = certificate.internalErrorExposed;
  if (exposed !== undefined) parts.push(`internal error exposed (${plural(exposed.failed, 'case')} of ${exposed.families.join(', ')})`);
  const skipped = certificate.families.reduce((sum, f) => sum + f.skipped, 0);
  // A family certified on the cases it ran, some skipped (isolation without ZAVU_OTHER_PROJECT_API_KEY:
  // the other project's side never read): named with its skips, so "certified" is not read as all of it checked.
  // Not the skips of a rule of writes (a read-only gate skips the starts of every family), which
  // partialByDesign says once: listed, they were seven families long on the most common live run.
  const unchosen = (family: string): number =>
    results === undefined
      ? (certificate.families.find((f) => f.family === family)?.skipped ?? 0)
      : results.filter((r) => r.status === 'skipped' && r.family === family && (certificate.operationId === undefined || r.operationId === certificate.operationId) && !isWriteSafetySkip(r.skipReason)).length;
  const partly = certificate.families.filter((f) => f.verdict === 'certified' && f.skipped > 0).flatMap((f) => {
    const count = unchosen(f.family);
    return count > 0 ? [`${count} of ${f.family}`] : [];
  });
  if (skipped > 0) parts.push(`${plural(skipped, 'case')} skipped${partly.length > 0 ? ` (certified without them: ${partly.join(', ')})` : ''}`);
  const unseen = certificate.unseenSuccess ?? [];
  if (unseen.length > 0) parts.push(`${listed(unseen)} never seen`);
  return parts.join(', ');
}

/** Cases a skip note names per operation, and the characters of each id and reason it shows. */
const SKIPPED_SUCCESS = { cases: 3, idChars: 80, reasonChars: 100 } as const;

/**
 * A skip reason's first clause: "ZAVU_SENDER_COEXISTENCE is not set" of "ZAVU_SENDER_COEXISTENCE is
 * not set: nothing to test for role coexistence (…)"; the skip list above has it whole. A reason
 * may name a fixture's sender id (someone's choice): escaped and bounded as received text.
 */
function skipCause(reason: string | undefined): string {
  const text = reason ?? 'no reason given';
  const colon = text.indexOf(': ');
  return excerpt(colon > 0 ? text.slice(0, colon) : text, SKIPPED_SUCCESS.reasonChars);
}

/**
 * The cases of an operation that were skipped and would have asked for a success: a single request
 * whose expected status is a 2xx, or a sequence whose skip keeps the success it would have asked
 * for (runner/execute-case skippedResult: a start's 202, predicted when the state allows it).
 */
function skippedSuccessCases(operationId: string, results: readonly CaseResult[]): CaseResult[] {
  return results.filter((r) => r.operationId === operationId && r.status === 'skipped' && isSuccessStatus(r.expectedStatus));
}

/** Whether `status` is one of `unseen` (the documented successes never seen: "200", or a range "2XX"). */
function amongUnseen(status: number | undefined, unseen: readonly string[]): boolean {
  if (status === undefined) return false;
  return unseen.some((documented) => documented === String(status) || documented.trim().toUpperCase() === `${Math.floor(status / 100)}XX`);
}

/**
 * The cases of an operation that expected a success never seen, passed, and were answered another
 * status their row also accepts (`alsoAccept`, a status by role): a success the row allowed not to
 * happen, with no state read before to say why (a predicted refusal expects the refusal itself).
 * Only the unseen statuses: an OPTIONS accepted as 501 in place of its 204, or a witness read's
 * status, says nothing of why a start's 202 was never seen.
 */
function acceptedInPlaceOfSuccess(operationId: string, unseen: readonly string[], results: readonly CaseResult[]): CaseResult[] {
  return results.filter((r) => r.operationId === operationId && r.status === 'passed' && amongUnseen(r.expectedStatus, unseen) && r.receivedStatus !== undefined && !isSuccessStatus(r.receivedStatus));
}

/**
 * Why an operation with no failure is PARTIAL for a success never seen (unseenSuccess), and what to
 * do, one note per cause:
 * - its cases that expect a success were skipped (a fixture variable not set, writes not allowed):
 *   no success was asked for, so none was refused; the note names those cases and each skip's
 *   reason. A live run without the ZAVU_SENDER_* variables read "every request was rightly refused
 *   by the state read before it" of a read whose 200 case had simply not run;
 * - its cases that expect a success were answered another status their rows also accept: the note
 *   names them and what each got. A data-only read whose fixtures named no sender of the target read
 *   "rightly refused by the state read before it (a sync already pending…)", of a read with no state;
 * - else its refusals were right, so the level says nothing of the target but of the state it was in.
 *   A mock run twice without a restart keeps the first run's pending syncs, and a sandbox sender
 *   stays at its 24-hour limit: both certify FULL, then PARTIAL, with no word on why.
 * `results` are the run's (the skips are read there: the certificate keeps counts only). [] when no such operation.
 */
export function unseenSuccessNotes(certificate: Pick<Certificate, 'operations'>, results: readonly CaseResult[]): string[] {
  const lowered = certificate.operations.filter((op) => op.level === 'partial' && op.unseenSuccess !== undefined);
  const notes: string[] = [];
  const refused: typeof lowered = [];
  for (const op of lowered) {
    const skipped = skippedSuccessCases(op.operationId, results);
    const inPlace = skipped.length === 0 ? acceptedInPlaceOfSuccess(op.operationId, op.unseenSuccess ?? [], results) : [];
    if (inPlace.length > 0) {
      const listedInPlace = shownAndRest(inPlace, SKIPPED_SUCCESS.cases);
      const got = listedInPlace.shown.map((r) => `${excerpt(r.id, SKIPPED_SUCCESS.idChars)}: ${String(r.receivedStatus)}`);
      const rest = listedInPlace.rest > 0 ? `; +${listedInPlace.rest} more` : '';
      const those = inPlace.length === 1 ? 'the case' : 'the cases';
      notes.push(`${listed(op.unseenSuccess ?? [])} never seen: ${those} of ${op.operationId} expecting a success ${inPlace.length === 1 ? 'was' : 'were'} answered with another status ${inPlace.length === 1 ? 'its row also accepts' : 'their rows also accept'} (${got.join('; ')}${rest}), so none was seen to succeed; are ${inPlace.length === 1 ? 'its fixtures' : 'their fixtures'} the ones meant?`);
      continue;
    }
    if (skipped.length === 0) {
      refused.push(op);
      continue;
    }
    const listedSkips = shownAndRest(skipped, SKIPPED_SUCCESS.cases);
    const shown = listedSkips.shown.map((r) => `${excerpt(r.id, SKIPPED_SUCCESS.idChars)}: ${skipCause(r.skipReason)}`);
    const more = listedSkips.rest > 0 ? `; +${listedSkips.rest} more` : '';
    const which = skipped.length === 1 ? 'the case' : 'the cases';
    notes.push(`${listed(op.unseenSuccess ?? [])} never seen: ${which} of ${op.operationId} expecting a success ${skipped.length === 1 ? 'was' : 'were'} skipped (${shown.join('; ')}${more}), so none was asked for, and the target refused none; the skips above say what each needs`);
  }
  // A refusal predicted from a state read before it (the shipped starts' sequences) is the state's;
  // an operation none of whose cases read state first simply asked for no success (its rows are data).
  // (The note on cases asking for none is said only of cases the run has: none, it cannot be said.)
  const noneAsked = refused.filter((op) => askedForNone(op.operationId, results));
  const afterState = refused.filter((op) => !noneAsked.includes(op));
  for (const op of noneAsked) {
    const statuses = op.unseenSuccess ?? [];
    notes.push(`${listed(statuses)} never seen: no case of ${op.operationId} that ran expects a success (each expects a refusal, and got it), so none was seen to succeed; a row that expects ${listed(statuses, 'or')} would show one`);
  }
  if (afterState.length > 0) {
    const statuses = listed([...new Set(afterState.flatMap((op) => op.unseenSuccess ?? []))]);
    notes.push(`${statuses} never seen: every request of ${afterState.map((op) => op.operationId).join(', ')} was rightly refused by the state read before it (a sync already pending, or at its limit), so none was seen to succeed; run again on fresh state (a mock restarted, a sandbox sender past its 24-hour limit)`);
  }
  return notes;
}

/**
 * Whether `operationId` has cases that ran, none of which read another operation (its state) before
 * a step of its own: their refusals were their rows' own asking, not a state's.
 */
function askedForNone(operationId: string, results: readonly CaseResult[]): boolean {
  const ran = results.filter((r) => r.operationId === operationId && r.status !== 'skipped');
  const readState = (r: CaseResult): boolean => (r.steps ?? []).some((step, at, steps) => step.operationId === operationId && steps.slice(0, at).some((before) => before.operationId !== operationId));
  return ran.length > 0 && !ran.some(readState);
}

/** Operations the note names (the rest are counted), and the cut of each id (the spec is the user's file). */
export const WITHOUT_DATA_NOTE = { shown: 5, idChars: 80 } as const;

/**
 * "the spec has 2 operations with no data in operations/: not certified (getX, postY)": a spec's
 * operation the suite has no scenarios for is sent no request, and a certificate over the others
 * must not read as one over the whole spec. '' when there is none.
 */
export function withoutDataNote(operationIds: readonly string[] | undefined, folder = 'operations/'): string {
  if (operationIds === undefined || operationIds.length === 0) return '';
  const { shown: ids, rest } = shownAndRest(operationIds, WITHOUT_DATA_NOTE.shown);
  const shown = ids.map((id) => excerpt(id, WITHOUT_DATA_NOTE.idChars));
  const more = rest > 0 ? `, +${rest} more` : '';
  return `the spec has ${plural(operationIds.length, 'operation')} with no data in ${folder}: not certified (${shown.join(', ')}${more})`;
}

/** A write bound to another sender than the write fixture, which is set (registry/plan-cases.ts): the variable it names. */
const WRITE_FIXTURE_NAMED = /^writes go only to ([A-Z][A-Z0-9_]*) \(this case would write to /;

/** A write to a sender that needs its own consent variable (registry/plan-cases.ts): a rule a live run keeps too. */
const CONSENT_NOT_GIVEN = /^writes to .+ need [A-Z][A-Z0-9_]*=1 as well as --allow-writes$/s;

/**
 * Why a PARTIAL certificate is what it is, when every skip is a rule of writes (none allowed, or
 * one to another sender than the sandbox one, or without its consent): a live run certifies no more
 * by design, which a reviewer should not take for a forgotten fixture. '' otherwise (a write
 * fixture unset or undeclared is one): the skip list says why.
 */
export function partialByDesign(certificate: Pick<Certificate, 'level' | 'operations' | 'target'>, results: readonly CaseResult[]): string {
  if (certificate.level !== 'partial') return '';
  // A success never seen lowers the level too, and that is the target's answers, not a rule of writes.
  if (certificate.operations.some((op) => op.unseenSuccess !== undefined)) return '';
  const skipped = results.filter((r) => r.status === 'skipped');
  if (skipped.length === 0 || !skipped.every((r) => isWriteSafetySkip(r.skipReason))) return '';
  // Zavu's own hosts refuse --mock-target (runner/write-safety.ts): there the advice could not be followed.
  const mock = !isZavuTarget(certificate.target);
  // A mock's author reads this line too, and --allow-writes alone still leaves a mock partial.
  if (skipped.every((r) => r.skipReason === NO_WRITES_REASON)) return `partial because the skipped cases write, which a run against a live target does only with --allow-writes${mock ? ' (against a mock server, --allow-writes --mock-target runs them all)' : ''}`;
  // A mock is a live target too: only --mock-target lets its run send them, so that is what to name.
  // By design only when the rule itself skipped them: a write fixture not set, none declared (fixtures
  // without "writable": true) or an unknown id chosen are lifted by the run's settings or its data,
  // and "a live run certifies no more" would send the reader away from the fix its skips name.
  if (!skipped.every((r) => WRITE_FIXTURE_NAMED.test(r.skipReason ?? '') || CONSENT_NOT_GIVEN.test(r.skipReason ?? ''))) return '';
  // The write fixture is the data's (an API team's own fixtures name theirs): the variable its skips
  // name (registry/plan-cases.ts, "writes go only to VAR …"), none when only consent skips were met.
  const sandbox = skipped.map((r) => WRITE_FIXTURE_NAMED.exec(r.skipReason ?? '')?.[1]).find((name) => name !== undefined);
  return `partial by design: the skipped cases would write to senders other than the sandbox one${sandbox === undefined ? '' : ` (${sandbox})`}, so a live run certifies no more${mock ? '; against a mock server, --mock-target runs them' : ''}`;
}

/**
 * One list of case ids behind a count of the headline: its label and its items (ids, some with a
 * note). An item with `group` is many cases said once: `id` is what they share (a request), `note`
 * how many and what, shown "id: note".
 */
export interface BaselineList {
  label: string;
  items: { id: string; note?: string; group?: true }[];
}

/**
 * The latency regressions as listed: those of one request first, once each ("GET
 * /v1/senders/snd_coex_active/whatsapp-sync: 22 cases slower, …", latency-regression-groups.ts),
 * then each other case as before, worst first.
 */
function latencyItems(diff: BaselineDiff, results: readonly CaseResult[]): BaselineList['items'] {
  const { groups, rest } = groupLatencyRegressions(diff.latencyRegressions, results);
  return [
    ...groups.map((g) => ({ id: g.request, note: latencyGroupText(g), group: true as const })),
    ...rest.map((r) => ({ id: r.id, note: `p95 ${formatMs(r.baselineP95)} → ${formatMs(r.p95)}${r.baselineP95 > 0 ? `, +${Math.round(((r.p95 - r.baselineP95) / r.baselineP95) * 100)} %` : ''}` })),
  ];
}

/**
 * Which cases the headline's counts are, for the console and summary.md (the HTML has its own
 * lists): a count alone ("1 new failure") leaves the person on call to find it among every
 * failure. A new failure is annotated when it is not in the baseline at all (added, or renamed:
 * then it is new by name only), when it is flaky within this run, or, with --history, when it also
 * failed on earlier runs of the window (it flips between runs: new since the baseline's run, not a
 * regression of the target).
 */
export function baselineLists(diff: BaselineDiff, results: readonly CaseResult[], history?: HistoryFigures, allowFlaky = false): BaselineList[] {
  const notes = newFailureNotes(diff, results, history, allowFlaky);
  const lists: BaselineList[] = [
    { label: 'new failures', items: diff.newFailures.map((id) => { const note = notes.get(id); return note === undefined ? { id } : { id, note }; }) },
    { label: 'fixed', items: diff.fixed.map((id) => ({ id })) },
    { label: 'newly skipped', items: diff.newlySkipped.map((id) => ({ id })) },
    {
      label: 'latency regressions',
      items: latencyItems(diff, results),
    },
    { label: 'missing from this run', items: (diff.missing ?? []).map((id) => ({ id })) },
    { label: 'not in the baseline', items: (diff.added ?? []).map((id) => ({ id })) },
  ];
  return lists.filter((l) => l.items.length > 0);
}

/** Ids per list on the console and in summary.md (they stay short); the HTML lists them all. */
export const BASELINE_IDS_SHOWN = 10;

/** The items of a list the console and summary.md show, and how many they leave to the HTML. */
export function shownItems(list: BaselineList): { items: BaselineList['items']; more: number } {
  const { shown, rest } = shownAndRest(list.items, BASELINE_IDS_SHOWN);
  return { items: shown, more: rest };
}

/** The new failures the loss of the target left unjudged (cutByTargetLoss): never sent tonight. */
function notSentOfNew(diff: BaselineDiff, results: readonly CaseResult[]): ReadonlySet<string> {
  const fresh = new Set(diff.newFailures);
  return new Set(results.filter((r) => fresh.has(r.id) && cutByTargetLoss(r)).map((r) => r.id));
}

/** The note of each new failure that has one (see baselineLists): the same in every report. */
export function newFailureNotes(diff: BaselineDiff, results: readonly CaseResult[], history?: HistoryFigures, allowFlaky = false): Map<string, string> {
  const added = new Set(diff.added ?? []);
  const flaky = new Set(results.filter((r) => r.status === 'flaky').map((r) => r.id));
  const notAllowed = flakyNewFailures(diff, results, allowFlaky);
  const byId = new Map((history?.cases ?? []).map((c) => [c.id, c] as const));
  const changed = new Map((diff.changedFailures ?? []).map((c) => [c.id, c] as const));
  const cut = notSentOfNew(diff, results);
  const newFailureNote = (id: string): string | undefined => {
    // Never sent tonight: no fault of its own to tell, nor a flip between runs.
    if (cut.has(id)) return 'not sent, target lost: see the top';
    if (added.has(id)) return 'not in the baseline';
    const change = changed.get(id);
    const earlier = byId.get(id)?.strip.slice(0, -1) ?? [];
    const judged = earlier.filter((s) => s === 'passed' || s === 'failed' || s === 'flaky');
    const failed = judged.filter((s) => s !== 'passed').length;
    // The night it last failed, dated as the history views date it: whose reports to set beside tonight's, and how old the "new" failure is.
    const last = earlier.map((s) => s === 'failed' || s === 'flaky').lastIndexOf(true);
    const lastRun = history?.runs[last];
    const lastText = lastRun === undefined || history === undefined ? '' : `, last on ${nightText(lastRun.startedAt, stampPrecision(history.runs))}`;
    const notes = [
      // Failing in the baseline too, but not the same failure: what is new is why it fails the run.
      ...(change === undefined ? [] : [changedFailureText(change)]),
      // Failed on some repeats of this run only; with --allow-flaky, why the flag did not let it pass.
      ...(flaky.has(id) ? [notAllowed.has(id) ? 'flaky in this run, with a new fault: not allowed by --allow-flaky' : 'flaky in this run'] : []),
      ...(failed > 0 ? [`also failed on ${failed} of ${plural(judged.length, 'earlier run')} in the history window${lastText}`] : []),
    ];
    return notes.length === 0 ? undefined : notes.join('; ');
  };
  return new Map(diff.newFailures.flatMap((id) => { const note = newFailureNote(id); return note === undefined ? [] : [[id, note] as const]; }));
}

/** Faults named in a note; the rest are counted (conformance.json keeps up to CHANGED_FAULTS_KEPT). */
const FAULTS_NAMED = 3;

/** "not-a-server-error", "response-schema at /data/status in step poll": a fault in words (array indexes shown as `*`). */
export function faultText(fault: FailureFault): string {
  // The place is made of the target's property names: escaped and bounded like any received text.
  const place = fault.place === '' ? (fault.under === true ? ' (errors only counted)' : '') : ` ${fault.under === true ? 'under' : 'at'} ${excerpt(fault.place, 80)}`;
  return `${fault.check}${place}${fault.step === undefined ? '' : ` in step ${excerpt(fault.step, 40)}`}`;
}

/**
 * "still failing, and now also: not-a-server-error": what makes a case failing in the baseline too
 * a new failure. When the baseline could not show the fault (its list of the case's errors cut, or
 * none listed), it says so, and that the doubt counts against the case.
 */
export function changedFailureText(change: ChangedFailure): string {
  const listedFaults = shownAndRest(change.newFaults, FAULTS_NAMED, change.newFaults.length + (change.moreNewFaults ?? 0));
  const more = listedFaults.rest;
  const named = listedFaults.shown.map(faultText).join(', ') + (more > 0 ? ` and ${more} more` : '');
  // Why it cannot: the places of the errors it only counted are not all listed (OmittedViolations.places).
  if (change.baselineIncomplete === 'cut') return `still failing, and the baseline cannot show it had: ${named} (it only counted some of this case's errors of that check, without every place: written by an older suite, or more than ${OMITTED_PLACES_KEPT} places or ${groupDigits(OMITTED_PLACES_CHARS)} characters of them), so it counts as new`;
  if (change.baselineIncomplete === 'not-reached') return `still failing, and the baseline cannot show it had: ${named} (its run of this case stopped at an earlier failure, before that step), so it counts as new`;
  if (change.baselineIncomplete === 'unlisted') return `still failing, but the baseline lists no violations (written by an older suite), so it cannot show it had: ${named}; counts as new`;
  return `still failing, and now also: ${named}`;
}

/**
 * When cases both left and joined since the baseline, the sentence that explains the pairs a
 * rename makes; '' otherwise.
 */
export function renamedCasesSentence(diff: BaselineDiff): string {
  if ((diff.missing ?? []).length === 0 || (diff.added ?? []).length === 0) return '';
  return 'The planned cases changed since the baseline (operations, spec or fixtures): a renamed case shows as one missing and one not in the baseline, and a failure of it counts as new.';
}

/**
 * What the history window knows of the runs between the baseline's and this one, or "" when it
 * knows of none (the baseline is the run before this one) or cannot tell: no --history, or a
 * baseline of another target, kind or mode, whose nights are not this window's series. "the last run
 * judged: the 2 nights since it were not run" (a nightly job keeps the last judged night's report as
 * the baseline, so after a night stopped the reader must not take it for last night's), else "not
 * the last run: 1 run judged since it, 1 night not run". A count the window may hold only part of
 * says "at least": the baseline older than the window's first run, or the window's gaps at their
 * cap (windowWithGaps shows the newest `window` nights not run) with none shown before the baseline.
 */
function sinceBaselineText(diff: BaselineDiff, history: HistoryFigures | undefined): string {
  if (history === undefined || diff.otherTarget === true || diff.otherKind !== undefined || diff.otherMode !== undefined) return '';
  const from = Date.parse(diff.baseline.startedAt);
  if (Number.isNaN(from)) return '';
  // The window's last run is this one.
  const earlier = history.runs.slice(0, -1);
  // The baseline's own run where the window holds it, found by its instant (either stamp may carry an
  // offset): the runs after it in the window's order are since it. By stamp alone, a re-run stamped by
  // a slow clock (ordered after the run it re-ran, history-window.ts orderKeys) had that run "since it".
  const at = lastIndexWhere(earlier, (r) => Date.parse(r.startedAt) === from);
  const since = at >= 0 ? earlier.slice(at + 1) : earlier.filter((r) => Date.parse(r.startedAt) > from);
  const notRun = since.filter((r) => r.notRun !== undefined).length;
  const judged = since.length - notRun;
  const first = earlier[0];
  // Not held, and older than the window's first run: runs and nights before that run are not in it.
  const cut = at < 0 && first !== undefined && Date.parse(first.startedAt) > from;
  // The gaps left out are older than every gap shown: since the baseline too unless one shown is not.
  const gapsCapped = history.runs.filter((r) => r.notRun !== undefined).length >= history.window && since.length > 0 && earlier.indexOf(since[0]!) <= earlier.findIndex((r) => r.notRun !== undefined);
  const nightsAtLeast = cut || gapsCapped ? 'at least ' : '';
  if (judged === 0) {
    if (notRun === 0) return '';
    if (nightsAtLeast !== '') return `the last run judged: at least ${notRun} nights since it were not run`;
    return notRun === 1 ? 'the last run judged: the night since it was not run' : `the last run judged: the ${notRun} nights since it were not run`;
  }
  return `not the last run: ${cut ? 'at least ' : ''}${plural(judged, 'run')} judged since it${notRun === 0 ? '' : `, ${nightsAtLeast}${plural(notRun, 'night')} not run`}`;
}

/** The index of the last of `items` that `test` holds for, -1 when none (ES2022 has no findLastIndex). */
function lastIndexWhere<T>(items: readonly T[], test: (item: T) => boolean): number {
  for (let i = items.length - 1; i >= 0; i -= 1) if (test(items[i]!)) return i;
  return -1;
}

/**
 * "its run started 2026-11-07 02:00:00 UTC": which run the baseline is, since a night without a
 * verdict leaves an older one; with the run's `history`, what it knows of the runs since (sinceBaselineText).
 */
export function baselineRunText(diff: BaselineDiff, history?: HistoryFigures): string {
  return runStartedText(diff, sinceBaselineText(diff, history));
}

/** baselineRunText's words, `since` already derived (sinceBaselineText, read once for olderBaselineText too). */
function runStartedText(diff: BaselineDiff, since: string): string {
  return `its run started ${utcStampText(diff.baseline.startedAt)}${since === '' ? '' : `, ${since}`}`;
}

/** baselineRunText when the history knows the baseline is not last night's, else "": said after "Against the baseline", the line a reader sees first. */
export function olderBaselineText(diff: BaselineDiff, history?: HistoryFigures): string {
  const since = sinceBaselineText(diff, history);
  return since === '' ? '' : runStartedText(diff, since);
}
