/**
 * Where a store may not be: one of the run's own report files. A run writes its reports, then
 * appends its record to the store: named `out/conformance.json` beside `--reports out`, the record
 * went into the report (a conformance.json no JSON reader takes, exit 0), and the next night
 * refused the store and retracted that report. Said as a setting, before anything is written.
 */
import { join, resolve } from 'node:path';
import { UsageError } from '../model/errors';
import { REPORT_FILES } from '../report/report-files';

/** The refusal of `store` (named by `label`) when it is a report file of `reportsDir`; undefined otherwise. */
export function storeAmongReports(store: string, reportsDir: string, label: string): UsageError | undefined {
  const dir = resolve(reportsDir);
  const name = Object.values(REPORT_FILES).find((file) => resolve(store) === join(dir, file));
  if (name === undefined) return undefined;
  return new UsageError(
    `${label} ${store} is the run's own report ${name} in its reports folder ${dir}: the report would be written over the store, and the store's record appended to the report; give the store a file of its own (e.g. .zavu/history.jsonl)`,
  );
}
