/**
 * Observations combine by union: of the statuses, examples and enum values seen, and by sum of the
 * counts. Steps of a sequence, repeats of a case, the cases of an operation and the shards of a
 * run all combine this way, in any order.
 */
import type { CoverageObservation, OptionalCounts } from '../model';
import { emptyObservation } from './observe-exchange';

function union(a: readonly string[], b: readonly string[]): string[] {
  return [...new Set([...a, ...b])];
}

/**
 * A table keyed as an observation's enums, outside and optional are, without a prototype. A shard's
 * report read back by `merge` hands its cases' observations in as parsed JSON, keys free: in a plain
 * object "constructor" is Object's own function (taken for a list of values seen, it crashed the
 * merge: "a is not iterable"; for counts, they were added onto Object itself) and "__proto__" set the
 * table's prototype (the key went missing). Built in one, handed back as `plain` data.
 */
function table<T>(): Record<string, T> {
  return Object.create(null) as Record<string, T>;
}

/**
 * A table as plain data, as JSON.parse makes it: each key an own property ("__proto__" too,
 * Object.fromEntries defines rather than sets). The observation reaches code as it is (the report
 * runConformance resolves to): without a prototype it was "[Object: null prototype]" in a log, not
 * deep-strict-equal to its conformance.json read back, and had no hasOwnProperty to call.
 */
function plain<T>(table: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(table));
}

function addCounts(a: Readonly<Record<string, number>> | undefined, b: Readonly<Record<string, number>> | undefined): Record<string, number> | undefined {
  if (a === undefined && b === undefined) return undefined;
  const out = table<number>();
  for (const [key, n] of [...Object.entries(a ?? {}), ...Object.entries(b ?? {})]) out[key] = (out[key] ?? 0) + n;
  return plain(out);
}

/** `a` and `b` of one operation as one observation; neither is changed. */
export function mergeObservations(a: CoverageObservation, b: CoverageObservation): CoverageObservation {
  const enums = table<string[]>();
  for (const [key, seen] of [...Object.entries(a.enums), ...Object.entries(b.enums)]) enums[key] = union(enums[key] ?? [], seen);
  const optional = table<OptionalCounts>();
  for (const [key, counts] of [...Object.entries(a.optional), ...Object.entries(b.optional)]) {
    const into = (optional[key] ??= { present: 0, absent: 0, null: 0 });
    into.present += counts.present;
    into.absent += counts.absent;
    into.null += counts.null;
  }
  const outside = addCounts(a.outside, b.outside);
  const undocumented = (a.undocumented ?? 0) + (b.undocumented ?? 0);
  const unwalked = (a.unwalked ?? 0) + (b.unwalked ?? 0);
  return {
    operationId: a.operationId,
    exchanges: a.exchanges + b.exchanges,
    statuses: union(a.statuses, b.statuses),
    ...(undocumented > 0 ? { undocumented } : {}),
    examples: union(a.examples, b.examples),
    enums: plain(enums),
    ...(outside !== undefined ? { outside } : {}),
    optional: plain(optional),
    ...(unwalked > 0 ? { unwalked } : {}),
  };
}

/** Every observation in `lists`, one per operation, in first-seen order. */
export function mergeObservationLists(lists: readonly (readonly CoverageObservation[] | undefined)[]): CoverageObservation[] {
  const byOperation = new Map<string, CoverageObservation>();
  for (const observation of lists.flatMap((list) => list ?? [])) {
    byOperation.set(observation.operationId, mergeObservations(byOperation.get(observation.operationId) ?? emptyObservation(observation.operationId), observation));
  }
  return [...byOperation.values()];
}
