/**
 * Where an operation's contract requires a request body, if it does. The suite sends none (a
 * scenario carries no body), so such an operation cannot be certified: every case would go out
 * empty and a conformant server's refusal of it be judged the server's fault.
 */
import type { LoadedSpec, OperationContract } from '../model/operation';
import { SpecError } from '../model/errors';
import { isRecord } from './is-record';
import { appendPointer } from './json-pointer';
import { resolveLocalRef } from './resolve-ref';

// As deref's bound: a longer chain is a cycle.
const MAX_HOPS = 32;

/**
 * The JSON Pointer of the `required: true` that makes `operation`'s request body required (in the
 * requestBodies component a `$ref` names, when it is one), or undefined when the operation takes no
 * body or an optional one (a bodiless request is then one the contract allows).
 */
export function requiredRequestBody(spec: LoadedSpec, operation: Pick<OperationContract, 'method' | 'pathTemplate'>): string | undefined {
  const paths = spec.document['paths'];
  // The path item may itself be a $ref (operation.ts follows it): its operation is then read there.
  const item = follow(spec, isRecord(paths) ? paths[operation.pathTemplate] : undefined, appendPointer('#/paths', operation.pathTemplate));
  const method = operation.method.toLowerCase();
  const found = isRecord(item.node) ? item.node[method] : undefined;
  const body = follow(spec, isRecord(found) ? found['requestBody'] : undefined, appendPointer(appendPointer(item.at, method), 'requestBody'));
  return isRecord(body.node) && body.node['required'] === true ? appendPointer(body.at, 'required') : undefined;
}

/** `value` with its `$ref` chain followed, and the pointer of where it was found (its last `$ref`). */
function follow(spec: LoadedSpec, value: unknown, where: string): { node: unknown; at: string } {
  let node = value;
  let at = where;
  for (let hops = 0; isRecord(node) && typeof node['$ref'] === 'string'; hops += 1) {
    if (hops >= MAX_HOPS) throw new SpecError(`${spec.path}: $ref cycle at ${where} (${node['$ref']})`);
    const ref = node['$ref'];
    node = resolveLocalRef(spec, ref, at);
    at = ref;
  }
  return { node, at };
}
