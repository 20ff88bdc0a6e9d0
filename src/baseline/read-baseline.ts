/**
 * Reads the --baseline file: an earlier conformance.json, possibly written by an older suite
 * (before operation ids, before flaky counts). Only what a baseline diff needs is required of it,
 * so last month's nightly report stays comparable after an upgrade; schemas/baseline.schema.json
 * says what that is.
 */
import * as path from 'node:path';
import { cachedValidator, type CachedValidate } from '../cache/cached-validator';
import { readJsonFile } from '../files/read-json-file';
import type { Attempt, CaseResult, OmittedViolations, RunInfo, StepResult, Violation } from '../model';
import { UsageError } from '../model/errors';
import { firstSchemaError } from '../report/report-schema';
import { unreadableReportLine, type UnreadableAdvice } from '../report/read-report';

/** Absolute path of schemas/baseline.schema.json (two levels up from src/baseline and dist/baseline). */
export const BASELINE_SCHEMA_PATH = path.resolve(__dirname, '..', '..', 'schemas', 'baseline.schema.json');

/** One case of a baseline: what the diff compares (status, latency) and what maps a legacy id (operation). */
export interface BaselineResult extends Pick<CaseResult, 'id' | 'operation' | 'family' | 'fuzzed' | 'status' | 'durationMs' | 'latency' | 'receivedStatus' | 'latencyLeftOut' | 'skipReason'> {
  /** Absent in a report from before operation ids. */
  operationId?: string;
  /** With --repeat; a sequence's attempts list their exchanges (absent in reports from before). */
  attempts?: Pick<Attempt, 'status' | 'durationMs' | 'exchangesMs'>[];
  /** A sequence's steps: run once, its latency samples are their exchanges (those the target served, by their statuses). */
  steps?: Pick<StepResult, 'id' | 'status' | 'durationMs' | 'notSent' | 'receivedStatus' | 'receivedStatuses'>[];
  /**
   * What a known failure is compared by (failure-faults.ts): check, severity and place. Absent in
   * a report that does not list them; a failure then cannot be shown to be the same one.
   */
  violations?: Pick<Violation, 'check' | 'severity' | 'instancePath' | 'step'>[];
  /**
   * Violations only counted. An error omission's `places` (absent from an older suite's) say where
   * each of them was; without them, or with `placesCut`, the baseline's list of the case was cut.
   */
  omittedViolations?: Pick<OmittedViolations, 'check' | 'severity' | 'instancePath' | 'step' | 'places' | 'placesCut'>[];
}

/**
 * What a diff reads of an earlier report. Any ConformanceReport is one; so is a report from before
 * operation ids, whose case ids have no "operationId/" prefix (see legacy-ids.ts).
 */
export interface BaselineReport {
  /** specSha256, suiteVersion, suiteBuild, casesSha256, mode and allowWrites: unknown until checked (baseline-diff.ts), as a hand-made baseline may lack them or hold anything. */
  runInfo: Pick<RunInfo, 'target' | 'startedAt'> & { specSha256?: unknown; suiteVersion?: unknown; suiteBuild?: unknown; casesSha256?: unknown; mode?: unknown; allowWrites?: unknown };
  results: BaselineResult[];
}

let compiled: CachedValidate | undefined;

/** What to do with a baseline this build cannot read: a newer suite's is diffed by that suite, any other replaced by a report of this build. */
const BASELINE_ADVICE: UnreadableAdvice = {
  newer: (version) => `diff against it with zavu-conformance ${version}`,
  other: 'take the baseline from a run of this build (its conformance.json, as written)',
};

/** What another report of a run is (its certificate.json), by its top-level shape; undefined for anything else. */
function otherReport(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const keys = Object.keys(value);
  if (['level', 'families', 'specSha256'].every((key) => keys.includes(key)) && !keys.includes('runInfo')) return 'a certificate (certificate.json)';
  return undefined;
}

/** Reads and checks the --baseline file: UsageError (exit 2), one line naming the file (and `label`, where it was given), when missing or invalid; the file its `path`. */
export function readBaseline(file: string, label = '--baseline'): BaselineReport {
  const value = readJsonFile(file, label, 'a conformance.json');
  compiled ??= cachedValidator('baseline-schema', BASELINE_SCHEMA_PATH, 'fast');
  if (!compiled(value)) {
    // The report a reviewer reads first, beside the one the diff needs: say which one that is.
    const other = otherReport(value);
    if (other !== undefined) throw new UsageError(`${label} ${file}: ${other}, not a conformance report: --baseline takes the conformance.json written beside it`, { path: file });
    // Named by the version that wrote it, as a merge names a shard it cannot read.
    throw new UsageError(unreadableReportLine(`${label} ${file}`, value, firstSchemaError(compiled), BASELINE_ADVICE), { path: file });
  }
  return value as BaselineReport;
}
