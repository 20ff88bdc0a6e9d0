/** reports/conformance.json and certificate.json: the report as data, byte-stable so runs diff cleanly. */
import type { Attempt, BaselineDiff, CaseResult, Certificate, ConformanceReport, LatencyStats, RunInfo, RunSummary, Violation } from '../model';

// Key orders follow src/model/result.ts so the file reads top-down like the types. Listing them
// as typed tuples makes tsc flag a key that is renamed or removed in the model.
const REPORT_KEYS: readonly (keyof ConformanceReport)[] = ['runInfo', 'summary', 'results', 'latency', 'baseline', 'certificate'];
const RUN_INFO_KEYS: readonly (keyof RunInfo)[] = [
  'target', 'mode', 'suiteVersion', 'specTitle', 'specVersion', 'specSha256', 'startedAt', 'finishedAt', 'node',
  'repeat', 'shard', 'latencyBudgetMs',
];
const SUMMARY_KEYS: readonly (keyof RunSummary)[] = ['passed', 'failed', 'skipped', 'errors', 'total', 'warnings', 'flaky'];
const RESULT_KEYS: readonly (keyof CaseResult)[] = [
  'id', 'operation', 'scenario', 'family', 'description', 'status', 'durationMs', 'expectedStatus',
  'receivedStatus', 'skipReason', 'errorMessage', 'violations', 'curl', 'exchangeId', 'source', 'attempts', 'latency',
];
const VIOLATION_KEYS: readonly (keyof Violation)[] = ['check', 'severity', 'title', 'message', 'instancePath', 'schemaPath'];
const ATTEMPT_KEYS: readonly (keyof Attempt)[] = ['status', 'receivedStatus', 'durationMs', 'checks'];
const LATENCY_KEYS: readonly (keyof LatencyStats)[] = ['samples', 'p50', 'p95', 'p99', 'max'];
const BASELINE_KEYS: readonly (keyof BaselineDiff)[] = ['baseline', 'newFailures', 'fixed', 'stillFailing', 'newlySkipped', 'latencyRegressions'];
const CERTIFICATE_KEYS: readonly (keyof Certificate)[] = ['target', 'suiteVersion', 'specVersion', 'specSha256', 'date', 'mode', 'families', 'level'];
const FAMILY_KEYS: readonly (keyof Certificate['families'][number])[] = ['family', 'verdict', 'passed', 'failed', 'skipped'];

/**
 * Copies `value` with the known keys first in the given order, then any other keys sorted, so the
 * output does not depend on how the object was built. Undefined values are dropped, as JSON would.
 */
function ordered<T extends object>(value: T, keys: readonly (keyof T)[]): Record<string, unknown> {
  const source = value as Record<string, unknown>;
  const known = new Set<string>(keys as readonly string[]);
  const rest = Object.keys(source).filter((k) => !known.has(k)).sort();
  const out: Record<string, unknown> = {};
  for (const key of [...(keys as readonly string[]), ...rest]) {
    if (source[key] !== undefined) out[key] = source[key];
  }
  return out;
}

function orderedLatency(latency: LatencyStats | undefined): Record<string, unknown> | undefined {
  return latency === undefined ? undefined : ordered(latency, LATENCY_KEYS);
}

function orderedResult(result: CaseResult): Record<string, unknown> {
  const out = ordered(result, RESULT_KEYS);
  out['violations'] = result.violations.map((v) => ordered(v, VIOLATION_KEYS));
  if (result.attempts !== undefined) out['attempts'] = result.attempts.map((a) => ordered(a, ATTEMPT_KEYS));
  if (result.latency !== undefined) out['latency'] = orderedLatency(result.latency);
  return out;
}

function orderedBaseline(diff: BaselineDiff): Record<string, unknown> {
  const out = ordered(diff, BASELINE_KEYS);
  out['baseline'] = ordered(diff.baseline, ['file', 'startedAt', 'target']);
  out['latencyRegressions'] = diff.latencyRegressions.map((r) => ordered(r, ['id', 'baselineP95', 'p95']));
  return out;
}

function orderedCertificate(certificate: Certificate): Record<string, unknown> {
  const out = ordered(certificate, CERTIFICATE_KEYS);
  out['families'] = certificate.families.map((f) => ordered(f, FAMILY_KEYS));
  return out;
}

function pretty(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

/** Renders the report as pretty JSON (2-space indent) with a stable key order and a trailing newline. */
export function renderJson(report: ConformanceReport): string {
  const out = ordered(report, REPORT_KEYS);
  out['runInfo'] = ordered(report.runInfo, RUN_INFO_KEYS);
  out['summary'] = ordered(report.summary, SUMMARY_KEYS);
  out['results'] = report.results.map(orderedResult);
  if (report.latency !== undefined) out['latency'] = orderedLatency(report.latency);
  if (report.baseline !== undefined) out['baseline'] = orderedBaseline(report.baseline);
  if (report.certificate !== undefined) out['certificate'] = orderedCertificate(report.certificate);
  return pretty(out);
}

/** Renders certificate.json: the certificate alone, in the same stable form. */
export function renderCertificateJson(certificate: Certificate): string {
  return pretty(orderedCertificate(certificate));
}
