/**
 * What the CLI prints after a run: each failure with what broke and how to reproduce it, the
 * skips with their reasons, then one verdict line that CI logs can be grepped for.
 */
import type { CaseResult, ConformanceReport } from '../model';
import { plural } from '../text/plural';
import { groupBySeverity } from './group-violations';
import { describeOutcomes } from './outcomes';
import { baselineHeadline, certificateDetail } from './regression-text';
import { statusNote } from './status-text';
import { countsLine, isFailingStatus, verdict, type VerdictOptions } from './summarize';
import { escapeTerminal } from './text';

/** Rendering options; colour is off unless asked for, so logs and pipes get plain text. */
export interface ConsoleOptions extends VerdictOptions {
  color?: boolean;
}

type Paint = (code: string, text: string) => string;

const ANSI = { red: '31', magenta: '35', yellow: '33', green: '32', dim: '2', bold: '1' } as const;

const LABELS = { failed: 'FAILED', error: 'ERROR', flaky: 'FLAKY' } as const;

function painter(color: boolean): Paint {
  return color ? (code, text) => `\u001b[${code}m${text}\u001b[0m` : (_code, text) => text;
}

/** Indents every line of a possibly multi-line text. */
function indent(text: string, prefix: string): string {
  return text.split('\n').map((line) => `${prefix}${line}`).join('\n');
}

function failureBlock(result: CaseResult, paint: Paint): string[] {
  const t = escapeTerminal;
  const label = result.status === 'error' ? paint(ANSI.magenta, LABELS.error) : result.status === 'flaky' ? paint(ANSI.yellow, LABELS.flaky) : paint(ANSI.red, LABELS.failed);
  const lines = [`${label} ${t(result.id)} — ${t(result.operation)} (${statusNote(result)})`];
  if (result.status === 'flaky') lines.push(`  outcomes: ${describeOutcomes(result.attempts ?? [])}`);
  if (result.errorMessage !== undefined) lines.push(indent(t(result.errorMessage), '  suite error: '));
  for (const { violation: v, count } of groupBySeverity(result.violations).errors) {
    // A location only when there is one: "" also covers breaches outside the body (a status code).
    const where = v.instancePath === '' ? '' : ` ${t(v.instancePath)}`;
    const times = count > 1 ? ` (×${count})` : '';
    lines.push(`  ${paint(ANSI.bold, t(v.check))}${where}${times}: ${t(v.title)}`);
    lines.push(indent(t(v.message), '    '));
  }
  if (result.curl !== undefined) {
    lines.push('  Reproduce with:', indent(t(result.curl), '    '));
  }
  // The exchange id is normally the case id, already in the header; it only helps when it differs.
  if (result.exchangeId !== undefined && result.exchangeId !== result.id) lines.push(paint(ANSI.dim, `  exchange: ${t(result.exchangeId)}`));
  if (result.source !== undefined) lines.push(paint(ANSI.dim, `  source: ${t(result.source)}`));
  return lines;
}

/** "baseline: …" and "certificate: …" lines, for the reports that have them. */
function regressionLines(report: ConformanceReport): string[] {
  const lines: string[] = [];
  if (report.baseline !== undefined) lines.push(`baseline (${escapeTerminal(report.baseline.baseline.file)}): ${baselineHeadline(report.baseline)}`);
  if (report.certificate !== undefined) lines.push(`certificate: ${report.certificate.level.toUpperCase()} (${certificateDetail(report.certificate)})`);
  return lines;
}

/**
 * Renders the post-run console output (ends with a newline). Pure: the caller prints it. Failed,
 * error and flaky cases first, then skips, baseline and certificate, and the verdict line last.
 */
export function renderConsole(report: ConformanceReport, options: ConsoleOptions = {}): string {
  const paint = painter(options.color === true);
  const out: string[] = [];
  for (const result of report.results) {
    if (isFailingStatus(result.status)) out.push(...failureBlock(result, paint), '');
  }
  const skipped = report.results.filter((r) => r.status === 'skipped');
  if (skipped.length > 0) {
    out.push(paint(ANSI.yellow, `Skipped ${plural(skipped.length, 'case')} (not counted as passed):`));
    for (const r of skipped) out.push(`  ${escapeTerminal(r.id)}: ${escapeTerminal(r.skipReason ?? 'no reason given')}`);
    out.push('');
  }
  out.push(...regressionLines(report));
  const v = verdict(report.summary, options);
  const colour = v === 'conformant' ? ANSI.green : v === 'violations' ? ANSI.red : ANSI.magenta;
  out.push(paint(colour, countsLine(report.summary)));
  return `${out.join('\n')}\n`;
}
