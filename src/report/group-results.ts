/**
 * The order every report shows cases in: by operation (run order), then by family (declared
 * order), then as run. One function decides it, so the console, HTML, Markdown and junit.xml list
 * the same case in the same place.
 */
import type { CaseResult, ConformanceReport } from '../model';

/** The cases of one family within one operation. */
export interface FamilyGroup {
  family: string;
  /** From runInfo.families; the id itself for a family the run did not declare. */
  title: string;
  results: CaseResult[];
}

/** One operation's cases, family by family. */
export interface OperationGroup {
  operationId: string;
  /** The label, e.g. "GET /v1/senders/{senderId}/whatsapp-sync". */
  operation: string;
  families: FamilyGroup[];
  /** Every case of the operation, in display order (the families' results one after another). */
  results: CaseResult[];
}

/** Position of `key` in `order`, unknown keys after every known one in first-seen order. */
function rank(order: string[], key: string): number {
  if (!order.includes(key)) order.push(key);
  return order.indexOf(key);
}

/**
 * The report's results grouped by operation, then family. Every operation of runInfo.operations is
 * there, even with no case (a shard's report, a filter), so a reader sees what this run did not
 * cover; a result of an operation runInfo does not list gets a group after them.
 */
export function groupResults(report: Pick<ConformanceReport, 'runInfo' | 'results'>): OperationGroup[] {
  const operationOrder = report.runInfo.operations.map((op) => op.operationId);
  const familyOrder = report.runInfo.families.map((f) => f.id);
  const groups = report.runInfo.operations.map((op): OperationGroup => ({ operationId: op.operationId, operation: op.operation, families: [], results: [] }));
  for (const result of report.results) {
    const at = rank(operationOrder, result.operationId);
    let group = groups[at];
    if (group === undefined) {
      group = { operationId: result.operationId, operation: result.operation, families: [], results: [] };
      groups[at] = group;
    }
    let family = group.families.find((f) => f.family === result.family);
    if (family === undefined) {
      family = { family: result.family, title: report.runInfo.families.find((f) => f.id === result.family)?.title ?? result.family, results: [] };
      group.families.push(family);
    }
    family.results.push(result);
  }
  for (const group of groups) {
    group.families.sort((a, b) => rank(familyOrder, a.family) - rank(familyOrder, b.family));
    group.results = group.families.flatMap((f) => f.results);
  }
  return groups;
}

/** Every result in display order: what a flat list (failures, warnings, latency) iterates. */
export function inDisplayOrder(report: Pick<ConformanceReport, 'runInfo' | 'results'>): CaseResult[] {
  return groupResults(report).flatMap((group) => group.results);
}

/** "coexistence[snd_a]" for "getWhatsAppSyncStatus/coexistence[snd_a]": the id within its operation. */
export function caseIdWithin(result: Pick<CaseResult, 'id' | 'operationId'>): string {
  const prefix = `${result.operationId}/`;
  return result.id.startsWith(prefix) ? result.id.slice(prefix.length) : result.id;
}
