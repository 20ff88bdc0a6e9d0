/** Converts every components.schemas entry of an OpenAPI 3.0 document into a standalone JSON Schema. */
import { SpecError } from '../model/errors';
import { isRecord } from '../openapi/is-record';
import { appendPointer } from '../openapi/json-pointer';
import { DRAFT_07, assertComponentName, componentId } from './component-id';
import { convertSchema } from './convert-schema';
import type { JsonSchema } from './json-schema';
import { orderKeywords } from './key-order';

/**
 * One draft-07 schema per component, keyed by component name in sorted order. Each carries
 * `$schema` and `$id: "<Name>.json"`, and refers to the others as "<Other>.json" (see
 * component-id.ts). The result is deterministic for a given document.
 *
 * @param source - the spec file, prefixed to SpecError messages ("<source>: …") when given.
 * @throws SpecError when components.schemas is missing or a schema cannot be converted.
 */
export function convertComponents(document: Record<string, unknown>, source?: string): Record<string, JsonSchema> {
  try {
    return convertAll(document);
  } catch (error) {
    if (source !== undefined && error instanceof SpecError) throw new SpecError(`${source}: ${error.message}`);
    throw error;
  }
}

/** The component a schema is only an alias of (`{ $ref: "#/components/schemas/X" }`), if it is one. */
function aliasOf(schema: unknown): string | undefined {
  if (!isRecord(schema) || typeof schema['$ref'] !== 'string') return undefined;
  return /^#\/components\/schemas\/([^/]+)$/.exec(schema['$ref'])?.[1];
}

/**
 * Components that are aliases of each other in a ring (A: $ref B, B: $ref A) name no schema at
 * all: a validator would recurse until the stack ran out, on every body of such a status. A ring
 * with structure in it (a tree whose node lists nodes) is a schema, and fine.
 */
function assertNoAliasCycle(schemas: Record<string, unknown>): void {
  for (const start of Object.keys(schemas).sort()) {
    const chain = [start];
    for (let name = aliasOf(schemas[start]); name !== undefined; name = aliasOf(schemas[name])) {
      if (chain.includes(name)) throw new SpecError(`components.schemas.${start}: $ref cycle ${[...chain, name].join(' → ')}: it names no schema`);
      chain.push(name);
    }
  }
}

function convertAll(document: Record<string, unknown>): Record<string, JsonSchema> {
  const components = document['components'];
  const schemas = isRecord(components) ? components['schemas'] : undefined;
  if (!isRecord(schemas)) throw new SpecError('missing components.schemas');
  assertNoAliasCycle(schemas);
  const result: Record<string, JsonSchema> = {};
  // Sorted names: the output must not depend on the order the document lists them in.
  for (const name of Object.keys(schemas).sort()) {
    assertComponentName(name);
    const schema = convertSchema(schemas[name], appendPointer('#/components/schemas', name));
    result[name] = orderKeywords({ ...schema, $schema: DRAFT_07, $id: componentId(name) });
  }
  return result;
}
