/** Fixtures for the --repeat, baseline and certificate parts of reports: fixed values, valid as built. */
import type { BaselineDiff, CaseResult, Certificate, ConformanceReport, FamilyVerdict, HistoryRun, LatencyStats } from '../../src/model';
import { summarize } from '../../src/report/summarize';
import { FAMILIES, failedResult, readId, result, runInfo, skippedResult, violation } from './fixtures';

export const caseLatency: LatencyStats = { samples: 3, p50: 40, p95: 610, p99: 610, max: 610 };
export const overall: LatencyStats = { samples: 9, p50: 35, p95: 610, p99: 610, max: 610 };

/** Passed twice, then failed once with a 503: the verdict the example describes. */
export const flakyResult: CaseResult = result({
  id: readId('wrong-key'),
  scenario: 'wrong-key',
  family: 'authentication',
  description: 'A well-formed unknown key is 401',
  status: 'flaky',
  expectedStatus: 401,
  receivedStatus: 503,
  durationMs: 40,
  violations: [
    violation({ check: 'status-code-expected', title: 'Unexpected status code', message: 'Received: 503 / Expected: 401', instancePath: '' }),
    { check: 'flaky', severity: 'error', title: 'The verdict differed between repeats', message: 'Received: passed ×2, failed ×1 (503) / Expected: the same verdict on every repeat', instancePath: '' },
  ],
  attempts: [
    { status: 'passed', receivedStatus: 401, durationMs: 30, checks: [] },
    { status: 'passed', receivedStatus: 401, durationMs: 40, checks: [] },
    { status: 'failed', receivedStatus: 503, durationMs: 610, checks: ['status-code-expected', 'not-a-server-error'] },
  ],
  latency: caseLatency,
});

export const baselineDiff: BaselineDiff = {
  baseline: { file: 'nightly/2025-01-01/conformance.json', startedAt: '2025-01-01T03:00:00.000Z', target: 'https://api.zavu.example' },
  newFailures: [readId('unauthenticated'), readId('wrong-key')],
  fixed: [readId('not-found')],
  stillFailing: [],
  newlySkipped: [readId('no-waba')],
  latencyRegressions: [{ id: readId('wrong-key'), baselineP95: 200, p95: 610 }],
};

/** The read operation's families that have cases in regressionReport(). */
const readFamilies: FamilyVerdict[] = [
  { family: 'coexistence', title: 'coexistence senders get their sync status', core: true, verdict: 'certified', passed: 1, failed: 0, notJudged: 0, skipped: 0 },
  { family: 'no-waba', title: 'senders without a WhatsApp Business Account are refused with 400', core: true, verdict: 'not-applicable', passed: 0, failed: 0, notJudged: 0, skipped: 1 },
  { family: 'authentication', title: 'missing and wrong credentials get 401', core: true, verdict: 'failed', passed: 0, failed: 2, notJudged: 0, skipped: 0 },
];

/** certify(regressionReport()), written out: a test checks the two agree. */
export const certificate: Certificate = {
  target: runInfo.target,
  suiteVersion: runInfo.suiteVersion,
  specVersion: runInfo.specVersion,
  specSha256: runInfo.specSha256,
  date: runInfo.finishedAt,
  mode: 'live',
  operations: [
    { operationId: 'getWhatsAppSyncStatus', operation: 'GET /v1/senders/{senderId}/whatsapp-sync', families: readFamilies, level: 'failed' },
    { operationId: 'startWhatsAppHistorySync', operation: 'POST /v1/senders/{senderId}/whatsapp-sync/history', families: [], level: 'partial' },
  ],
  families: FAMILIES.map(({ id, title, core }) => readFamilies.find((f) => f.family === id) ?? { family: id, title, core, verdict: 'not-applicable', passed: 0, failed: 0, notJudged: 0, skipped: 0 }),
  level: 'failed',
};

/** Every new part at once: repeat, budget, a flaky case, latency, baseline and certificate. */
export function regressionReport(): ConformanceReport {
  const results = [result({ latency: { samples: 3, p50: 30, p95: 35, p99: 35, max: 35 }, attempts: [
    { status: 'passed', receivedStatus: 200, durationMs: 30, checks: [] },
    { status: 'passed', receivedStatus: 200, durationMs: 25, checks: [] },
    { status: 'passed', receivedStatus: 200, durationMs: 35, checks: [] },
  ] }), failedResult, flakyResult, skippedResult];
  return {
    runInfo: { ...runInfo, repeat: 3, latencyBudgetMs: 500 },
    summary: summarize(results),
    results,
    latency: overall,
    baseline: baselineDiff,
    certificate,
  };
}

/**
 * regressionReport() with --history, whose baseline (baselineDiff's run) is the last judged run: the
 * night between it and this run was not run (the target down), so the baseline is not last night's.
 */
export function afterNightNotRun(): ConformanceReport {
  const base = regressionReport();
  const runs: HistoryRun[] = [
    { startedAt: baselineDiff.baseline.startedAt, passRate: 1, passed: 4, judged: 4 },
    { startedAt: '2025-01-02T01:00:00.000Z', passRate: null, passed: 0, judged: 0, notRun: { reason: 'target https://api.zavu.example is unreachable', exitCode: 3 } },
    { startedAt: base.runInfo.startedAt, passRate: 0.5, passed: 2, judged: 4 },
  ];
  return { ...base, history: { store: 'h.jsonl', target: 'https://api.zavu.example', window: 30, runs, cases: [] } };
}

/** What every report says of afterNightNotRun()'s baseline. */
export const AFTER_NIGHT_NOT_RUN = 'its run started 2025-01-01 03:00:00 UTC, the last run judged: the night since it was not run';
