/** reports/conformance.json and certificate.json: the report as data, byte-stable so runs diff cleanly. */
import type { Attempt, BaselineDiff, CaseResult, Certificate, ConformanceReport, FailureDigest, FailureGroup, FamilyInfo, FamilyVerdict, InternalErrorExposedVerdict, LatencyLeftOut, TargetLost, LatencyStats, RunWarning, OmittedViolations, ReadingEvidence, ResponseShapeVerdict, RunInfo, RunSummary, StepResult, Truncation, Violation, WarningDigestEntry, WarningPlace } from '../model';
import { inertJson } from '../text/plain-text';

type Baseline = BaselineDiff['baseline'];
type LatencyRegression = BaselineDiff['latencyRegressions'][number];
type RunOperation = RunInfo['operations'][number];
type OperationCertificate = Certificate['operations'][number];

/**
 * The print order of each object's keys, as `{ key: true }` in that order. `satisfies
 * Record<keyof T, true>` makes tsc reject an order that misses a field of the model (or names one
 * it lacks), so a new field cannot silently fall into the sorted tail. Orders read like
 * src/model/result.ts; fields added later (allowFlaky, missing, otherTarget, …) come last, where
 * the sorted tail printed them before they were listed, so the bytes of existing reports do not change.
 */
const REPORT_KEYS = { runInfo: true, summary: true, truncation: true, results: true, latency: true, latencyLeftOut: true, baseline: true, certificate: true, coverage: true, history: true, warningDigest: true, failureDigest: true, targetLost: true, runWarnings: true } satisfies Record<keyof ConformanceReport, true>;
const RUN_INFO_KEYS = {
  target: true, mode: true, suiteVersion: true, specTitle: true, specVersion: true, specSha256: true, casesSha256: true, startedAt: true, finishedAt: true, node: true,
  repeat: true, shard: true, latencyBudgetMs: true, allowFlaky: true, allowWrites: true, operations: true, families: true, shardPlan: true, mockTarget: true, tlsUnverified: true, runId: true, rules: true, notes: true, specOperationsWithoutData: true, suiteBuild: true,
} satisfies Record<keyof RunInfo, true>;
const RUN_OPERATION_KEYS = { operationId: true, operation: true } satisfies Record<keyof RunOperation, true>;
const FAMILY_INFO_KEYS = { id: true, title: true, core: true, successesJudgedElsewhere: true, judgesCredentials: true } satisfies Record<keyof FamilyInfo, true>;
const SUMMARY_KEYS = { passed: true, failed: true, skipped: true, errors: true, total: true, warnings: true, flaky: true } satisfies Record<keyof RunSummary, true>;
const RESULT_KEYS = {
  id: true, operationId: true, operation: true, scenario: true, family: true, fuzzed: true, description: true, status: true, durationMs: true, expectedStatus: true, expectedAs: true,
  receivedStatus: true, headStatus: true, failedStep: true, skipReason: true, errorMessage: true, violations: true, omittedViolations: true, steps: true, curl: true, exchangeId: true, source: true,
  attempts: true, latency: true, latencyLeftOut: true, coverage: true,
} satisfies Record<keyof CaseResult, true>;
const STEP_KEYS = {
  id: true, operationId: true, operation: true, status: true, expectedStatus: true, expectedAs: true, receivedStatus: true, headStatus: true, durationMs: true, curl: true, exchangeId: true, source: true, notSent: true, concurrent: true, receivedStatuses: true,
} satisfies Record<keyof StepResult, true>;
const VIOLATION_KEYS = { check: true, severity: true, title: true, message: true, instancePath: true, schemaPath: true, step: true, copy: true, shownBy: true } satisfies Record<keyof Violation, true>;
const READING_EVIDENCE_KEYS = { exchange: true, operation: true, words: true } satisfies Record<keyof ReadingEvidence, true>;
const OMITTED_KEYS = { check: true, severity: true, count: true, instancePath: true, step: true, copy: true, places: true, placesCut: true } satisfies Record<keyof OmittedViolations, true>;
const TRUNCATION_KEYS = { keptPerCheck: true, omittedViolations: true, results: true } satisfies Record<keyof Truncation, true>;
const DIGEST_KEYS = { check: true, warnings: true, answers: true, cases: true, placeCount: true, places: true } satisfies Record<keyof WarningDigestEntry, true>;
const PLACE_KEYS = { pointer: true, schema: true, under: true, warnings: true, answers: true, cases: true, firstCases: true } satisfies Record<keyof WarningPlace, true>;
const FAILURE_DIGEST_KEYS = { faultCount: true, faults: true } satisfies Record<keyof FailureDigest, true>;
const TARGET_LOST_KEYS = { at: true, why: true, notJudged: true, firstCase: true } satisfies Record<keyof TargetLost, true>;
const RUN_WARNING_KEYS = { kind: true, message: true } satisfies Record<keyof RunWarning, true>;
const FAULT_KEYS = { check: true, place: true, shape: true, failures: true, answers: true, cases: true, firstCase: true, operations: true, repeats: true, repeatAnswers: true, wrongStatusAnswers: true } satisfies Record<keyof FailureGroup, true>;
const ATTEMPT_KEYS = { status: true, receivedStatus: true, headStatus: true, durationMs: true, exchangesMs: true, leftOutStatuses: true, checks: true } satisfies Record<keyof Attempt, true>;
const LATENCY_KEYS = { samples: true, p50: true, p95: true, p99: true, max: true } satisfies Record<keyof LatencyStats, true>;
const LEFT_OUT_KEYS = { exchanges: true, byStatus: true } satisfies Record<keyof LatencyLeftOut, true>;
const LEFT_OUT_STATUS_KEYS = { status: true, count: true } satisfies Record<keyof LatencyLeftOut['byStatus'][number], true>;
const BASELINE_KEYS = {
  baseline: true, newFailures: true, fixed: true, stillFailing: true, newlySkipped: true, latencyRegressions: true, missing: true, added: true, otherTarget: true,
  mappedLegacyIds: true, outOfScope: true, changedFailures: true, otherContract: true, otherKind: true, otherMode: true,
} satisfies Record<keyof BaselineDiff, true>;
const BASELINE_FILE_KEYS = { file: true, startedAt: true, target: true } satisfies Record<keyof Baseline, true>;
const REGRESSION_KEYS = { id: true, baselineP95: true, p95: true } satisfies Record<keyof LatencyRegression, true>;
const CERTIFICATE_KEYS = {
  target: true, suiteVersion: true, suiteBuild: true, specVersion: true, specSha256: true, casesSha256: true, date: true, mode: true, operations: true, families: true, responseShape: true, internalErrorExposed: true, level: true, mockTarget: true, tlsUnverified: true, specOperationsWithoutData: true,
} satisfies Record<keyof Certificate, true>;
const OPERATION_CERTIFICATE_KEYS = { operationId: true, operation: true, families: true, responseShape: true, internalErrorExposed: true, level: true, unseenSuccess: true } satisfies Record<keyof OperationCertificate, true>;
const FAMILY_KEYS = { family: true, title: true, core: true, verdict: true, passed: true, failed: true, notJudged: true, skipped: true, responseShape: true, internalErrorExposed: true, unauthenticated: true, stoppedBefore: true } satisfies Record<keyof FamilyVerdict, true>;
const RESPONSE_SHAPE_KEYS = { verdict: true, failed: true, families: true, checks: true } satisfies Record<keyof ResponseShapeVerdict, true>;
const INTERNAL_ERROR_EXPOSED_KEYS = { verdict: true, failed: true, families: true } satisfies Record<keyof InternalErrorExposedVerdict, true>;

/**
 * Copies `value` with the known keys first in the given order, then any other keys sorted, so the
 * output does not depend on how the object was built. Undefined values are dropped, as JSON would.
 */
function ordered<T extends object>(value: T, order: Record<keyof T, true>): Record<string, unknown> {
  const source = value as Record<string, unknown>;
  const keys = Object.keys(order);
  const known = new Set<string>(keys);
  const rest = Object.keys(source).filter((k) => !known.has(k)).sort();
  const out: Record<string, unknown> = {};
  for (const key of [...keys, ...rest]) {
    if (source[key] !== undefined) out[key] = source[key];
  }
  return out;
}

function orderedLatency(latency: LatencyStats | undefined): Record<string, unknown> | undefined {
  return latency === undefined ? undefined : ordered(latency, LATENCY_KEYS);
}

function orderedLeftOut(leftOut: LatencyLeftOut): Record<string, unknown> {
  return { ...ordered(leftOut, LEFT_OUT_KEYS), byStatus: leftOut.byStatus.map((s) => ordered(s, LEFT_OUT_STATUS_KEYS)) };
}

function orderedViolation(v: Violation): Record<string, unknown> {
  const out = ordered(v, VIOLATION_KEYS);
  if (v.shownBy !== undefined) out['shownBy'] = ordered(v.shownBy, READING_EVIDENCE_KEYS);
  return out;
}

function orderedResult(result: CaseResult): Record<string, unknown> {
  const out = ordered(result, RESULT_KEYS);
  out['violations'] = result.violations.map(orderedViolation);
  if (result.omittedViolations !== undefined) out['omittedViolations'] = result.omittedViolations.map((o) => ordered(o, OMITTED_KEYS));
  if (result.steps !== undefined) out['steps'] = result.steps.map((step) => ordered(step, STEP_KEYS));
  if (result.attempts !== undefined) out['attempts'] = result.attempts.map((a) => ordered(a, ATTEMPT_KEYS));
  if (result.latency !== undefined) out['latency'] = orderedLatency(result.latency);
  if (result.latencyLeftOut !== undefined) out['latencyLeftOut'] = orderedLeftOut(result.latencyLeftOut);
  return out;
}

function orderedBaseline(diff: BaselineDiff): Record<string, unknown> {
  const out = ordered(diff, BASELINE_KEYS);
  out['baseline'] = ordered(diff.baseline, BASELINE_FILE_KEYS);
  out['latencyRegressions'] = diff.latencyRegressions.map((r) => ordered(r, REGRESSION_KEYS));
  return out;
}

function orderedFamilies(families: readonly FamilyVerdict[]): Record<string, unknown>[] {
  return families.map((f) => ordered(f, FAMILY_KEYS));
}

function orderedCertificate(certificate: Certificate): Record<string, unknown> {
  const out = ordered(certificate, CERTIFICATE_KEYS);
  out['operations'] = certificate.operations.map((op) => {
    const line = ordered(op, OPERATION_CERTIFICATE_KEYS);
    line['families'] = orderedFamilies(op.families);
    if (op.responseShape !== undefined) line['responseShape'] = ordered(op.responseShape, RESPONSE_SHAPE_KEYS);
    if (op.internalErrorExposed !== undefined) line['internalErrorExposed'] = ordered(op.internalErrorExposed, INTERNAL_ERROR_EXPOSED_KEYS);
    return line;
  });
  out['families'] = orderedFamilies(certificate.families);
  if (certificate.responseShape !== undefined) out['responseShape'] = ordered(certificate.responseShape, RESPONSE_SHAPE_KEYS);
  if (certificate.internalErrorExposed !== undefined) out['internalErrorExposed'] = ordered(certificate.internalErrorExposed, INTERNAL_ERROR_EXPOSED_KEYS);
  return out;
}

function orderedRunInfo(info: RunInfo): Record<string, unknown> {
  const out = ordered(info, RUN_INFO_KEYS);
  out['operations'] = info.operations.map((op) => ordered(op, RUN_OPERATION_KEYS));
  out['families'] = info.families.map((f) => ordered(f, FAMILY_INFO_KEYS));
  return out;
}

function pretty(value: unknown): string {
  // A JSON pointer through a received key, a recorded value: kept exact, but never raw bidi or C1 on disk.
  return `${inertJson(JSON.stringify(value, null, 2))}\n`;
}

/** Renders the report as pretty JSON (2-space indent) with a stable key order and a trailing newline. */
export function renderJson(report: ConformanceReport): string {
  const out = ordered(report, REPORT_KEYS);
  out['runInfo'] = orderedRunInfo(report.runInfo);
  out['summary'] = ordered(report.summary, SUMMARY_KEYS);
  if (report.truncation !== undefined) out['truncation'] = ordered(report.truncation, TRUNCATION_KEYS);
  out['results'] = report.results.map(orderedResult);
  if (report.latency !== undefined) out['latency'] = orderedLatency(report.latency);
  if (report.latencyLeftOut !== undefined) out['latencyLeftOut'] = orderedLeftOut(report.latencyLeftOut);
  if (report.baseline !== undefined) out['baseline'] = orderedBaseline(report.baseline);
  if (report.certificate !== undefined) out['certificate'] = orderedCertificate(report.certificate);
  if (report.warningDigest !== undefined) out['warningDigest'] = report.warningDigest.map((entry) => ({ ...ordered(entry, DIGEST_KEYS), places: entry.places.map((p) => ordered(p, PLACE_KEYS)) }));
  if (report.targetLost !== undefined) out['targetLost'] = ordered(report.targetLost, TARGET_LOST_KEYS);
  if (report.runWarnings !== undefined) out['runWarnings'] = report.runWarnings.map((w) => ordered(w, RUN_WARNING_KEYS));
  if (report.failureDigest !== undefined) out['failureDigest'] = { ...ordered(report.failureDigest, FAILURE_DIGEST_KEYS), faults: report.failureDigest.faults.map((g) => ordered(g, FAULT_KEYS)) };
  return pretty(out);
}

/** Renders certificate.json: the certificate alone, in the same stable form. */
export function renderCertificateJson(certificate: Certificate): string {
  return pretty(orderedCertificate(certificate));
}
