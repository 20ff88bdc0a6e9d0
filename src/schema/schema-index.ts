/** Where each schema object lives, so errors and `$ref`s can be traced back to a component file. */
import { isRecord } from '../openapi/is-record';
import { appendPointer, getAtPointer, parsePointer } from '../openapi/json-pointer';
import type { JsonSchema } from './json-schema';

/** Lookups over a set of registered component schemas, keyed by their `$id`. */
export interface SchemaIndex {
  /** "X.json#/properties/y" for an object inside component X; undefined for foreign objects. */
  locationOf(schemaObject: object): string | undefined;
  /** The schema a `$ref` such as "X.json" or "X.json#/properties/y" points to. */
  resolve(ref: string): JsonSchema | undefined;
}

/** Indexes schemas (id → schema); every nested object is located by identity, first owner wins. */
export function indexSchemas(byId: ReadonlyMap<string, JsonSchema>): SchemaIndex {
  const locations = new WeakMap<object, string>();
  const visit = (node: unknown, location: string): void => {
    if (typeof node !== 'object' || node === null || locations.has(node)) return;
    locations.set(node, location);
    const entries: [string, unknown][] = Array.isArray(node) ? node.map((v, i) => [String(i), v]) : Object.entries(node);
    for (const [key, value] of entries) visit(value, appendPointer(location, key));
  };
  for (const [id, schema] of byId) visit(schema, `${id}#`);
  return {
    locationOf: (schemaObject) => locations.get(schemaObject),
    resolve(ref) {
      const hash = ref.indexOf('#');
      const root = byId.get(hash === -1 ? ref : ref.slice(0, hash));
      if (root === undefined || hash === -1) return root;
      let target: unknown;
      try {
        target = getAtPointer(root, parsePointer(ref.slice(hash)));
      } catch {
        return undefined;
      }
      return isRecord(target) ? target : undefined;
    },
  };
}
