/**
 * The compact "Failures" list right under the verdict banner of conformance.html: what failed,
 * on the first screen, one line per case, each linking to its detail section further down.
 */
import type { CaseResult, FailureDigest, FailureGroup, TargetLost } from '../model';
import { targetLostHeadline, whenCutShort } from './target-lost';
import { escapeControl, oneLine, plural, truncate } from '../text/plain-text';
import { disclosuresAmong, groupBySeverity } from './group-violations';
import { groupDigits, omittedCount } from './omitted';
import { countsRequests, digestScope, wrongStatusNote } from './failure-digest';
import { escapeHtml as h, statusBadge, table } from './html-text';
import { caseStatusNote } from './status-text';
import { expectedKept } from './expected-kept';
import { isFailingStatus } from './summarize';
import { ALLOWED_FLAKY_NOTE, knownLineNote, NEW_FLAKY_NOTE, NONE_KNOWN, overFlakyRateNote, type KnownFailures } from './known-failures';

/** Long enough for "Received: … / Expected: …", short enough to stay on one line of the list. */
const MESSAGE_CHARS = 160;

/** "<code>check</code> message (+2 more violations)", or why it could not be judged, for one case. */
function firstProblem(result: CaseResult): string {
  const short = (text: string): string => h(truncate(oneLine(expectedKept(text, MESSAGE_CHARS)), MESSAGE_CHARS));
  if (result.status === 'error') return `<code>not judged</code> <span class="message">${short(result.errorMessage ?? 'no message')}</span>`;
  const [first, ...rest] = groupBySeverity(result.violations).errors;
  // A failed case always has an error violation; the status is the honest fallback if one does not.
  if (first === undefined) return `<span class="message">${h(caseStatusNote(result))}</span>`;
  const moreCount = rest.length + omittedCount(result, 'error');
  const named = disclosuresAmong(rest).map((check) => `<code>${h(check)}</code>`);
  const more = moreCount === 0 ? '' : ` <span class="count">(+${plural(moreCount, 'more violation')}${named.length > 0 ? `, incl. ${named.join(', ')}` : ''})</span>`;
  const step = first.violation.step === undefined ? '' : ` <span class="count">(step ${h(first.violation.step)})</span>`;
  return `<code>${h(first.violation.check)}</code>${step} <span class="message">${short(first.violation.message)}</span>${more}`;
}

/** A fault's shape or a case id a target chose, cut for a table cell (each case's section shows its message whole). */
const FAULT_CELL_CHARS = 200;

/**
 * The answers of a fault (its requests, of a fault of no answer: countsRequests): with --repeat, over every repeat when that is known ("120 over 5
 * repeats"), else the distinct ones said to be so (failureGroupCounts words it the same way).
 */
function answersCell(g: FailureGroup): string {
  return `${answersOnly(g)}${wrongStatusNote(g)}`;
}

function answersOnly(g: FailureGroup): string {
  // A reset or a timeout is no answer: its count, in the column headed answers, says what it counts.
  // Always more than one: a fault is listed only when seen in two cases or more (each one answer at least).
  const unit = countsRequests(g) ? ' requests' : '';
  if (g.repeats === undefined) return `${groupDigits(g.answers)}${unit}`;
  if (g.repeatAnswers !== undefined) return `${groupDigits(g.repeatAnswers)}${unit} over ${g.repeats} repeats`;
  return `${groupDigits(g.answers)}${unit}, counted once over ${g.repeats} repeats`;
}

/**
 * "By fault": one row per fault seen in two cases or more (the report's own failureDigest, as
 * conformance.json has it), above the per-case list, so one fault in 121 answers reads as one.
 * The first case links to its detail section when the page has one.
 */
function faultTable(digest: FailureDigest | undefined, results: readonly CaseResult[], anchors: readonly string[]): string {
  if (digest === undefined) return '';
  const cell = (text: string): string => h(truncate(oneLine(text), FAULT_CELL_CHARS));
  const shapeCell = (shape: string): string => cell(expectedKept(shape, FAULT_CELL_CHARS));
  const anchorOf = new Map(results.map((result, index) => [result.id, anchors[index]] as const));
  const rows = digest.faults.map((g) => {
    const anchor = anchorOf.get(g.firstCase);
    const first = anchor === undefined ? `<code>${cell(g.firstCase)}</code>` : `<a href="#${h(anchor)}"><code>${cell(g.firstCase)}</code></a>`;
    const operations = (g.operations ?? []).map((id) => `<code>${cell(id)}</code>`).join(', ');
    return `<tr><td><code>${h(g.check)}</code></td><td class="message">${g.place === undefined ? '' : `at <code>${cell(escapeControl(g.place))}</code>: `}${shapeCell(g.shape)}</td><td>${operations}</td><td>${groupDigits(g.failures)}</td><td>${answersCell(g)}</td><td>${groupDigits(g.cases)}</td><td>${first}</td></tr>`;
  });
  const rest = digest.faultCount - digest.faults.length;
  if (rest > 0) rows.push(`<tr class="omitted"><td></td><td>… and ${plural(rest, 'more fault')}</td><td></td><td></td><td></td><td></td><td>not in the digest (it keeps its first ${digest.faults.length}): each case in the list below</td></tr>`);
  const head = '<tr><th>check</th><th>fault (what a target varies as …)</th><th>operations</th><th>failures</th><th>answers</th><th>cases</th><th>first case</th></tr>';
  // Said beside the table as on the console: its counts are the failed cases', not the flaky ones'.
  const scope = digestScope(results);
  const said = scope === '' ? '' : `<p>${h(`${scope[0]?.toUpperCase() ?? ''}${scope.slice(1)}`)} (each in the list below).</p>\n`;
  return `<h3>By fault</h3>
${said}${table(head, rows, 'failure-digest')}
<h3>Per case</h3>
`;
}

/**
 * The list, in display order (`results` as inDisplayOrder gives them), or "" when nothing failed. `anchors`: caseAnchors(results), the
 * same ids the detail sections carry; `known`: the known failures (known-failures.ts) and their words;
 * `digest`: the report's failureDigest, shown above the list.
 */
export function failureList(results: readonly CaseResult[], anchors: readonly string[], known: KnownFailures = NONE_KNOWN, digest?: FailureDigest, lost?: TargetLost): string {
  const items = results.flatMap((result, index) => {
    const anchor = anchors[index];
    // Failing cases are the ones with a detail section: the ones a reviewer must look at.
    if (!isFailingStatus(result.status) || anchor === undefined) return [];
    // A known failure says so (junit.xml skips it: it does not fail the run), its problem still shown.
    // A flaky case --allow-flaky does not allow (a new fault against the baseline) says why it fails the run; one it allows, that it does not.
    const note = known.ids.has(result.id) ? ` <span class="known">${h(knownLineNote(known, result.id))}</span>` : known.newFlaky.has(result.id) ? ` <span class="bad">${h(NEW_FLAKY_NOTE)}</span>` : known.allowedFlaky.has(result.id) ? ` <span class="muted">${h(ALLOWED_FLAKY_NOTE)}</span>` : known.overFlakyRate.has(result.id) ? ` <span class="bad">${h(overFlakyRateNote(known))}</span>` : '';
    return [`<li><a href="#${h(anchor)}"><code>${h(result.id)}</code></a> ${statusBadge(result.status)}${note} ${firstProblem(result)}</li>`];
  });
  if (items.length === 0) return '';
  // The loss of the target first, once: every case it cut short is one line below, referring to it.
  const headline = lost === undefined ? '' : `<p class="target-lost"><strong>Target lost:</strong> ${h(targetLostHeadline(lost))}${whenCutShort(lost, ' (each on one line below)')}. <span class="message">${h(lost.why)}</span></p>\n`;
  return `<section class="failure-list">\n<h2>Failures (${items.length})</h2>\n${headline}${faultTable(digest, results, anchors)}<ul>\n${items.join('\n')}\n</ul>\n</section>`;
}
