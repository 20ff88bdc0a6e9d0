/**
 * The compact "Failures" list right under the verdict banner of conformance.html: what failed,
 * on the first screen, one line per case, each linking to its detail section further down.
 */
import type { CaseResult } from '../model';
import { oneLine, plural, truncate } from '../text/plain-text';
import { groupBySeverity } from './group-violations';
import { omittedCount } from './omitted';
import { escapeHtml as h, statusBadge } from './html-text';
import { caseStatusNote } from './status-text';
import { isFailingStatus } from './summarize';
import { NONE_KNOWN, type KnownFailures } from './known-failures';

/** Long enough for "Received: … / Expected: …", short enough to stay on one line of the list. */
const MESSAGE_CHARS = 160;

/** "<code>check</code> message (+2 more violations)", or why it could not be judged, for one case. */
function firstProblem(result: CaseResult): string {
  const short = (text: string): string => h(truncate(oneLine(text), MESSAGE_CHARS));
  if (result.status === 'error') return `<code>not judged</code> <span class="message">${short(result.errorMessage ?? 'no message')}</span>`;
  const [first, ...rest] = groupBySeverity(result.violations).errors;
  // A failed case always has an error violation; the status is the honest fallback if one does not.
  if (first === undefined) return `<span class="message">${h(caseStatusNote(result))}</span>`;
  const moreCount = rest.length + omittedCount(result, 'error');
  const more = moreCount === 0 ? '' : ` <span class="count">(+${plural(moreCount, 'more violation')})</span>`;
  const step = first.violation.step === undefined ? '' : ` <span class="count">(step ${h(first.violation.step)})</span>`;
  return `<code>${h(first.violation.check)}</code>${step} <span class="message">${short(first.violation.message)}</span>${more}`;
}

/**
 * The list, in display order (`results` as inDisplayOrder gives them), or "" when nothing failed. `anchors`: caseAnchors(results), the
 * same ids the detail sections carry; `known`: the known failures (known-failures.ts) and their words.
 */
export function failureList(results: readonly CaseResult[], anchors: readonly string[], known: KnownFailures = NONE_KNOWN): string {
  const items = results.flatMap((result, index) => {
    const anchor = anchors[index];
    // Failing cases are the ones with a detail section: the ones a reviewer must look at.
    if (!isFailingStatus(result.status) || anchor === undefined) return [];
    // A known failure says so (junit.xml skips it: it does not fail the run), its problem still shown.
    const note = known.ids.has(result.id) ? ` <span class="known">${h(known.note)}</span>` : '';
    return [`<li><a href="#${h(anchor)}"><code>${h(result.id)}</code></a> ${statusBadge(result.status)}${note} ${firstProblem(result)}</li>`];
  });
  if (items.length === 0) return '';
  return `<section class="failure-list">\n<h2>Failures (${items.length})</h2>\n<ul>\n${items.join('\n')}\n</ul>\n</section>`;
}
