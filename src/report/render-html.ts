/**
 * reports/conformance.html: one self-contained page a reviewer opens from a CI artifact. Inline
 * CSS, no scripts, no external assets; every interpolated string is HTML-escaped because messages
 * and curls carry bytes the target sent.
 */
import type { CaseResult, ConformanceReport, RunInfo, RunSummary } from '../model';
import { plural } from '../text/plural';
import { caseAnchors } from './html-anchors';
import { failureSections, warningsSection } from './html-details';
import { failureList } from './html-failure-list';
import { flakySection } from './html-flaky';
import { latencySection } from './html-latency';
import { baselineSection, certificateSection } from './html-regression';
import { HTML_STYLE } from './html-style';
import { headline, isFailingStatus, verdict, type VerdictOptions } from './summarize';
import { formatDuration, formatMs, escapeHtml as h } from './text';

function banner(report: ConformanceReport, options: VerdictOptions): string {
  const s: RunSummary = report.summary;
  const title = headline(s, report.results, options);
  const flaky = s.flaky > 0 ? ` · ${s.flaky} flaky` : '';
  const counts = `${plural(s.total, 'case')}: ${s.passed} passed · ${s.failed} failed${flaky} · ${s.skipped} skipped · ${plural(s.errors, 'error')} · ${plural(s.warnings, 'warning')}`;
  return `<header class="banner verdict-${verdict(s, options)}">
<h1>Zavu conformance: ${h(title)}</h1>
<p>${h(counts)}</p>
</header>`;
}

function runInfo(info: RunInfo): string {
  const elapsed = Date.parse(info.finishedAt) - Date.parse(info.startedAt);
  const rows: [string, string][] = [
    ['target', info.target],
    ['mode', info.mode],
    ['suite version', info.suiteVersion],
    ['spec', `${info.specTitle} ${info.specVersion}`],
    ['spec sha256', info.specSha256],
    ['started', info.startedAt],
    ['finished', Number.isFinite(elapsed) ? `${info.finishedAt} (${formatDuration(elapsed)})` : info.finishedAt],
    ['node', info.node],
  ];
  // Only when set, so an ordinary run's page is unchanged.
  if (info.repeat !== undefined) rows.push(['repeat', `each case ${plural(info.repeat, 'time')}`]);
  if (info.latencyBudgetMs !== undefined) rows.push(['latency budget', `p95 ≤ ${formatMs(info.latencyBudgetMs)}`]);
  if (info.shard !== undefined) rows.push(['shard', `${info.shard} (this report covers only this shard's cases)`]);
  const items = rows.map(([k, v]) => `<dt>${h(k)}</dt><dd>${k === 'spec sha256' ? `<code>${h(v)}</code>` : h(v)}</dd>`);
  return `<section>\n<h2>Run</h2>\n<dl class="info">${items.join('')}</dl>\n</section>`;
}

function idCell(result: CaseResult, anchor: string): string {
  const id = `<code>${h(result.id)}</code>`;
  // Failed, error and flaky rows link to their detail section below the table.
  return isFailingStatus(result.status) ? `<a href="#${h(anchor)}">${id}</a>` : id;
}

function row(result: CaseResult, anchor: string): string {
  const received = result.receivedStatus === undefined ? '—' : String(result.receivedStatus);
  const mismatch = result.receivedStatus !== undefined && result.receivedStatus !== result.expectedStatus;
  const receivedCell = mismatch ? `<span class="mismatch">${h(received)}</span>` : h(received);
  const reason = result.skipReason === undefined ? '' : `<div class="reason">Skipped: ${h(result.skipReason)}</div>`;
  return `<tr><td>${idCell(result, anchor)}</td><td>${h(result.family)}</td><td>${h(result.description)}${reason}</td>` +
    `<td class="num">${result.expectedStatus}</td><td class="num">${receivedCell}</td>` +
    `<td><span class="badge badge-${result.status}">${result.status}</span></td>` +
    `<td class="num">${result.status === 'skipped' ? '—' : formatDuration(result.durationMs)}</td></tr>`;
}

function scenarioTable(results: readonly CaseResult[], anchors: readonly string[]): string {
  const head = '<tr><th>id</th><th>family</th><th>description</th><th class="num">expected</th><th class="num">received</th><th>status</th><th class="num">duration</th></tr>';
  const rows = results.map((result, index) => row(result, anchors[index] ?? ''));
  return `<section>\n<h2>Scenarios</h2>\n<table>\n<thead>${head}</thead>\n<tbody>\n${rows.join('\n')}\n</tbody>\n</table>\n</section>`;
}

/**
 * Renders the whole report as one HTML document (UTF-8, ends with a newline). What failed comes
 * first, right under the banner, so a reviewer sees it without scrolling; the details follow the
 * scenario table. Sections for certificate, baseline, flaky cases and latency appear only when the
 * report has them. `options` must be those the CLI judged the run with, so the banner agrees with
 * the exit code.
 */
export function renderHtml(report: ConformanceReport, options: VerdictOptions = {}): string {
  const title = `Zavu conformance: ${headline(report.summary, report.results, options)}`;
  // Computed once over every result, so the list, the table and the details link to the same ids.
  const anchors = caseAnchors(report.results);
  const body = [
    banner(report, options),
    failureList(report.results, anchors),
    runInfo(report.runInfo),
    certificateSection(report.certificate),
    baselineSection(report.baseline, report.results, anchors),
    scenarioTable(report.results, anchors),
    failureSections(report.results, anchors),
    flakySection(report.results, anchors, options.allowFlaky === true),
    latencySection(report),
    warningsSection(report.results),
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
