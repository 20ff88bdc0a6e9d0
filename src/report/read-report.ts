/**
 * Reads a conformance.json that another run of this suite version wrote (a shard's), validated
 * against the report schema as strictly as a report is before it is written. A --baseline is read
 * more leniently, by baseline/read-baseline.ts: it may come from an older suite.
 */
import type { ConformanceReport } from '../model';
import { UsageError } from '../model/errors';
import { readJsonFile } from '../files/read-json-file';
import { reportSchemaError } from './report-schema';

/**
 * Reads and validates a conformance.json. `label` names the role in the message (a shard
 * directory). Throws UsageError (exit 2) with one line naming the file and what is wrong: missing,
 * unreadable, not JSON, or not a conformance report (the first schema breach).
 */
export function readReportFile(file: string, label: string): ConformanceReport {
  const value = readJsonFile(file, label, 'a conformance.json');
  const reason = reportSchemaError(value);
  if (reason !== undefined) throw new UsageError(`${label} ${file}: not a conformance report: ${reason}`);
  return value as ConformanceReport;
}
