/**
 * Skips as a reader takes them in: by reason. A read-only run skips every write case for one reason
 * (NO_WRITES_REASON), and a fixture left unset skips each case of its role for one same sentence;
 * said once per case, the same long reason filled the console and summary.md three and ninety
 * times over. The console (per operation) and summary.md (per run) list these groups, each reason once.
 */
import type { CaseResult } from '../model';
import { NO_WRITES_REASON } from '../model/result';

/** What the write skips of a read-only run say, once per operation (conformance.html and junit.xml name each case). */
export const NO_WRITES_SKIPS = 'writes not allowed (--allow-writes to run them; each case in conformance.html)';

/** The cases skipped for one same reason, in the order the reports list cases. */
export interface SkipReasonGroup {
  reason: string;
  ids: string[];
}

/** The write skips of a read-only run (NO_WRITES_REASON) and every other skip by its reason, in first-seen order. */
export interface SkipGroups {
  noWrites: number;
  byReason: SkipReasonGroup[];
}

/** `results` (one operation's, or a run's, in display order) as skip groups; results not skipped are left out. */
export function skipGroups(results: readonly CaseResult[]): SkipGroups {
  let noWrites = 0;
  const byReason = new Map<string, string[]>();
  for (const r of results) {
    if (r.status !== 'skipped') continue;
    if (r.skipReason === NO_WRITES_REASON) {
      noWrites += 1;
      continue;
    }
    const reason = r.skipReason ?? 'no reason given';
    const ids = byReason.get(reason) ?? [];
    if (ids.length === 0) byReason.set(reason, ids);
    ids.push(r.id);
  }
  return { noWrites, byReason: [...byReason].map(([reason, ids]) => ({ reason, ids })) };
}
