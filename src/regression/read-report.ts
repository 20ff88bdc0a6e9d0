/** Reads a conformance.json another run wrote (a baseline, a shard), failing with one usable line. */
import { readFileSync } from 'node:fs';
import type { ConformanceReport } from '../model';
import { UsageError } from '../model/errors';
import { reportSchemaError } from '../report/report-schema';
import { describeJsonError } from '../text/json-error';

/** The reason an fs error happened, without Node's "ENOENT: …, open '<path>'" noise. */
function fsReason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EISDIR') return 'is a folder, not a conformance.json';
  if (code === 'EACCES') return 'permission denied';
  return `cannot be read (${code ?? String(error)})`;
}

/**
 * Reports written before `summary.flaky` existed had no flaky cases by construction, so 0 is the
 * true count; filling it in keeps last week's baseline usable after an upgrade of the suite.
 */
function upgrade(value: unknown): unknown {
  const summary = (value as { summary?: unknown } | null)?.summary;
  if (summary !== null && typeof summary === 'object' && !('flaky' in summary)) {
    return { ...(value as object), summary: { ...summary, flaky: 0 } };
  }
  return value;
}

/**
 * Reads and validates a conformance.json against the report schema. `label` names the role in
 * the message, e.g. "--baseline". Throws UsageError (exit 2) with one line naming the file and
 * what is wrong: missing, unreadable, not JSON, or not a conformance report (first schema breach).
 */
export function readReportFile(file: string, label: string): ConformanceReport {
  let text: string;
  try {
    // A byte-order mark (editors on Windows add one) is not JSON; read-recordings drops it too.
    text = readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
  } catch (error) {
    throw new UsageError(`${label} ${file}: ${fsReason(error)}`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${label} ${file}: not JSON at ${describeJsonError(text, error as Error)}`);
  }
  const upgraded = upgrade(value);
  const reason = reportSchemaError(upgraded);
  if (reason !== undefined) throw new UsageError(`${label} ${file}: not a conformance report: ${reason}`);
  return upgraded as ConformanceReport;
}
