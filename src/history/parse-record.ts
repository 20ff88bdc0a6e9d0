/**
 * Checks one parsed line of the store against the record shape. Hand-written rather than a JSON
 * Schema: reading a 365-run store is on the start-up path of every run, and these few checks cost
 * less than compiling a validator. What a reader relies on is checked; extra fields are allowed.
 */
import { SHA256_HEX } from '../text/canonical-json';
import { isSuiteBuild } from '../package-root';
import type { ResultStatus } from '../model';
import { ALL_OPERATIONS, HISTORY_FORMAT_VERSION, STOP_REASON_CHARS, type HistoryRecord } from './history-record';
import { remarksProblem } from './night-remarks';

const STATUSES: readonly ResultStatus[] = ['passed', 'failed', 'skipped', 'error', 'flaky'];
const MODES = ['live', 'record', 'replay'];

/** Why a line is not a record, or which version it has when it is one this suite cannot read. */
export type ParsedRecord = { record: HistoryRecord } | { problem: string } | { newerVersion: number };

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * An ISO 8601 date-time as runs write it (toISOString), with an offset or Z. Date.parse alone is
 * lenient ("2026-11-30 03:00", text around a date): such a value would pass here and then fail the
 * report's schema after every request was sent, or reach a report as written.
 */
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

export function isTime(value: unknown): value is string {
  return typeof value === 'string' && ISO_TIME.test(value) && Number.isFinite(Date.parse(value));
}

function isCount(value: unknown): boolean {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0;
}

function isMs(value: unknown): boolean {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0;
}

function latencyProblem(value: unknown, where: string): string | undefined {
  if (value === undefined) return undefined;
  if (!isObject(value) || !['samples', 'p50', 'p95', 'p99', 'max'].every((k) => isMs(value[k]))) return `${where} must be {samples, p50, p95, p99, max} in ms`;
  return undefined;
}

/**
 * An operationId of a recorded filter as its folder names it (operations/<operationId>,
 * scenarios.schema.json's pattern), at most a file name's 255 characters.
 */
const OPERATION_ID = /^[A-Za-z][A-Za-z0-9_-]{0,254}$/;

/**
 * Absent in records from before it (read by inference, history-window.ts); present, the window rule
 * trusts it, so of a run's form only: operationIds as their folders name them, each once, no more
 * than `maxCases` (a hand-edited list of a million names is refused, not walked).
 */
function isOperationFilter(value: unknown, maxCases: number): boolean {
  if (value === ALL_OPERATIONS) return true;
  if (!Array.isArray(value) || value.length === 0 || value.length > maxCases) return false;
  return value.every((id) => typeof id === 'string' && OPERATION_ID.test(id)) && new Set(value).size === value.length;
}

function runProblem(run: unknown, maxCases: number): string | undefined {
  if (run === undefined) return 'run is missing (every line of the store is one run: {"v":1,"run":{…},"cases":[…]})';
  if (!isObject(run)) return 'run must be an object';
  for (const key of ['target', 'specSha256', 'suiteVersion']) if (typeof run[key] !== 'string') return `run.${key} must be a string`;
  if (!MODES.includes(run['mode'] as string)) return 'run.mode must be live, record or replay';
  // Absent in records from before it; present, it is compared with other nights' (a night's contract), so a suite's form only.
  if (run['casesSha256'] !== undefined && (typeof run['casesSha256'] !== 'string' || !SHA256_HEX.test(run['casesSha256']))) return 'run.casesSha256 must be a sha256 in lower-case hex';
  // Absent in records from before it, and on a read-only run: true only, as a run writes it.
  if (run['allowWrites'] !== undefined && run['allowWrites'] !== true) return 'run.allowWrites must be true when present (a write run)';
  if (run['suiteBuild'] !== undefined && !isSuiteBuild(run['suiteBuild'])) return 'run.suiteBuild must be 12 lower-case hex (a build of the suite)';
  if (!isTime(run['startedAt']) || !isTime(run['finishedAt'])) return 'run.startedAt and run.finishedAt must be ISO times';
  if (run['operationFilter'] !== undefined && !isOperationFilter(run['operationFilter'], maxCases)) return `run.operationFilter must be "${ALL_OPERATIONS}" or a list of distinct operationIds (the run's --operation: at most ${maxCases}, each letters, digits, _ or -, at most 255 characters)`;
  if (run['shards'] !== undefined && !isCount(run['shards'])) return 'run.shards must be a whole number';
  if (run['latencyBudgetMs'] !== undefined && !isMs(run['latencyBudgetMs'])) return 'run.latencyBudgetMs must be a number of ms';
  return undefined;
}

function caseProblem(entry: unknown, i: number): string | undefined {
  const where = `cases[${i}]`;
  if (!isObject(entry)) return `${where} must be an object`;
  if (typeof entry['id'] !== 'string') return `${where}.id must be a string`;
  if (!STATUSES.includes(entry['status'] as ResultStatus)) return `${where}.status must be one of ${STATUSES.join(', ')}`;
  const checks = entry['checks'];
  if (!Array.isArray(checks) || !checks.every((c) => typeof c === 'string')) return `${where}.checks must be a list of check ids`;
  if (!isMs(entry['durationMs'])) return `${where}.durationMs must be a number of ms`;
  // Absent in records from before exchanges were left out of latency.
  if (entry['leftOut'] !== undefined && !isCount(entry['leftOut'])) return `${where}.leftOut must be a whole number`;
  return latencyProblem(entry['latency'], `${where}.latency`);
}

/** The counts must be whole numbers that add up: the figures derived from them are rates. */
function summaryProblem(summary: unknown): string | undefined {
  const parts = ['passed', 'failed', 'skipped', 'errors', 'flaky'] as const;
  if (!isObject(summary) || ![...parts, 'total'].every((k) => isCount(summary[k]))) return 'summary must hold the counts passed, failed, skipped, errors, flaky, total';
  const sum = parts.reduce((total, k) => total + (summary[k] as number), 0);
  return sum === summary['total'] ? undefined : 'summary.total must be the sum of passed, failed, skipped, errors and flaky';
}

/**
 * A night stopped before judging: a one-line reason and the exit code, and nothing judged (counts
 * 0, no cases or latency), so no figure could take it for a pass or a fail. Older stores have no
 * such records; a record without `stopped` is checked as before.
 */
function stoppedProblem(value: Json): string | undefined {
  const stopped = value['stopped'];
  if (stopped === undefined) return undefined;
  if (!isObject(stopped)) return 'stopped must be {reason, exitCode}';
  const reason = stopped['reason'];
  if (typeof reason !== 'string' || reason.length > STOP_REASON_CHARS || /[\r\n]/.test(reason)) return `stopped.reason must be one line of at most ${STOP_REASON_CHARS} characters`;
  const code = stopped['exitCode'];
  if (!isCount(code) || (code as number) < 1 || (code as number) > 255) return 'stopped.exitCode must be a whole number from 1 to 255';
  // Absent in records from before it: a night that started and did not finish (unfinished-night.ts).
  if (stopped['unfinished'] !== undefined && stopped['unfinished'] !== true) return 'stopped.unfinished must be true when present';
  const summary = value['summary'] as Json;
  const cases = value['cases'] as unknown[];
  if (summary['total'] !== 0 || cases.length > 0 || value['latency'] !== undefined) return 'a stopped run judged nothing: its summary counts must be 0, with no cases and no latency';
  return undefined;
}

/** `value` (one parsed line) as a record, or what is wrong with it; `maxCases` bounds a record. */
export function parseRecord(value: unknown, maxCases: number): ParsedRecord {
  if (!isObject(value)) return { problem: 'not a history record (expected a JSON object)' };
  const v = value['v'];
  if (!isCount(v) || v === 0) return { problem: 'not a history record (no format version "v")' };
  if ((v as number) > HISTORY_FORMAT_VERSION) return { newerVersion: v as number };
  const problem =
    runProblem(value['run'], maxCases) ??
    summaryProblem(value['summary']) ??
    latencyProblem(value['latency'], 'latency') ??
    (Array.isArray(value['cases']) ? undefined : 'cases must be a list') ??
    ((value['cases'] as unknown[]).length > maxCases ? `more than ${maxCases} cases in one run` : undefined) ??
    (value['cases'] as unknown[]).reduce<string | undefined>((found, entry, i) => found ?? caseProblem(entry, i), undefined) ??
    stoppedProblem(value) ??
    remarksProblem(value);
  return problem === undefined ? { record: value as unknown as HistoryRecord } : { problem };
}
