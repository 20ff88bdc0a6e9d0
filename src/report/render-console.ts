/**
 * What the CLI prints after a run: per operation, one counts line, then each failure (family by
 * family) with what broke and how to reproduce it, and the skips with their reasons; then the
 * baseline and certificate lines, and one verdict line that CI logs can be grepped for.
 */
import { planSliceNote } from './plan-slice';
import type { CaseResult, ConformanceReport, Violation } from '../model';
import { NO_WRITES_SKIPS, skipGroups } from './skip-groups';
import { escapeControl, plural, truncate } from '../text/plain-text';
import { shownAndRest } from '../text/shown-and-rest';
import { groupBySeverity } from './group-violations';
import { groupDigits, omittedLine, omittedOf } from './omitted';
import { groupResults, type OperationGroup } from './group-results';
import { historyConsoleLines } from './history-text';
import { describeOutcomes } from './outcomes';
import { baselineHeadline, baselineLists, baselineRunText, certificateDetail, latencyFigures, legacyIdsSentence, partialByDesign, renamedCasesSentence, shownItems, unseenSuccessNotes, withoutDataNote } from './regression-text';
import { caseStatusNote, stepLine } from './status-text';
import { coverageFailure, totalsLine, windowSentence } from './coverage-text';
import { strictLatencyFailure } from './gate-failures';
import { countsLine, isFailingStatus, shortCounts, reportVerdict, summarize, type VerdictOptions } from './summarize';
import { ALLOWED_FLAKY_NOTE, knownFailures, knownLineNote, NEW_FLAKY_NOTE, overFlakyRateNote, type KnownFailures } from './known-failures';
import { digestScope, failureGroupCounts, failureGroupOperations, faultsSeenOnce, seenOnce } from './failure-digest';
import { entryCounts, placeCounts, placeText, unlistedPlaces, wholeAnswerTitle } from './warning-digest';
import { cutByTargetLoss } from '../model/result';
import { targetLostHeadline, whenCutShort } from './target-lost';
import { headlineClosing, headlineLabel, headlineWarnings, otherWarnings } from './run-warnings';
import { expectedKept } from './expected-kept';

/** Rendering options; colour is off unless asked for, so logs and pipes get plain text. */
export interface ConsoleOptions extends VerdictOptions {
  color?: boolean;
}

type Paint = (code: string, text: string) => string;

const ANSI = { red: '31', magenta: '35', yellow: '33', green: '32', dim: '2', bold: '1' } as const;

const LABELS = { failed: 'FAILED', error: 'ERROR', flaky: 'FLAKY', known: 'KNOWN FAILURE' } as const;

function painter(color: boolean): Paint {
  return color ? (code, text) => `\u001b[${code}m${text}\u001b[0m` : (_code, text) => text;
}

/** Text a server may have sent, made safe for a terminal; newlines and tabs kept for layout. */
function t(text: string): string {
  return escapeControl(text, { keepLines: true });
}

/** Text a server may have sent where the layout has one line (a JSON pointer through a received key): newlines escaped too. */
function t1(text: string): string {
  return escapeControl(text);
}

/** Indents every line of a possibly multi-line text. */
function indent(text: string, prefix: string): string {
  return text.split('\n').map((line) => `${prefix}${line}`).join('\n');
}

/** "status-code-expected /data (×2) [step start]: title": where a breach was found, and by which step. */
function violationHeader(v: Violation, count: number, paint: Paint): string {
  // A location only when there is one: "" also covers breaches outside the body (a status code).
  const where = v.instancePath === '' ? '' : ` ${t1(v.instancePath)}`;
  const times = count > 1 ? ` (×${count})` : '';
  const step = v.step === undefined ? '' : ` [step ${t(v.step)}]`;
  return `${paint(ANSI.bold, t(v.check))}${where}${times}${step}: ${t(v.title)}`;
}

/**
 * A failing case's block, under its family's line. `known` says what the run makes of it: a known
 * failure (knownLineNote: it does not fail the run, unless the flaky-rate gate's), a flaky case
 * --allow-flaky does not allow (a new fault against the baseline), one it lets pass, or one it lets
 * pass that the flaky-rate gate fails the run for.
 */
function failureBlock(result: CaseResult, paint: Paint, known: KnownFailures): string[] {
  const pad = '    ';
  const knownNote = known.ids.has(result.id) ? knownLineNote(known, result.id) : undefined;
  // Cut short by the loss of the target: its cause is the headline, not repeated (nor its steps and curl) here.
  if (cutByTargetLoss(result)) return [`${pad}${paint(ANSI.magenta, LABELS.error)} ${t(result.id)}: not sent, target lost (see the top)`];
  const label = knownNote !== undefined ? paint(ANSI.yellow, LABELS.known) : result.status === 'error' ? paint(ANSI.magenta, LABELS.error) : result.status === 'flaky' ? paint(ANSI.yellow, LABELS.flaky) : paint(ANSI.red, LABELS.failed);
  const lines = [`${pad}${label} ${t(result.id)} (${t(caseStatusNote(result))})${knownNote === undefined ? '' : ` — ${t1(knownNote)}`}`];
  const inner = `${pad}  `;
  if (result.steps !== undefined) lines.push(`${inner}steps:`, ...result.steps.map((step) => `${inner}  ${t(stepLine(step, result))}`));
  if (result.status === 'flaky') lines.push(`${inner}outcomes: ${describeOutcomes(result.attempts ?? [])}`);
  if (known.newFlaky.has(result.id)) lines.push(paint(ANSI.red, `${inner}flaky ${NEW_FLAKY_NOTE}: it fails the run`));
  if (known.allowedFlaky.has(result.id)) lines.push(`${inner}flaky, ${ALLOWED_FLAKY_NOTE}`);
  if (known.overFlakyRate.has(result.id)) lines.push(paint(ANSI.red, `${inner}flaky, ${overFlakyRateNote(known)}`));
  if (result.errorMessage !== undefined) lines.push(indent(t(result.errorMessage), `${inner}not judged: `));
  for (const { violation, count } of groupBySeverity(result.violations).errors) {
    lines.push(`${inner}${violationHeader(violation, count, paint)}`, indent(t(violation.message), `${inner}  `));
  }
  for (const omitted of omittedOf(result, 'error')) lines.push(`${inner}${t1(omittedLine(omitted))}`);
  if (result.curl !== undefined) lines.push(`${inner}Reproduce with:`, indent(t(result.curl), `${inner}  `));
  // The exchange id is normally the case id, already in the header; it only helps when it differs.
  if (result.exchangeId !== undefined && result.exchangeId !== result.id) lines.push(paint(ANSI.dim, `${inner}exchange: ${t(result.exchangeId)}`));
  if (result.source !== undefined) lines.push(paint(ANSI.dim, `${inner}source: ${t(result.source)}`));
  return lines;
}

/** Ids listed under a reason many cases share; the rest are counted (each case is in conformance.html). */
const SKIP_IDS_SHOWN = 10;

/** One operation: its counts line, its failures under their family, then its skips. */
function operationBlock(group: OperationGroup, paint: Paint, known: KnownFailures): string[] {
  const out = [paint(ANSI.bold, `${t(group.operation)} (${t(group.operationId)}): ${group.results.length === 0 ? 'no cases' : shortCounts(summarize(group.results))}`)];
  for (const family of group.families) {
    const failing = family.results.filter((r) => isFailingStatus(r.status));
    if (failing.length === 0) continue;
    out.push(`  ${t(family.family)} — ${t(family.title)}`);
    for (const result of failing) out.push(...failureBlock(result, paint, known));
  }
  const skipped = group.results.filter((r) => r.status === 'skipped');
  if (skipped.length > 0) {
    out.push(paint(ANSI.yellow, `  Skipped ${plural(skipped.length, 'case')} (not counted as passed):`));
    // A read-only night (no --allow-writes) skips every write case for the one same reason: one
    // line per operation, not ~43 each that buried the night's story. Any other reason is said once
    // too, with the cases it skipped under it (a fixture not set skips each case of its role).
    const { noWrites, byReason } = skipGroups(skipped);
    if (noWrites > 0) out.push(`    ${plural(noWrites, 'case')}: ${NO_WRITES_SKIPS}`);
    for (const { reason, ids } of byReason) {
      if (ids.length === 1) {
        out.push(`    ${t(ids[0] ?? '')}: ${t(reason)}`);
        continue;
      }
      const { shown, rest } = shownAndRest(ids, SKIP_IDS_SHOWN);
      out.push(`    ${plural(ids.length, 'case')}: ${t(reason)}`, ...shown.map((id) => `      ${t(id)}`));
      if (rest > 0) out.push(`      … and ${rest} more (conformance.html)`);
    }
  }
  return out;
}

/**
 * "TARGET LOST: the target was lost at GET …, exchange …; 86 cases after it not judged", and the
 * guard's sentence under it: first, once, where every case it cut short refers to it.
 */
function targetLostLines(report: ConformanceReport, paint: Paint): string[] {
  const lost = report.targetLost;
  if (lost === undefined) return [];
  return [paint(ANSI.magenta, `TARGET LOST: ${t1(targetLostHeadline(lost))}${whenCutShort(lost, ' (each below on one line)')}`), `  ${t1(lost.why)}`, ''];
}

/** Faults named before the per-case blocks, and the cut of a shape (it may hold a target's words). */
const CONSOLE_FAULTS = { faults: 5, chars: 200 } as const;

/**
 * "failures by fault (each case below):" then "  json-body — Received: "…" (it starts with a byte
 * order mark …) — 121 answers in 40 cases (first …)": one fault seen in many cases reads as one,
 * before the per-case blocks that list each of them.
 */
function faultLines(report: ConformanceReport): string[] {
  const digest = report.failureDigest;
  if (digest === undefined) return [];
  const { shown, rest } = shownAndRest(digest.faults, CONSOLE_FAULTS.faults, digest.faultCount);
  const lines = shown.map((g) => {
    const where = failureGroupOperations(g);
    return `  ${t1(g.check)}${g.place === undefined ? '' : ` at ${truncate(t1(g.place), 100)}`} — ${truncate(expectedKept(t1(g.shape), CONSOLE_FAULTS.chars), CONSOLE_FAULTS.chars)} — ${where === '' ? '' : `${t1(where)}: `}${failureGroupCounts(g)} (first ${truncate(t1(g.firstCase), 100)})`;
  });
  const more = rest > 0 ? [`  … and ${plural(rest, 'more fault')} seen in several cases (each case below)`] : [];
  // The heading's fault count has those seen in one case too: said, so the list is not read as all of them.
  const once = faultsSeenOnce(report.results, digest);
  const single = once > 0 ? [`  … and ${seenOnce(once)} (each case below)`] : [];
  const scope = digestScope(report.results);
  return [`failures by fault (each case below${scope === '' ? '' : `; ${scope}`}):`, ...lines, ...more, ...single, ''];
}

/** Warnings counted but not kept, per case: the console lists no warnings, but must not hide that count. */
function omittedWarningLines(report: ConformanceReport): string[] {
  const lines = report.results.flatMap((r) => omittedOf(r, 'warning').map((o) => `  ${t(r.id)}: ${t1(omittedLine(o))}`));
  if (lines.length === 0) return [];
  return [`Warnings counted, not kept (reports keep ${report.truncation?.keptPerCheck ?? 'a few'} per check in full):`, ...lines, ''];
}

/**
 * "warnings (…): undocumented-properties ×111, error-message-documented ×4": the console lists no
 * warning itself, but says which checks raised them and how often, so a mock's author knows what to
 * look up in the reports (kept and counted-only alike: the numbers add up to the counts line's).
 * From the report's warningDigest, in its order, as the lines under it.
 */
function warningsLine(report: ConformanceReport): string[] {
  const digest = report.warningDigest ?? [];
  if (digest.length === 0) return [];
  const parts = digest.map((entry) => `${t(entry.check)} ×${groupDigits(entry.warnings)}`);
  return [`warnings (not failures; each in conformance.html and conformance.json): ${parts.join(', ')}`, ...digestLines(report)];
}

/**
 * "warning (fails nothing): the target sent bytes on an idle kept-alive connection …": the run's
 * warnings (runWarnings), one line each; what a target sent in one is escaped (t1), as everywhere.
 */
function runWarningLines(report: ConformanceReport, paint: Paint): string[] {
  return otherWarnings(report.runWarnings).map((w) => paint(ANSI.yellow, `warning (fails nothing): ${t1(w.message)}`));
}

/**
 * "UPSTREAM DOWN? from GET …, exchange … on, the target answered …", "NOT THE API? …": a run warning
 * said as a headline (run-warnings.ts headlineWarnings), first, as a lost target is: the one cause of the
 * failures below it, which a reader must see before 159 of them.
 */
function headlineWarningLines(report: ConformanceReport, paint: Paint): string[] {
  const lines = headlineWarnings(report.runWarnings).map((w) => paint(ANSI.magenta, `${headlineLabel(w).toUpperCase()} ${t1(w.message)}`));
  return lines.length === 0 ? [] : [...lines, ''];
}

/** Places listed per check, and the cut of a pointer or case id a target chose: the digest stays a few lines. */
const CONSOLE_DIGEST = { places: 5, chars: 100 } as const;

/**
 * Under the warnings line, where they were raised, once per check and place: "/requestId: 379
 * answers, 141 cases (first …)" reads as one gateway habit, where per-case lines read as hundreds of problems.
 */
function digestLines(report: ConformanceReport): string[] {
  // Escaped first, then cut: a name of escapes (\u202e…) cannot make the line longer than the bound.
  const cut = (text: string): string => truncate(t1(text), CONSOLE_DIGEST.chars);
  return (report.warningDigest ?? []).flatMap((entry) => {
    const listedPlaces = shownAndRest(entry.places, CONSOLE_DIGEST.places, entry.placeCount).shown;
    const places = listedPlaces.map((place) => {
      const title = wholeAnswerTitle(report.results, entry.check, place);
      return `    ${cut(placeText(place))}: ${placeCounts(place)} (first ${cut(place.firstCases[0] ?? '')}${title === undefined ? '' : `: ${cut(title)}`})`;
    });
    const rest = unlistedPlaces(entry, listedPlaces.length);
    const more = rest === undefined ? [] : [`    … and ${groupDigits(rest.places)} more (${groupDigits(rest.warnings)} warnings): conformance.html, conformance.json warningDigest`];
    return [`  ${t(entry.check)}: ${entryCounts(entry)}`, ...places, ...more];
  });
}

/**
 * With --repeat, the run's latency (p50 · p95 · p99 · max at 0.1 ms), and the exchanges left out of it: what the repeats were for.
 * A single run's one-exchange figures are in the reports, not worth a console line.
 */
function latencyLines(report: ConformanceReport): string[] {
  const figures = latencyFigures(report.latency, report.latencyLeftOut);
  return report.runInfo.repeat !== undefined && figures !== undefined ? [`latency: ${figures}`] : [];
}

/** "baseline: …" (and the legacy-id sentence) and "certificate: …" per operation, for the reports that have them. */
function regressionLines(report: ConformanceReport, allowFlaky: boolean): string[] {
  const lines: string[] = [];
  const { baseline, certificate } = report;
  if (baseline !== undefined) {
    lines.push(`baseline (${t1(baseline.baseline.file)}, ${t1(baselineRunText(baseline, report.history))}): ${t1(baselineHeadline(baseline, report.results, allowFlaky))}`);
    const legacy = legacyIdsSentence(baseline);
    if (legacy !== '') lines.push(`  ${legacy}`);
    for (const list of baselineLists(baseline, report.results, report.history, allowFlaky)) {
      const { items, more } = shownItems(list);
      const shown = items.map((item) => (item.group === true ? `${t1(item.id)}: ${t1(item.note ?? '')}` : `${t1(item.id)}${item.note === undefined ? '' : ` (${t1(item.note)})`}`));
      lines.push(`  ${list.label}: ${shown.join('; ')}${more > 0 ? `; … and ${more} more (conformance.html)` : ''}`);
    }
    const renamed = renamedCasesSentence(baseline);
    if (renamed !== '') lines.push(`  ${renamed}`);
  }
  if (certificate !== undefined) {
    lines.push(`certificate: ${certificate.level.toUpperCase()} (${certificateDetail(certificate, report.results)})`);
    for (const op of certificate.operations) lines.push(`  ${t(op.operationId)}: ${op.level.toUpperCase()} (${certificateDetail(op, report.results)})`);
    const byDesign = partialByDesign(certificate, report.results);
    if (byDesign !== '') lines.push(`  ${byDesign}`);
    for (const unseen of unseenSuccessNotes(certificate, report.results)) lines.push(`  ${t(unseen)}`);
    // Beside the level, as summary.md has it: the note before the cases is far above a CI log's tail.
    const withoutData = withoutDataNote(certificate.specOperationsWithoutData);
    if (withoutData !== '') lines.push(`  ${t(withoutData)}`);
  }
  return lines;
}

/** Case ids the closing line names, and the cut of each (an id holds a fixture's sender id, someone's choice). */
const CLOSING = { cases: 3, chars: 80 } as const;

/**
 * "failing (each above): getWhatsAppSyncStatus/no-waba, …/wrong-key (error) +5 more; 86 not sent (target
 * lost, see the top); top fault: json-body, 121 answers in 40 cases": what a CI page shows of a job
 * is its log's tail, where the counts alone said that cases failed, not which; the blocks naming them
 * sit above every ok line. Only the cases that fail the run (not a known failure, not a flaky case
 * --allow-flaky lets pass: one with a new fault against the baseline it does not), by the suite's ids and check names: no text a target sent. '' when none.
 */
function closingLine(report: ConformanceReport, known: KnownFailures, options: ConsoleOptions): string {
  const failing = groupResults(report)
    .flatMap((group) => group.results)
    .filter((r) => isFailingStatus(r.status) && !known.ids.has(r.id) && !(r.status === 'flaky' && options.allowFlaky === true && !known.newFlaky.has(r.id)));
  const cut = failing.filter(cutByTargetLoss).length;
  const named = failing.filter((r) => !cutByTargetLoss(r));
  if (named.length === 0 && cut === 0) return '';
  const parts: string[] = [];
  if (named.length > 0) {
    const { shown, rest } = shownAndRest(named, CLOSING.cases);
    const ids = shown.map((r) => `${truncate(t1(r.id), CLOSING.chars)}${r.status === 'failed' ? '' : ` (${r.status})`}`);
    parts.push(`${ids.join(', ')}${rest > 0 ? ` +${groupDigits(rest)} more` : ''}`);
  }
  if (cut > 0) parts.push(`${groupDigits(cut)} not sent (target lost, see the top)`);
  // The log's tail is what a CI page shows: the one cause above, pointed to, as a lost target's is.
  for (const w of headlineWarnings(report.runWarnings)) parts.push(headlineClosing(w));
  const top = report.failureDigest?.faults[0];
  const scope = digestScope(report.results);
  if (top !== undefined) parts.push(`top fault: ${truncate(t1(top.check), CLOSING.chars)}, ${failureGroupCounts(top)}${scope === '' ? '' : ` (${scope})`}`);
  return `failing (each above): ${parts.join('; ')}`;
}

/**
 * Renders the post-run console output (ends with a newline). Pure: the caller prints it. Per
 * operation its counts, failed, error and flaky cases, then skips; then baseline and certificate,
 * then the failing cases named on one line (the log's tail), and the verdict line last.
 */
export function renderConsole(report: ConformanceReport, options: ConsoleOptions = {}): string {
  const paint = painter(options.color === true);
  const out: string[] = [];
  const known = knownFailures(report, options);
  out.push(...targetLostLines(report, paint));
  out.push(...headlineWarningLines(report, paint));
  out.push(...faultLines(report));
  for (const group of groupResults(report)) out.push(...operationBlock(group, paint, known), '');
  out.push(...omittedWarningLines(report));
  out.push(...warningsLine(report));
  out.push(...runWarningLines(report, paint));
  out.push(...latencyLines(report));
  out.push(...regressionLines(report, options.allowFlaky === true));
  if (report.coverage !== undefined) {
    out.push(`coverage: ${t(totalsLine(report.coverage.totals))}`);
    const window = windowSentence(report.coverage);
    if (window !== undefined) out.push(`  ${t(window)}`);
    const failure = coverageFailure(report.coverage);
    if (failure !== undefined) out.push(paint(ANSI.red, `FAILED ${t(failure)}`));
  }
  if (report.history !== undefined) out.push(...historyConsoleLines(report.history).map((line) => t(line)));
  // --baseline-strict's latency regressions fail the run with no case failing: said so, as the coverage gate is above
  // (the flaky-rate gate names its cases in the history lines, "fails the run").
  const strictLatency = strictLatencyFailure(report, options);
  if (strictLatency !== undefined) out.push(paint(ANSI.red, `FAILED ${t(strictLatency)}`));
  // One shard's report: its counts and certificate above are of its slice, not the run (a matrix job's log tail).
  const slice = planSliceNote(report.runInfo, report.results.length);
  if (slice !== '') out.push(t(slice));
  // Just before the counts, so the log's last lines (a CI page's view of it) name what failed.
  const closing = closingLine(report, known, options);
  if (closing !== '') out.push(paint(ANSI.red, closing));
  const v = reportVerdict(report, options);
  const colour = v === 'conformant' ? ANSI.green : v === 'violations' ? ANSI.red : ANSI.magenta;
  out.push(paint(colour, countsLine(report.summary)));
  // No workflow command for a CI runner here: the text is guarded where it leaves the process (the command's
  // stdout, a library caller's `out`), which also guards every line no renderer wrote.
  return `${out.join('\n')}\n`;
}
