/** reports/conformance.json: the report as data, in a byte-stable form so runs diff cleanly. */
import type { CaseResult, ConformanceReport, RunInfo, RunSummary, Violation } from '../model';

// Key orders follow src/model/result.ts so the file reads top-down like the types. Listing them
// as typed tuples makes tsc flag a key that is renamed or removed in the model.
const REPORT_KEYS: readonly (keyof ConformanceReport)[] = ['runInfo', 'summary', 'results'];
const RUN_INFO_KEYS: readonly (keyof RunInfo)[] = [
  'target', 'mode', 'suiteVersion', 'specTitle', 'specVersion', 'specSha256', 'startedAt', 'finishedAt', 'node',
];
const SUMMARY_KEYS: readonly (keyof RunSummary)[] = ['passed', 'failed', 'skipped', 'errors', 'total', 'warnings'];
const RESULT_KEYS: readonly (keyof CaseResult)[] = [
  'id', 'operation', 'scenario', 'family', 'description', 'status', 'durationMs', 'expectedStatus',
  'receivedStatus', 'skipReason', 'errorMessage', 'violations', 'curl', 'exchangeId', 'source',
];
const VIOLATION_KEYS: readonly (keyof Violation)[] = ['check', 'severity', 'title', 'message', 'instancePath', 'schemaPath'];

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

function orderedResult(result: CaseResult): Record<string, unknown> {
  const out = ordered(result, RESULT_KEYS);
  out['violations'] = result.violations.map((v) => ordered(v, VIOLATION_KEYS));
  return out;
}

/** Renders the report as pretty JSON (2-space indent) with a stable key order and a trailing newline. */
export function renderJson(report: ConformanceReport): string {
  const out = ordered(report, REPORT_KEYS);
  out['runInfo'] = ordered(report.runInfo, RUN_INFO_KEYS);
  out['summary'] = ordered(report.summary, SUMMARY_KEYS);
  out['results'] = report.results.map(orderedResult);
  return `${JSON.stringify(out, null, 2)}\n`;
}
