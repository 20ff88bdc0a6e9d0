/**
 * Coverage over a history window: this run's coverage and the `coverage` values earlier runs
 * stored. An item counts as seen when any run of the window saw it; what is documented is what
 * this run's contract documents. Earlier values come from a file: anything malformed is ignored,
 * and only names this run's contract documents are taken from them, so nothing read is echoed.
 */
import type { CoverageReport, CoverageWindow, OperationCoverage, StoredCoverage } from '../model';
import { isRecord } from '../openapi/is-record';
import { shownJsonText } from '../text/plain-text';
import { exampleKey, siteKey } from './contract-sites';
import { enumDefinitions, totalsOf } from './figures';

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

function count(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : 0;
}

function records(value: unknown): Record<string, unknown>[] {
  return Array.isArray(value) ? value.filter(isRecord) : [];
}

/**
 * The part of a run's coverage a history record keeps: what was seen, by site, and nothing the
 * contract documents (accumulateCoverage reads exactly these fields back, and takes the documented
 * universe from the current run). About a third of the report's coverage on the shipped contract.
 */
export function storedCoverage(report: CoverageReport): StoredCoverage {
  return {
    operations: report.operations.map((op) => ({
      operationId: op.operationId,
      statuses: { seen: op.statuses.seen },
      errorExamples: { matched: op.errorExamples.matched },
      enums: op.enums.filter((e) => e.seen.length > 0).map((e) => ({ status: e.status, path: e.path, seen: e.seen })),
      optional: op.optional.filter((o) => o.present + o.absent + o.null > 0).map((o) => ({ status: o.status, path: o.path, present: o.present, absent: o.absent, null: o.null })),
    })),
  };
}

/** An earlier value is used when it is shaped like a coverage report (an `operations` list). */
function isCoverageLike(value: unknown): value is Record<string, unknown> & { operations: unknown[] } {
  return isRecord(value) && Array.isArray(value['operations']);
}

/** Adds what `earlier` (one operation of an earlier run, unchecked) saw to `into`, within what `into` documents. */
function addEarlier(into: OperationCoverage, earlier: Record<string, unknown>): void {
  const statuses = isRecord(earlier['statuses']) ? strings(earlier['statuses']['seen']) : [];
  into.statuses.seen = into.statuses.documented.filter((s) => into.statuses.seen.includes(s) || statuses.includes(s));
  const matched = isRecord(earlier['errorExamples']) ? strings(earlier['errorExamples']['matched']) : [];
  into.errorExamples.matched = into.errorExamples.documented.map(exampleKey).filter((k) => into.errorExamples.matched.includes(k) || matched.includes(k));
  const enums = new Map(records(earlier['enums']).map((e) => [siteKey({ status: String(e['status']), path: String(e['path']) }), strings(e['seen'])] as const));
  for (const site of into.enums) {
    const seen = enums.get(siteKey(site)) ?? [];
    site.seen = site.allowed.filter((v) => site.seen.includes(v) || seen.includes(v));
  }
  const optional = new Map(records(earlier['optional']).map((o) => [siteKey({ status: String(o['status']), path: String(o['path']) }), o] as const));
  for (const site of into.optional) {
    const o = optional.get(siteKey(site));
    if (o === undefined) continue;
    site.present += count(o['present']);
    site.absent += count(o['absent']);
    site.null += count(o['null']);
  }
}

/** Readable names of what no run of the window saw: enum values first (the states live data rarely shows), then statuses, then error examples. */
function neverSeen(operations: readonly OperationCoverage[]): string[] {
  const out: string[] = [];
  for (const e of enumDefinitions(operations)) {
    const path = e.sites[0]?.split(' ').slice(2).join(' ') ?? e.definition;
    for (const value of e.allowed.filter((v) => !e.seen.includes(v))) out.push(`${path}: ${shownJsonText(value)}`);
  }
  for (const op of operations) {
    for (const s of op.statuses.documented.filter((s) => !op.statuses.seen.includes(s))) out.push(`${op.operationId}: status ${s}`);
  }
  for (const op of operations) {
    for (const e of op.errorExamples.documented.filter((e) => !op.errorExamples.matched.includes(exampleKey(e)))) out.push(`${op.operationId}: error example ${e.name} (${e.status})`);
  }
  return out;
}


/**
 * The coverage accumulated over `current` and `earlier` (the history window's stored `coverage`
 * values, oldest first or in any order): pure, nothing is changed.
 */
export function accumulateCoverage(current: CoverageReport, earlier: readonly unknown[]): CoverageWindow {
  const operations = structuredClone(current.operations);
  const valid = earlier.filter(isCoverageLike);
  for (const run of valid) {
    const byId = new Map(records(run.operations).map((op) => [op['operationId'], op] as const));
    for (const op of operations) {
      const found = byId.get(op.operationId);
      if (found !== undefined) addEarlier(op, found);
    }
  }
  return { runs: valid.length + 1, totals: totalsOf(operations, enumDefinitions(operations)), neverSeen: neverSeen(operations) };
}
