/** Follows local `$ref`s ("#/components/...") inside a loaded OpenAPI document. */
import { SpecError } from '../model/errors';
import type { LoadedSpec } from '../model/operation';
import { isRecord } from './is-record';
import { getAtPointer, parsePointer } from './json-pointer';

// A chain longer than this is a cycle (a → b → a) or a spec nobody should be writing.
const MAX_HOPS = 32;

/**
 * Returns value with any `$ref` chain followed to its target. `where` names the referring
 * location (a JSON Pointer) for the one-line SpecError raised on a dangling or external ref.
 */
export function deref(spec: LoadedSpec, value: unknown, where: string): unknown {
  let node = value;
  for (let hops = 0; isRecord(node) && typeof node['$ref'] === 'string'; hops += 1) {
    const ref = node['$ref'];
    if (hops >= MAX_HOPS) throw new SpecError(`${spec.path}: $ref cycle at ${where} (${ref})`);
    node = resolveLocalRef(spec, ref, where);
  }
  return node;
}

/** The target of one local `$ref` (one hop: a caller that names where a value was found follows a chain itself); external documents are not supported by this suite. */
export function resolveLocalRef(spec: LoadedSpec, ref: string, where: string): unknown {
  if (!ref.startsWith('#')) {
    throw new SpecError(`${spec.path}: external $ref "${ref}" at ${where} is not supported (only "#/..." refs)`);
  }
  let target: unknown;
  try {
    target = getAtPointer(spec.document, parsePointer(ref));
  } catch {
    target = undefined;
  }
  if (target === undefined) throw new SpecError(`${spec.path}: $ref "${ref}" at ${where} points to nothing`);
  return target;
}
