/** Extracts the contract of operations from a loaded OpenAPI document, found by operationId. */
import { SpecError } from '../model/errors';
import { isSafeMethod, type HttpMethod, type LoadedSpec, type OperationContract } from '../model/operation';
import { toDocumentedResponse } from './documented-response';
import { isRecord } from './is-record';
import { appendPointer } from './json-pointer';
import { deref } from './resolve-ref';

/** The operation keys of a path item (OpenAPI 3.0 §4.7.9), in the order they are listed there. */
const METHODS: readonly HttpMethod[] = ['GET', 'PUT', 'POST', 'DELETE', 'OPTIONS', 'HEAD', 'PATCH'];

/** Where an operation sits in the document. */
interface Located {
  method: HttpMethod;
  pathTemplate: string;
  operation: Record<string, unknown>;
  pathItem: Record<string, unknown>;
}

/** Every operation of the document, in document order, with its operationId. */
function locateEach(spec: LoadedSpec): [string, Located][] {
  const found: [string, Located][] = [];
  const paths = spec.document['paths'];
  if (!isRecord(paths)) return found;
  for (const [pathTemplate, raw] of Object.entries(paths)) {
    const pathItem = deref(spec, raw, appendPointer('#/paths', pathTemplate));
    if (!isRecord(pathItem)) continue;
    for (const method of METHODS) {
      const operation = pathItem[method.toLowerCase()];
      if (!isRecord(operation) || typeof operation['operationId'] !== 'string') continue;
      found.push([operation['operationId'], { method, pathTemplate, operation, pathItem }]);
    }
  }
  return found;
}

/** Every operation of the document by operationId (the first one wins: ids must be unique, OpenAPI 3.0 §4.7.10). */
function locateAll(spec: LoadedSpec): Map<string, Located> {
  const found = new Map<string, Located>();
  for (const [id, located] of locateEach(spec)) if (!found.has(id)) found.set(id, located);
  return found;
}

/**
 * Refuses an id of `operationIds` that two operations share (a path item copied and not renamed):
 * the first would be taken, and the other said missing by its old id, not by the cause.
 */
function refuseSharedOperationIds(spec: LoadedSpec, operationIds: readonly string[]): void {
  const asked = new Set(operationIds);
  const labels = new Map<string, string[]>();
  for (const [id, { method, pathTemplate }] of locateEach(spec)) if (asked.has(id)) labels.set(id, [...(labels.get(id) ?? []), `${method} ${pathTemplate}`]);
  for (const [id, where] of labels) {
    if (where.length > 1) throw new SpecError(`${spec.path}: operationId "${id}" is given to ${where.length} operations (${where.join(', ')}): each must be unique, and the suite finds an operation by it`);
  }
}

/**
 * Words a caller puts before "it has:" when an id is missing: a guess at the name meant ("did you
 * mean getWhatsappSyncState? ", loadContract's; the text layer's, which this one may not import), or none.
 */
export type NameGuess = (operationId: string, known: readonly string[]) => string;

/**
 * What follows an id the document lacks, wherever it is said (the spec's refusal, a data row naming
 * it: registry/checked-contract.ts): "(did you mean …? it has: …)", the ids it has, the first 12 of a long list.
 */
export function lackedIdHint(operationId: string, known: readonly string[], guess: NameGuess): string {
  const hint = known.length <= 12 ? known.join(', ') : `${known.slice(0, 12).join(', ')}, … (${known.length} in all)`;
  return `(${guess(operationId, known)}it has: ${hint || 'none'})`;
}

/** An id the document lacks, with the ids it has. */
function notFound(spec: LoadedSpec, operationId: string, known: readonly string[], guess: NameGuess): SpecError {
  return new SpecError(`${spec.path}: no operation with operationId "${operationId}" ${lackedIdHint(operationId, known, guess)}`, undefined, operationId);
}

/** Every operationId of the document, in document order (the Jest matchers know them all). */
export function allOperationIds(spec: LoadedSpec): string[] {
  return [...locateAll(spec).keys()];
}

/** Names of the `{…}` parameters of a path template, in order. */
export function pathParametersOf(pathTemplate: string): string[] {
  return [...pathTemplate.matchAll(/\{([^{}]+)\}/g)].map((match) => match[1] ?? '');
}

/**
 * The contracts of `operationIds`, in that order: documented responses in spec order, with
 * response, example and parameter `$ref`s followed. In the order of their causes: an id two
 * operations share first (it is why another reads as missing), then an id the document lacks
 * (with `guess`'s words: loadContract names the likely new name of a renamed one), then a broken
 * operation. The one place the shared ids are refused, so a caller never refuses them again.
 *
 * @throws SpecError (one line) naming the spec when an id is absent (listing the ids it has) or
 *   shared by two operations, a path parameter is not declared, or a `$ref` dangles.
 */
export function getOperations(spec: LoadedSpec, operationIds: readonly string[], guess: NameGuess = () => ''): OperationContract[] {
  refuseSharedOperationIds(spec, operationIds);
  const all = locateAll(spec);
  const absent = operationIds.find((operationId) => !all.has(operationId));
  if (absent !== undefined) throw notFound(spec, absent, [...all.keys()], guess);
  return operationIds.flatMap((operationId) => {
    const located = all.get(operationId);
    return located === undefined ? [] : [toContract(spec, operationId, located)];
  });
}

function toContract(spec: LoadedSpec, operationId: string, { method, pathTemplate, operation, pathItem }: Located): OperationContract {
  const label = `${method} ${pathTemplate}`;
  const pathWhere = appendPointer('#/paths', pathTemplate);
  const where = appendPointer(pathWhere, method.toLowerCase());
  const declared = [
    ...parameterNames(spec, pathItem['parameters'], appendPointer(pathWhere, 'parameters')),
    ...parameterNames(spec, operation['parameters'], appendPointer(where, 'parameters')),
  ];
  const pathParameters = pathParametersOf(pathTemplate);
  const undeclared = pathParameters.find((name) => !declared.includes(name));
  if (undeclared !== undefined) throw new SpecError(`${spec.path}: ${label} has path parameter {${undeclared}} but no parameter declares it (${where}/parameters)`);
  const responses = operation['responses'];
  if (!isRecord(responses)) throw new SpecError(`${spec.path}: ${label} documents no responses`);
  const responsesWhere = appendPointer(where, 'responses');
  return {
    operationId,
    method,
    pathTemplate,
    pathParameters,
    writes: !isSafeMethod(method),
    label,
    responses: Object.entries(responses).map(([status, raw]) => toDocumentedResponse(spec, status, raw, appendPointer(responsesWhere, status))),
  };
}

/** Names of the path parameters declared at `where`; a dangling `$ref` or a nameless parameter is a broken spec. */
function parameterNames(spec: LoadedSpec, parameters: unknown, where: string): string[] {
  if (!Array.isArray(parameters)) return [];
  return parameters.flatMap((raw, index) => {
    const at = appendPointer(where, index);
    const parameter = deref(spec, raw, at);
    if (!isRecord(parameter) || typeof parameter['name'] !== 'string' || typeof parameter['in'] !== 'string') {
      throw new SpecError(`${spec.path}: parameter at ${at} has no name/in`);
    }
    return parameter['in'] === 'path' ? [parameter['name']] : [];
  });
}
