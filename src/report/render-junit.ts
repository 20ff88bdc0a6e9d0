/**
 * reports/junit.xml, rendered from the report like the other files (so a shard merge renders it
 * from the merged report too): one <testsuite> per operation, one <testcase> per case in display
 * order. A case's identity (classname = operationId, name = its id within the operation and its
 * description) never holds run-dependent text such as a skip reason or the negative-input case's
 * seed, so CI tools track the same test across runs. Flaky cases fail unless the run allowed them. With --baseline (not strict), a
 * case failing in the baseline too is skipped as a known failure, its violations in <system-out>:
 * it does not fail the run, and a CI reporter must agree with the exit code (known-failures.ts).
 */
import type { CaseResult, ConformanceReport, TargetLost } from '../model';
import { cutByTargetLoss, TARGET_LOST_NOTE } from '../model/result';
import { splitNegativeDescription } from '../model/negative-description';
import { targetLostHeadline } from './target-lost';
import { disclosuresAmong, groupBySeverity, type ViolationGroup } from './group-violations';
import { omittedLine } from './omitted';
import { caseIdWithin, groupResults, type OperationGroup } from './group-results';
import { describeOutcomes } from './outcomes';
import { caseStatusNote, stepLine } from './status-text';
import type { VerdictOptions } from './summarize';
import { JUNIT_ROOT_NAME, xmlAttr, xmlText } from './junit-xml';
import { escapeControl, formatMs, plural } from '../text/plain-text';
import { COVERAGE_CHECK_ID, coverageFailure, totalsLine } from './coverage-text';
import { knownFailures, NEW_FLAKY_NOTE, type KnownFailures } from './known-failures';
import { changedFailureText } from './regression-text';
import { flakyRuleLines } from './history-text';
import { flakyRateGate } from './gate-failures';

/** Seconds to the millisecond, as junit readers expect ("0.018", "0"). */
function seconds(ms: number): string {
  return String(Math.round(ms) / 1000);
}

/** One violation as the console tells it: check, step, title, where, count, then its message indented. */
function violationLines({ violation: v, count }: ViolationGroup): string[] {
  const step = v.step === undefined ? '' : ` (step ${v.step})`;
  const where = v.instancePath === '' ? '' : ` at ${escapeControl(v.instancePath)}`;
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

/** What the negative-input case's run tried (its seed, to replay it), which its name leaves out. */
function runLines(result: CaseResult): string[] {
  const { run } = splitNegativeDescription(result);
  return run === undefined ? [] : [`This run: ${run}`];
}

/** What went wrong, as the console tells it: status (or failing step), violations with their step, the curl. */
function failureText(result: CaseResult): string {
  const lines = [`${result.id}: ${caseStatusNote(result)}`, ...runLines(result)];
  if (result.steps !== undefined) lines.push('Steps:', ...result.steps.map((step) => `  ${stepLine(step, result)}`));
  if (result.status === 'flaky') lines.push(`Outcomes: ${describeOutcomes(result.attempts ?? [])}`);
  for (const group of groupBySeverity(result.violations).errors) lines.push(...violationLines(group));
  lines.push(...warningLines(result));
  for (const omitted of result.omittedViolations ?? []) lines.push(omittedLine(omitted));
  if (result.curl !== undefined) lines.push('Reproduce with:', ...result.curl.split('\n').map((line) => `  ${line}`));
  return lines.join('\n');
}

/**
 * The first error violation's check, title, place and step, for the one-line message attribute: CI
 * readers (action-junit-report's annotations, Jenkins' test list) show this line alone, and a
 * schema breach's title ("The 200 body does not match … schema") without its place does not say
 * which field broke.
 */
function failureMessage(result: CaseResult): { message: string; type: string } {
  const [first, ...rest] = groupBySeverity(result.violations).errors;
  if (first === undefined) return { message: caseStatusNote(result), type: result.status };
  const named = disclosuresAmong(rest);
  const more = rest.length > 0 ? ` (+${rest.length} more${named.length > 0 ? `, incl. ${named.join(', ')}` : ''})` : '';
  const where = first.violation.instancePath === '' ? '' : ` at ${escapeControl(first.violation.instancePath)}`;
  // A sequence's step too: other-project-sender's "Expected status 404, received 400", seen at its read
  // of the unknown id, read without the step as another project's sender answered 400 (a leak).
  const step = first.violation.step === undefined ? '' : ` in step ${escapeControl(first.violation.step)}`;
  return { message: `${first.violation.title}${where}${step}${more}`, type: first.violation.check };
}

type Outcome = 'passed' | 'failure' | 'error' | 'skipped' | 'known';

/** How a case is judged: the run's options, and its known failures (skipped, with their words). */
interface Judging {
  options: VerdictOptions;
  known: KnownFailures;
  /** Cases failing in the baseline too, with a fault it did not have: their <failure> says what is new. */
  changed: ReadonlyMap<string, string>;
  /** The report's targetLost: a case it cut short says it in two lines, not its steps and a curl never sent. */
  lost?: TargetLost;
}

function outcomeOf(result: CaseResult, { options, known }: Judging): Outcome {
  if (known.ids.has(result.id)) return 'known';
  // With a baseline, --allow-flaky does not let a flaky case with a new fault pass (flakyFailing).
  if (result.status === 'failed' || (result.status === 'flaky' && (options.allowFlaky !== true || known.newFlaky.has(result.id)))) return 'failure';
  if (result.status === 'error' || result.status === 'skipped') return result.status;
  return 'passed';
}

function testcase(result: CaseResult, judging: Judging): string {
  // The name is the case's identity: the negative-input case's seed and counts, new each run, are left to its body.
  const open = `    <testcase classname="${xmlAttr(result.operationId)}" name="${xmlAttr(`${caseIdWithin(result)}: ${splitNegativeDescription(result).stable}`)}" time="${seconds(result.durationMs)}"`;
  const outcome = outcomeOf(result, judging);
  // Skipped, not passed: a known failure is still a failure of the contract, and every reader
  // (Jenkins, dorny/test-reporter, action-junit-report) shows a skip without failing the build on it.
  if (outcome === 'known') {
    const { message } = failureMessage(result);
    return `${open}>\n      <skipped message="${xmlAttr(`${judging.known.note}: ${message}`)}" type="known-failure"/>\n      <system-out>${xmlText(`${judging.known.note}\n${failureText(result)}`)}</system-out>\n    </testcase>`;
  }
  if (outcome === 'skipped') return `${open}>\n      <skipped message="${xmlAttr(result.skipReason ?? 'no reason given')}"/>\n    </testcase>`;
  if (outcome === 'error' && cutByTargetLoss(result)) {
    const message = result.errorMessage ?? TARGET_LOST_NOTE;
    const headline = judging.lost === undefined ? '' : `\n${targetLostHeadline(judging.lost)}`;
    return `${open}>\n      <error message="${xmlAttr(message)}" type="target-lost">${xmlText(`${message}${headline}`)}</error>\n    </testcase>`;
  }
  if (outcome === 'error') {
    const message = result.errorMessage ?? 'the suite could not judge this case';
    return `${open}>\n      <error message="${xmlAttr(message.split('\n')[0] ?? '')}" type="suite-error">${xmlText(`${message}\n\n${failureText(result)}`)}</error>\n    </testcase>`;
  }
  if (outcome === 'failure') {
    const { message, type } = failureMessage(result);
    // Why it fails the run though the flag lets flaky cases pass, and what is new, first: the annotation shows the message alone.
    const changed = judging.changed.get(result.id);
    const notes = [...(judging.known.newFlaky.has(result.id) ? [`flaky ${NEW_FLAKY_NOTE}`] : []), ...(changed === undefined ? [] : [changed])];
    const change = notes.length === 0 ? undefined : notes.join('; ');
    const shown = change === undefined ? message : `${change}: ${message}`;
    return `${open}>\n      <failure message="${xmlAttr(shown)}" type="${xmlAttr(type)}">${xmlText(change === undefined ? failureText(result) : `${change}\n${failureText(result)}`)}</failure>\n    </testcase>`;
  }
  // An allowed flaky case passes, but says what varied; a passing case, its warnings (and the
  // negative-input case, the seed its name leaves out); and violations only counted are stated even
  // for a passing case: a reader must not take it for complete.
  const flaky = result.status === 'flaky' ? [`flaky, allowed by --allow-flaky: ${describeOutcomes(result.attempts ?? [])}`] : [];
  const out = [...runLines(result), ...flaky, ...warningLines(result), ...(result.omittedViolations ?? []).map(omittedLine)];
  if (out.length > 0) return `${open}>\n      <system-out>${xmlText(out.join('\n'))}</system-out>\n    </testcase>`;
  return `${open}/>`;
}

interface Counts {
  tests: number;
  failures: number;
  errors: number;
  skipped: number;
  ms: number;
}

function countsOf(results: readonly CaseResult[], judging: Judging): Counts {
  const outcomes = results.map((r) => outcomeOf(r, judging));
  const count = (o: Outcome): number => outcomes.filter((x) => x === o).length;
  return { tests: results.length, failures: count('failure'), errors: count('error'), skipped: count('skipped') + count('known'), ms: results.reduce((sum, r) => sum + r.durationMs, 0) };
}

function countAttributes(c: Counts): string {
  return `tests="${c.tests}" failures="${c.failures}" errors="${c.errors}" skipped="${c.skipped}" time="${seconds(c.ms)}"`;
}

function testsuite(group: OperationGroup, timestamp: string, judging: Judging): string {
  const head = `  <testsuite name="${xmlAttr(group.operationId)}" ${countAttributes(countsOf(group.results, judging))} timestamp="${xmlAttr(timestamp)}">`;
  const properties = `    <properties>\n      <property name="operation" value="${xmlAttr(group.operation)}"/>\n    </properties>`;
  return [head, properties, ...group.results.map((r) => testcase(r, judging)), '  </testsuite>'].join('\n');
}

/**
 * Renders junit.xml (UTF-8, ends with a newline). `options` as the run was judged: with
 * allowFlaky a flaky case passes (its outcomes in <system-out>), but for one with a new fault
 * against the baseline (flakyFailing), otherwise it is a <failure>; with
 * a baseline and without baselineStrict, a known failure is a <skipped> (see above).
 * Times are the cases' durations summed (what one process would take), not wall time.
 */
export function renderJunit(report: ConformanceReport, options: VerdictOptions = {}): string {
  const groups = groupResults(report);
  const changed = new Map((report.baseline?.changedFailures ?? []).map((c) => [c.id, changedFailureText(c)] as const));
  const judging: Judging = { options, known: knownFailures(report, options), changed, ...(report.targetLost !== undefined ? { lost: report.targetLost } : {}) };
  const all = countsOf(groups.flatMap((g) => g.results), judging);
  const runLevel = runLevelChecks(report, options).map((check) => runLevelSuite(check, report.runInfo.startedAt));
  const total = runLevel.reduce((sum, suite) => ({ ...sum, tests: sum.tests + 1, failures: sum.failures + suite.failures }), all);
  // The root carries only what junit-10.xsd declares on <testsuites> (as jest-junit writes it):
  // Jenkins' xUnit plugin validates the file against that schema and refuses it for a `skipped` or a
  // `timestamp` there. Each <testsuite> carries both; readers count skips from those and the cases.
  const root = `<testsuites name="${JUNIT_ROOT_NAME}" tests="${total.tests}" failures="${total.failures}" errors="${total.errors}" time="${seconds(total.ms)}">`;
  return ['<?xml version="1.0" encoding="UTF-8"?>', root, ...groups.map((g) => testsuite(g, report.runInfo.startedAt, judging)), ...runLevel.map((suite) => suite.xml), '</testsuites>', ''].join('\n');
}

/** A run-level check as a suite of one test case: passing, or failing with its message and lines. */
interface RunLevelCheck {
  /** The suite's and the test case's classname, and its failure's type. */
  name: string;
  /** The test case's name: the rule, never run-dependent text, so a CI tool tracks it across runs. */
  rule: string;
  failure?: { message: string; lines: readonly string[] };
}

function runLevelSuite(check: RunLevelCheck, startedAt: string): { xml: string; failures: number } {
  const { name, failure } = check;
  const open = `    <testcase classname="${name}" name="${xmlAttr(`${name}: ${check.rule}`)}" time="0"`;
  const body = failure === undefined ? `${open}/>` : `${open}>\n      <failure message="${xmlAttr(failure.message)}" type="${name}">${xmlText([failure.message, ...failure.lines].join('\n'))}</failure>\n    </testcase>`;
  const failures = failure === undefined ? 0 : 1;
  const head = `  <testsuite name="${name}" tests="1" failures="${failures}" errors="0" skipped="0" time="0" timestamp="${xmlAttr(startedAt)}">`;
  return { xml: [head, body, '  </testsuite>'].join('\n'), failures };
}

/**
 * The run-level checks that can fail a run whose cases all passed, each a suite of one test case,
 * so a CI page that reads junit.xml shows why it went red (and agrees with the exit code):
 * - `coverage`, with --min-coverage;
 * - `baseline-latency`, with --baseline-strict: the p95 regressions against the baseline (without
 *   strict they do not fail the run, and the reports list them);
 * - `history-flaky-rate`, with --fail-on-flaky-rate: the cases whose verdict changed too often
 *   across the history window.
 * Absent when the rule was not asked for.
 */
function runLevelChecks(report: ConformanceReport, options: VerdictOptions): RunLevelCheck[] {
  const checks: RunLevelCheck[] = [];
  const coverage = report.coverage;
  if (coverage?.minimum !== undefined) {
    const failure = coverageFailure(coverage);
    const rules = coverage.minimum.rules.map((r) => `${r.key}>=${r.min}`).join(',');
    checks.push({ name: COVERAGE_CHECK_ID, rule: `--min-coverage ${rules}`, ...(failure === undefined ? {} : { failure: { message: failure, lines: [totalsLine(coverage.totals)] } }) });
  }
  const diff = report.baseline;
  if (diff !== undefined && options.baselineStrict === true) {
    const regressions = diff.latencyRegressions;
    const message = `${plural(regressions.length, 'latency regression')} against the baseline ${diff.baseline.file}`;
    const lines = regressions.map((r) => `${r.id}: p95 ${formatMs(r.baselineP95)} → ${formatMs(r.p95)}`);
    checks.push({ name: 'baseline-latency', rule: '--baseline-strict, no p95 regression against the baseline', ...(regressions.length === 0 ? {} : { failure: { message, lines } }) });
  }
  const history = report.history;
  const flaky = history?.flakyRate;
  if (history !== undefined && flaky !== undefined) {
    const message = `${plural(flaky.over.length, 'case')} ${flakyRateGate(flaky.limit)}`;
    // Every case over the limit: junit.xml is the file a CI page reads whole (the console caps its list).
    checks.push({ name: 'history-flaky-rate', rule: `--fail-on-flaky-rate ${flaky.limit}`, ...(flaky.over.length === 0 ? {} : { failure: { message, lines: flakyRuleLines(history) } }) });
  }
  return checks;
}
