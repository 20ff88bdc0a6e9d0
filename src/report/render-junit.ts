/**
 * reports/junit.xml, rendered from the report like the other files (so a shard merge renders it
 * from the merged report too): one <testsuite> per operation, one <testcase> per case in display
 * order. A case's identity (classname = operationId, name = its id within the operation and its
 * description) never holds run-dependent text such as a skip reason, so CI tools track the same
 * test across runs. Flaky cases fail unless the run allowed them.
 */
import type { CaseResult, ConformanceReport } from '../model';
import { groupBySeverity, type ViolationGroup } from './group-violations';
import { omittedLine } from './omitted';
import { caseIdWithin, groupResults, type OperationGroup } from './group-results';
import { describeOutcomes } from './outcomes';
import { caseStatusNote, stepLine } from './status-text';
import type { VerdictOptions } from './summarize';
import { escapeControl } from '../text/plain-text';
import { COVERAGE_CHECK_ID, coverageFailure, totalsLine } from './coverage-text';

/**
 * Characters XML 1.0 cannot carry at all, even escaped (C0 controls but tab, newline and carriage
 * return; lone surrogates; U+FFFE and U+FFFF). They are dropped: a reader would reject the file.
 * (C0 controls are shown as escapes before this drop: what is left of them is none.)
 */
const NOT_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

const XML_ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;', '\t': '&#9;', '\n': '&#10;', '\r': '&#13;' };

/**
 * Text content: control and invisible format characters as visible escapes, as in every other
 * report (CI pages show these messages; a bidi override would reorder them), markup characters
 * escaped; "\r" too, or a parser would turn "\r\n" into "\n".
 */
function text(value: string): string {
  return escapeControl(value, { keepLines: true }).replace(NOT_XML, '').replace(/[&<>\r]/g, (c) => XML_ESCAPES[c] ?? c);
}

/** An attribute value: also quotes, and whitespace as references, which attribute normalization would flatten. */
function attr(value: string): string {
  return escapeControl(value, { keepLines: true }).replace(NOT_XML, '').replace(/[&<>"'\t\n\r]/g, (c) => XML_ESCAPES[c] ?? c);
}

/** Seconds to the millisecond, as junit readers expect ("0.018", "0"). */
function seconds(ms: number): string {
  return String(Math.round(ms) / 1000);
}

/** One violation as the console tells it: check, step, title, where, count, then its message indented. */
function violationLines({ violation: v, count }: ViolationGroup): string[] {
  const step = v.step === undefined ? '' : ` (step ${v.step})`;
  const where = v.instancePath === '' ? '' : ` at ${v.instancePath}`;
  return [`[${v.check}]${step} ${v.title}${where}${count > 1 ? ` (×${count})` : ''}`, ...v.message.split('\n').map((line) => `  ${line}`)];
}

/**
 * The warnings a case kept, under a heading that says they are not failures. A CI test page is
 * where many read a run: a case that passed with warnings says so there as in every other report
 * (and a "+N more … warnings (counted, not kept)" line never stands without the ones kept).
 */
function warningLines(result: CaseResult): string[] {
  const { warnings } = groupBySeverity(result.violations);
  return warnings.length === 0 ? [] : ['Warnings (not failures):', ...warnings.flatMap(violationLines)];
}

/** What went wrong, as the console tells it: status (or failing step), violations with their step, the curl. */
function failureText(result: CaseResult): string {
  const lines = [`${result.id}: ${caseStatusNote(result)}`];
  if (result.steps !== undefined) lines.push('Steps:', ...result.steps.map((step) => `  ${stepLine(step, result)}`));
  if (result.status === 'flaky') lines.push(`Outcomes: ${describeOutcomes(result.attempts ?? [])}`);
  for (const group of groupBySeverity(result.violations).errors) lines.push(...violationLines(group));
  lines.push(...warningLines(result));
  for (const omitted of result.omittedViolations ?? []) lines.push(omittedLine(omitted));
  if (result.curl !== undefined) lines.push('Reproduce with:', ...result.curl.split('\n').map((line) => `  ${line}`));
  return lines.join('\n');
}

/** The first error violation's check and title, for the one-line message attribute. */
function failureMessage(result: CaseResult): { message: string; type: string } {
  const [first, ...rest] = groupBySeverity(result.violations).errors;
  if (first === undefined) return { message: caseStatusNote(result), type: result.status };
  const more = rest.length > 0 ? ` (+${rest.length} more)` : '';
  return { message: `${first.violation.title}${more}`, type: first.violation.check };
}

type Outcome = 'passed' | 'failure' | 'error' | 'skipped';

function outcomeOf(result: CaseResult, options: VerdictOptions): Outcome {
  if (result.status === 'failed' || (result.status === 'flaky' && options.allowFlaky !== true)) return 'failure';
  if (result.status === 'error' || result.status === 'skipped') return result.status;
  return 'passed';
}

function testcase(result: CaseResult, options: VerdictOptions): string {
  const open = `    <testcase classname="${attr(result.operationId)}" name="${attr(`${caseIdWithin(result)}: ${result.description}`)}" time="${seconds(result.durationMs)}"`;
  const outcome = outcomeOf(result, options);
  if (outcome === 'skipped') return `${open}>\n      <skipped message="${attr(result.skipReason ?? 'no reason given')}"/>\n    </testcase>`;
  if (outcome === 'error') {
    const message = result.errorMessage ?? 'the suite could not judge this case';
    return `${open}>\n      <error message="${attr(message.split('\n')[0] ?? '')}" type="suite-error">${text(`${message}\n\n${failureText(result)}`)}</error>\n    </testcase>`;
  }
  if (outcome === 'failure') {
    const { message, type } = failureMessage(result);
    return `${open}>\n      <failure message="${attr(message)}" type="${attr(type)}">${text(failureText(result))}</failure>\n    </testcase>`;
  }
  // An allowed flaky case passes, but says what varied; a passing case, its warnings; and violations
  // only counted are stated even for a passing case: a reader must not take it for complete.
  const flaky = result.status === 'flaky' ? [`flaky, allowed by --allow-flaky: ${describeOutcomes(result.attempts ?? [])}`] : [];
  const out = [...flaky, ...warningLines(result), ...(result.omittedViolations ?? []).map(omittedLine)];
  if (out.length > 0) return `${open}>\n      <system-out>${text(out.join('\n'))}</system-out>\n    </testcase>`;
  return `${open}/>`;
}

interface Counts {
  tests: number;
  failures: number;
  errors: number;
  skipped: number;
  ms: number;
}

function countsOf(results: readonly CaseResult[], options: VerdictOptions): Counts {
  const outcomes = results.map((r) => outcomeOf(r, options));
  const count = (o: Outcome): number => outcomes.filter((x) => x === o).length;
  return { tests: results.length, failures: count('failure'), errors: count('error'), skipped: count('skipped'), ms: results.reduce((sum, r) => sum + r.durationMs, 0) };
}

function countAttributes(c: Counts): string {
  return `tests="${c.tests}" failures="${c.failures}" errors="${c.errors}" skipped="${c.skipped}" time="${seconds(c.ms)}"`;
}

function testsuite(group: OperationGroup, timestamp: string, options: VerdictOptions): string {
  const head = `  <testsuite name="${attr(group.operationId)}" ${countAttributes(countsOf(group.results, options))} timestamp="${attr(timestamp)}">`;
  const properties = `    <properties>\n      <property name="operation" value="${attr(group.operation)}"/>\n    </properties>`;
  return [head, properties, ...group.results.map((r) => testcase(r, options)), '  </testsuite>'].join('\n');
}

/**
 * Renders junit.xml (UTF-8, ends with a newline). `options` as the run was judged: with
 * allowFlaky a flaky case passes (its outcomes in <system-out>), otherwise it is a <failure>.
 * Times are the cases' durations summed (what one process would take), not wall time.
 */
export function renderJunit(report: ConformanceReport, options: VerdictOptions = {}): string {
  const groups = groupResults(report);
  const all = countsOf(groups.flatMap((g) => g.results), options);
  const coverage = coverageSuite(report);
  const total = coverage === undefined ? all : { ...all, tests: all.tests + 1, failures: all.failures + coverage.failures };
  // The root carries only what junit-10.xsd declares on <testsuites> (as jest-junit writes it):
  // Jenkins' xUnit plugin validates the file against that schema and refuses it for a `skipped` or a
  // `timestamp` there. Each <testsuite> carries both; readers count skips from those and the cases.
  const root = `<testsuites name="zavu-conformance" tests="${total.tests}" failures="${total.failures}" errors="${total.errors}" time="${seconds(total.ms)}">`;
  return ['<?xml version="1.0" encoding="UTF-8"?>', root, ...groups.map((g) => testsuite(g, report.runInfo.startedAt, options)), ...(coverage ? [coverage.xml] : []), '</testsuites>', ''].join('\n');
}

/**
 * With --min-coverage, the run-level check `coverage` as a suite of one test case, so a CI page
 * that reads junit.xml shows why a run whose cases all passed went red. Absent without rules.
 */
function coverageSuite(report: ConformanceReport): { xml: string; failures: number } | undefined {
  const coverage = report.coverage;
  if (coverage?.minimum === undefined) return undefined;
  const failure = coverageFailure(coverage);
  const rules = coverage.minimum.rules.map((r) => `${r.key}>=${r.min}`).join(',');
  const open = `    <testcase classname="${COVERAGE_CHECK_ID}" name="${attr(`${COVERAGE_CHECK_ID}: --min-coverage ${rules}`)}" time="0"`;
  const body = failure === undefined ? `${open}/>` : `${open}>\n      <failure message="${attr(failure)}" type="${COVERAGE_CHECK_ID}">${text(`${failure}\n${totalsLine(coverage.totals)}`)}</failure>\n    </testcase>`;
  const failures = failure === undefined ? 0 : 1;
  const head = `  <testsuite name="${COVERAGE_CHECK_ID}" tests="1" failures="${failures}" errors="0" skipped="0" time="0" timestamp="${attr(report.runInfo.startedAt)}">`;
  return { xml: [head, body, '  </testsuite>'].join('\n'), failures };
}
