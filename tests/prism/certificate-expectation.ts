/**
 * expectations/prism-certificate.json: what Stoplight Prism honours of the contract and what it
 * cannot, recorded from an observed run, and the comparison of a new run with it. Pure functions:
 * the test feeds them a report, they return readable difference lines (none when all agree).
 */
import type { Certificate, CertificationVerdict, ConformanceReport, ResultStatus } from '../../src/model';

/** One case as the expectation file records it, and as a run is reduced to for comparison. */
export interface CaseOutcome {
  status: ResultStatus;
  /** The HTTP status Prism answered with; in an expectation, absent means "not compared". */
  received?: number;
  /** Ids of the checks with error violations, sorted. */
  failingChecks: string[];
}

export interface CaseExpectation extends CaseOutcome {
  /** Why Prism does (not) honour this case, for a reviewer. */
  why: string;
}

/** One operation of the certificate: its level and the verdict of each family it has cases of. */
export interface OperationExpectation {
  why: string;
  level: Certificate['level'];
  families: Record<string, { verdict: CertificationVerdict; why: string }>;
}

/**
 * The certificate as expected: its level, then per operation (keyed by operationId). The aggregate
 * families are not recorded: they follow from the operations' (certify's own tests pin that down).
 */
export interface CertificateExpectation {
  why: string;
  level: Certificate['level'];
  operations: Record<string, OperationExpectation>;
}

export interface PrismExpectation {
  $comment: string;
  target: string;
  prismVersion: string;
  /** The CLI's exit code against Prism. */
  exitCode: number;
  /** The suite's environment for the run (fixed ids, so case ids are stable); scripts/certify-prism.sh reads it too. */
  env: Record<string, string>;
  cases: Record<string, CaseExpectation>;
  /** Compared only when the run wrote reports/certificate.json. */
  certificate: CertificateExpectation;
}

/** A report reduced to what is compared, keyed by case id. */
export function observedOutcomes(report: ConformanceReport): Record<string, CaseOutcome> {
  const outcomes: Record<string, CaseOutcome> = {};
  for (const result of report.results) {
    const failingChecks = [...new Set(result.violations.filter((v) => v.severity === 'error').map((v) => v.check))].sort();
    outcomes[result.id] = { status: result.status, ...(result.receivedStatus !== undefined ? { received: result.receivedStatus } : {}), failingChecks };
  }
  return outcomes;
}

function outcomeText(outcome: CaseOutcome | undefined): string {
  if (outcome === undefined) return 'not run';
  const checks = outcome.failingChecks.length > 0 ? ` failing [${outcome.failingChecks.join(', ')}]` : '';
  const received = outcome.received !== undefined ? ` (received ${outcome.received})` : '';
  return `${outcome.status}${checks}${received}`;
}

/** An expectation without `received` leaves it open (a property-based case may fail on varying inputs). */
function sameOutcome(want: CaseOutcome, got: CaseOutcome): boolean {
  const received = want.received === undefined || want.received === got.received;
  return want.status === got.status && received && want.failingChecks.join() === got.failingChecks.join();
}

/** One line per case whose outcome differs, plus cases that appeared or disappeared. */
export function diffCases(expected: Record<string, CaseExpectation>, observed: Record<string, CaseOutcome>): string[] {
  const lines: string[] = [];
  const ids = [...new Set([...Object.keys(expected), ...Object.keys(observed)])].sort();
  for (const id of ids) {
    const want = expected[id];
    const got = observed[id];
    if (want === undefined && got !== undefined) {
      lines.push(`+ ${id}: not in the expectation; observed ${outcomeText(got)}. Add: ${JSON.stringify({ [id]: { ...got, why: '…' } })}`);
    } else if (want !== undefined && got === undefined) {
      lines.push(`- ${id}: expected ${outcomeText(want)}, but the run has no such case`);
    } else if (want !== undefined && got !== undefined && !sameOutcome(want, got)) {
      lines.push(`~ ${id}: expected ${outcomeText(want)}, observed ${outcomeText(got)}  (why it was expected: ${want.why})`);
    }
  }
  return lines;
}

type OperationCertificate = Certificate['operations'][number];

/** One operation's level and family verdicts against its expectation; `where` names it in each line. */
function diffOperation(where: string, expected: OperationExpectation, got: OperationCertificate): string[] {
  const lines: string[] = [];
  if (got.level !== expected.level) lines.push(`~ ${where} level: expected ${expected.level}, observed ${got.level}  (why: ${expected.why})`);
  const observed = new Map(got.families.map((f) => [f.family, f] as const));
  const families = [...new Set([...Object.keys(expected.families), ...observed.keys()])].sort();
  for (const family of families) {
    const want = expected.families[family];
    const seen = observed.get(family);
    const counts = seen === undefined ? '' : ` (${seen.passed} passed, ${seen.failed} failed, ${seen.skipped} skipped)`;
    if (want === undefined) lines.push(`+ ${where} family ${family}: not in the expectation; observed ${seen?.verdict ?? '?'}${counts}`);
    else if (seen === undefined) lines.push(`- ${where} family ${family}: expected ${want.verdict}, absent from certificate.json`);
    else if (seen.verdict !== want.verdict) lines.push(`~ ${where} family ${family}: expected ${want.verdict}, observed ${seen.verdict}${counts}  (why: ${want.why})`);
  }
  return lines;
}

/** The level, then each operation's level and family verdicts, of a written certificate against the expectation. */
export function diffCertificate(expected: CertificateExpectation, certificate: Certificate): string[] {
  const lines: string[] = [];
  if (certificate.level !== expected.level) lines.push(`~ certificate level: expected ${expected.level}, observed ${certificate.level}  (why: ${expected.why})`);
  const observed = new Map(certificate.operations.map((op) => [op.operationId, op] as const));
  for (const operationId of [...new Set([...Object.keys(expected.operations), ...observed.keys()])].sort()) {
    const want = expected.operations[operationId];
    const got = observed.get(operationId);
    const where = `certificate ${operationId}`;
    if (want === undefined) lines.push(`+ ${where}: not in the expectation; observed ${got?.level ?? '?'}`);
    else if (got === undefined) lines.push(`- ${where}: expected ${want.level}, absent from certificate.json`);
    else lines.push(...diffOperation(where, want, got));
  }
  return lines;
}

/** The message a failing test prints: what differs, and what to do about it. */
export function formatDiff(lines: string[], expectationFile: string): string {
  return [
    `Prism's behaviour differs from ${expectationFile}:`,
    ...lines.map((line) => `  ${line}`),
    'Legend: ~ changed, + new in this run, - missing from this run.',
    'If Prism or the suite changed on purpose, update the file (with a "why" per case); otherwise this is a regression.',
  ].join('\n');
}
