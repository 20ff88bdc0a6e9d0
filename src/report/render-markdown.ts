/**
 * summary.md: what a reviewer reads in seconds on the CI job page (GitHub job summary). It stays
 * short however bad the run is: lists are capped, and the full story is in conformance.html.
 * Counts are per operation; failures and skips are listed by operation, then family.
 */
import type { CaseResult, ConformanceReport, FailureDigest, RunSummary } from '../model';
import { groupResults } from './group-results';
import { NO_WRITES_SKIPS, skipGroups } from './skip-groups';
import { listed, plural } from '../text/plain-text';
import { shownAndRest } from '../text/shown-and-rest';
import { SUMMARY_HEADING } from './report-files';
import { historyLines } from './markdown-history';
import { groupDigits } from './omitted';
import { failureLines } from './markdown-failures';
import { expectedKept } from './expected-kept';
import { digestScope, failureGroupCounts, failureGroupOperations, faultsSeenOnce, seenOnce } from './failure-digest';
import { MARKDOWN_LIMITS, capped, code, codeBlock, md } from './markdown-text';
import { knownFailures } from './known-failures';
import { cutByTargetLoss } from '../model/result';
import { exchangeOfCase } from '../model/exchange-id';
import { targetLostHeadline, whenCutShort } from './target-lost';
import { baselineHeadline, baselineLists, baselineRunText, certificateDetail, olderBaselineText, latencyFigures, legacyIdsSentence, partialByDesign, renamedCasesSentence, shownItems, unseenSuccessNotes, withoutDataNote } from './regression-text';
import { coverageFailure, totalsLine, windowSentence } from './coverage-text';
import { gateFailures } from './gate-failures';
import { VERDICT_LABEL, flakyFailing, summarize, verdict, verdictDetail, type VerdictOptions } from './summarize';
import { entryCounts, placeCounts, placeText, schemaText, unlistedPlaces, wholeAnswerTitle } from './warning-digest';
import { headlineLabel, headlineWarnings, otherWarnings, RUN_WARNING_LIMITS } from './run-warnings';
import { noteLines } from './run-notes';
import { planSliceNote } from './plan-slice';

export { MARKDOWN_LIMITS } from './markdown-text';

function countsRow(label: string, s: RunSummary): string {
  return `| ${label} | ${s.passed} | ${s.failed} | ${s.flaky} | ${s.skipped} | ${s.errors} | ${s.warnings} | ${s.total} |`;
}

/** One row per operation, then the run's total. */
function countsTable(report: ConformanceReport): string[] {
  const rows = groupResults(report).map((group) => countsRow(code(group.operationId), summarize(group.results)));
  return [
    '| operation | passed | failed | flaky | skipped | errors | warnings | total |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...rows,
    countsRow('**all**', report.summary),
  ];
}

/**
 * The closing list: warnings, then latency, baseline, certificate and coverage when the report has them;
 * one list so they take a line each, which keeps the file under ~50 lines.
 */
function footLines(report: ConformanceReport, allowFlaky: boolean): string[] {
  const { summary: s, latency, baseline, certificate } = report;
  const lines = [`- Warnings: ${s.warnings}${s.warnings > 0 ? ' (listed in conformance.html)' : ''}`, ...digestLines(report)];
  const cut = report.truncation;
  if (cut !== undefined) {
    lines.push(`- Truncated: ${groupDigits(cut.omittedViolations)} violations in ${cut.results} ${cut.results === 1 ? 'case' : 'cases'} counted, not kept (at most ${cut.keptPerCheck} per check and case are kept in full; see conformance.json omittedViolations)`);
  }
  const figures = latencyFigures(latency, report.latencyLeftOut);
  if (figures !== undefined) lines.push(`- Latency: ${md(figures)}`);
  if (baseline !== undefined) {
    const legacy = legacyIdsSentence(baseline);
    const renamed = renamedCasesSentence(baseline);
    // Which cases the counts are (the job summary is what the person on call reads first), on the
    // same line: the file stays under ~50 lines.
    const lists = baselineLists(baseline, report.results, report.history, allowFlaky).map((list) => {
      const { items, more } = shownItems(list);
      const shown = items.map((item) => (item.group === true ? `${code(item.id)}: ${md(item.note ?? '')}` : `${code(item.id)}${item.note === undefined ? '' : ` (${md(item.note)})`}`));
      return `${md(list.label)}: ${shown.join(', ')}${more > 0 ? `, … and ${more} more (conformance.html)` : ''}`;
    });
    lines.push(`- Baseline ${code(baseline.baseline.file)} (${md(baselineRunText(baseline, report.history))}): ${md(baselineHeadline(baseline, report.results, allowFlaky), MARKDOWN_LIMITS.baselineChars)}${lists.length === 0 ? '' : ` — ${lists.join(' · ')}`}${legacy === '' ? '' : `. ${md(legacy)}`}${renamed === '' ? '' : `. ${md(renamed, 400)}`}`);
  }
  if (certificate !== undefined) {
    const perOperation = certificate.operations.map((op) => `${code(op.operationId)} ${op.level.toUpperCase()}${op.unseenSuccess === undefined ? '' : ` (${listed(op.unseenSuccess)} never seen)`}`).join(' · ');
    const byDesign = partialByDesign(certificate, report.results);
    lines.push(`- Certificate: **${certificate.level.toUpperCase()}** — ${md(certificateDetail(certificate, report.results), 400)} — ${perOperation}${byDesign === '' ? '' : ` (${md(byDesign, 400)})`}`);
    // Each on a line of its own: in parentheses after the per-operation list, a note on the read read
    // as one on the last operation listed.
    for (const note of unseenSuccessNotes(certificate, report.results)) lines.push(`  - ${md(note, 400)}`);
    // What the certificate does not cover: the spec's operations the suite has no data for.
    const withoutData = withoutDataNote(certificate.specOperationsWithoutData);
    if (withoutData !== '') lines.push(`  - ${md(withoutData, 800)}`);
  }
  const coverage = report.coverage;
  if (coverage !== undefined) {
    const failure = coverageFailure(coverage);
    const window = windowSentence(coverage);
    lines.push(`- Coverage: ${md(totalsLine(coverage.totals))}${failure === undefined ? '' : ` — **${md(failure)}**`}${window === undefined ? '' : `; ${md(window)}`}`);
  }
  return lines;
}

/** Checks and places per check the job summary names: a few lines, however many places a target invents. */
const DIGEST = { checks: 4, places: 3 } as const;

/** The cut of a warning's title a digest line shows: a check's words, which may name a target's status or header. */
const TITLE_CHARS = 100;

/**
 * Under the Warnings line, one nested line per check: where its warnings were raised and how
 * widely, "`/requestId` (379 answers, 141 cases, first `…`)", so a gateway's habit reads as one
 * line and not as a count in the hundreds. The per-case lines are in conformance.html.
 */
function digestLines(report: ConformanceReport): string[] {
  const digest = report.warningDigest ?? [];
  const checks = shownAndRest(digest, DIGEST.checks);
  const lines = checks.shown.map((entry) => {
    const listedPlaces = shownAndRest(entry.places, DIGEST.places, entry.placeCount).shown;
    const places = listedPlaces.map((place) => {
      const where = place.pointer === '' ? md(placeText(place)) : `${place.under === true ? 'under ' : ''}${code(place.pointer)}${schemaText(place, code)}`;
      const title = wholeAnswerTitle(report.results, entry.check, place);
      return `${where} (${placeCounts(place)}, first ${code(place.firstCases[0] ?? '')}${title === undefined ? '' : `: ${md(title, TITLE_CHARS)}`})`;
    });
    const rest = unlistedPlaces(entry, listedPlaces.length);
    const more = rest === undefined ? '' : `, … and ${groupDigits(rest.places)} more`;
    return `  - ${code(entry.check)}: ${entryCounts(entry)} — ${places.join(', ')}${more}`;
  });
  const hidden = checks.rest;
  return hidden > 0 ? [...lines, `  - … and ${hidden} more ${hidden === 1 ? 'check' : 'checks'} (conformance.html)`] : lines;
}

/** Faults named above the per-case list: a few lines, however many a target's answers show. */
const FAULTS = 3;

/**
 * "By fault: `json-body` — Received: "…" (it starts with a byte order mark …) — 121 answers in 40
 * cases (first `…`)", one line per fault seen in two cases or more, as a nested list under one
 * item: so a reader sees one fault, not 121 failures.
 */
function faultLines(digest: FailureDigest | undefined, scope: string, once: number): string[] {
  if (digest === undefined) return [];
  // A fourth fault is named rather than counted, as on the console: its line is one the per-case list gives up (one budget).
  const { shown, rest } = shownAndRest(digest.faults, FAULTS, digest.faultCount);
  const lines = shown.map((g) => {
    const where = failureGroupOperations(g);
    return `  - ${code(g.check)}${g.place === undefined ? '' : ` at ${code(g.place)}`} — ${md(expectedKept(g.shape, MARKDOWN_LIMITS.messageChars))} — ${where === '' ? '' : `${md(where)}: `}${failureGroupCounts(g)} (first ${code(g.firstCase)})`;
  });
  // "(2 more in the list below)" read as more cases: it is faults this list leaves out, whose cases the list below has.
  const more = rest > 0 ? [`${plural(rest, 'more fault')}, ${rest === 1 ? 'its' : 'their'} cases in the list below`] : [];
  // One parenthesis, its parts apart by ';' as the console's heading has them: "(…) (…)" read as two asides.
  const single = once > 0 ? [`and ${seenOnce(once)}`] : [];
  const aside = [...more, ...single, ...(scope === '' ? [] : [scope])];
  return [`- By fault, each case below${aside.length === 0 ? '' : ` (${aside.join('; ')})`}:`, ...lines];
}

/** The exchange id a loss's `at` names ("GET /v1/…, exchange <id>"): after its last ", exchange " (a hostile path may hold one too). */
function lostExchange(at: string): string | undefined {
  const marker = ', exchange ';
  const index = at.lastIndexOf(marker);
  return index === -1 ? undefined : at.slice(index + marker.length);
}

/**
 * How to see the first failure for oneself, right under the list: its curl (what the suite sent,
 * the key as $ZAVU_API_KEY), or [] when no failing case has one that fits. When the target was lost,
 * the case it was lost in comes first (`at` ends with "exchange <id>", an exchange id the case's own
 * id begins: transport/target-guard.ts): its curl likely brings the target down again, which an
 * earlier status mismatch's does not. Its curl is of the very request only when the case shows that
 * exchange: a negative property shows one counterexample, the target may have gone down on another.
 */
function reproduceLines(results: readonly CaseResult[], lostAt: string | undefined): string[] {
  // Not a case the loss of the target cut short: its curl was never sent.
  const failing = results.filter((r) => (r.status === 'failed' || r.status === 'error' || r.status === 'flaky') && r.curl !== undefined && !cutByTargetLoss(r));
  const lost = lostAt === undefined ? undefined : lostExchange(lostAt);
  const exchanges = (r: CaseResult): (string | undefined)[] => [r.exchangeId, ...(r.steps ?? []).map((step) => step.exchangeId)];
  const lostOn = lost === undefined ? undefined : failing.find((r) => exchangeOfCase(lost, r.id));
  const first = lostOn ?? failing[0];
  const curl = first?.curl;
  if (first === undefined || curl === undefined || curl.length > MARKDOWN_LIMITS.reproduceChars || curl.split('\n').length > MARKDOWN_LIMITS.reproduceLines) return [];
  const which = lostOn === undefined ? '' : exchanges(lostOn).includes(lost) ? 'the request the target was lost at; ' : 'the case the target was lost in; ';
  // The fence follows the label at once (it may interrupt a paragraph): one line less.
  return ['', `**Reproduce** ${code(first.id)} (${which}every failure's curl is in conformance.html and junit.xml):`, ...codeBlock(curl, 'sh')];
}

/** Ids a skip reason many cases share names inline; the rest are counted. */
const SKIP_IDS_SHOWN = 3;

/**
 * The skips as the console lists them: a read-only run's write skips one line per operation, then
 * each other reason once with the cases it skipped: the list's few lines hold the run's reasons,
 * not the first six of 86 write cases ("… and 81 more").
 */
function skipLines(report: ConformanceReport): string[] {
  const groups = groupResults(report);
  const writes = groups.flatMap((group) => {
    const { noWrites } = skipGroups(group.results);
    return noWrites === 0 ? [] : [`- ${code(group.operationId)}: ${plural(noWrites, 'case')} — ${md(NO_WRITES_SKIPS)}`];
  });
  const others = skipGroups(groups.flatMap((group) => group.results)).byReason.map(({ reason, ids }) => {
    if (ids.length === 1) return `- ${code(ids[0] ?? '')} — ${md(reason)}`;
    const { shown, rest } = shownAndRest(ids, SKIP_IDS_SHOWN);
    return `- ${plural(ids.length, 'case')} — ${md(reason)}: ${shown.map(code).join(', ')}${rest > 0 ? ` +${rest} more` : ''}`;
  });
  return [...writes, ...others];
}

/**
 * The Failures heading's pointer to the notes under the failures: a note may change how they read
 * (a replay under another contract, a base URL that repeats the operations' paths), and the reader
 * must not first meet it after the curl; in the heading, so the curl stays as high. '' with none.
 */
function notesAhead(notes: readonly string[] | undefined): string {
  const count = notes?.length ?? 0;
  if (count === 0) return '';
  return count === 1 ? ' (read with the note on this run, below)' : ` (read with the ${count} notes on this run, below)`;
}

/** One shard's report: what it covers, then a blank line; [] for a run or a merge. */
function sliceLines(info: ConformanceReport['runInfo'], results: number): string[] {
  const note = planSliceNote(info, results);
  return note === '' ? [] : [`**One shard of the run**: ${md(note, 600)}`, ''];
}

/** Renders the job summary as Markdown (ends with a newline); `options` as the run was judged. */
export function renderMarkdown(report: ConformanceReport, options: VerdictOptions = {}): string {
  const { summary: s, runInfo: info } = report;
  const results = groupResults(report).flatMap((group) => group.results);
  const failingFlaky = flakyFailing(report, options).size;
  const detail = verdictDetail(s, results, options, failingFlaky);
  const gates = gateFailures(report, options);
  const v = verdict(s, options, failingFlaky);
  // The history knows when the baseline is not last night's (the nights since not run): said where the counts are read first.
  const older = report.baseline === undefined ? '' : olderBaselineText(report.baseline, report.history);
  const out: string[] = [
    // A gate unmet (coverage, --baseline-strict's latency, --fail-on-flaky-rate) fails the run (exit 1) on a conformant target: the heading must not say CONFORMANT then.
    `${SUMMARY_HEADING}: ${(gates.length > 0 && v === 'conformant' ? 'GATE FAILED — no contract violation' : VERDICT_LABEL[v].toUpperCase())}${detail === '' ? '' : ` — ${md(detail)}`}${gates.map((gate) => ` — ${md(gate)}`).join('')}`,
    '',
    // The contract as a history compares it: spec, suite and (absent from older reports) the case data,
    // so a night marked "(new contract)" for its cases alone shows here what differs.
    // A mock's writes went to every sender, which no live target's level rests on: said where the target is, as certificate.json and the HTML say it.
    `Target ${code(info.target)} (${info.mode}${info.mockTarget === true ? ', declared a mock (--mock-target)' : ''}), spec ${md(`${info.specTitle} ${info.specVersion}`, 60)} ${code(info.specSha256.slice(0, 12))}, suite ${md(info.suiteVersion, 20)}${info.suiteBuild === undefined ? '' : ` build ${code(info.suiteBuild)}`}${info.casesSha256 === undefined ? '' : `, cases ${code(info.casesSha256.slice(0, 12))}`}`,
    '',
    // A matrix job's summary of one shard: its CONFORMANT and its certificate are of its slice, not the run.
    ...sliceLines(info, report.results.length),
    // The loss of the target, once, before anything it left unjudged.
    ...(report.targetLost === undefined ? [] : [`**Target lost**: ${md(targetLostHeadline(report.targetLost), 600)}${whenCutShort(report.targetLost, ' (each on one line below)')} — ${md(report.targetLost.why, 600)}`, '']),
    // The front's gateway errors after the API answered (its upstream gone down): a run warning said first, as the loss is.
    ...headlineWarnings(report.runWarnings).flatMap((w) => [`**${headlineLabel(w)}** ${md(w.message, RUN_WARNING_LIMITS.messageChars)}`, '']),
    // With a baseline only new failures fail the run by default: a NOT CONFORMANT heading over a
    // green step must say why at once, not in the closing list.
    // The pointer only when that line names a case: after a night with nothing changed it sent the reader to a line of counts alone.
    ...(report.baseline === undefined ? [] : [`Against the baseline${older === '' ? '' : ` (${md(older)})`}: ${md(baselineHeadline(report.baseline, report.results, options.allowFlaky === true), MARKDOWN_LIMITS.baselineChars)}${baselineLists(report.baseline, report.results).length > 0 ? ' (the cases in the Baseline line below)' : ''}`, '']),
  ];
  // Failures, then how to reproduce the first, come next: they are what the reviewer opened the
  // summary for, and they must be on the first screen, not under notes, warnings and a table of
  // every operation (each of those is one line above at most: the shard, the loss, the baseline).
  // A known failure (in the baseline too, --baseline without strict) says so, as junit.xml skips it.
  // One fault seen in many cases reads as one line first; the per-case list, under it, shares the
  // same budget of lines, so the file stays as short however the failures group.
  const faults = faultLines(report.failureDigest, digestScope(report.results), faultsSeenOnce(report.results, report.failureDigest));
  const failures = failureLines(results, MARKDOWN_LIMITS.failures - faults.length, knownFailures(report, options));
  if (failures.length > 0) out.push(`**Failures**${notesAhead(info.notes)}`, '', ...faults, ...failures, ...reproduceLines(results, report.targetLost?.at), '');
  out.push(
    // How to read the verdict (a replay under a contract changed since, rows judged by a looser
    // rule): right after what failed, before the counts.
    ...noteLines(info.notes),
    // What the run saw that fails nothing (unasked bytes on an idle connection): once each, before the counts.
    ...otherWarnings(report.runWarnings).flatMap((w) => [`**Warning** (fails nothing): ${md(w.message, RUN_WARNING_LIMITS.messageChars)}`, '']),
    ...countsTable(report),
  );
  const skips = skipLines(report);
  if (skips.length > 0) out.push('', '**Skipped** (not counted as passed)', '', ...capped(skips, MARKDOWN_LIMITS.skipped));
  out.push('', ...footLines(report, options.allowFlaky === true));
  if (report.history !== undefined) out.push('', ...historyLines(report.history));
  out.push('', 'Full report: `conformance.html` in the same artifact (run info, every scenario, reproduction curls).');
  return `${out.join('\n')}\n`;
}
