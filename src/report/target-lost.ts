/**
 * The loss of the target, said once. A mock that crashes on the 40th case of 130 leaves every case
 * after it unjudged; each used to repeat the guard's whole sentence with its steps and curl, and
 * the one cause was buried under 90 copies of it. The report keeps the sentence once
 * (`targetLost`: where, why, how many cases it cut short), the cases it cut short say only
 * TARGET_LOST_NOTE, and every renderer puts the headline first and each such case on one line.
 * Derived from the results (the count, the first case) and the guard's sentence, so a merge of
 * shards recomputes it over the merged results.
 */
import type { ConformanceReport, TargetLost } from '../model';
import { cutByTargetLoss } from '../model/result';
import { groupResults } from './group-results';
import { plural } from '../text/plain-text';

/** The guard's sentence is bounded where it is made; this bounds what a report read from disk may carry. */
const WHY_CHARS = 1000;

/** The report's `targetLost` for `loss` (the guard's), counted over the results in the order every report lists them. */
export function targetLostFor(report: Pick<ConformanceReport, 'runInfo' | 'results'>, loss: { why: string; at?: string } | undefined): TargetLost | undefined {
  if (loss === undefined) return undefined;
  const cut = groupResults(report).flatMap((group) => group.results).filter(cutByTargetLoss);
  return {
    ...(loss.at !== undefined ? { at: loss.at } : {}),
    why: loss.why.length > WHY_CHARS ? `${loss.why.slice(0, WHY_CHARS)}…` : loss.why,
    notJudged: cut.length,
    ...(cut[0] !== undefined ? { firstCase: cut[0].id } : {}),
  };
}

/** "the target was lost at GET /v1/senders/%/whatsapp-sync, exchange …; 86 cases after it not judged": the one line every report starts with. */
export function targetLostHeadline(lost: TargetLost): string {
  // None cut short: the loss came with the run's last cases (or only skipped ones were left).
  const cut = lost.notJudged === 0 ? 'no case after it was left unjudged' : `${plural(lost.notJudged, 'case')} after it not judged`;
  return `the target was lost${lost.at === undefined ? ' mid-run' : ` at ${lost.at}`}; ${cut}`;
}

/** `text` when some cases were cut short by the loss (a pointer to their one-line entries), else nothing. */
export function whenCutShort(lost: TargetLost, text: string): string {
  return lost.notJudged === 0 ? '' : text;
}
