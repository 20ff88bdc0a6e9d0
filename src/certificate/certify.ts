/**
 * The certificate of a run: per operation, then per scenario family, whether the target honours
 * it. A mock server author can publish it; a gate can require a level. Which families exist, their
 * titles and which are core come from the run (runInfo.families, declared in
 * operations/families.json), never from a list in code. Skips never certify (DESIGN principle 6).
 */
import { isPlanSlice } from '../report/plan-slice';
import type { CaseResult, Certificate, CertificateLevel, CertificationVerdict, ConformanceReport, FamilyInfo, FamilyVerdict, InternalErrorExposedVerdict, ResponseShapeVerdict } from '../model';
import { CONTENT_CHECKS, INTERNAL_ERROR_EXPOSED, RESPONSE_SHAPE_CHECKS } from '../model/check';
import { isSuccessStatus } from '../model/http';
import { cutByTargetLoss } from '../model/result';
import { isFailingStatus } from '../report/summarize';

type OperationCertificate = Certificate['operations'][number];

/**
 * Where a case's outcome is charged:
 * - 'family': to its own family, as its status says (every case but those below);
 * - 'held': a failed case of a successesJudgedElsewhere family (authentication: the valid key
 *   spelt "bearer" gets the sender's own 200) whose every error is a response-shape check of a
 *   success (2xx) it received, and which went to its end: the status it judges held (passed for
 *   the family); the content, another family's, did not (the responseShape line);
 * - 'stopped': the same, but the broken success ended its sequence before the rest was sent (the
 *   read before a start): its family's behaviour was never seen (not judged), the shape broke.
 *   A content error (CONTENT_CHECKS or a rule of the run: what a success says, coexistence's and
 *   start-sync's to judge) counts as the shape does, but only in a setup read of a sequence, one
 *   before any of its steps expected a refusal (the valid key's read before a start it refuses):
 *   after it, what a read says is the family's own evidence (an unauthenticated start that took
 *   effect), and a single request's answer is its own;
 * - 'exposed-held' / 'exposed-stopped': a failed case of any family whose every error is
 *   internal-error-exposed (a stack trace in a 404 whose status was right): charged to the
 *   internalErrorExposed line, which fails the operation; the family is passed when the case went to
 *   its end, not judged when the exposure stopped its sequence;
 * A case that failed with no error kept (none to tell what broke), a flaky one (its attempts may
 * have broken differently), one whose broken answer was a refusal (a 401's body is authentication's
 * own answer) or whose status is unknown, or one of a family that judges content stays 'family':
 * the certificate never reads better than the cases;
 * - 'unauthenticated': a failed case of another successesJudgedElsewhere family (no-waba,
 *   not-found, …) whose every error is a status where 401 was expected, in an operation whose
 *   judgesCredentials family (authentication) failed on a 401 too, and either its sequence stopped
 *   before its own sender was asked (the unknown id it is compared with was not refused 401) or the
 *   operation served a request without valid credentials (authentication's cases got a 2xx where
 *   they expected a refusal): its family's "only after authentication" cannot be judged on a route that
 *   does not authenticate, so it is not judged (never passed); the breach is authentication's.
 *   A route that authenticates after its lookup (401 for a sender, 404 for an unknown id) serves
 *   nothing without credentials: its not-found case stays 'family'.
 */
type Charge = 'family' | 'held' | 'stopped' | 'unauthenticated' | 'exposed-held' | 'exposed-stopped';

/** Of one operation: did its judgesCredentials family fail on a 401, and did it serve a request without valid credentials. */
interface CredentialsBreach {
  failedOn401: boolean;
  servedWithout: boolean;
}

/** The status of the answer a violation was seen in: the case's own, or its step's (undefined when unknown). */
function answerStatus(result: CaseResult, step: string | undefined): number | undefined {
  if (result.steps === undefined) return step === undefined ? result.receivedStatus : undefined;
  return step === undefined ? undefined : result.steps.find((s) => s.id === step)?.receivedStatus;
}

/** The status an answer was expected to have: the case's own, or its step's (undefined when unknown). */
function expectedStatus(result: CaseResult, step: string | undefined): number | undefined {
  if (result.steps === undefined) return step === undefined ? result.expectedStatus : undefined;
  return step === undefined ? undefined : result.steps.find((s) => s.id === step)?.expectedStatus;
}

/**
 * Whether a credentials case got a success where it expected a refusal: every answer of such a
 * case that is not the valid key's read expects one (401, or a HEAD's "answered as the unknown id
 * was"), so a 2xx there is a request served without valid credentials.
 */
function servedWithoutCredentials(result: CaseResult): boolean {
  const answers = result.steps ?? [result];
  return answers.some((a) => isSuccessStatus(a.receivedStatus) && a.expectedStatus !== undefined && !isSuccessStatus(a.expectedStatus));
}

const NO_BREACH: CredentialsBreach = { failedOn401: false, servedWithout: false };

/** The credentials breach of each operation, read from its judgesCredentials family's cases. */
function credentialsBreaches(families: readonly FamilyInfo[], results: readonly CaseResult[]): Map<string, CredentialsBreach> {
  const breaches = new Map<string, CredentialsBreach>();
  const judges = new Set(families.filter((f) => f.judgesCredentials === true).map((f) => f.id));
  for (const result of results) {
    if (!judges.has(result.family) || result.status !== 'failed') continue;
    const failedOn401 = result.violations.some((v) => v.severity === 'error' && expectedStatus(result, v.step) === 401);
    const servedWithout = servedWithoutCredentials(result);
    const known = breaches.get(result.operationId) ?? NO_BREACH;
    breaches.set(result.operationId, { failedOn401: known.failedOn401 || failedOn401, servedWithout: known.servedWithout || servedWithout });
  }
  return breaches;
}

/**
 * Whether an answer is a setup read of a sequence: a step before any of the case's steps expected a
 * refusal (a non-2xx), such as the valid key's read before a start it refuses. A single request
 * (the valid key spelt otherwise, read once) is the case's own answer: what it says stays the
 * family's to judge. Unknown step: false (the family keeps it).
 */
function beforeAnyRefusal(result: CaseResult, step: string | undefined): boolean {
  if (result.steps === undefined) return false;
  const index = result.steps.findIndex((s) => s.id === step);
  return index >= 0 && result.steps.slice(0, index + 1).every((s) => isSuccessStatus(s.expectedStatus));
}

/** The errors of a case, shown and only counted. */
function errorsOf(result: CaseResult): { check: string; step?: string | undefined }[] {
  return [...result.violations, ...(result.omittedViolations ?? [])].filter((v) => v.severity === 'error');
}

function chargeOf(result: CaseResult, family: FamilyInfo | undefined, content: ReadonlySet<string>, breach: CredentialsBreach = NO_BREACH): Charge {
  if (result.status !== 'failed') return 'family';
  const errors = errorsOf(result);
  const stopped = (result.steps ?? []).some((step) => step.status === 'skipped' || step.notSent === true);
  // A disclosure in an answer whose status was right: the family's behaviour is not what broke.
  if (errors.length > 0 && errors.every((v) => v.check === INTERNAL_ERROR_EXPOSED)) return stopped ? 'exposed-stopped' : 'exposed-held';
  if (family?.successesJudgedElsewhere !== true) return 'family';
  const refusalExpected = (v: (typeof errors)[number]): boolean => v.check === 'status-code-expected' && expectedStatus(result, v.step) === 401;
  if (family.judgesCredentials !== true && breach.failedOn401 && errors.length > 0 && errors.every(refusalExpected) && (stopped || breach.servedWithout)) return 'unauthenticated';
  const elsewhere = (v: (typeof errors)[number]): boolean => {
    if (!isSuccessStatus(answerStatus(result, v.step))) return false;
    return RESPONSE_SHAPE_CHECKS.includes(v.check) || (content.has(v.check) && beforeAnyRefusal(result, v.step));
  };
  if (errors.length === 0 || !errors.every(elsewhere)) return 'family';
  return stopped ? 'stopped' : 'held';
}

/** The checks that judge a success's content: body-assertion, state-prediction and the run's named rules (runInfo.rules). */
function contentChecksOf(report: ConformanceReport): Set<string> {
  return new Set([...CONTENT_CHECKS, ...(report.runInfo.rules ?? [])]);
}

/** Counts of one family's cases, and the verdict they make. */
function familyVerdict(info: FamilyInfo, results: readonly CaseResult[], breaches: ReadonlyMap<string, CredentialsBreach>, content: ReadonlySet<string>): FamilyVerdict {
  const charges = results.map((r) => chargeOf(r, info, content, breaches.get(r.operationId)));
  const count = (...of: Charge[]): number => charges.filter((c) => of.includes(c)).length;
  const held = count('held', 'exposed-held');
  const stopped = count('stopped', 'exposed-stopped');
  const unauthenticated = count('unauthenticated');
  const passed = results.filter((r) => r.status === 'passed').length + held;
  const notJudged = results.filter((r) => r.status === 'error').length + stopped + unauthenticated;
  const failed = results.filter((r) => isFailingStatus(r.status)).length - notJudged - held;
  const skipped = results.filter((r) => r.status === 'skipped').length;
  // A case not judged is no breach (a rate-limited target answered 429), but no evidence either.
  const verdict: CertificationVerdict = failed > 0 ? 'failed' : notJudged > 0 ? 'not-judged' : passed === 0 ? 'not-applicable' : 'certified';
  const shape = count('held', 'stopped');
  const exposed = count('exposed-held', 'exposed-stopped');
  return {
    family: info.id, title: info.title, core: info.core, verdict, passed, failed, notJudged, skipped,
    ...(shape > 0 ? { responseShape: shape } : {}),
    ...(exposed > 0 ? { internalErrorExposed: exposed } : {}),
    // Why these are not judged: "1 not judged (not-found)" beside a FAILED not-found case reads as a
    // contradiction to a mock's author unless it says the case waits on authentication.
    ...(unauthenticated > 0 ? { unauthenticated } : {}),
    // The same cases are on the responseShape or internalErrorExposed line: "1 not judged" beside "1 case" there read as two.
    ...(stopped > 0 ? { stoppedBefore: stopped } : {}),
  };
}

/** The cases of these charged to one of the lines (not to their family), in order. */
function chargedTo(families: readonly FamilyInfo[], results: readonly CaseResult[], content: ReadonlySet<string>, charges: readonly Charge[]): CaseResult[] {
  // Only the lines' charges: a case not judged for want of authentication is authentication's, which failed.
  return results.filter((r) => charges.includes(chargeOf(r, families.find((f) => f.id === r.family), content)));
}

/**
 * The responseShape line of these cases: those charged to it (not to their family), the families
 * they are of and the shape and content checks that failed in them (shape checks in their order,
 * then content checks as first seen); undefined when none was.
 */
function responseShapeOf(families: readonly FamilyInfo[], results: readonly CaseResult[], content: ReadonlySet<string>): ResponseShapeVerdict | undefined {
  const charged = chargedTo(families, results, content, ['held', 'stopped']);
  if (charged.length === 0) return undefined;
  const seen = [...new Set(charged.flatMap((r) => errorsOf(r).map((v) => v.check)))];
  return {
    verdict: 'failed',
    failed: charged.length,
    families: families.map((f) => f.id).filter((id) => charged.some((r) => r.family === id)),
    checks: [...RESPONSE_SHAPE_CHECKS.filter((check) => seen.includes(check)), ...seen.filter((check) => !RESPONSE_SHAPE_CHECKS.includes(check))],
  };
}

/** The internalErrorExposed line of these cases: those whose only errors were the exposure, and their families; undefined when none. */
function internalErrorExposedOf(families: readonly FamilyInfo[], results: readonly CaseResult[], content: ReadonlySet<string>): InternalErrorExposedVerdict | undefined {
  const charged = chargedTo(families, results, content, ['exposed-held', 'exposed-stopped']);
  if (charged.length === 0) return undefined;
  return { verdict: 'failed', failed: charged.length, families: families.map((f) => f.id).filter((id) => charged.some((r) => r.family === id)) };
}

/**
 * The declared families, in their declared order, then any family a result names that was not
 * declared (a bug upstream, but its cases still count): titled by its id, and not core.
 */
function knownFamilies(report: ConformanceReport): FamilyInfo[] {
  const families = [...report.runInfo.families];
  for (const { family } of report.results) {
    if (!families.some((f) => f.id === family)) families.push({ id: family, title: family, core: false });
  }
  return families;
}

/**
 * failed: a family failed or could not be judged (a gate that reads `level != "failed"` must not
 * pass a run it could not judge); full: nothing skipped, at least one family certified and a
 * documented success status seen; else partial.
 * That is "every core family with cases certified, nothing skipped": a family with cases none of
 * which failed or was skipped is certified, so once nothing is skipped the core flag cannot lower
 * the level (it is in the certificate for its reader). An operation none of whose cases is here
 * (another shard's) is partial: nothing certifies it.
 */
function operationLevel(families: readonly FamilyVerdict[], unseenSuccess: readonly string[], lines: readonly (object | undefined)[]): CertificateLevel {
  // A breach charged to no family (a line) still fails the operation: it moves, it never vanishes.
  if (lines.some((line) => line !== undefined) || families.some((f) => f.verdict === 'failed' || f.verdict === 'not-judged')) return 'failed';
  const skipped = families.some((f) => f.skipped > 0);
  const certified = families.some((f) => f.verdict === 'certified');
  return !skipped && certified && unseenSuccess.length === 0 ? 'full' : 'partial';
}

/**
 * The operation's documented success statuses, when no answer of this run had any of them. A start
 * whose sandbox sender had reached its limit is refused in every case, and each refusal may be
 * right: the operation then passes without ever having been seen to do what it is for, which is not
 * FULL. One success seen is enough (a contract may document 200 and 2XX, or 200 and 202 for a start
 * already accepted). Empty when the run kept no coverage (nothing to tell seen from unseen).
 */
function unseenSuccessOf(report: ConformanceReport, operationId: string): string[] {
  const coverage = report.coverage?.operations.find((o) => o.operationId === operationId);
  if (coverage === undefined) return [];
  const success = coverage.statuses.documented.filter((status) => status.startsWith('2'));
  return success.some((status) => coverage.statuses.seen.includes(status)) ? [] : success;
}

/** This run's operations in run order, then any a result names that runInfo does not list. */
function knownOperations(report: ConformanceReport): ConformanceReport['runInfo']['operations'] {
  const operations = [...report.runInfo.operations];
  for (const { operationId, operation } of report.results) {
    if (!operations.some((op) => op.operationId === operationId)) operations.push({ operationId, operation });
  }
  return operations;
}

/**
 * Certifies a run:
 * - per operation, each family that has cases in it: "failed" if any of its cases failed or was
 *   flaky; else "not-judged" if any errored (not judged); "not-applicable" when every case was
 *   skipped (fixture not configured); else
 *   "certified" (even with some skipped cases, which lower the level instead); but a case of a
 *   successesJudgedElsewhere family failed only by the shape of a success it received goes to the
 *   operation's responseShape line instead (chargeOf): the family judges a status, and that held
 *   (or was never reached);
 * - an operation's level: see operationLevel; failed with a responseShape line; never full while
 *   no documented success status was seen (unseenSuccess); never full in one shard's slice of the
 *   plan, whose unseenSuccess is not said either (report/plan-slice.ts: another shard may hold it);
 * - the aggregate families: every family (declared or seen) over all operations, a family failing
 *   if it fails in any; the overall level: failed if any operation failed, full if all are full,
 *   else partial.
 * The date is the run's finishedAt, so certifying the same report twice gives the same bytes.
 */
export function certify(report: ConformanceReport): Certificate {
  const info = report.runInfo;
  const families = knownFamilies(report);
  const breaches = credentialsBreaches(families, report.results);
  const content = contentChecksOf(report);
  const slice = isPlanSlice(info, report.results.length);
  const operations: OperationCertificate[] = knownOperations(report).map(({ operationId, operation }) => {
    const mine = report.results.filter((r) => r.operationId === operationId);
    const verdicts = families.flatMap((family) => {
      const cases = mine.filter((r) => r.family === family.id);
      return cases.length === 0 ? [] : [familyVerdict(family, cases, breaches, content)];
    });
    // Only where a case was sent: an operation whose cases were all skipped has its level from them,
    // and one whose cases the loss of the target left unsent (a mock that crashed on an earlier
    // operation) from those, not judged: "202 never seen" would send its author after pending syncs.
    // One shard's slice of the plan cannot tell a success never seen from one another shard saw.
    const unseenSuccess = !slice && mine.some((r) => r.status !== 'skipped' && !cutByTargetLoss(r)) ? unseenSuccessOf(report, operationId) : [];
    const responseShape = responseShapeOf(families, mine, content);
    const internalErrorExposed = internalErrorExposedOf(families, mine, content);
    const level = operationLevel(verdicts, unseenSuccess, [responseShape, internalErrorExposed]);
    return {
      // A shard's slice certifies its own cases; the families of the other shards' were not judged here, and no slice is FULL.
      operationId, operation, families: verdicts, level: slice && level === 'full' ? 'partial' : level,
      ...(unseenSuccess.length > 0 ? { unseenSuccess } : {}),
      ...(responseShape !== undefined ? { responseShape } : {}),
      ...(internalErrorExposed !== undefined ? { internalErrorExposed } : {}),
    };
  });
  const responseShape = responseShapeOf(families, report.results, content);
  const internalErrorExposed = internalErrorExposedOf(families, report.results, content);
  const levels = operations.map((op) => op.level);
  const level: CertificateLevel = levels.includes('failed') ? 'failed' : levels.length > 0 && levels.every((l) => l === 'full') ? 'full' : 'partial';
  return {
    target: info.target,
    suiteVersion: info.suiteVersion,
    // One version is many builds with different checks: certificate.json alone must say which one judged.
    ...(info.suiteBuild !== undefined ? { suiteBuild: info.suiteBuild } : {}),
    specVersion: info.specVersion,
    specSha256: info.specSha256,
    // Published on its own: the case data the verdicts were reached with is part of what it certifies against.
    ...(info.casesSha256 !== undefined ? { casesSha256: info.casesSha256 } : {}),
    date: info.finishedAt,
    mode: info.mode,
    operations,
    families: families.map((family) => familyVerdict(family, report.results.filter((r) => r.family === family.id), breaches, content)),
    ...(responseShape !== undefined ? { responseShape } : {}),
    ...(internalErrorExposed !== undefined ? { internalErrorExposed } : {}),
    level,
    // certificate.json is published on its own: the level must not read as a live target's when it rests on writes to every sender.
    ...(info.mockTarget === true ? { mockTarget: true } : {}),
    // Nor as verified answers when Node verified no certificate: the notes saying so are not in it.
    ...(info.tlsUnverified === true ? { tlsUnverified: true } : {}),
    // Published on its own too: a reader of certificate.json alone must see it covers part of the spec.
    ...(info.specOperationsWithoutData !== undefined && info.specOperationsWithoutData.length > 0 ? { specOperationsWithoutData: info.specOperationsWithoutData } : {}),
  };
}
