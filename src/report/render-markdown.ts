/**
 * summary.md: what a reviewer reads in seconds on the CI job page (GitHub job summary). It stays
 * short however bad the run is: lists are capped, and the full story is in conformance.html.
 */
import type { CaseResult, ConformanceReport } from '../model';
import { groupBySeverity } from './group-violations';
import { describeOutcomes } from './outcomes';
import { baselineHeadline, certificateDetail, latencyLine } from './regression-text';
import { VERDICT_LABEL, verdict, verdictDetail, type VerdictOptions } from './summarize';
import { escapeMarkdown, oneLine, truncate } from './text';

/** Caps that keep the file under ~40 lines even when every case fails. */
export const MARKDOWN_LIMITS = { failures: 12, skipped: 6, messageChars: 140 } as const;

/** Text for a Markdown line: one line, shortened, with Markdown and HTML characters escaped. */
function md(text: string, max: number = MARKDOWN_LIMITS.messageChars): string {
  return escapeMarkdown(truncate(oneLine(text), max));
}

/** An inline code span that holds any text: the fence is longer than any backtick run inside. */
function code(text: string): string {
  const flat = truncate(oneLine(text), 80);
  const longest = Math.max(0, ...(flat.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = flat.startsWith('`') || flat.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${flat}${pad}${fence}`;
}

/** One line per failed group, crashed case or flaky case: "case id — check — message". */
function failureLines(results: readonly CaseResult[]): string[] {
  const lines: string[] = [];
  for (const result of results) {
    if (result.status === 'error') {
      lines.push(`- ${code(result.id)} — suite error — ${md(result.errorMessage ?? 'no message')}`);
    } else if (result.status === 'failed') {
      for (const { violation, count } of groupBySeverity(result.violations).errors) {
        const times = count > 1 ? ` (×${count})` : '';
        lines.push(`- ${code(result.id)} — ${code(violation.check)} — ${md(violation.message)}${times}`);
      }
    } else if (result.status === 'flaky') {
      lines.push(`- ${code(result.id)} — flaky — ${md(describeOutcomes(result.attempts ?? []))}`);
    }
  }
  return lines;
}

function capped(lines: readonly string[], max: number): string[] {
  if (lines.length <= max) return [...lines];
  return [...lines.slice(0, max - 1), `- … and ${lines.length - (max - 1)} more`];
}

/**
 * The closing list: warnings, then latency, baseline and certificate when the report has them;
 * one list so the four take four lines, which keeps the file under ~40 lines.
 */
function footLines(report: ConformanceReport): string[] {
  const { summary: s, latency, baseline, certificate } = report;
  const lines = [`- Warnings: ${s.warnings}${s.warnings > 0 ? ' (listed in conformance.html)' : ''}`];
  if (latency !== undefined) lines.push(`- Latency: ${md(latencyLine(latency))}`);
  if (baseline !== undefined) lines.push(`- Baseline ${code(baseline.baseline.file)}: ${md(baselineHeadline(baseline))}`);
  if (certificate !== undefined) lines.push(`- Certificate: **${certificate.level.toUpperCase()}** — ${md(certificateDetail(certificate))}`);
  return lines;
}

/** Renders the job summary as Markdown (ends with a newline); `options` as the run was judged. */
export function renderMarkdown(report: ConformanceReport, options: VerdictOptions = {}): string {
  const { summary: s, runInfo: info, results } = report;
  const detail = verdictDetail(s, results, options);
  const out: string[] = [
    `### Zavu conformance: ${VERDICT_LABEL[verdict(s, options)].toUpperCase()}${detail === '' ? '' : ` — ${md(detail)}`}`,
    '',
    `Target ${code(info.target)} (${info.mode}), spec ${md(`${info.specTitle} ${info.specVersion}`, 60)} ${code(info.specSha256.slice(0, 12))}, suite ${md(info.suiteVersion, 20)}`,
    '',
    '| passed | failed | flaky | skipped | errors | warnings | total |',
    '| ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    `| ${s.passed} | ${s.failed} | ${s.flaky} | ${s.skipped} | ${s.errors} | ${s.warnings} | ${s.total} |`,
  ];
  const failures = failureLines(results);
  if (failures.length > 0) out.push('', '**Failures**', '', ...capped(failures, MARKDOWN_LIMITS.failures));
  const skips = results
    .filter((r) => r.status === 'skipped')
    .map((r) => `- ${code(r.id)} — ${md(r.skipReason ?? 'no reason given')}`);
  if (skips.length > 0) out.push('', '**Skipped** (not counted as passed)', '', ...capped(skips, MARKDOWN_LIMITS.skipped));
  out.push('', ...footLines(report));
  out.push('', 'Full report: `conformance.html` in the same artifact (run info, every scenario, reproduction curls).');
  return `${out.join('\n')}\n`;
}
