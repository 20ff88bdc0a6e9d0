/** Extracts the contract of one operation from a loaded OpenAPI document. */
import { SpecError } from '../model/errors';
import type { LoadedSpec, OperationContract } from '../model/operation';
import { toDocumentedResponse } from './documented-response';
import { isRecord } from './is-record';
import { appendPointer } from './json-pointer';
import { deref } from './resolve-ref';

/**
 * The contract of `method pathTemplate`: its documented responses in spec order, with response,
 * example and parameter `$ref`s followed.
 *
 * @throws SpecError (one line) when the path or the method is absent, or a `$ref` dangles.
 */
export function getOperation(spec: LoadedSpec, method: 'GET', pathTemplate: string): OperationContract {
  const label = `${method} ${pathTemplate}`;
  const paths = spec.document['paths'];
  const pathWhere = appendPointer('#/paths', pathTemplate);
  const pathItem = isRecord(paths) ? deref(spec, paths[pathTemplate], pathWhere) : undefined;
  if (!isRecord(pathItem)) throw new SpecError(`${spec.path}: no path "${pathTemplate}" in paths`);
  const key = method.toLowerCase();
  const operation = pathItem[key];
  if (!isRecord(operation)) throw new SpecError(`${spec.path}: path "${pathTemplate}" has no ${method} operation`);
  const where = appendPointer(pathWhere, key);
  // OperationContract carries no parameters, but a dangling parameter $ref is still a broken
  // spec, and better reported now than half-way through a run.
  checkParameters(spec, pathItem['parameters'], appendPointer(pathWhere, 'parameters'));
  checkParameters(spec, operation['parameters'], appendPointer(where, 'parameters'));
  const responses = operation['responses'];
  if (!isRecord(responses)) throw new SpecError(`${spec.path}: ${label} documents no responses`);
  const responsesWhere = appendPointer(where, 'responses');
  return {
    operationId: typeof operation['operationId'] === 'string' ? operation['operationId'] : label,
    method,
    pathTemplate,
    label,
    responses: Object.entries(responses).map(([status, raw]) =>
      toDocumentedResponse(spec, status, raw, appendPointer(responsesWhere, status)),
    ),
  };
}

function checkParameters(spec: LoadedSpec, parameters: unknown, where: string): void {
  if (!Array.isArray(parameters)) return;
  parameters.forEach((raw, index) => {
    const at = appendPointer(where, index);
    const parameter = deref(spec, raw, at);
    if (!isRecord(parameter) || typeof parameter['name'] !== 'string' || typeof parameter['in'] !== 'string') {
      throw new SpecError(`${spec.path}: parameter at ${at} has no name/in`);
    }
  });
}
