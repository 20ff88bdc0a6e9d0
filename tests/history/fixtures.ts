/** History records for tests: a night of one target, its cases' statuses given in one string. */
import type { ResultStatus } from '../../src/model';
import { HISTORY_FORMAT_VERSION, type HistoryRecord } from '../../src/history/history-record';

const BY_CHAR: Readonly<Record<string, ResultStatus>> = { '.': 'passed', F: 'failed', E: 'error', '~': 'flaky', s: 'skipped' };

export const TARGET = 'https://api.zavu.example';
export const OTHER_TARGET = 'https://staging.zavu.example';

/** The ISO start of night `n` (day n of December 2026, 02:00 UTC). */
export function nightOf(n: number): string {
  return `2026-11-${String(n).padStart(2, '0')}T02:00:00.000Z`;
}

/**
 * A run on night `n` whose case i has the status of `statuses[i]` ('.' passed, F failed, E error,
 * ~ flaky, s skipped; '-' leaves the case out), case ids a, b, c, …; latency `ms` per case;
 * `writes`: a write run (runInfo.allowWrites).
 */
export function night(n: number, statuses: string, options: { target?: string; ms?: number; coverage?: unknown; budget?: number; writes?: boolean } = {}): HistoryRecord {
  const cases = [...statuses].flatMap((char, i) => {
    const status = BY_CHAR[char];
    if (status === undefined) return [];
    const failing = status === 'failed' || status === 'error' || status === 'flaky';
    return [{ id: `op/${String.fromCharCode(97 + i)}`, status, checks: failing ? ['status-code-expected'] : [], durationMs: (options.ms ?? 10) + i }];
  });
  const count = (s: ResultStatus): number => cases.filter((c) => c.status === s).length;
  return {
    v: HISTORY_FORMAT_VERSION,
    run: {
      target: options.target ?? TARGET,
      mode: 'live',
      specSha256: 'a'.repeat(64),
      suiteVersion: '0.2.0',
      startedAt: nightOf(n),
      finishedAt: nightOf(n).replace('02:00:00', '02:01:00'),
      ...(options.budget !== undefined ? { latencyBudgetMs: options.budget } : {}),
      ...(options.writes === true ? { allowWrites: true as const } : {}),
    },
    summary: { passed: count('passed'), failed: count('failed'), skipped: count('skipped'), errors: count('error'), flaky: count('flaky'), total: cases.length },
    latency: { samples: cases.length, p50: options.ms ?? 10, p95: (options.ms ?? 10) * 2, p99: (options.ms ?? 10) * 2, max: (options.ms ?? 10) * 3 },
    cases,
    ...(options.coverage !== undefined ? { coverage: options.coverage } : {}),
  };
}

/** The store's text for these records (unknown: tests also store broken ones). */
export function storeText(records: readonly unknown[]): string {
  return records.map((r) => `${JSON.stringify(r)}\n`).join('');
}
