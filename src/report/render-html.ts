/**
 * reports/conformance.html: one self-contained page a reviewer opens from a CI artifact. Inline
 * CSS, no scripts, no external assets; every interpolated string is HTML-escaped because messages
 * and curls carry bytes the target sent.
 */
import type { CaseResult, ConformanceReport, RunInfo, RunSummary, RunWarning } from '../model';
import { EMBEDDED_TARGET, ranWrites } from '../model/result';
import { formatDuration, formatMs, plural } from '../text/plain-text';
import { groupResults } from './group-results';
import { caseAnchors } from './html-anchors';
import { failureSections, warningsSection } from './html-details';
import { failureList } from './html-failure-list';
import { flakySection } from './html-flaky';
import { historySection } from './html-history';
import { latencySection } from './html-latency';
import { knownFailures } from './known-failures';
import { baselineSection, certificateSection } from './html-regression';
import { scenariosSection } from './html-scenarios';
import { HTML_STYLE } from './html-style';
import { coverageSection } from './html-coverage';
import { gateFailures } from './gate-failures';
import { escapeHtml as h } from './html-text';
import { baselineHeadline, baselineLists, olderBaselineText } from './regression-text';
import { flakyFailing, headline, verdict, type VerdictOptions } from './summarize';
import { headlineLabel, headlineWarnings, otherWarnings } from './run-warnings';

function banner(report: ConformanceReport, options: VerdictOptions): string {
  const s: RunSummary = report.summary;
  // A gate unmet (coverage, --baseline-strict's latency, --fail-on-flaky-rate) fails the run (exit 1) on a conformant target: the banner must not say conformant then.
  // Each is said beneath the counts too, as summary.md's heading says it, on a run its cases fail as well.
  const gates = gateFailures(report, options);
  const failingFlaky = flakyFailing(report, options).size;
  const gateFailed = gates.length > 0 && verdict(s, options, failingFlaky) === 'conformant';
  const title = gateFailed ? `gate failed — no contract violation, but ${gates.join('; ')}` : headline(s, report.results, options, failingFlaky);
  const flaky = s.flaky > 0 ? ` · ${s.flaky} flaky` : '';
  const counts = `${plural(s.total, 'case')}: ${s.passed} passed · ${s.failed} failed${flaky} · ${s.skipped} skipped · ${plural(s.errors, 'error')} · ${plural(s.warnings, 'warning')}`;
  return `<header class="banner verdict-${gateFailed ? 'violations' : verdict(s, options, failingFlaky)}">
<h1>Zavu conformance: ${h(title)}</h1>
<p>${h(counts)}</p>${gates.map((gate) => `\n<p class="bad">${h(gate)}</p>`).join('')}${baselineLine(report, options)}
</header>`;
}

/**
 * With a baseline only new failures fail the run by default: a red NOT CONFORMANT banner over a
 * green CI step must say why at once, as summary.md's line under its heading does, not in the
 * Baseline section further down the page.
 */
function baselineLine(report: ConformanceReport, options: VerdictOptions): string {
  if (report.baseline === undefined) return '';
  // Linked only when the section lists a case (its lists, and the cases still failing): "0 new failures, 0 fixed (the cases below)" named none.
  const listsCases = baselineLists(report.baseline, report.results).length > 0 || report.baseline.stillFailing.length > 0;
  // The history knows when the baseline is not last night's (the nights since not run): said here, where the counts are read first.
  const older = olderBaselineText(report.baseline, report.history);
  return `\n<p>Against the baseline${older === '' ? '' : ` (${h(older)})`}: ${h(baselineHeadline(report.baseline, report.results, options.allowFlaky === true))}${listsCases ? ' (<a href="#baseline">the cases below</a>)' : ''}</p>`;
}

function runInfo(info: RunInfo): string {
  const elapsed = Date.parse(info.finishedAt) - Date.parse(info.startedAt);
  const rows: [string, string][] = [
    ['target', info.target],
    ['mode', info.mode],
    ['suite version', info.suiteVersion],
    // One version is many builds (absent from a dist built without the id, and older reports).
    ...(info.suiteBuild !== undefined ? [['suite build', info.suiteBuild] as [string, string]] : []),
    ['spec', `${info.specTitle} ${info.specVersion}`],
    ['spec sha256', info.specSha256],
    // The case data's identity beside the spec's: absent from reports written before it.
    ...(info.casesSha256 !== undefined ? [['cases sha256', info.casesSha256] as [string, string]] : []),
    ['started', info.startedAt],
    // Two wall-clock readings: a finish before the start (the clock set back mid-run, or merged
    // shards' clocks apart) is no span to show, "(-3599000 ms)".
    ['finished', Number.isFinite(elapsed) && elapsed >= 0 ? `${info.finishedAt} (${formatDuration(elapsed)})` : info.finishedAt],
    ['node', info.node],
  ];
  // Only when set, so an ordinary run's page is unchanged.
  if (info.repeat !== undefined) rows.push(['repeat', `each case ${plural(info.repeat, 'time')}`]);
  if (info.latencyBudgetMs !== undefined) rows.push(['latency budget', `p95 ≤ ${formatMs(info.latencyBudgetMs)}`]);
  if (info.shard !== undefined) rows.push(['shard', `${info.shard} (this report covers only this shard's cases)`]);
  if (ranWrites(info)) rows.push(['writes', writesText(info)]);
  const items = rows.map(([k, v]) => `<dt>${h(k)}</dt><dd>${k === 'spec sha256' || k === 'cases sha256' || k === 'suite build' ? `<code>${h(v)}</code>` : h(v)}</dd>`);
  return `<section>\n<h2>Run</h2>\n<dl class="info">${items.join('')}</dl>\n</section>`;
}

/**
 * Why a write run's write cases ran, as it was: the flag is named only where it was given (the
 * embedded server takes every write without it; a replay sends nothing).
 */
function writesText(info: RunInfo): string {
  if (info.mode === 'replay') return 'judged as recorded: the recordings are of a write run (a replay sends nothing)';
  if (info.mockTarget === true) return 'to every configured sender: the target was declared a mock (--allow-writes --mock-target)';
  if (info.target === EMBEDDED_TARGET) return "allowed: the embedded reference server's state is disposable, so its write cases are sent (--allow-writes or not)";
  return 'allowed against this target (--allow-writes)';
}

/** The run's warnings (runWarnings), one line each, right under what failed: they fail nothing, but are the target's. The headline's are said above instead (headlineWarningsHtml). */
function runWarningsSection(all: readonly RunWarning[] | undefined): string {
  const warnings = otherWarnings(all);
  if (warnings.length === 0) return '';
  const items = warnings.map((w) => `<li><code>${h(w.kind)}</code> ${h(w.message)}</li>`);
  return `<section class="run-warnings">
<h2>Run warnings (fail nothing)</h2>
<ul>
${items.join('\n')}
</ul>
</section>`;
}

/** The run warnings said as a headline (no answer JSON, the front's gateway errors after the API answered, a target gone silent near the end), right under the banner, above what failed. */
function headlineWarningsHtml(warnings: readonly RunWarning[] | undefined): string {
  return headlineWarnings(warnings)
    .map((w) => `<p class="${w.kind}"><strong>${h(headlineLabel(w))}</strong> <span class="message">${h(w.message)}</span></p>`)
    .join('\n');
}

/**
 * The run's notes (runInfo.notes), one line each, beside the run warnings: they bear on reading the
 * verdict above (a replay under a contract changed since). Kept bounded in the report already.
 */
function runNotesSection(notes: readonly string[] | undefined): string {
  if (notes === undefined || notes.length === 0) return '';
  return `<section class="run-notes">
<h2>Notes on this run</h2>
<ul>
${notes.map((note) => `<li>${h(note)}</li>`).join('\n')}
</ul>
</section>`;
}

/**
 * Renders the whole report as one HTML document (UTF-8, ends with a newline). What failed comes
 * first, right under the banner, so a reviewer sees it without scrolling; the details follow the
 * scenario tables (one per operation, rows grouped by family, a sequence's steps under its case).
 * Sections for certificate, baseline, flaky cases and latency appear only when the report has them. `options` must be those the CLI judged the run with, so the banner agrees with
 * the exit code.
 */
export function renderHtml(report: ConformanceReport, options: VerdictOptions = {}): string {
  const title = `Zavu conformance: ${headline(report.summary, report.results, options, flakyFailing(report, options).size)}`;
  // Every list shows cases by operation, then family; the anchors are computed once over that
  // order, so the list, the tables and the details link to the same ids.
  const groups = groupResults(report);
  const results = groups.flatMap((group) => group.results);
  const anchors = caseAnchors(results);
  const anchorOf = new Map<CaseResult, string>(results.map((result, index) => [result, anchors[index] ?? '']));
  const known = knownFailures(report, options);
  const body = [
    banner(report, options),
    headlineWarningsHtml(report.runWarnings),
    failureList(results, anchors, known, report.failureDigest, report.targetLost),
    runWarningsSection(report.runWarnings),
    runNotesSection(report.runInfo.notes),
    runInfo(report.runInfo),
    certificateSection(report.certificate, report.results),
    baselineSection(report.baseline, results, anchors, report.history, options.allowFlaky === true),
    scenariosSection(groups, (result) => anchorOf.get(result) ?? ''),
    failureSections(results, anchors, known),
    flakySection(results, anchors, options.allowFlaky === true, known),
    latencySection(report),
    coverageSection(report.coverage),
    historySection(report.history),
    warningsSection(results, report.warningDigest),
  ];
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${h(title)}</title>
<style>${HTML_STYLE}</style>
</head>
<body>
${body.filter((part) => part !== '').join('\n')}
</body>
</html>
`;
}
