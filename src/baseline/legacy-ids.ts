/**
 * Baselines taken before operations had ids still diff: their case ids ("no-waba") lack the
 * "operationId/" prefix of today's ("getWhatsAppSyncStatus/no-waba"). Each result of such a report
 * names its operation by label ("GET /v1/senders/{senderId}/whatsapp-sync"), and labels are unique
 * per operation, so the label finds the operation of this run the case belongs to.
 */
import type { RunInfo } from '../model';
import type { BaselineResult } from './read-baseline';

/** The baseline's results with today's ids, and how many were mapped from a legacy id. */
export interface CurrentIds {
  results: BaselineResult[];
  mapped: number;
}

/** True for an id written before operation ids: today's always start with "operationId/". */
export function isLegacyId(id: string): boolean {
  return !id.includes('/');
}

/**
 * Maps every legacy id to `<operationId>/<id>`, the operation being the one of `operations` (this
 * run's) with the result's label. A legacy result whose label matches no operation of this run (or,
 * against the contract, several) keeps its id: the diff then lists it as missing, which is true.
 */
export function withCurrentIds(results: readonly BaselineResult[], operations: RunInfo['operations']): CurrentIds {
  let mapped = 0;
  const mappedResults = results.map((result) => {
    if (!isLegacyId(result.id)) return result;
    const matches = operations.filter((op) => op.operation === result.operation);
    const match = matches.length === 1 ? matches[0] : undefined;
    if (match === undefined) return result;
    mapped += 1;
    return { ...result, id: `${match.operationId}/${result.id}`, operationId: match.operationId };
  });
  return { results: mappedResults, mapped };
}
