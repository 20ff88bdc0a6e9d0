/**
 * What one answer showed of its operation's contract: a pure function of the status, the parsed
 * body and the coverage contract. Only the contract's own names are stored (status keys, site keys,
 * allowed values); a value outside an enum is counted, never kept, so a hostile body cannot grow
 * a report. A body no check walked (not JSON, cut at the size bound, too complex) is not walked here.
 */
import type { CoverageObservation, HttpResponse, OperationContract, OperationCoverageContract } from '../model';
import { findDocumentedResponse } from '../openapi/find-documented-response';
import { parseJsonBody } from '../checks/support/parsed-body';
import { isRecord } from '../openapi/is-record';
import { exampleKey, siteKey } from './contract-sites';
import { sameDocumentedWording } from '../text/comparable-message';

/** An observation of nothing: the identity of mergeObservations. */
export function emptyObservation(operationId: string): CoverageObservation {
  return { operationId, exchanges: 0, statuses: [], examples: [], enums: {}, optional: {} };
}

/**
 * The values at a readable path: "sync.history.status", with "[]" for every item of an array.
 * (A property name holding "." or "[]" would be misread; no documented schema has one.)
 */
export function valuesAt(value: unknown, path: string): unknown[] {
  if (path === '') return [value];
  let current: unknown[] = [value];
  for (const segment of path.split('.')) {
    const each = segment.endsWith('[]');
    const key = each ? segment.slice(0, -2) : segment;
    const next: unknown[] = [];
    for (const item of current) {
      const child = key === '' ? item : isRecord(item) && Object.prototype.hasOwnProperty.call(item, key) ? item[key] : undefined;
      if (child === undefined) continue;
      if (!each) next.push(child);
      else if (Array.isArray(child)) next.push(...(child as unknown[]));
    }
    current = next;
  }
  return current;
}

function parentAndKey(path: string): { parent: string; key: string } {
  const cut = path.lastIndexOf('.');
  return cut < 0 ? { parent: '', key: path } : { parent: path.slice(0, cut), key: path.slice(cut + 1) };
}

function walkBody(body: unknown, status: string, contract: OperationCoverageContract, into: CoverageObservation): void {
  for (const site of contract.enums.filter((s) => s.status === status)) {
    const key = siteKey(site);
    for (const value of valuesAt(body, site.path)) {
      if (value === null) continue; // nullability is the optional figure's; a null where none is allowed is response-schema's
      const text = typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? JSON.stringify(value) : undefined;
      if (text !== undefined && site.allowed.includes(text)) {
        const seen = (into.enums[key] ??= []);
        if (!seen.includes(text)) seen.push(text);
      } else {
        into.outside = { ...into.outside, [key]: (into.outside?.[key] ?? 0) + 1 };
      }
    }
  }
  for (const site of contract.optional.filter((s) => s.status === status)) {
    const { parent, key } = parentAndKey(site.path);
    const counts = (into.optional[siteKey(site)] ??= { present: 0, absent: 0, null: 0 });
    for (const holder of valuesAt(body, parent)) {
      if (!isRecord(holder)) continue;
      if (!Object.prototype.hasOwnProperty.call(holder, key)) counts.absent += 1;
      else if (holder[key] === null) counts.null += 1;
      else counts.present += 1;
    }
  }
  if (!isRecord(body) || typeof body['code'] !== 'string') return;
  const { code, message } = body;
  for (const example of contract.errorExamples.filter((e) => e.status === status)) {
    // An example kept with its message (its code shared by others) is told apart by the message
    // alone, under any code: the Error schema's code is any string, and error-message-documented
    // passes a documented message under a code of the server's own, so coverage counts it as seen.
    const worded = example.message !== undefined && typeof message === 'string' && sameDocumentedWording(example.message, message);
    const matches = example.message === undefined ? example.code === code : worded;
    if (matches && !into.examples.includes(exampleKey(example))) into.examples.push(exampleKey(example));
  }
}

/**
 * What one answer of `operation` shows.
 * An exchange with no response (transport error, timeout) shows nothing and is not counted.
 */
export function observeExchange(response: HttpResponse | undefined, operation: OperationContract): CoverageObservation {
  const into = emptyObservation(operation.operationId);
  const contract = operation.coverage;
  if (response === undefined || contract === undefined) return into;
  into.exchanges += 1;
  const documented = findDocumentedResponse(operation, response.status);
  if (documented === undefined) {
    into.undocumented = (into.undocumented ?? 0) + 1;
    return into;
  }
  if (!into.statuses.includes(documented.status)) into.statuses.push(documented.status);
  const parsed = parseJsonBody(response);
  if (!parsed.ok) {
    // An empty body where none is documented is complete; anything else was not walked.
    if (!(parsed.reason === 'empty' && documented.mediaTypes.length === 0)) into.unwalked = (into.unwalked ?? 0) + 1;
    return into;
  }
  walkBody(parsed.value, documented.status, contract, into);
  return into;
}
