/**
 * A fingerprint of what a run judges an operation's answers by: its documented responses (statuses,
 * media types, examples, body schema) and every component schema that schema reaches. A recording
 * keeps the fingerprints of the operations its cases sent to, so a replay can tell which recorded
 * answers it now judges against a contract that changed since (src/runner/replay-notes.ts).
 *
 * Of the contract as loaded, not of the spec file's bytes: a comment, a reformatting, the
 * description of the API or a change to another operation changes no fingerprint here, where a
 * new required property, a status removed or an example's message reworded does.
 */
import { createHash } from 'node:crypto';
import type { OperationContract } from '../model';
import { canonicalJson } from '../text/canonical-json';

/** The component names a converted schema refers to (`{"$ref": "Name.json"}` or `"Name.json#/…"`). */
function referredNames(schema: unknown, into: Set<string>): void {
  if (Array.isArray(schema)) {
    for (const item of schema) referredNames(item, into);
    return;
  }
  if (schema === null || typeof schema !== 'object') return;
  for (const [key, value] of Object.entries(schema as Record<string, unknown>)) {
    if (key === '$ref' && typeof value === 'string') {
      const name = /^([^#/]+)\.json(?:#.*)?$/.exec(value)?.[1];
      if (name !== undefined) into.add(name);
    } else referredNames(value, into);
  }
}

/** The component schemas an operation's bodies are judged by, its own and those they reach, by name. */
function reachedSchemas(operation: OperationContract, schemas: Readonly<Record<string, object>>): Record<string, unknown> {
  const names = new Set(operation.responses.flatMap((r) => (r.schemaName === undefined ? [] : [r.schemaName])));
  // A null-prototype map, and own keys only: a component named "constructor" or "toString" is not
  // already reached because every object has a member of that name, and "__proto__" is a key.
  const reached: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  // Bounded: each name is visited once, and there are as many as the spec has components.
  const queue = [...names];
  for (let name = queue.shift(); name !== undefined; name = queue.shift()) {
    if (Object.hasOwn(reached, name) || !Object.hasOwn(schemas, name)) continue;
    const schema = schemas[name];
    reached[name] = schema;
    const next = new Set<string>();
    referredNames(schema, next);
    queue.push(...[...next].filter((n) => !Object.hasOwn(reached, n)));
  }
  return reached;
}

/** sha256 (hex) of an operation's judged contract; what coverage counts of it is derived, so left out. */
export function operationDigest(operation: OperationContract, schemas: Readonly<Record<string, object>>): string {
  const { operationId, method, pathTemplate, responses } = operation;
  const text = canonicalJson({ operationId, method, pathTemplate, responses, schemas: reachedSchemas(operation, schemas) });
  return createHash('sha256').update(text).digest('hex');
}

/** The fingerprint of each operation, by operationId. */
export function operationDigests(operations: readonly OperationContract[], schemas: Readonly<Record<string, object>>): Record<string, string> {
  return Object.fromEntries(operations.map((o) => [o.operationId, operationDigest(o, schemas)]));
}
