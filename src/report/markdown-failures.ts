/**
 * The **Failures** list of summary.md, by operation then family. Its cap is shared out so that
 * every failing case is named before any case gets a second line: since only identical breaches
 * are grouped, one case with many distinct violations would otherwise fill the list and hide the
 * other failing cases.
 */
import type { CaseResult, Violation } from '../model';
import { groupBySeverity } from './group-violations';
import { omittedLine, omittedOf } from './omitted';
import { code, md, MARKDOWN_LIMITS } from './markdown-text';
import { describeOutcomes } from './outcomes';
import { stepLine } from './status-text';
import { plural } from '../text/plain-text';
import { expectedKept } from './expected-kept';
import { ALLOWED_FLAKY_NOTE, knownOverRateSuffix, NEW_FLAKY_NOTE, NONE_KNOWN, overFlakyRateNote, type KnownFailures } from './known-failures';
import { cutByTargetLoss } from '../model/result';

/** " (step `start`)" for a breach a step of a sequence saw. */
function stepNote(violation: Violation): string {
  return violation.step === undefined ? '' : ` (step ${code(violation.step)})`;
}

/**
 * " at `/sync/history/canSync`" for a breach at a place in the body: a schema message alone
 * ("Received: \"false\" / Expected: must be boolean") says what was wrong but not which field,
 * and the field is what a reviewer of a failed deploy looks for first.
 */
function placeNote(instancePath: string): string {
  return instancePath === '' ? '' : ` at ${code(instancePath)}`;
}

/** Long enough for three steps with their operations: one nested line, so the reader sees where it stopped. */
const STEPS_CHARS = 400;

function stepsLine(result: CaseResult): string[] {
  if (result.steps === undefined) return [];
  return [`  - steps: ${md(result.steps.map((step) => stepLine(step, result)).join(' · '), STEPS_CHARS)}`];
}

/**
 * The lines of one failed, crashed or flaky case, "case id — check — message", then its steps;
 * [] for the others. The first line names the case: it is the one every case gets.
 */
function caseLines(result: CaseResult, known: KnownFailures): string[] {
  // Cut short by the loss of the target: one line, its cause said once above the list.
  if (cutByTargetLoss(result)) return [`- ${code(result.id)} — not judged — not sent, target lost (above)`];
  if (result.status === 'error') return [`- ${code(result.id)} — not judged — ${md(result.errorMessage ?? 'no message')}`, ...stepsLine(result)];
  // A flaky case --allow-flaky does not allow says why on its line: the heading's "not allowed" names no case.
  const notAllowed = known.newFlaky.has(result.id) ? ` ${md(NEW_FLAKY_NOTE)}` : known.allowedFlaky.has(result.id) ? `, ${md(ALLOWED_FLAKY_NOTE)}` : known.overFlakyRate.has(result.id) ? `, ${md(overFlakyRateNote(known))}` : '';
  if (result.status === 'flaky') return [`- ${code(result.id)} — flaky${notAllowed} — ${md(describeOutcomes(result.attempts ?? []))}`, ...stepsLine(result)];
  if (result.status !== 'failed') return [];
  const [first, ...rest] = [
    ...groupBySeverity(result.violations).errors.map(({ violation, count }) => {
      const times = count > 1 ? ` (×${count})` : '';
      return `- ${code(result.id)} — ${code(violation.check)}${placeNote(violation.instancePath)}${stepNote(violation)} — ${md(expectedKept(violation.message, MARKDOWN_LIMITS.messageChars))}${times}`;
    }),
    ...omittedOf(result, 'error').map((o) => `- ${code(result.id)} — ${code(o.check)} — ${md(omittedLine(o))}`),
  ];
  return first === undefined ? [] : [first, ...stepsLine(result), ...rest];
}

/**
 * A known failure's lines say so after its id, each of them (a line of its own is a top-level item
 * too): junit.xml skips such a case, and this list must not read as what failed the run.
 */
function markedKnown(result: CaseResult, lines: string[], known: KnownFailures): string[] {
  if (!known.ids.has(result.id)) return lines;
  const head = `- ${code(result.id)} — `;
  return lines.map((line) => (line.startsWith(head) ? `${head}${md(known.note)}${md(knownOverRateSuffix(known, result.id))} — ${line.slice(head.length)}` : line));
}

/**
 * The last line of a cut list. It counts what the reader cannot see in the units the banner
 * counts ("100 failed cases"): a bare "… and 161 more" under a banner of 100 cases, 11 of them
 * named, reads as 161 more failures, though it counted lines (a sequence's steps are a line too).
 */
function moreLine(hiddenCases: number, hiddenLines: number): string {
  const where = 'each in conformance.html';
  if (hiddenCases === 0) return `- … and ${plural(hiddenLines, 'more line')} of the cases above (${where})`;
  // Each case not named has a line at least: more lines than cases means some say more than one thing.
  const lines = hiddenLines > hiddenCases ? `${plural(hiddenLines, 'more line')}, ` : '';
  return `- … and ${plural(hiddenCases, 'more case')} not named here (${lines}${where})`;
}

/**
 * Every failure line, in the order given (display order), when they fit in `max`. Otherwise
 * `max - 1` lines plus a line saying how many cases and lines were left out: each case (in that
 * order) gets its first line, and the lines left over go to the cases' further lines, first case
 * first, so the list stays grouped by case.
 */
export function failureLines(results: readonly CaseResult[], max: number, known: KnownFailures = NONE_KNOWN): string[] {
  const perCase = results.map((result) => markedKnown(result, caseLines(result, known), known)).filter((lines) => lines.length > 0);
  const total = perCase.reduce((sum, lines) => sum + lines.length, 0);
  if (total <= max) return perCase.flat();
  let spare = Math.max(0, max - 1 - perCase.length);
  const named = perCase.slice(0, max - 1);
  const shown = named.flatMap((lines) => {
    const extra = Math.min(spare, lines.length - 1);
    spare -= extra;
    return lines.slice(0, 1 + extra);
  });
  return [...shown, moreLine(perCase.length - named.length, total - shown.length)];
}
