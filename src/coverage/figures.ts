/** The four coverage figures, from per-operation coverage: shared by a run and by the history window. */
import type { CoverageFigure, CoverageTotals, EnumCoverage, OperationCoverage } from '../model';

export function figure(seen: number, total: number): CoverageFigure {
  // Rounded down: 99.95 % must not read as 100 %.
  return { seen, total, percent: total === 0 ? 100 : Math.floor((seen * 1000) / total) / 10 };
}

/** Enum definitions over every operation: the values of one enum count once however many answers carry it. */
export function enumDefinitions(operations: readonly OperationCoverage[]): EnumCoverage[] {
  const byDefinition = new Map<string, EnumCoverage>();
  for (const op of operations) {
    for (const site of op.enums) {
      const entry = byDefinition.get(site.definition) ?? { definition: site.definition, allowed: [], seen: [], outside: 0, sites: [] };
      entry.allowed = [...new Set([...entry.allowed, ...site.allowed])];
      entry.seen = [...new Set([...entry.seen, ...site.seen])];
      entry.outside += site.outside;
      entry.sites.push(`${op.operationId} ${site.status} ${site.path}`);
      byDefinition.set(site.definition, entry);
    }
  }
  return [...byDefinition.values()].map((e) => ({ ...e, seen: e.allowed.filter((v) => e.seen.includes(v)) }));
}

/** States an optional property can be seen in (present, absent, and null when nullable), and how many were. */
function optionalStates(op: OperationCoverage): { seen: number; total: number } {
  let seen = 0;
  let total = 0;
  for (const site of op.optional) {
    total += site.nullable ? 3 : 2;
    seen += (site.present > 0 ? 1 : 0) + (site.absent > 0 ? 1 : 0) + (site.nullable && site.null > 0 ? 1 : 0);
  }
  return { seen, total };
}

export function totalsOf(operations: readonly OperationCoverage[], enums: readonly EnumCoverage[]): CoverageTotals {
  const sum = (pick: (op: OperationCoverage) => { seen: number; total: number }) =>
    operations.map(pick).reduce((a, b) => ({ seen: a.seen + b.seen, total: a.total + b.total }), { seen: 0, total: 0 });
  const statuses = sum((op) => ({ seen: op.statuses.seen.length, total: op.statuses.documented.length }));
  const errors = sum((op) => ({ seen: op.errorExamples.matched.length, total: op.errorExamples.documented.length }));
  const optional = sum(optionalStates);
  return {
    statuses: figure(statuses.seen, statuses.total),
    errors: figure(errors.seen, errors.total),
    enums: figure(enums.reduce((n, e) => n + e.seen.length, 0), enums.reduce((n, e) => n + e.allowed.length, 0)),
    optional: figure(optional.seen, optional.total),
  };
}
