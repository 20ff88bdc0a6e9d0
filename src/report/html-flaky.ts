/** The Flaky section of conformance.html: cases whose verdict differed between repeats, with every outcome. */
import type { Attempt, CaseResult } from '../model';
import { caseSection } from './html-details';
import { describeOutcomes, receivedText } from './outcomes';
import { formatMs } from '../text/plain-text';
import { escapeHtml as h, statusBadge, table } from './html-text';
import { knownArticleNote, NEW_FLAKY_NOTE, NONE_KNOWN, overFlakyRateNote, type KnownFailures } from './known-failures';

function attemptRow(attempt: Attempt, index: number): string {
  const checks = attempt.checks.length === 0 ? '—' : attempt.checks.map((c) => `<code>${h(c)}</code>`).join(' ');
  return `<tr><td class="num">${index + 1}</td><td>${statusBadge(attempt.status)}</td>` +
    `<td class="num">${h(receivedText(attempt))}</td><td class="num">${formatMs(attempt.durationMs)}</td><td>${checks}</td></tr>`;
}

/** The repeats of a case, in run order, so a reviewer sees which one went wrong and how. */
function attemptsTable(attempts: readonly Attempt[]): string {
  const head = '<tr><th class="num">repeat</th><th>status</th><th class="num">received</th><th class="num">duration</th><th>failing checks</th></tr>';
  return `<p>Outcomes: <strong>${h(describeOutcomes(attempts))}</strong></p>
${table(head, attempts.map(attemptRow), 'attempts')}
`;
}

/**
 * One article per flaky result (anchored like failures: `anchors` is caseAnchors(results)); empty when there are none.
 * `known`: the known failures (known-failures.ts). A flaky case failing in the baseline too (--baseline,
 * without --allow-flaky) says so in its article, as the Failures list links it here: a reader who
 * followed that link must not take it for what failed the run.
 */
export function flakySection(results: readonly CaseResult[], anchors: readonly string[], allowFlaky: boolean, known: KnownFailures = NONE_KNOWN): string {
  const knownNote = (result: CaseResult): string => {
    if (known.newFlaky.has(result.id)) return `<p class="bad">Flaky ${h(NEW_FLAKY_NOTE)}: it fails the run</p>\n`;
    if (known.overFlakyRate.has(result.id)) return `<p class="bad">Flaky, ${h(overFlakyRateNote(known))}</p>\n`;
    return known.ids.has(result.id) ? `<p class="known">${h(knownArticleNote(known, result.id))}</p>\n` : '';
  };
  const sections = results
    .map((result, index) => (result.status === 'flaky' ? caseSection(result, anchors[index] ?? '', `${knownNote(result)}${attemptsTable(result.attempts ?? [])}`) : ''))
    .filter((s) => s !== '');
  if (sections.length === 0) return '';
  // The flag lets none pass that shows a new fault, nor keeps the --fail-on-flaky-rate gate from failing the run for one over it.
  const failing = known.newFlaky.size + known.overFlakyRate.size;
  const but = [...(known.newFlaky.size === 0 ? [] : [`${known.newFlaky.size} with a new fault against the baseline`]), ...(known.overFlakyRate.size === 0 ? [] : [`${known.overFlakyRate.size} ${known.overFlakyRateGate}`])];
  const allowed = failing === 0 ? 'allowed by --allow-flaky: they do not fail the run' : `allowed by --allow-flaky, but for ${but.join(' and ')}, which fail${failing === 1 ? 's' : ''} the run`;
  const note = allowFlaky ? allowed : 'they fail the run unless --allow-flaky';
  return `<section class="flaky">\n<h2>Flaky (${sections.length})</h2>\n<p>The verdict differed between repeats; ${note}.</p>\n${sections.join('\n')}\n</section>`;
}
